import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { liftStatementTimeout } from '../../common/graphql/statement-timeout.js';
import { LIVE_BASIS, basisRecords, recordsOfPersons, replaceDiffering, SUSPECTED_REASONS } from './figure-sources.js';
import { buildPersonUnits, rebuildPersonUnits, refreshPersonUnits } from './person-units.js';

export { LIVE_BASIS, basisRecords } from './figure-sources.js';

/**
 * The person-level table the figures are counted from (`person_figure`, migration 29): for a basis
 * ('' = the records' own status, the running period; or an ended period's key, from its stored
 * `period_status`), each person's ACTIVE memberships by organization and commune, with what a
 * report counts of them. A person is its linked person, or the record itself when no run linked it
 * — as the reports have always counted. Each row marks whether it is the person's first (overall,
 * and in its organization), so one GROUP BY counts people with plain `count(*)`. A person's rows
 * depend on its own records only: a change to some records is a change to their persons' rows.
 *
 * Written here, set-based: wholesale by the link run (`rebuildLiveFigures`), for the persons a
 * transaction touched (`refreshTouchedPersonFigures`: a decision, a new record linked), and for the
 * persons other writers marked (`refreshPendingPersonFigures`, before the figures are read). The
 * live basis's rows by unit (`person_unit`, person-units.ts) are written with it, by the same writers.
 */

const COLUMNS = [
  'basis',
  'person_id',
  'org',
  'commune',
  'memberships',
  'phantoms',
  'without_id',
  'real',
  'reasons',
  'orgs',
  'org_count',
  'first_in_person',
  'person_real',
  'first_in_org',
  'org_real',
];
const KEY = ['basis', 'person_id', 'org', 'commune'];

/**
 * The person-level rows of the memberships `src` (one definition: every writer goes through it).
 * One sort serves both "first" windows: (person, organization, commune).
 */
export function figureRows(src: string): string {
  return `WITH src AS (${src}),
  g AS (
    SELECT basis, who AS person_id, org, commune, count(*)::int AS memberships, count(*) FILTER (WHERE ao)::int AS phantoms,
           count(*) FILTER (WHERE no_id)::int AS without_id, bool_or(NOT ao) AS real,
           ${SUSPECTED_REASONS} AS reasons
      FROM src GROUP BY basis, who, org, commune),
  p AS (SELECT basis, person_id, array_agg(DISTINCT org ORDER BY org)::varchar[] AS orgs, bool_or(real) AS person_real FROM g GROUP BY basis, person_id)
  SELECT g.basis, g.person_id, g.org, g.commune, g.memberships, g.phantoms, g.without_id, g.real, g.reasons, p.orgs,
         cardinality(p.orgs) AS org_count,
         row_number() OVER (PARTITION BY g.basis, g.person_id ORDER BY g.org, g.commune) = 1 AS first_in_person, p.person_real,
         row_number() OVER (PARTITION BY g.basis, g.person_id, g.org ORDER BY g.commune) = 1 AS first_in_org,
         bool_or(g.real) OVER (PARTITION BY g.basis, g.person_id, g.org) AS org_real
    FROM g JOIN p USING (basis, person_id)`;
}

/** A basis's rows written from scratch (the first reader of the live basis; an ended period's once its statuses are stored). */
export async function buildBasis(em: EntityManager, basis: string): Promise<void> {
  const params = basis === LIVE_BASIS ? [] : [basis];
  await em.query(`DELETE FROM person_figure WHERE basis = $1`, [basis]);
  await em.query(`INSERT INTO person_figure (${COLUMNS.join(', ')}) ${figureRows(basisRecords(basis))}`, params);
  // Written whole: the planner's statistics at once (else, with no autovacuum in between, it takes a basis for a few rows).
  await em.query(`ANALYZE person_figure`);
  if (basis === LIVE_BASIS) await buildPersonUnits(em);
  await em.query(`INSERT INTO person_figure_basis (basis) VALUES ($1) ON CONFLICT (basis) DO UPDATE SET built_at = now()`, [basis]);
}

/** The rows of these persons written again in every built basis. */
export async function refreshPersons(em: EntityManager, persons: string[]): Promise<void> {
  if (!persons.length) return;
  await em.query(`DELETE FROM person_figure WHERE person_id = ANY($1::uuid[])`, [persons]);
  await em.query(`INSERT INTO person_figure (${COLUMNS.join(', ')}) ${figureRows(recordsOfPersons)}`, [persons]);
  await refreshPersonUnits(em, persons);
}

/** One writer of the rows at a time (a reader catching up, a decision): two never write the same person's rows at once. */
const lockFigures = (em: EntityManager) => em.query(`SELECT pg_advisory_xact_lock(hashtext('person-figures'))`);

/** The marked persons (where `which`), taken off the list (a SELECT around the DELETE: TypeORM returns a bare DELETE's rows with its count). */
async function takeMarked(em: EntityManager, which: string): Promise<string[]> {
  const rows = await em.query<{ who: string }[]>(
    `WITH taken AS (DELETE FROM person_figure_dirty WHERE ${which} RETURNING who) SELECT DISTINCT who FROM taken`,
  );
  return rows.map((r) => r.who);
}

/**
 * The persons this transaction's own changes marked (a decision, a record linked): their rows
 * again, in the same transaction — the figures change when the decision does.
 */
export async function refreshTouchedPersonFigures(em: EntityManager): Promise<void> {
  await lockFigures(em);
  await refreshPersons(em, await takeMarked(em, 'marked_by = pg_current_xact_id()'));
}

/**
 * Before the figures are read: the live basis built if it never was, and the persons that other
 * writers marked since (an import, an edit, an ending) written again. Returns when the rows are as of.
 */
export async function refreshPendingPersonFigures(em: EntityManager): Promise<Date> {
  // Nothing to do (the common case): no lock taken, so readers never queue behind one another.
  const [{ now, idle }] = await em.query<{ now: Date; idle: boolean }[]>(
    `SELECT now() AS now, EXISTS (SELECT 1 FROM person_figure_basis WHERE basis = '') AND NOT EXISTS (SELECT 1 FROM person_figure_dirty) AS idle`,
  );
  if (idle) return now;
  await lockFigures(em);
  const [live] = await em.query<unknown[]>(`SELECT 1 FROM person_figure_basis WHERE basis = ''`);
  if (!live) await buildBasis(em, LIVE_BASIS);
  await refreshPersons(em, await takeMarked(em, 'true'));
  return now;
}

/** The person-level table's live rows brought up to date before a read (nothing to do when idle). */
export async function bringFiguresUpToDate(db: DataSource): Promise<void> {
  const [{ idle }] = await db.query<{ idle: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM person_figure_basis WHERE basis = '') AND NOT EXISTS (SELECT 1 FROM person_figure_dirty) AS idle`,
  );
  if (!idle) {
    // Brought up to date first, in a short transaction of its own (one writer at a time): work done
    // once for every reader (the persons an import marked; the first build after the upgrade), so
    // the request's statement timeout is lifted for it — else a large catch-up would fail each time.
    liftStatementTimeout();
    await db.transaction((em) => refreshPendingPersonFigures(em));
  }
}

/** Inside the link run's transaction, before it writes `record_person`: the triggers stand aside (the table is rebuilt instead). */
export const SUSPEND_MARKING = `SET LOCAL lienthong.person_figures = 'rebuild'`;

/**
 * Inside the link run's transaction, once its persons are written: the live rows rebuilt from them
 * set-based (only the rows that differ are touched, so readers wait on nothing), the ended periods'
 * rows let go (their next report builds them again from the stored statuses), nothing left marked.
 */
export async function rebuildLiveFigures(runner: QueryRunner): Promise<void> {
  await runner.query(`SELECT pg_advisory_xact_lock(hashtext('person-figures'))`);
  await runner.query(`DELETE FROM person_figure_dirty`);
  await runner.query(`DROP TABLE IF EXISTS next_person_figure`);
  await runner.query(`CREATE TEMP TABLE next_person_figure ON COMMIT DROP AS ${figureRows(basisRecords(LIVE_BASIS))}`);
  await runner.query(`ALTER TABLE next_person_figure ADD PRIMARY KEY (${KEY.join(', ')})`);
  await runner.query(`ANALYZE next_person_figure`);
  await replaceDiffering(runner, 'person_figure', 'next_person_figure', KEY, COLUMNS, `o.basis = ''`);
  await rebuildPersonUnits(runner);
  await runner.query(`DELETE FROM person_figure_basis WHERE basis <> ''`);
  // The persons and the table written wholesale in this transaction: their statistics with them (see `buildBasis`).
  await runner.query(`ANALYZE record_person, person_figure, person_unit`);
  await runner.query(`INSERT INTO person_figure_basis (basis) VALUES ('') ON CONFLICT (basis) DO UPDATE SET built_at = now()`);
}
