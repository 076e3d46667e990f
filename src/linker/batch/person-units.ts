import type { EntityManager, QueryRunner } from 'typeorm';

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

/** The live memberships as `src`: unit_id, org, who, ao, reasons (optionally narrowed by `where`). */
const liveRecords = (where = '') =>
  `SELECT r.unit_id, r.organization_code AS org, coalesce(p.person_id, r.id) AS who, coalesce(p.ao, false) AS ao,
          coalesce(p.ao_reasons, '{}') AS reasons
     FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE r.status = 'ACTIVE'${where}`;

/** The live memberships of the persons `$1` (their records and, for a record no run linked, itself). */
const recordsOfPersons = liveRecords(
  ` AND r.id IN (SELECT record_id FROM record_person WHERE person_id = ANY($1::uuid[]) UNION ALL SELECT unnest($1::uuid[]))
    AND coalesce(p.person_id, r.id) = ANY($1::uuid[])`,
);

/** A group's suspected memberships' reasons, one entry per membership and reason (a `src` of `ao`, `reasons`). */
export const SUSPECTED_REASONS = `string_to_array(string_agg(array_to_string(reasons, ','), ',' ORDER BY array_to_string(reasons, ','))
                         FILTER (WHERE ao AND cardinality(reasons) > 0), ',')::varchar[]`;

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
export const freshPersonUnits = (): string => unitRows(liveRecords());

/** Every row written from scratch (the live basis built). */
export async function buildPersonUnits(em: EntityManager): Promise<void> {
  await em.query(`DELETE FROM person_unit`);
  await em.query(`INSERT INTO person_unit (${COLUMNS.join(', ')}) ${freshPersonUnits()}`);
  await em.query(`ANALYZE person_unit`);
}

/** The rows of these persons written again. */
export async function refreshPersonUnits(em: EntityManager, persons: string[]): Promise<void> {
  await em.query(`DELETE FROM person_unit WHERE person_id = ANY($1::uuid[])`, [persons]);
  await em.query(`INSERT INTO person_unit (${COLUMNS.join(', ')}) ${unitRows(recordsOfPersons)}`, [persons]);
}

/**
 * A table's rows replaced by a temporary table's of the same columns, touching only the rows that
 * differ (readers wait on nothing; a link run that changes little writes little). `scope` narrows
 * the table's rows that the new ones replace (person_figure: the live basis).
 */
export async function replaceDiffering(
  runner: QueryRunner,
  table: string,
  next: string,
  key: string[],
  columns: string[],
  scope = 'true',
): Promise<void> {
  const same = key.map((k) => `n.${k} = o.${k}`).join(' AND ');
  const values = columns.filter((c) => !key.includes(c));
  await runner.query(`DELETE FROM ${table} o WHERE ${scope} AND NOT EXISTS (SELECT 1 FROM ${next} n WHERE ${same})`);
  await runner.query(
    `UPDATE ${table} o SET ${values.map((c) => `${c} = n.${c}`).join(', ')} FROM ${next} n
      WHERE ${same} AND (${values.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${values.map((c) => `n.${c}`).join(', ')})`,
  );
  // The rows already there left to the key's index, not to a NOT EXISTS (link-store.ts's applyStatements says why).
  await runner.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.map((c) => `n.${c}`).join(', ')} FROM ${next} n
      ON CONFLICT (${key.join(', ')}) DO NOTHING`,
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
