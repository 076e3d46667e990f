import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The population-register extract (CSDL dân cư) and its import batches. */
export class Residents1763700000005 implements MigrationInterface {
  name = 'Residents1763700000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "resident" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "batch_id" uuid NOT NULL, "full_name" text NOT NULL, "name_folded" text NOT NULL, "birth_date" date, "birth_date_precision" character varying(4), "sex" character varying(6), "id_number_sealed" bytea, "id_number_hash" bytea, "id_number_masked" character varying(12), "commune_code" character varying(5), "commune_entered_code" character varying(5), "alive" boolean NOT NULL, "death_date" date, CONSTRAINT "PK_f1a321823d6f69d0e348535fd37" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_ca3aa215e1ad366aea3970527d" ON "resident" ("id_number_hash")`);
    await q.query(`CREATE INDEX "IDX_9fb2615b07114489a51ac1a290" ON "resident" ("commune_code")`);
    await q.query(`CREATE INDEX "ix_resident_batch_commune" ON "resident" ("batch_id", "commune_code")`);
    await q.query(
      `CREATE TABLE "resident_batch" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_name" text NOT NULL, "status" character varying(8) NOT NULL, "rows" integer NOT NULL DEFAULT '0', "rejected" integer NOT NULL DEFAULT '0', "communes" character varying array NOT NULL DEFAULT '{}', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_95747f7441f933369e9a3c5f201" PRIMARY KEY ("id"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "resident_batch"`);
    await q.query(`DROP TABLE "resident"`);
  }
}
