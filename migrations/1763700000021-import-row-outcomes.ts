import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The files a secretary gets back (issue 16 items 7 and 8). A kept import row also holds her own
 * row as her file had it (`source`: her header and cells, sealed like the rest), so the error file
 * shows her columns; and an import whose codes were assigned keeps every row with its outcome
 * (`outcome`: CREATED, UPDATED, UNCHANGED, SKIPPED, REJECTED), for the result file. Rows stored
 * before (null outcome) are rejected rows of no result file.
 */
export class ImportRowOutcomes1763700000021 implements MigrationInterface {
  name = 'ImportRowOutcomes1763700000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_row_error" ADD "outcome" character varying(9)`);
    await q.query(`ALTER TABLE "import_row_error" ADD "source" bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_row_error" DROP COLUMN "source"`);
    await q.query(`ALTER TABLE "import_row_error" DROP COLUMN "outcome"`);
  }
}
