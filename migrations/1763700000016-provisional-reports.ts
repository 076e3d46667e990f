import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report is final only when a linker run finished after its period ended: reports stored as final
 * before that rule (the all-zero report of a first start on an empty database) become provisional,
 * and the schedule computes them again once they can be final. Data only; no schema change.
 */
export class ProvisionalReports1763700000016 implements MigrationInterface {
  name = 'ProvisionalReports1763700000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE report_snapshot SET final = false
        WHERE final AND (jsonb_typeof(data->'linkRun') IS DISTINCT FROM 'object'
           OR (data->'linkRun'->>'finishedAt')::timestamptz < ((as_of_day + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))`,
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: a provisional report is recomputed by the schedule.
  }
}
