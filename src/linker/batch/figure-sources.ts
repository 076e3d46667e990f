import type { QueryRunner } from 'typeorm';

/**
 * What the person-level tables are written from (person-figures.ts, person-units.ts), stated once:
 * a basis's memberships, the records of the persons a change touched, the suspected reasons'
 * aggregate, and the writing of a rebuilt table over the old one.
 */

/** The basis of the running period: the records' own status. */
export const LIVE_BASIS = '';

/** The memberships of a basis as `src`: basis, id, org, commune ('' for none), unit_id, who, ao, reasons, no_id. */
const RECORD_COLUMNS = `r.id, r.organization_code AS org, coalesce(r.commune_code, '') AS commune, r.unit_id, coalesce(p.person_id, r.id) AS who,
       coalesce(p.ao, false) AS ao, coalesce(p.ao_reasons, '{}') AS reasons, r.id_number_hash IS NULL AS no_id`;

/** Every ACTIVE record now (the live basis), or every record ACTIVE on an ended period's last day (its basis, `$1`). */
export const basisRecords = (basis: string): string =>
  basis === LIVE_BASIS
    ? `SELECT '' AS basis, ${RECORD_COLUMNS} FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE r.status = 'ACTIVE'`
    : `SELECT s.period AS basis, ${RECORD_COLUMNS} FROM period_status s JOIN member_record r ON r.id = s.record_id
         LEFT JOIN record_person p ON p.record_id = r.id WHERE s.period = $1`;

/** The records of the persons `$1` in every built basis (the persons a change touched). */
export const recordsOfPersons = `SELECT b.basis, ${RECORD_COLUMNS}
  FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
  JOIN person_figure_basis b ON CASE WHEN b.basis = '' THEN r.status = 'ACTIVE'
                                     ELSE EXISTS (SELECT 1 FROM period_status s WHERE s.period = b.basis AND s.record_id = r.id) END
 WHERE r.id IN (SELECT record_id FROM record_person WHERE person_id = ANY($1::uuid[]) UNION ALL SELECT unnest($1::uuid[]))
   AND coalesce(p.person_id, r.id) = ANY($1::uuid[])`;

/** A group's suspected memberships' reasons, one entry per membership and reason (a `src` of `ao`, `reasons`). */
export const SUSPECTED_REASONS = `string_to_array(string_agg(array_to_string(reasons, ','), ',' ORDER BY array_to_string(reasons, ','))
                         FILTER (WHERE ao AND cardinality(reasons) > 0), ',')::varchar[]`;

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
