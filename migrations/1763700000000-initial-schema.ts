import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: extensions, administrative units, organizations, units, member records and
 * their history. Table DDL generated from the entities by TypeORM, then read and completed by hand
 * (extensions, trigram and path indexes that TypeORM does not model).
 */
export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const ext of ['pgcrypto', 'pg_trgm', 'unaccent', 'fuzzystrmatch', 'btree_gin'])
      await q.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
    await q.query(
      `CREATE TABLE "province" ("code" character varying(2) NOT NULL, "name" text NOT NULL, "kind" character varying(16) NOT NULL, CONSTRAINT "PK_3288dfa18d390ed33b359fc0418" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "commune" ("code" character varying(5) NOT NULL, "name" text NOT NULL, "kind" character varying(16) NOT NULL, "province_code" character varying(2) NOT NULL, CONSTRAINT "PK_c7da656431051b5e8b730945285" PRIMARY KEY ("code"))`,
    );
    await q.query(`CREATE INDEX "IDX_882191083c9bd8211d02086acc" ON "commune"  ("province_code") `);
    await q.query(
      `CREATE TABLE "legacy_province" ("code" character varying(2) NOT NULL, "name" text NOT NULL, "successor_codes" character varying array NOT NULL, CONSTRAINT "PK_7cc86b857d72a3fcf032a2a3585" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "legacy_commune" ("code" character varying(5) NOT NULL, "name" text NOT NULL, "legacy_province_code" character varying(2) NOT NULL, CONSTRAINT "PK_d3513a219ecca328d5427eb4179" PRIMARY KEY ("code"))`,
    );
    await q.query(`CREATE INDEX "IDX_0d57a091a398125ef5e91e9c40" ON "legacy_commune"  ("legacy_province_code") `);
    await q.query(
      `CREATE TABLE "legacy_commune_successor" ("legacy_code" character varying(5) NOT NULL, "commune_code" character varying(5) NOT NULL, "coverage" character varying(8) NOT NULL, CONSTRAINT "PK_4bac61a18723fb73a34bb7cc5da" PRIMARY KEY ("legacy_code", "commune_code"))`,
    );
    await q.query(`CREATE INDEX "IDX_fb628189646e268c32627c5472" ON "legacy_commune_successor"  ("commune_code") `);
    await q.query(
      `CREATE TABLE "organization" ("code" character varying(16) NOT NULL, "name" text NOT NULL, "member_term" text NOT NULL, "built_in" boolean NOT NULL DEFAULT false, "rules" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa6e74e96ed2dddfcf09782110a" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_code" character varying(16) NOT NULL, "code" character varying(32) NOT NULL, "name" text NOT NULL, "kind" character varying(16) NOT NULL, "parent_id" uuid, "commune_code" character varying(5), "path" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_unit_org_code" UNIQUE ("organization_code", "code"), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_33443cd5de3c6b130acfd6aba6" ON "unit"  ("parent_id") `);
    await q.query(`CREATE INDEX "IDX_7358bbf5e11c2453fd35b77718" ON "unit"  ("commune_code") `);
    await q.query(
      `CREATE TABLE "member_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_code" character varying(16) NOT NULL, "external_id" character varying(64) NOT NULL, "full_name" text NOT NULL, "name_folded" text NOT NULL, "family_key" text NOT NULL, "given_key" text NOT NULL, "birth_date" date, "birth_date_precision" character varying(4), "sex" character varying(6), "id_number" character varying(12), "id_kind" character varying(4), "id_issues" character varying array NOT NULL DEFAULT '{}', "phone" character varying(11), "commune_code" character varying(5), "commune_entered_code" character varying(5), "commune_candidates" character varying array NOT NULL DEFAULT '{}', "ethnicity" text, "unit_id" uuid, "join_date" date, "status" character varying(16) NOT NULL DEFAULT 'ACTIVE', "last_activity_date" date, "last_dues_date" date, "profile" jsonb NOT NULL DEFAULT '{}', "raw" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "uq_member_record_org_external_id" UNIQUE ("organization_code", "external_id"), CONSTRAINT "PK_e9fe50ea4bdb0d8f922415cb4f9" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_b8efcccd779a2d7d5c5420aa99" ON "member_record"  ("id_number") `);
    await q.query(`CREATE INDEX "IDX_d338ce8d593762f87a2083bffc" ON "member_record"  ("phone") `);
    await q.query(`CREATE INDEX "IDX_52d8ec7d681629fb50a5ba3a89" ON "member_record"  ("commune_code") `);
    await q.query(`CREATE INDEX "IDX_82e9cefa74ed9f2eafa0809b0a" ON "member_record"  ("unit_id") `);
    await q.query(`CREATE INDEX "IDX_604ffaf0ad801721779b8c99b6" ON "member_record"  ("status") `);
    await q.query(`CREATE INDEX "ix_member_record_org_name" ON "member_record"  ("organization_code", "given_key", "name_folded", "id") `);
    await q.query(
      `CREATE TABLE "membership_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "record_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "effective_date" date, "from_status" character varying(16), "to_status" character varying(16), "from_unit_id" uuid, "to_unit_id" uuid, "reason" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a5bbbf1d51331d1ff4e6419c48e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_membership_event_record" ON "membership_event"  ("record_id", "recorded_at") `);
    await q.query(
      `ALTER TABLE "commune" ADD CONSTRAINT "FK_882191083c9bd8211d02086accc" FOREIGN KEY ("province_code") REFERENCES "province"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "legacy_commune" ADD CONSTRAINT "FK_0d57a091a398125ef5e91e9c40a" FOREIGN KEY ("legacy_province_code") REFERENCES "legacy_province"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "legacy_commune_successor" ADD CONSTRAINT "FK_b6a4654e0ed648953380284051c" FOREIGN KEY ("legacy_code") REFERENCES "legacy_commune"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "legacy_commune_successor" ADD CONSTRAINT "FK_fb628189646e268c32627c5472f" FOREIGN KEY ("commune_code") REFERENCES "commune"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "unit" ADD CONSTRAINT "FK_114e9ff0a0601261d506fdcf7fb" FOREIGN KEY ("organization_code") REFERENCES "organization"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "unit" ADD CONSTRAINT "FK_33443cd5de3c6b130acfd6aba63" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "unit" ADD CONSTRAINT "FK_7358bbf5e11c2453fd35b77718b" FOREIGN KEY ("commune_code") REFERENCES "commune"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "member_record" ADD CONSTRAINT "FK_0adc808f34c0f34efe18055354b" FOREIGN KEY ("organization_code") REFERENCES "organization"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "member_record" ADD CONSTRAINT "FK_52d8ec7d681629fb50a5ba3a89c" FOREIGN KEY ("commune_code") REFERENCES "commune"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "member_record" ADD CONSTRAINT "FK_82e9cefa74ed9f2eafa0809b0ac" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "membership_event" ADD CONSTRAINT "FK_18e3a42f882594c09dbfc902034" FOREIGN KEY ("record_id") REFERENCES "member_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Not modelled by TypeORM (declared with synchronize: false on the entities).
    await q.query(`CREATE INDEX "ix_member_record_name_trgm" ON "member_record" USING gin ("name_folded" gin_trgm_ops)`);
    await q.query(`CREATE INDEX "ix_unit_path" ON "unit" ("path" text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "membership_event"`);
    await q.query(`DROP TABLE "member_record"`);
    await q.query(`DROP TABLE "unit"`);
    await q.query(`DROP TABLE "organization"`);
    await q.query(`DROP TABLE "legacy_commune_successor"`);
    await q.query(`DROP TABLE "legacy_commune"`);
    await q.query(`DROP TABLE "legacy_province"`);
    await q.query(`DROP TABLE "commune"`);
    await q.query(`DROP TABLE "province"`);
  }
}
