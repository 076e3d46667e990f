import type { EntityManager } from 'typeorm';
import type { Period } from '../../common/dates/period.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import type { ReportData } from '../figures/report-figures.js';
import type { CountedRow } from '../figures/report-views.js';

/** One computed report, as the snapshot row holds it. */
export interface SnapshotHead {
  period: Period;
  area: ReportingArea;
  asOfDay: string;
  final: boolean;
  computedAt: Date;
  computedBy: string;
  /** When the run started (`Date.now()`): the seconds it took are written with the head, then again once all is written. */
  started: number;
}

const secondsSince = (started: number) => (Date.now() - started) / 1000;

/** The columns of report_row, in the order of the INSERT below. */
const ROW_COLUMNS: (keyof CountedRow)[] = [
  'organizationCode',
  'communeCode',
  'memberships',
  'people',
  'duplicateRecords',
  'withoutIdNumber',
  'suspectedPhantoms',
  'joiners',
  'leavers',
  'struck',
  'eligible',
  'reached',
];

/**
 * Replaces the snapshot of the period and area inside the caller's transaction: the head with its
 * figures, its rows, and its suspected phantoms (from `rep`); then the seconds it all took. Returns the new id.
 * A provisional one (its period still running) is gone; an official one is kept, marked replaced by the new one.
 */
export async function writeSnapshot(em: EntityManager, head: SnapshotHead, data: ReportData, rows: CountedRow[]): Promise<string> {
  const { period, area } = head;
  const current = `period = $1 AND scope = $2 AND superseded_at IS NULL`;
  await em.query(`DELETE FROM report_snapshot WHERE ${current} AND NOT final`, [period.key, area.key]);
  // (As a SELECT: TypeORM answers an UPDATE … RETURNING with [rows, count].)
  const replaced = await em.query<{ id: string }[]>(
    `WITH u AS (UPDATE report_snapshot SET superseded_at = now() WHERE ${current} RETURNING id) SELECT id FROM u`,
    [period.key, area.key],
  );
  const [{ id }] = await em.query<{ id: string }[]>(
    `INSERT INTO report_snapshot (period, period_kind, scope, scope_label, as_of_day, final, computed_at, computed_by, seconds, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      period.key,
      period.kind,
      area.key,
      area.label,
      head.asOfDay,
      head.final,
      head.computedAt,
      head.computedBy,
      secondsSince(head.started),
      data,
    ],
  );
  await em.query(
    `INSERT INTO report_row (snapshot_id, organization_code, commune_code, memberships, people, duplicate_records, without_id_number,
                             suspected_phantoms, joiners, leavers, struck, eligible, reached)
     SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[],
                              $11::int[], $12::int[], $13::int[])`,
    [id, ...ROW_COLUMNS.map((c) => rows.map((r) => r[c]))],
  );
  await em.query(
    `INSERT INTO report_phantom (snapshot_id, record_id, organization_code, commune_code, reasons)
     SELECT $1, id, org, commune, reasons FROM rep WHERE in_area AND ao`,
    [id],
  );
  if (replaced.length)
    await em.query(`UPDATE report_snapshot SET superseded_by = $1 WHERE id = ANY($2::uuid[])`, [id, replaced.map((r) => r.id)]);
  await em.query(`UPDATE report_snapshot SET seconds = $2 WHERE id = $1`, [id, secondsSince(head.started)]);
  return id;
}
