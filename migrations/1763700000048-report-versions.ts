import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An official (final) report computed again is kept, marked as replaced by the new one and when:
 * the figures sent up stay where they came from. Only one report of a period and area is current.
 */
export class ReportVersions1763700000048 implements MigrationInterface {
  name = 'ReportVersions1763700000048';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_snapshot ADD superseded_at timestamptz, ADD superseded_by uuid`);
    await q.query(`ALTER TABLE report_snapshot DROP CONSTRAINT uq_report_snapshot_period_scope`);
    await q.query(`CREATE UNIQUE INDEX uq_report_snapshot_current ON report_snapshot (period, scope) WHERE superseded_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM report_snapshot WHERE superseded_at IS NOT NULL`);
    await q.query(`DROP INDEX uq_report_snapshot_current`);
    await q.query(`ALTER TABLE report_snapshot ADD CONSTRAINT uq_report_snapshot_period_scope UNIQUE (period, scope)`);
    await q.query(`ALTER TABLE report_snapshot DROP COLUMN superseded_at, DROP COLUMN superseded_by`);
  }
}
