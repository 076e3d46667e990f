import type { EntityManager, QueryRunner } from 'typeorm';
import { basisRecords, LIVE_BASIS, recordsOfPersons, replaceDiffering, SUSPECTED_REASONS } from './figure-sources.js';

/**
 * The running period's persons by unit (`person_unit`, migration 53): for each person and each unit
 * where they are ACTIVE, their memberships there, how many are suspected and for which reasons,
 * whether one is not, and their organizations anywhere in the province. A unit's overlap
 * and dashboard sum its subtree's rows (person-views.service.ts, live-figures.ts) instead of
 * visiting every record and its person.
 *
 * Written with the live rows of `person_figure`, by its writers (person-figures.ts): wholesale when
 * the live basis is built or a link run ends, and for the persons a change touched. A person is its
 * linked person, or the record itself when no run linked it — as the figures count.
 */

const COLUMNS = ['unit_id', 'person_id', 'memberships', 'phantoms', 'real', 'reasons', 'orgs'];
const KEY = ['unit_id', 'person_id'];

/** The rows of the memberships `src` (every writer goes through it); a person's organizations counted over all of theirs. */
function unitRows(src: string): string {
  return `WITH src AS (${src}),
  o AS (SELECT who, array_agg(DISTINCT org ORDER BY org)::varchar[] AS orgs FROM src GROUP BY who)
  SELECT src.unit_id, src.who AS person_id, count(*)::int AS memberships, count(*) FILTER (WHERE src.ao)::int AS phantoms,
         bool_or(NOT src.ao) AS real,
         ${SUSPECTED_REASONS} AS reasons,
         o.orgs
    FROM src JOIN o USING (who) WHERE src.unit_id IS NOT NULL GROUP BY src.unit_id, src.who, o.orgs`;
}

/** Every row as computed from scratch now (what the table holds once up to date). */
export const freshPersonUnits = (): string => unitRows(basisRecords(LIVE_BASIS));

/** Every row written from scratch (the live basis built). */
export async function buildPersonUnits(em: EntityManager): Promise<void> {
  await em.query(`DELETE FROM person_unit`);
  await em.query(`INSERT INTO person_unit (${COLUMNS.join(', ')}) ${freshPersonUnits()}`);
  await em.query(`ANALYZE person_unit`);
}

/** The rows of these persons written again. */
export async function refreshPersonUnits(em: EntityManager, persons: string[]): Promise<void> {
  await em.query(`DELETE FROM person_unit WHERE person_id = ANY($1::uuid[])`, [persons]);
  await em.query(
    `INSERT INTO person_unit (${COLUMNS.join(', ')}) ${unitRows(`SELECT * FROM (${recordsOfPersons}) x WHERE x.basis = '${LIVE_BASIS}'`)}`,
    [persons],
  );
}

/** Inside the link run's transaction, once its persons are written: the rows rebuilt from them, only those that differ touched. */
export async function rebuildPersonUnits(runner: QueryRunner): Promise<void> {
  await runner.query(`DROP TABLE IF EXISTS next_person_unit`);
  await runner.query(`CREATE TEMP TABLE next_person_unit ON COMMIT DROP AS ${freshPersonUnits()}`);
  await runner.query(`ALTER TABLE next_person_unit ADD PRIMARY KEY (${KEY.join(', ')})`);
  await runner.query(`ANALYZE next_person_unit`);
  await replaceDiffering(runner, 'person_unit', 'next_person_unit', KEY, COLUMNS);
}
