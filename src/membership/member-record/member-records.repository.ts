import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { applyScope, limits, type RecordScope } from '../../access/record-scope.js';
import { FiguresMemo } from '../../common/cache/figures-memo.js';
import { escapeLike, likePrefix } from '../../common/sql/escape-like.js';
import { foldText } from '../../common/text/vietnamese-text.js';
import type { MemberStatus } from '../status/member-status.js';
import { Unit } from '../unit/unit.entity.js';
import { MemberRecord } from './member-record.entity.js';
import { byWordsSql, countSql, exactCodeSql, rareWords, walkSql, type RosterWalk, type Sql } from './roster-walk.js';
import { communeCondition } from './commune-filter.js';

/** The folded words of a search, each of which must start a word of the name. */
const searchWords = (search: string): string[] => foldText(search).match(/[a-z0-9]+/g) ?? [];

/** Roster order (given name, full name, id): the keyset's order. */
const inRosterOrder = <T extends object>(qb: SelectQueryBuilder<T>) =>
  qb.orderBy('r.given_key', 'ASC').addOrderBy('r.name_folded', 'ASC').addOrderBy('r.id', 'ASC');

/**
 * Part of a Mã hồ sơ: one word of at least three characters with a digit in it ("9968" of HPN9996844,
 * "hpn99968"), matched anywhere in the code, any case, by the trigram index (migration 1763700000041).
 */
const codePart = (search: string): string | null => (/^\S{3,}$/.test(search) && /\d/.test(search) ? `%${escapeLike(search)}%` : null);

/** Index entries an organization's search walks in roster order before it asks the word index (a few ms). */
const SEARCH_BUDGET = 4000;

/** How long a word's estimated share is kept, and how many words at most. */
const WORD_SHARE_MS = 10 * 60_000;
const WORD_SHARES_KEPT = 20_000;

export interface MemberRecordFilter {
  organization: string;
  /** Folded-name words (each must start a word of the name), a Mã hồ sơ or part of one (three characters or more, a digit among them). */
  search?: string | null;
  /** When the search is a phone number or an ID number (digits only): the number, and the ID's keyed hash. */
  searchPhone?: string | null;
  searchIdHash?: Buffer | null;
  /** When the search is 3 to 9 digits: the end of a phone number (its mask shows the last 3). */
  searchPhoneTail?: string | null;
  /** Path prefix of a unit: the unit and its subtree. */
  unitPath?: string | null;
  /** Current commune codes; with `enteredCode`, also unsettled records that carry that old code. */
  communeCodes?: string[] | null;
  enteredCode?: string | null;
  status?: MemberStatus | null;
  /** A flag of the last link run (the record's standing in record_person), AO: suspected phantoms, or NOTES: an open Ghi chú suggestion. */
  flag?: string | null;
  scope: RecordScope;
}

/** The roster's filter for the records with a Ghi chú suggestion nobody has taken or dismissed yet (after an import). */
export const OPEN_NOTES = 'NOTES';

/**
 * SQL for listing member records. Sorted as Vietnamese rosters are, by given name (tên), then
 * the full name; keyset pagination on (given name, full name, id).
 */
@Injectable()
export class MemberRecordsRepository {
  /** The planner's estimate of each typed word's share (`wordShares`), and when it was asked. */
  private readonly shares = new Map<string, { share: number; at: number }>();

  constructor(
    private readonly db: DataSource,
    private readonly figures: FiguresMemo,
  ) {}

  private filtered(f: MemberRecordFilter): SelectQueryBuilder<MemberRecord> {
    const qb = this.rowsQuery().where('r.organization_code = :org', { org: f.organization }).andWhere('r.erased_at IS NULL');
    applyScope(qb, f.scope);
    const search = f.search?.trim();
    if (search) {
      // A name has no digits: a number typed is a Mã hồ sơ, a phone or an ID number, each an index lookup.
      // Each word typed starts a word of the name: prefix terms on the word index (migration 1763700000031).
      const words = /^[\d\s.+()-]+$/.test(search) ? [] : searchWords(search);
      qb.setParameter('words', words.map((w) => `${w}:*`).join(' & '));
      const byName = words.length ? `to_tsvector('simple', r.name_folded) @@ to_tsquery('simple', :words)` : null;
      const part = codePart(search);
      const or = [byName, part ? 'r.external_id ILIKE :part' : 'r.external_id = :exact'];
      if (f.searchPhone) or.push('r.phone = :phone');
      if (f.searchIdHash) or.push('r.id_number_hash = :idHash');
      // Reversed, the end of a number is its start: the phone-tail index (migration 1763700000057).
      if (f.searchPhoneTail) or.push(`reverse(r.phone) LIKE :tail`);
      const tail = f.searchPhoneTail ? `${[...f.searchPhoneTail].reverse().join('')}%` : null;
      qb.andWhere(`(${or.filter(Boolean).join(' OR ')})`, { exact: search, part, phone: f.searchPhone, idHash: f.searchIdHash, tail });
    }
    if (f.unitPath) qb.andWhere(`u.path LIKE :path`, { path: likePrefix(f.unitPath) });
    if (f.communeCodes)
      qb.andWhere(communeCondition({ codes: f.communeCodes, enteredCode: f.enteredCode ?? null }, ':communes', ':entered'), {
        communes: f.communeCodes,
        entered: f.enteredCode,
      });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    if (f.flag === OPEN_NOTES) qb.andWhere(`EXISTS (SELECT 1 FROM record_suggestion s WHERE s.record_id = r.id AND s.status = 'OPEN')`);
    else if (f.flag)
      qb.andWhere(
        `EXISTS (SELECT 1 FROM record_person p WHERE p.record_id = r.id AND ${f.flag === 'AO' ? 'p.ao' : ':flag = ANY(p.flags)'})`,
        { flag: f.flag },
      );
    return qb;
  }

  /** A page; the filter's total only `withCount` (a count over a province's records costs more than the page). */
  async page(
    f: MemberRecordFilter,
    first: number,
    after: [string, string, string] | null,
    withCount = true,
    /** Count no further than this (the console's "hơn 10.000"): the total is then countUpTo + 1. */
    countUpTo: number | null = null,
  ): Promise<{ totalCount: number | null; rows: MemberRecord[]; hasNextPage: boolean }> {
    const walk = await this.walkOf(f, after);
    if (!walk) return this.pageByQuery(f, first, after, withCount, countUpTo);
    const limit = first + 1;
    // A search of one word may be a Mã hồ sơ without digits: that record is found too.
    const code = f.search?.trim() && !/\s/.test(f.search.trim()) ? f.search.trim() : null;
    const { ids, totalCount } = await this.idsAndCount(walk, limit, withCount ? { code, upTo: countUpTo } : null);
    if (code) ids.push(...(await this.run(exactCodeSql(walk, code))).map((r) => r.id as string));
    if (!ids.length) return { totalCount, rows: [], hasNextPage: false };
    const raw = await inRosterOrder(this.rowsQuery().where('r.id = ANY(:ids)', { ids: [...new Set(ids)] }))
      .limit(limit)
      .getRawMany<Record<string, unknown>>();
    const rows = raw.slice(0, first).map((row) => this.toRecord(row));
    return { totalCount, rows, hasNextPage: raw.length > first };
  }

  /** count(*): a record has one unit, so the join cannot repeat it (TypeORM's getCount takes a costly count(DISTINCT id)). */
  private async countOf(f: MemberRecordFilter, upTo: number | null): Promise<number> {
    if (upTo === null) return (await this.filtered(f).select('count(*)::int', 'n').getRawOne<{ n: number }>())?.n ?? 0;
    const [sql, params] = this.filtered(f)
      .select('1')
      .limit(upTo + 1)
      .getQueryAndParameters();
    return (await this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${sql}) x`, params))[0].n;
  }

  /**
   * The walk's ids and (when `count` is asked) its count. An organization's search walks a budget of
   * index entries first; when its typed words are rare, the word index gives the count and, if the
   * budget found too few, the page (one pass); else the whole roster is walked (index only).
   */
  private async idsAndCount(
    walk: RosterWalk,
    limit: number,
    count: { code: string | null; upTo: number | null } | null,
  ): Promise<{ ids: string[]; totalCount: number | null }> {
    const ids = async (q: Sql) => (await this.run(q)).map((r) => r.id as string);
    const { source } = walk;
    const counted = async () => {
      if (!count) return null;
      if (source.kind === 'organization' && !walk.words.length && !count.code) {
        const n = await this.organizationCount(source.organization, walk.status ?? null);
        return count.upTo === null ? n : Math.min(n, count.upTo + 1);
      }
      return (await this.run(countSql(walk, count.code, count.upTo)))[0].n as number;
    };
    if (source.kind !== 'organization' || !walk.words.length) return { ids: await ids(walkSql(walk, limit)), totalCount: await counted() };
    const near = await ids(walkSql(walk, limit, SEARCH_BUDGET));
    const dense = near.length === limit;
    const rare = rareWords(await this.wordShares(walk.words));
    if (!rare) return { ids: dense ? near : await ids(walkSql(walk, limit)), totalCount: await counted() };
    if (dense && !count) return { ids: near, totalCount: null };
    const [row] = await this.run(byWordsSql({ ...walk, source }, rare, dense ? null : limit, count));
    return { ids: dense ? near : (row.ids as string[]), totalCount: count ? (row.n as number) : null };
  }

  /**
   * How many records (not erased) an organization has, of one status or all: from its counts by
   * status, counted once (one pass over its roster index, as one count of it would cost: ~0.3 s of
   * CPU for 278,000 records) and kept until a commit changes the records (the figures memo: exact,
   * as a count made now). A whole organization's first page asks it; a unit's or commune's count
   * stays a count of their few index entries.
   */
  private async organizationCount(organization: string, status: MemberStatus | null): Promise<number> {
    const { value } = await this.figures.get(`roster-by-status:${organization}`, async () =>
      this.db.query<{ status: MemberStatus; n: number }[]>(
        `SELECT status, count(*)::int AS n FROM member_record WHERE organization_code = $1 AND erased_at IS NULL GROUP BY status`,
        [organization],
      ),
    );
    return value.reduce((sum, r) => sum + (status === null || r.status === status ? r.n : 0), 0);
  }

  /**
   * Each word's share of the records as the planner estimates it from the word index's statistics
   * (a prefix counts every word it starts; about a millisecond a word). The statistics themselves
   * are not readable by the application's role, the planner's estimate is. An estimate is kept for
   * WORD_SHARE_MS (the statistics change only when the table is analyzed; a stale one changes which
   * path finds the page, never the page): the words people type again cost no round trip.
   */
  private async wordShares(words: string[], now = Date.now()): Promise<Map<string, number>> {
    const shares = new Map<string, number>();
    let total: number | null = null;
    for (const word of words) {
      const kept = this.shares.get(word);
      if (kept && now - kept.at < WORD_SHARE_MS) {
        shares.set(word, kept.share);
        continue;
      }
      total ??= (
        await this.db.query<{ total: number }[]>(
          `SELECT greatest(reltuples, 1)::float AS total FROM pg_class WHERE oid = 'member_record'::regclass`,
        )
      )[0].total;
      const [plan] = await this.db.query<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[]>(
        `EXPLAIN (FORMAT JSON) SELECT 1 FROM member_record WHERE to_tsvector('simple', name_folded) @@ to_tsquery('simple', $1)`,
        [`${word}:*`],
      );
      const share = plan['QUERY PLAN'][0].Plan['Plan Rows'] / total;
      if (this.shares.size >= WORD_SHARES_KEPT) this.shares.clear();
      this.shares.set(word, { share, at: now });
      shares.set(word, share);
    }
    return shares;
  }

  /**
   * The page as index-only walks (roster-walk.ts), or null where the plain query serves: a search
   * with digits (a code, a phone, an ID number: index lookups), unsettled records by an old commune code.
   */
  private async walkOf(f: MemberRecordFilter, after: [string, string, string] | null): Promise<RosterWalk | null> {
    const search = f.search?.trim() ?? '';
    const words = searchWords(search).slice(0, 8);
    if (/\d/.test(search) || (search && !words.length) || f.enteredCode || f.flag) return null;
    const l = limits(f.scope);
    if (l.none || (l.organization !== null && l.organization !== f.organization)) return null;
    const base = { words, status: f.status, after };
    const paths = [f.unitPath, l.pathPrefix].filter((p): p is string => !!p);
    if (paths.length) {
      const params: unknown[] = [f.organization];
      const like = paths.map((p) => `path LIKE $${params.push(likePrefix(p))}`);
      const units = await this.run({ sql: `SELECT id FROM unit WHERE organization_code = $1 AND ${like.join(' AND ')}`, params });
      return { ...base, communes: f.communeCodes, source: { kind: 'units', unitIds: units.map((u) => u.id as string) } };
    }
    if (f.communeCodes) return { ...base, source: { kind: 'communes', organization: f.organization, communes: f.communeCodes } };
    return { ...base, source: { kind: 'organization', organization: f.organization } };
  }

  private run(q: Sql): Promise<Record<string, unknown>[]> {
    return this.db.query<Record<string, unknown>[]>(q.sql, q.params);
  }

  private rowsQuery(): SelectQueryBuilder<MemberRecord> {
    return this.db.getRepository(MemberRecord).createQueryBuilder('r').leftJoinAndSelect('r.unit', 'u');
  }

  /** The page by one query with every filter (searches by number, old commune codes). */
  private async pageByQuery(
    f: MemberRecordFilter,
    first: number,
    after: [string, string, string] | null,
    withCount: boolean,
    countUpTo: number | null,
  ): Promise<{ totalCount: number | null; rows: MemberRecord[]; hasNextPage: boolean }> {
    const totalCount = withCount ? await this.countOf(f, countUpTo) : null;
    const qb = this.filtered(f);
    if (after)
      qb.andWhere('(r.given_key, r.name_folded, r.id) > (:afterGiven, :afterName, :afterId)', {
        afterGiven: after[0],
        afterName: after[1],
        afterId: after[2],
      });
    // One plain statement (`take` with a join would cost TypeORM two) and rows made without its hydration.
    const raw = await inRosterOrder(qb)
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
