import type { QueryRunner } from 'typeorm';
import { copyRows } from '../../common/sql/copy-rows.js';
import { listedTwice, raisedAtEntry } from '../../membership/member-record/double-listing.js';
import { KEEP_DEATHS_ELSEWHERE } from '../../membership/member-record/death-elsewhere.js';
import type { Contribution } from '../model/model.js';
import { rebuildLiveFigures, SUSPEND_MARKING } from './person-figures.js';
import type { PhantomResult } from './phantom-facts.js';
import type { KeptPair } from './score-pairs.js';
import type { Records } from './snapshot.js';

/** A table a linker run writes wholesale: its key and the columns written. */
interface StoredTable {
  table: 'record_person' | 'record_flag' | 'record_link';
  key: string[];
  columns: string[];
}

export const STORED_TABLES: StoredTable[] = [
  { table: 'record_person', key: ['record_id'], columns: ['record_id', 'person_id', 'verified', 'flags', 'ao', 'ao_reasons'] },
  { table: 'record_flag', key: ['record_id', 'code'], columns: ['record_id', 'code', 'severity', 'message', 'evidence'] },
  {
    table: 'record_link',
    key: ['record_a', 'record_b'],
    columns: ['record_a', 'record_b', 'decision', 'probability', 'weight', 'contributions'],
  },
];

export type StoredRows = Record<StoredTable['table'], Iterable<unknown[]>>;

/** What a run found, as the rows of the stored tables. */
export interface LinkResult {
  recs: Records;
  personIds: string[];
  verified: boolean[];
  phantom: PhantomResult;
  kept: KeptPair[];
  /** A kept pair's explanation, computed as its row is written. */
  contributions: (k: KeptPair) => Contribution[];
}

/** The rows of a run's result, streamed: the explanations of a million pairs are never all in memory at once. */
export function storedRows({ recs, personIds, verified, phantom, kept, contributions }: LinkResult): StoredRows {
  return {
    record_person: (function* () {
      for (let i = 0; i < recs.n; i++)
        yield [recs.id[i], personIds[i], verified[i], phantom.flags[i].map((f) => f.code).sort(), phantom.ao[i].length > 0, phantom.ao[i]];
    })(),
    record_flag: (function* () {
      for (let i = 0; i < recs.n; i++)
        for (const f of phantom.flags[i]) yield [recs.id[i], f.code, f.severity, f.message, JSON.stringify(f.evidence)];
    })(),
    record_link: (function* () {
      for (const x of kept)
        yield [recs.id[x.a], recs.id[x.b], x.decision, x.probability, Math.round(x.weight * 100) / 100, JSON.stringify(contributions(x))];
    })(),
  };
}

/**
 * Replaces the last run's result with this run's without making a reader wait: the new rows are
 * copied into temporary tables first, then one short transaction deletes the rows that are gone,
 * updates the rows that changed and inserts the new ones. Only row locks are taken (no TRUNCATE,
 * whose ACCESS EXCLUSIVE lock blocked every reader of persons until the commit): readers see the
 * old result until the commit, then all of the new one. `beforeCommit` is a test's window into
 * the transaction. The person-level figures are rebuilt from the new persons in the same
 * transaction (person-figures.ts).
 */
export async function storeLinkResult(runner: QueryRunner, rows: StoredRows, beforeCommit?: () => Promise<void>): Promise<void> {
  try {
    for (const t of STORED_TABLES) {
      await runner.query(`DROP TABLE IF EXISTS next_${t.table}`);
      await runner.query(`CREATE TEMP TABLE next_${t.table} (LIKE ${t.table} INCLUDING DEFAULTS)`);
      await copyRows(runner, `next_${t.table}`, t.columns, rows[t.table]);
      await runner.query(`ALTER TABLE next_${t.table} ADD PRIMARY KEY (${t.key.join(', ')})`);
      await runner.query(`ANALYZE next_${t.table}`);
    }
    await runner.startTransaction();
    try {
      await runner.query(SUSPEND_MARKING);
      for (const statement of [...KEEP_RAISED_FLAGS, ...KEEP_DEATHS_ELSEWHERE]) await runner.query(statement);
      for (const t of STORED_TABLES) for (const statement of applyStatements(t)) await runner.query(statement);
      await rebuildLiveFigures(runner);
      await beforeCommit?.();
      await runner.commitTransaction();
    } catch (e) {
      await runner.rollbackTransaction();
      throw e;
    }
    // The marks the run emptied (a million after a province's import) are dead rows that every
    // "anything marked?" read walks until autovacuum comes — which a command line never waits for.
    await runner.query(`VACUUM person_figure_dirty`);
  } finally {
    for (const t of STORED_TABLES) await runner.query(`DROP TABLE IF EXISTS next_${t.table}`).catch(() => undefined);
  }
}

/**
 * What the run cannot find again, kept: an erased record's person (below). A flag a person raised by
 * accepting a roster note's suggestion (roster-io's `record_suggestion`) is hers, not the run's: its row is kept as it is and its code stays among the record's flags,
 * whatever the run found. So is an import's flag of a person listed twice, while she still is.
 * Set-based, in the run's transaction (so a decision taken meanwhile waits).
 */
export const KEEP_RAISED_FLAGS = [
  // An erased record (its personal data gone on request) stays the membership it was, counted as the
  // person it was: the run cannot read it any more, so it keeps the person its last link gave it (the
  // erasure's promise that the figures stay as they were; three erased records were three persons after a run).
  `INSERT INTO next_record_person (record_id, person_id, verified, flags, ao, ao_reasons)
   SELECT p.record_id, p.person_id, p.verified, p.flags, p.ao, p.ao_reasons FROM record_person p JOIN member_record r ON r.id = p.record_id
    WHERE r.erased_at IS NOT NULL
   ON CONFLICT (record_id) DO NOTHING`,
  `INSERT INTO next_record_flag (record_id, code, severity, message, evidence)
   SELECT f.record_id, f.code, f.severity, f.message, f.evidence
     FROM record_flag f JOIN record_suggestion s ON s.record_id = f.record_id AND s.flag_code = f.code AND s.status = 'ACCEPTED'
   ON CONFLICT (record_id, code) DO UPDATE SET severity = EXCLUDED.severity, message = EXCLUDED.message, evidence = EXCLUDED.evidence`,
  // A phantom's flag (a death, no longer taking part) is among her reasons to be suspected too, unless called a false alarm.
  `UPDATE next_record_person n SET flags = ARRAY(SELECT DISTINCT c FROM unnest(n.flags || r.codes) AS c ORDER BY c),
          ao_reasons = ARRAY(SELECT DISTINCT c FROM unnest(n.ao_reasons || r.phantom) AS c ORDER BY c), ao = n.ao OR cardinality(r.phantom) > 0
     FROM (SELECT s.record_id, array_agg(s.flag_code::varchar) AS codes,
                  coalesce(array_agg(s.flag_code::varchar) FILTER (WHERE f.severity = 'PHANTOM' AND NOT EXISTS (
                    SELECT 1 FROM flag_resolution x WHERE x.record_id = s.record_id AND x.code = s.flag_code AND x.resolution = 'FALSE_ALARM')), '{}') AS phantom
             FROM record_suggestion s LEFT JOIN next_record_flag f ON f.record_id = s.record_id AND f.code = s.flag_code
            WHERE s.status = 'ACCEPTED' AND s.flag_code IS NOT NULL GROUP BY s.record_id) r
    WHERE r.record_id = n.record_id`,
  // A person listed twice that an import or the form flagged (membership's duplicate-listings.ts) stays flagged while both listings are live.
  `INSERT INTO next_record_flag (record_id, code, severity, message, evidence)
   SELECT f.record_id, f.code, f.severity, f.message, f.evidence FROM record_flag f JOIN member_record r ON r.id = f.record_id
    WHERE f.code = 'DUPLICATE_IN_ORG' AND ${raisedAtEntry('f')} AND ${listedTwice('r')}
      AND NOT EXISTS (SELECT 1 FROM flag_resolution x WHERE x.record_id = f.record_id AND x.code = f.code AND x.resolution = 'FALSE_ALARM')
   ON CONFLICT (record_id, code) DO UPDATE SET severity = EXCLUDED.severity, message = EXCLUDED.message, evidence = EXCLUDED.evidence`,
  `UPDATE next_record_person n SET flags = ARRAY(SELECT DISTINCT c FROM unnest(n.flags || ARRAY['DUPLICATE_IN_ORG'::varchar]) AS c ORDER BY c)
     FROM next_record_flag f
    WHERE f.record_id = n.record_id AND f.code = 'DUPLICATE_IN_ORG' AND ${raisedAtEntry('f')}`,
];

/**
 * Delete what is gone, update what changed, insert what is new (unchanged rows are not touched).
 * The insert leaves the rows already there to its key's index (ON CONFLICT DO NOTHING: a probe each),
 * not to a NOT EXISTS: over a table empty when planned (the first run after a province's import) the
 * planner chose a nested loop whose inner scan read the rows the same insert was adding — quadratic,
 * a first 1M link stuck for hours in this one statement.
 */
export function applyStatements(t: StoredTable): string[] {
  const same = (a: string, b: string) => t.key.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
  const values = t.columns.filter((c) => !t.key.includes(c));
  return [
    `DELETE FROM ${t.table} o WHERE NOT EXISTS (SELECT 1 FROM next_${t.table} n WHERE ${same('n', 'o')})`,
    `UPDATE ${t.table} o SET ${values.map((c) => `${c} = n.${c}`).join(', ')} FROM next_${t.table} n
      WHERE ${same('n', 'o')} AND (${values.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${values.map((c) => `n.${c}`).join(', ')})`,
    `INSERT INTO ${t.table} (${t.columns.join(', ')}) SELECT ${t.columns.map((c) => `n.${c}`).join(', ')} FROM next_${t.table} n
      ON CONFLICT DO NOTHING`,
  ];
}
