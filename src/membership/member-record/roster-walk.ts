import type { MemberStatus } from '../status/member-status.js';

/**
 * A roster page as index-only walks (issue 19): the records in roster order (given name, full
 * name, id) read from an index that holds the order and what the filters ask — the organization's
 * roster, each unit's, each commune's (migration 1763700000034) — so a page of 50 reads about 50
 * index entries and a search's words are checked on the folded name the index carries, without
 * visiting the table. Pure: the SQL and its parameters; the repository runs them.
 */

/** Where the page's records come from, narrowest first. */
export type RosterSource =
  | { kind: 'units'; unitIds: string[] }
  | { kind: 'communes'; organization: string; communes: string[] }
  | { kind: 'organization'; organization: string };

export interface RosterWalk {
  source: RosterSource;
  /** Folded words, each of which must start a word of the name. */
  words: string[];
  status?: MemberStatus | null;
  /** With a unit source: the commune filter, checked on the unit index's own column. */
  communes?: string[] | null;
  /** The keyset: the last row of the page before. */
  after: [string, string, string] | null;
}

export interface Sql {
  sql: string;
  params: unknown[];
}

const ORDER = 'r.given_key, r.name_folded, r.id';

/** Each word starts a word of the name: the folded name (words of a-z0-9 only) with a space before it. */
function wordsMatch(words: string[], params: unknown[]): string | null {
  return words.length ? words.map((word) => `(' ' || r.name_folded) LIKE $${params.push(`% ${word}%`)}`).join(' AND ') : null;
}

/** The conditions every source shares, in `$n` form after the source's own parameters. */
function conditions(w: RosterWalk, params: unknown[], orCode: string | null = null): string[] {
  const where = ['r.erased_at IS NULL'];
  if (w.status) where.push(`r.status = $${params.push(w.status)}`);
  if (w.source.kind === 'units' && w.communes?.length) where.push(`r.commune_code = ANY($${params.push(w.communes)}::varchar[])`);
  const named = wordsMatch(w.words, params);
  if (named) where.push(orCode ? `(${named} OR r.external_id = $${params.push(orCode)})` : named);
  if (w.after) {
    const [g, n, i] = w.after;
    where.push(`(${ORDER}) > ($${params.push(g)}, $${params.push(n)}, $${params.push(i)}::uuid)`);
  }
  return where;
}

/**
 * The first `limit` ids of the walk, in roster order. A unit or commune source walks each of its
 * indexes in order and merges the heads (each walk stops at `limit`); `budget` caps how many index
 * entries the organization's walk reads (a sparse search is then answered by `searchByWords`).
 */
export function walkSql(w: RosterWalk, limit: number, budget: number | null = null): Sql {
  const params: unknown[] = [];
  const s = w.source;
  if (s.kind === 'organization') {
    const org = `r.organization_code = $${params.push(s.organization)}`;
    if (budget === null || !w.words.length) {
      const where = [org, ...conditions(w, params)];
      return { sql: `SELECT r.id FROM member_record r WHERE ${where.join(' AND ')} ORDER BY ${ORDER} LIMIT ${limit}`, params };
    }
    // The first `budget` entries of the roster, then the words checked on them (the walk aliased `r` again).
    const inner = [org, ...conditions({ ...w, words: [] }, params)];
    return {
      sql: `SELECT r.id FROM (SELECT r.id, r.given_key, r.name_folded FROM member_record r WHERE ${inner.join(' AND ')}
                               ORDER BY ${ORDER} LIMIT ${budget}) r
             WHERE ${wordsMatch(w.words, params)} ORDER BY ${ORDER} LIMIT ${limit}`,
      params,
    };
  }
  const each =
    s.kind === 'units'
      ? `unnest($${params.push(s.unitIds)}::uuid[]) AS s(key)`
      : `unnest($${params.push(s.communes)}::varchar[]) AS s(key)`;
  const head =
    s.kind === 'units' ? ['r.unit_id = s.key'] : [`r.organization_code = $${params.push(s.organization)}`, 'r.commune_code = s.key'];
  const where = [...head, ...conditions(w, params)];
  return {
    sql: `SELECT w.id FROM ${each} CROSS JOIN LATERAL (
            SELECT r.id, r.given_key, r.name_folded FROM member_record r WHERE ${where.join(' AND ')} ORDER BY ${ORDER} LIMIT ${limit}) w
          ORDER BY w.given_key, w.name_folded, w.id LIMIT ${limit}`,
    params,
  };
}

/** The source as plain conditions (no walk): for a count, or one record's lookup. */
function sourceHead(s: RosterSource, params: unknown[]): string[] {
  if (s.kind === 'units') return [`r.unit_id = ANY($${params.push(s.unitIds)}::uuid[])`];
  const org = `r.organization_code = $${params.push(s.organization)}`;
  return s.kind === 'communes' ? [org, `r.commune_code = ANY($${params.push(s.communes)}::varchar[])`] : [org];
}

/** How many records the page's filter holds (and the record of that exact Mã hồ sơ): one index-only count. */
export function countSql(w: RosterWalk, code: string | null = null, upTo: number | null = null): Sql {
  const params: unknown[] = [];
  const where = [...sourceHead(w.source, params), ...conditions({ ...w, after: null }, params, code)];
  const rows = `FROM member_record r WHERE ${where.join(' AND ')}`;
  if (upTo === null) return { sql: `SELECT count(*)::int AS n ${rows}`, params };
  return { sql: `SELECT count(*)::int AS n FROM (SELECT 1 ${rows} LIMIT $${params.push(upTo + 1)}) x`, params };
}

/** The record whose Mã hồ sơ is exactly what was typed, within the walk's source, filters and keyset (a search also finds a code). */
export function exactCodeSql(w: RosterWalk, code: string): Sql {
  const params: unknown[] = [];
  const where = [...sourceHead(w.source, params), ...conditions({ ...w, words: [] }, params)];
  return { sql: `SELECT r.id FROM member_record r WHERE ${where.join(' AND ')} AND r.external_id = $${params.push(code)}`, params };
}

/** The share of records beyond which the word index costs more than walking the roster (a bitmap of ~30,000 rows at 1M). */
export const RARE_SHARE = 0.03;

/** A word commoner than this (thi, van, hoa: a tenth of all names or more) only slows the word index's intersection. */
export const COMMON_SHARE = 0.1;

/** A word this rare is looked up alone: its few rows cost less to read than the other words' index entries. */
export const ALONE_SHARE = 0.002;

/**
 * The words to look up in the word index, as a tsquery, if they narrow enough: a very rare word
 * alone; else every word that is not common, together, when their joint share (as if independent)
 * is rare — the index intersects them, so few rows are read from the table (a word of 1% alone
 * reads ~10,000 rows at 1M: half a second when they are not in memory); else the rarest word alone
 * if it is rare; else null, and the roster is walked. `shares` is each word's estimated share.
 */
export function rareWords(shares: Map<string, number>): string | null {
  const ranked = [...shares].sort((a, b) => a[1] - b[1]);
  if (!ranked.length) return null;
  const [rarest, share] = ranked[0];
  if (share <= ALONE_SHARE) return `${rarest}:*`;
  const narrowing = ranked.filter(([, s]) => s <= COMMON_SHARE);
  const joint = narrowing.reduce((p, [, s]) => p * s, 1);
  if (narrowing.length > 1 && joint <= RARE_SHARE) return narrowing.map(([word]) => `${word}:*`).join(' & ');
  return share <= RARE_SHARE ? `${rarest}:*` : null;
}

/**
 * The organization's records whose name has the rare words (`rareWords`), found through the word
 * index (migration 1763700000031). The organization is asked here too, not only of the rows after:
 * the planner then ANDs the word index's bitmap with the organization's (its Mã hồ sơ index) and
 * reads only that organization's rows from the table — the table reads were the cost (a word of 2 %
 * is ~20,000 rows of the province, 17,000 table pages at 1M; HND's are a third of them, CCB's 3 %).
 */
function byWord(rare: string, organization: string, params: unknown[]): string {
  const found = `to_tsvector('simple', m.name_folded) @@ to_tsquery('simple', $${params.push(rare)})`;
  return `WITH r AS MATERIALIZED (SELECT m.id, m.organization_code, m.external_id, m.erased_at, m.status, m.given_key, m.name_folded
                                   FROM member_record m WHERE ${found} AND m.organization_code = $${params.push(organization)})`;
}

/**
 * An organization's search with rare typed words (`rareWords`), in one pass over the word index's
 * rows (materialized, so the planner cannot trade the word index for a walk of the whole roster):
 * `ids`, the page in roster order when `limit` is given (the walk's budget found too few), and `n`,
 * the count when `count` is given — on those rows instead of a walk of the organization's whole
 * roster (~160 ms for 150,000 records at 1M), plus the record of that exact Mã hồ sơ when its name
 * lacks the words.
 */
export function byWordsSql(
  w: RosterWalk & { source: { kind: 'organization' } },
  rare: string,
  limit: number | null,
  count: { code: string | null; upTo: number | null } | null,
): Sql {
  const params: unknown[] = [];
  const rows = byWord(rare, w.source.organization, params);
  const org = `r.organization_code = $${params.push(w.source.organization)}`;
  const page =
    limit === null
      ? 'NULL::uuid[]'
      : `ARRAY(SELECT r.id FROM r WHERE ${[org, ...conditions(w, params)].join(' AND ')} ORDER BY ${ORDER} LIMIT ${limit})`;
  if (!count) return { sql: `${rows} SELECT NULL::int AS n, ${page} AS ids`, params };
  const named = [org, ...conditions({ ...w, after: null }, params)];
  const capped = count.upTo === null ? '' : ` LIMIT $${params.push(count.upTo + 1)}`;
  let n = `(SELECT count(*)::int FROM (SELECT 1 FROM r WHERE ${named.join(' AND ')}${capped}) x)`;
  if (count.code) {
    const byCode = [org, ...conditions({ ...w, words: [], after: null }, params), `r.external_id = $${params.push(count.code)}`];
    const unnamed = `NOT coalesce(${wordsMatch(w.words, params)}, false)`;
    n += ` + (SELECT count(*)::int FROM member_record r WHERE ${byCode.join(' AND ')} AND ${unnamed})`;
  }
  return { sql: `${rows} SELECT ${n} AS n, ${page} AS ids`, params };
}
