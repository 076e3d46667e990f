import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `flag_resolution.import_job_id`: the warnings an import's endings confirmed (its status column said Đã mất, Xóa
 * tên…), so that an undo of the import opens exactly those again.
 */
export class FlagResolutionImportJob1763700000059 implements MigrationInterface {
  name = 'FlagResolutionImportJob1763700000059';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "flag_resolution" ADD "import_job_id" uuid`);
    await q.query(`CREATE INDEX "ix_flag_resolution_import_job" ON "flag_resolution" ("import_job_id") WHERE "import_job_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_flag_resolution_import_job"`);
    await q.query(`ALTER TABLE "flag_resolution" DROP COLUMN "import_job_id"`);
  }
}
