import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Phantom checks: each record's flags (rewritten by every linker run), the suspicion, and people's answers to flags. */
export class PhantomFlags1763700000009 implements MigrationInterface {
  name = 'PhantomFlags1763700000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "record_flag" ("record_id" uuid NOT NULL, "code" character varying(20) NOT NULL, "severity" character varying(8) NOT NULL, "message" text NOT NULL, "evidence" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_af3abb37194abd7757f6621187b" PRIMARY KEY ("record_id", "code"))`,
    );
    await q.query(
      `CREATE TABLE "flag_resolution" ("record_id" uuid NOT NULL, "code" character varying(20) NOT NULL, "resolution" character varying(12) NOT NULL, "note" text NOT NULL, "resolved_by" text NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_360bf4f1bc8b646a71899333ea9" PRIMARY KEY ("record_id", "code"))`,
    );
    await q.query(`ALTER TABLE "record_person" ADD "ao" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "record_person" ADD "ao_reasons" character varying array NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "record_person" DROP COLUMN "ao_reasons"`);
    await q.query(`ALTER TABLE "record_person" DROP COLUMN "ao"`);
    await q.query(`DROP TABLE "flag_resolution"`);
    await q.query(`DROP TABLE "record_flag"`);
  }
}
