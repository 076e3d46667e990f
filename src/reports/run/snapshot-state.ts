import type { DataSource } from 'typeorm';
import type { Period } from '../../common/dates/period.js';
import type { SnapshotState } from '../report-basis.js';

/** The stored snapshot of a period and area as the schedule weighs it (`needsComputing`), or undefined when there is none. */
export async function snapshotState(db: DataSource, period: Period, areaKey: string): Promise<SnapshotState | undefined> {
  const [present] = await db.query<SnapshotState[]>(
    `SELECT s.final, s.computed_at < $3 AS "beforeEnd",
            EXISTS (SELECT 1 FROM link_run l WHERE l.status = 'DONE' AND l.finished_at > s.computed_at AND l.finished_at >= $3) AS "newerLinkRun"
       FROM report_snapshot s WHERE s.period = $1 AND s.scope = $2 AND s.superseded_at IS NULL`,
    [period.key, areaKey, period.end],
  );
  return present;
}

/**
 * The provisional reports stored (the current one of each period and area), oldest period first —
 * save those of a unit that is no more (undoing the import that created it deletes it): its report
 * stays as it was made, and asking every five minutes for a unit that cannot come back would only
 * fill the log with the same error.
 */
export function provisionalSnapshots(db: DataSource): Promise<{ period: string; scope: string }[]> {
  return db.query(
    `SELECT s.period, s.scope FROM report_snapshot s
      WHERE NOT s.final AND s.superseded_at IS NULL
        AND (s.scope NOT LIKE 'unit:%' OR EXISTS (SELECT 1 FROM unit u WHERE s.scope = 'unit:' || u.organization_code || '/' || u.code))
      ORDER BY s.as_of_day, s.scope`,
  );
}
