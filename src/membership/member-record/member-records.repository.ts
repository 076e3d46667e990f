import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { applyScope, type RecordScope } from '../../access/record-scope.js';
import { likePrefix } from '../../common/sql/escape-like.js';
import { foldText } from '../../common/text/vietnamese-text.js';
import type { MemberStatus } from '../status/member-status.js';
import { Unit } from '../unit/unit.entity.js';
import { MemberRecord } from './member-record.entity.js';

export interface MemberRecordFilter {
  organization: string;
  /** Folded-name words (each must start a word of the name) or an exact Mã hồ sơ. */
  search?: string | null;
  /** When the search is a phone number or an ID number (digits only): the number, and the ID's keyed hash. */
  searchPhone?: string | null;
  searchIdHash?: Buffer | null;
  /** Path prefix of a unit: the unit and its subtree. */
  unitPath?: string | null;
  /** Current commune codes; with `enteredCode`, also unsettled records that carry that old code. */
  communeCodes?: string[] | null;
  enteredCode?: string | null;
  status?: MemberStatus | null;
  scope: RecordScope;
}

/**
 * SQL for listing member records. Sorted as Vietnamese rosters are, by given name (tên), then
 * the full name; keyset pagination on (given name, full name, id).
 */
@Injectable()
export class MemberRecordsRepository {
  constructor(private readonly db: DataSource) {}

  private filtered(f: MemberRecordFilter): SelectQueryBuilder<MemberRecord> {
    const qb = this.db
      .getRepository(MemberRecord)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.unit', 'u')
      .where('r.organization_code = :org', { org: f.organization })
      .andWhere('r.erased_at IS NULL');
    applyScope(qb, f.scope);
    const search = f.search?.trim();
    if (search) {
      // A name has no digits: a number typed is a Mã hồ sơ, a phone or an ID number, each an index lookup.
      // Each word typed starts a word of the name: prefix terms on the word index (migration 1763700000031).
      const words = /^[\d\s.+()-]+$/.test(search) ? [] : (foldText(search).match(/[a-z0-9]+/g) ?? []);
      qb.setParameter('words', words.map((w) => `${w}:*`).join(' & '));
      const byName = words.length ? `to_tsvector('simple', r.name_folded) @@ to_tsquery('simple', :words)` : null;
      const or = [byName, 'r.external_id = :exact'];
      if (f.searchPhone) or.push('r.phone = :phone');
      if (f.searchIdHash) or.push('r.id_number_hash = :idHash');
      qb.andWhere(`(${or.filter(Boolean).join(' OR ')})`, { exact: search, phone: f.searchPhone, idHash: f.searchIdHash });
    }
    if (f.unitPath) qb.andWhere(`u.path LIKE :path`, { path: likePrefix(f.unitPath) });
    if (f.communeCodes) {
      qb.andWhere(
        f.enteredCode
          ? '(r.commune_code = ANY(:communes) OR (r.commune_code IS NULL AND r.commune_entered_code = :entered))'
          : 'r.commune_code = ANY(:communes)',
        { communes: f.communeCodes, entered: f.enteredCode },
      );
    }
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    return qb;
  }

  /** A page; the filter's total only `withCount` (a count over a province's records costs more than the page). */
  async page(
    f: MemberRecordFilter,
    first: number,
    after: [string, string, string] | null,
    withCount = true,
  ): Promise<{ totalCount: number | null; rows: MemberRecord[]; hasNextPage: boolean }> {
    // count(*): a record has one unit, so the join cannot repeat it (TypeORM's getCount takes a costly count(DISTINCT id)).
    const totalCount = withCount ? ((await this.filtered(f).select('count(*)::int', 'n').getRawOne<{ n: number }>())?.n ?? 0) : null;
    const qb = this.filtered(f);
    if (after)
      qb.andWhere('(r.given_key, r.name_folded, r.id) > (:afterGiven, :afterName, :afterId)', {
        afterGiven: after[0],
        afterName: after[1],
        afterId: after[2],
      });
    // One plain statement (`take` with a join would cost TypeORM two) and rows made without its hydration.
    const raw = await qb
      .orderBy('r.given_key', 'ASC')
      .addOrderBy('r.name_folded', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(first + 1)
      .getRawMany<Record<string, unknown>>();
    const rows = raw.slice(0, first).map((row) => this.toRecord(row));
    return { totalCount, rows, hasNextPage: raw.length > first };
  }

  /** A raw row (`r_*` the record, `u_*` its unit) as the entity, each value converted as TypeORM would. */
  private toRecord(row: Record<string, unknown>): MemberRecord {
    const record = this.entityOf(MemberRecord, 'r', row);
    record.unit = row.u_id === null ? null : this.entityOf(Unit, 'u', row);
    return record;
  }

  private entityOf<T extends object>(type: new () => T, alias: string, row: Record<string, unknown>): T {
    const driver = this.db.driver;
    const entity = new type() as Record<string, unknown>;
    for (const c of this.db.getMetadata(type).columns)
      if (c.isSelect) entity[c.propertyName] = driver.prepareHydratedValue(row[`${alias}_${c.databaseName}`], c);
    return entity as T;
  }
}
