import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Undoing an import (issue 17, item 5). `import_undo_image`: per record an import wrote, the version
 * it left, and for a record it changed, the fields it changed as they were (sealed; null: a record
 * it created) — keyed by job, dropped with the person at erasure and after 30 days.
 * `membership_event.import_job_id`: the history events an import wrote, so an undo removes exactly
 * them. `import_job.undone_*`: who undid a job, when and why (its status then UNDONE).
 */
export class ImportUndo1763700000025 implements MigrationInterface {
  name = 'ImportUndo1763700000025';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "import_undo_image" ("job_id" uuid NOT NULL, "record_id" uuid NOT NULL, "version" integer NOT NULL, "before_sealed" bytea, CONSTRAINT "PK_import_undo_image" PRIMARY KEY ("job_id", "record_id"))`,
    );
    await q.query(
      `ALTER TABLE "import_undo_image" ADD CONSTRAINT "FK_import_undo_image_job" FOREIGN KEY ("job_id") REFERENCES "import_job"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "membership_event" ADD "import_job_id" uuid`);
    await q.query(
      `CREATE INDEX "ix_membership_event_import_job" ON "membership_event" ("import_job_id") WHERE "import_job_id" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "import_job" ADD "undone_at" TIMESTAMP WITH TIME ZONE, ADD "undone_by" character varying(80), ADD "undo_reason" text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_job" DROP COLUMN "undo_reason", DROP COLUMN "undone_by", DROP COLUMN "undone_at"`);
    await q.query(`DROP INDEX "ix_membership_event_import_job"`);
    await q.query(`ALTER TABLE "membership_event" DROP COLUMN "import_job_id"`);
    await q.query(`DROP TABLE "import_undo_image"`);
  }
}
