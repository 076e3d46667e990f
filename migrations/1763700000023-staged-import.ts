import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staged import (issue 17): every row's fate is planned into `import_plan_row` before anything
 * is written (the preview), then applied set-based in chunks of ordinals. A job may wait (PREVIEW,
 * NEEDS_CONFIRMATION: the status grows to 20 characters) with its plan's counts, mapping and the
 * share of rows the organization's rules refuse (`plan`), and the reason it was accepted anyway.
 */
export class StagedImport1763700000023 implements MigrationInterface {
  name = 'StagedImport1763700000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_job ALTER COLUMN status TYPE varchar(20)`);
    await q.query(`ALTER TABLE import_job ADD COLUMN plan jsonb`);
    await q.query(`ALTER TABLE import_job ADD COLUMN held integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE import_job ADD COLUMN accepted_ineligible text`);
    await q.query(
      `CREATE TABLE import_plan_row (
         job_id uuid NOT NULL REFERENCES import_job(id) ON DELETE CASCADE,
         ordinal integer NOT NULL,
         fate varchar(9) NOT NULL,
         sheet text,
         row_number integer NOT NULL,
         external_id text,
         record_id uuid,
         record_version integer,
         record_values jsonb,
         changed text[] NOT NULL DEFAULT '{}',
         reason text,
         warnings text,
         warned boolean NOT NULL DEFAULT false,
         ineligible text,
         notes jsonb,
         unit_path text,
         in_result boolean NOT NULL DEFAULT false,
         PRIMARY KEY (job_id, ordinal)
       )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_plan_row`);
    await q.query(`ALTER TABLE import_job DROP COLUMN accepted_ineligible`);
    await q.query(`ALTER TABLE import_job DROP COLUMN held`);
    await q.query(`ALTER TABLE import_job DROP COLUMN plan`);
    await q.query(`ALTER TABLE import_job ALTER COLUMN status TYPE varchar(8)`);
  }
}
