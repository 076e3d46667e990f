import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, item 6 (only the keys a measured need asks for): the staging table's rows no longer
 * check their job by a foreign key. Every plan row is written by the job's own run after its job
 * row, and jobs are never deleted (their plan is what the result file and the undo read); the key
 * cost ≈ 9 µs a planned row (a 40,000-row plan's `COPY`: 1.1–1.5 s with it, 0.9–1.0 s without,
 * BENCHMARKS.md).
 */
export class PlanRowsWithoutJobKey1763700000043 implements MigrationInterface {
  name = 'PlanRowsWithoutJobKey1763700000043';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_plan_row DROP CONSTRAINT import_plan_row_job_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE import_plan_row ADD CONSTRAINT import_plan_row_job_id_fkey FOREIGN KEY (job_id) REFERENCES import_job(id) ON DELETE CASCADE`,
    );
  }
}
