import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Import jobs (progress committed with each batch) and their rejected rows. */
export class ImportJobs1763700000004 implements MigrationInterface {
  name = 'ImportJobs1763700000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "import_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_code" character varying(16) NOT NULL, "source_name" text NOT NULL, "source_sha256" character varying(64) NOT NULL, "status" character varying(8) NOT NULL, "options" jsonb NOT NULL DEFAULT '{}', "rows_committed" integer NOT NULL DEFAULT '0', "created" integer NOT NULL DEFAULT '0', "updated" integer NOT NULL DEFAULT '0', "unchanged" integer NOT NULL DEFAULT '0', "rejected" integer NOT NULL DEFAULT '0', "actor_name" character varying(80) NOT NULL, "failure" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_65b4c7eccb8120972a7b8da7682" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_import_job_resume" ON "import_job" ("organization_code", "source_sha256", "status")`);
    await q.query(
      `CREATE TABLE "import_row_error" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "job_id" uuid NOT NULL, "ordinal" integer NOT NULL, "sheet" text, "row_number" integer NOT NULL, "column_name" text, "value" text, "message" text NOT NULL, "cells" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_4a26e4be1fec4a36f3d8a6a5c6f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_import_row_error_job" ON "import_row_error" ("job_id", "ordinal")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "import_row_error"`);
    await q.query(`DROP TABLE "import_job"`);
  }
}
