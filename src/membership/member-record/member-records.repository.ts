import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { applyScope, type RecordScope } from '../../access/record-scope.js';
import { escapeLike, likePrefix } from '../../common/sql/escape-like.js';
import { foldText } from '../../common/text/vietnamese-text.js';
import type { MemberStatus } from '../status/member-status.js';
import { MemberRecord } from './member-record.entity.js';

export interface MemberRecordFilter {
  organization: string;
  /** Folded-name words (each must start a word of the name) or an exact Mã hồ sơ. */
  search?: string | null;
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
      const words = foldText(search).split(' ').filter(Boolean);
      const byName = words.map((w, i) => {
        qb.setParameter(`w${i}`, `%${escapeLike(w)}%`);
        qb.setParameter(`ws${i}`, `% ${escapeLike(w)}%`);
        return `(r.name_folded LIKE :w${i} AND (' ' || r.name_folded) LIKE :ws${i})`;
      });
      qb.andWhere(`((${byName.length ? byName.join(' AND ') : 'false'}) OR r.external_id = :exact)`, { exact: search });
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

  async page(
    f: MemberRecordFilter,
    first: number,
    after: [string, string, string] | null,
  ): Promise<{ totalCount: number; rows: MemberRecord[]; hasNextPage: boolean }> {
    const totalCount = await this.filtered(f).getCount();
    const qb = this.filtered(f);
    if (after)
      qb.andWhere('(r.given_key, r.name_folded, r.id) > (:afterGiven, :afterName, :afterId)', {
        afterGiven: after[0],
        afterName: after[1],
        afterId: after[2],
      });
    const rows = await qb
      .orderBy('r.given_key', 'ASC')
      .addOrderBy('r.name_folded', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .take(first + 1)
      .getMany();
    return { totalCount, rows: rows.slice(0, first), hasNextPage: rows.length > first };
  }
}
