import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Of a report row's leavers, the phantoms struck off (a warning confirmed). Null in the rows of
 * reports counted before: they did not tell them apart, and are not counted again.
 */
export class ReportRowStruck1763700000058 implements MigrationInterface {
  name = 'ReportRowStruck1763700000058';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "report_row" ADD "struck" integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "report_row" DROP COLUMN "struck"`);
  }
}
