import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The linker's results: its runs, the person of each record, and the pairs it kept with their explanations. */
export class Linker1763700000007 implements MigrationInterface {
  name = 'Linker1763700000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "link_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "status" character varying(8) NOT NULL, "summary" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_5212d6cd8f53b8c8d4d66645578" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "record_person" ("record_id" uuid NOT NULL, "person_id" uuid NOT NULL, "verified" boolean NOT NULL DEFAULT false, "flags" character varying array NOT NULL DEFAULT '{}', CONSTRAINT "PK_f81c172dc0620989f4b9aed07f8" PRIMARY KEY ("record_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_bcbf9fc24ecde0bf9bef0c98b6" ON "record_person" ("person_id")`);
    await q.query(
      `CREATE TABLE "record_link" ("record_a" uuid NOT NULL, "record_b" uuid NOT NULL, "decision" character varying(8) NOT NULL, "probability" real NOT NULL, "weight" real NOT NULL, "contributions" jsonb NOT NULL, CONSTRAINT "PK_d851e54ec414a22b86f7a5f27f1" PRIMARY KEY ("record_a", "record_b"))`,
    );
    await q.query(`CREATE INDEX "ix_record_link_b" ON "record_link" ("record_b")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "record_link"`);
    await q.query(`DROP TABLE "record_person"`);
    await q.query(`DROP TABLE "link_run"`);
  }
}
