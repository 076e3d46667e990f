// The members her file leaves out. A secretariat sends her whole roster each month; a member who
// moved away, died or stopped coming is simply no longer on it, and stays active here — the
// "departed" phantom. After an import, the records of the units her file covers that it does not
// list are shown to her (the console's result step) or listed (`lienthong import --full`), to end
// or keep: never ended by the import itself.
import type { DataSource } from 'typeorm';
import { scopeWhere, type RecordScope } from '../../access/record-scope.js';
import { ENDING_STATUSES, type MemberStatus } from '../../membership/status/member-status.js';
import type { ImportJob } from '../import-job.entity.js';
import { dateText } from './import-preview.js';

export interface AbsentMember {
  id: string;
  code: string;
  fullName: string;
  /** As the roster gives it: `1990` or `1990-05-06`. */
  birthDate: string | null;
  unit: string | null;
  status: MemberStatus;
  version: number;
  /** Kept by her when an earlier file left her out too (`keepAbsent`): why, and when. */
  kept: { reason: string; on: string } | null;
}

export interface Absence {
  /** How many such records there are, those she kept aside (`members` may be fewer: `first`). */
  total: number;
  /** How many more her file leaves out whom she kept earlier (listed only when asked: `withKept`). */
  kept: number;
  members: AbsentMember[];
}

/** The share of a place's listed members whose village is known, from which her file's villages bound the list. */
const VILLAGES_KNOWN = 0.8;

/** A record `r` in a place (`x`) where a row of her file landed: the same unit, or with no unit the same commune. */
const SAME_PLACE =
  'x.unit_id IS NOT DISTINCT FROM r.unit_id AND (r.unit_id IS NOT NULL OR x.commune_code IS NOT DISTINCT FROM r.commune_code)';

/**
 * The records her file does not list, in the units it covers: not ended, in the caller's scope,
 * made before the import started (a member added since cannot be on it), in a unit where a row of
 * her file landed (a record without a unit: in the commune of such a row) — and, where the unit's
 * listed members give their village (thôn, bản: four in five of them), in one of those villages or in none. Listed by the file are
 * the records its rows created, updated or left unchanged, a refused row's code, and the candidates
 * of a held row (she may yet name one of them). Sorted as Vietnamese lists are (given name first).
 */
export async function absentMembers(db: DataSource, job: ImportJob, scope: RecordScope, first: number, withKept = false): Promise<Absence> {
  const where = [
    'r.organization_code = $2',
    'r.erased_at IS NULL',
    // Not ended: what a member left off her list still holds.
    'r.status <> ALL($3)',
    'r.created_at < (SELECT j.started_at FROM import_job j WHERE j.id = $1)',
    `EXISTS (SELECT 1 FROM places x WHERE ${SAME_PLACE})`,
    // Several villages' lists kept in one unit (a ward office's tổ dân phố, each its own file): only those of the villages it
    // lists — where its members' villages are known (four in five): a few known would hide everyone of another village.
    `(r.village IS NULL OR EXISTS (SELECT 1 FROM places x WHERE ${SAME_PLACE} AND x.known < ${VILLAGES_KNOWN})
      OR EXISTS (SELECT 1 FROM villages x WHERE ${SAME_PLACE} AND x.village = lower(btrim(r.village))))`,
    'NOT EXISTS (SELECT 1 FROM listed l WHERE l.code = r.external_id)',
  ];
  const params: unknown[] = [job.id, job.organizationCode, ENDING_STATUSES, first, withKept];
  scopeWhere(scope, where, params);
  type Row = Omit<AbsentMember, 'birthDate' | 'kept'> & {
    birth: string | null;
    precision: string | null;
    given_key: string;
    name_folded: string;
  };
  type Counts = { total: string; keptCount: string };
  const rows = await db.query<(Row & Counts & { keptReason: string | null; keptOn: string | null })[]>(
    `WITH landed AS (
       SELECT p.external_id AS code FROM import_plan_row p WHERE p.job_id = $1 AND p.external_id IS NOT NULL
     ), listed AS (
       SELECT code FROM landed
       UNION
       SELECT jsonb_array_elements_text(p.record_values->'candidates') FROM import_plan_row p WHERE p.job_id = $1 AND p.fate = 'HELD'
     ), reach AS (
       -- Where her rows land: as the plan puts them (a preview's, not yet written, says the same as its import will), else
       -- where the record is (an unchanged row, a refused one). A held row's candidates are not (a namesake in another
       -- chi hội would bring in all of it).
       SELECT w.unit_id, CASE WHEN w.unit_id IS NULL THEN w.commune_code END AS commune_code, lower(btrim(w.village)) AS village
         FROM (SELECT CASE WHEN p.record_values ? 'unit_id' THEN (p.record_values->>'unit_id')::uuid ELSE m.unit_id END AS unit_id,
                      CASE WHEN p.record_values ? 'commune_code' THEN p.record_values->>'commune_code' ELSE m.commune_code END AS commune_code,
                      CASE WHEN p.record_values ? 'village' THEN p.record_values->>'village' ELSE m.village END AS village
                 FROM import_plan_row p LEFT JOIN member_record m ON m.organization_code = $2 AND m.external_id = p.external_id
                WHERE p.job_id = $1 AND p.external_id IS NOT NULL AND p.fate <> 'HELD'
                  AND (m.id IS NOT NULL OR p.record_values ? 'unit_id' OR p.record_values ? 'commune_code')) w
     ), places AS (
       SELECT unit_id, commune_code, avg((village IS NOT NULL)::int) AS known FROM reach GROUP BY 1, 2
     ), villages AS (
       SELECT DISTINCT unit_id, commune_code, village FROM reach WHERE village IS NOT NULL
     )
     SELECT * FROM (
       SELECT r.id, r.external_id AS code, r.full_name AS "fullName", r.birth_date::text AS birth, r.birth_date_precision AS precision,
              u.name AS unit, r.status, r.version, k.reason AS "keptReason", to_char(k.kept_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY') AS "keptOn",
              count(*) FILTER (WHERE k.record_id IS NULL) OVER () AS total, count(k.record_id) OVER () AS "keptCount",
              r.given_key, r.name_folded
         FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN absence_kept k ON k.record_id = r.id
        WHERE ${where.join(' AND ')}) a
      WHERE $5 OR a."keptReason" IS NULL
      ORDER BY a."keptReason" IS NOT NULL, a.given_key, a.name_folded, a.code
      LIMIT $4`,
    params,
  );
  // The counts ride on every row. None listed: perhaps only some she kept — one of them gives the counts.
  if (!rows.length && !withKept) {
    const { total, kept } = await absentMembers(db, job, scope, 1, true);
    return { total, kept, members: [] };
  }
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    kept: rows.length ? Number(rows[0].keptCount) : 0,
    members: rows.map(({ birth, precision, total: _t, keptCount: _k, keptReason, keptOn, given_key: _g, name_folded: _n, ...r }) => ({
      ...r,
      birthDate: dateText(birth, precision),
      kept: keptReason ? { reason: keptReason, on: keptOn! } : null,
    })),
  };
}
