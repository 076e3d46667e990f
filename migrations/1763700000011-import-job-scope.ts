import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import job keeps the unit subtree of the account that started it (a unit-limited secretariat
 * sees only its own subtree's jobs), and whether it stopped half-way (resumable with the same file).
 */
export class ImportJobScope1763700000011 implements MigrationInterface {
  name = 'ImportJobScope1763700000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_job" ADD "unit_path" text`);
    await q.query(`ALTER TABLE "import_job" ADD "interrupted" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_job" DROP COLUMN "interrupted"`);
    await q.query(`ALTER TABLE "import_job" DROP COLUMN "unit_path"`);
  }
}
