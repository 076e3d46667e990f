import type { MigrationInterface, QueryRunner } from 'typeorm';
import { maskIdNumber } from '../src/common/identity/id-number.js';
import { encryptText, keyedHash } from '../src/personal-data/personal-data-cipher.js';
import { migrationKey } from './migration-key.js';

/**
 * Users, tokens, the append-only audit log, erasure tombstones; ID numbers sealed (AES-GCM) with a
 * keyed hash and a masked form instead of the clear column. Numbers already stored are sealed
 * here with the instance key, and their entered form moves out of `raw`.
 */
export class AccessAndPersonalData1763700000003 implements MigrationInterface {
  name = 'AccessAndPersonalData1763700000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "password_hash" text NOT NULL, "totp_secret_sealed" bytea NOT NULL, "totp_last_step" bigint NOT NULL DEFAULT '0', "role" character varying(16) NOT NULL, "organization_code" character varying(16), "unit_id" uuid, "disabled_at" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c480e576dd71729addbc2d51b67" UNIQUE ("username"), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "access_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" bytea NOT NULL, "kind" character varying(8) NOT NULL, "user_id" uuid, "name" character varying(64), "role" character varying(16), "organization_code" character varying(16), "unit_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f20f028607b2603deabd8182d12" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_access_token_hash" ON "access_token" ("token_hash")`);
    await q.query(`CREATE INDEX "IDX_4bd9bc00776919370526766eb4" ON "access_token" ("user_id")`);
    await q.query(
      `CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_kind" character varying(8) NOT NULL, "actor_id" uuid, "actor_name" character varying(80) NOT NULL, "actor_role" character varying(16), "action" character varying(32) NOT NULL, "subject_type" character varying(32), "subject_id" text, "organization_code" character varying(16), "reason" text, "detail" jsonb NOT NULL DEFAULT '{}', "client_ip" character varying(64), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_737ffd2705961b26c0ca06a714" ON "audit_event" ("actor_name")`);
    await q.query(`CREATE INDEX "IDX_45452915f68f5a171bc4107b9e" ON "audit_event" ("action")`);
    await q.query(`CREATE INDEX "IDX_bdfaa499f3c4e6960470f05c2d" ON "audit_event" ("subject_id")`);
    await q.query(`CREATE INDEX "ix_audit_event_at" ON "audit_event" ("at", "id")`);
    // Append-only: the database itself refuses to change or remove a line of the log.
    await q.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
    await q.query(
      `CREATE TABLE "erasure_tombstone" ("key_hash" bytea NOT NULL, "kind" character varying(12) NOT NULL, "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL, "audit_event_id" bigint, CONSTRAINT "PK_0bd122c39dfb6f98ad42cdb4e98" PRIMARY KEY ("key_hash"))`,
    );
    await q.query(
      `CREATE TABLE "instance_setting" ("key" character varying(64) NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_0185b54d9038a8d57709b5ccbf4" PRIMARY KEY ("key"))`,
    );

    await q.query(`ALTER TABLE "member_record" ADD "id_number_sealed" bytea`);
    await q.query(`ALTER TABLE "member_record" ADD "id_number_hash" bytea`);
    await q.query(`ALTER TABLE "member_record" ADD "id_number_masked" character varying(12)`);
    await q.query(`ALTER TABLE "member_record" ADD "id_number_raw_sealed" bytea`);
    await q.query(`ALTER TABLE "member_record" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    const stored = (await q.query(
      `SELECT id, id_number, raw->>'idNumber' AS raw_id FROM member_record WHERE id_number IS NOT NULL OR raw ? 'idNumber'`,
    )) as { id: string; id_number: string | null; raw_id: string | null }[];
    if (stored.length) {
      const key = migrationKey(`seal the ${stored.length} ID numbers already stored`);
      for (const r of stored)
        await q.query(
          `UPDATE member_record SET id_number_sealed = $2, id_number_hash = $3, id_number_masked = $4, id_number_raw_sealed = $5, raw = raw - 'idNumber' WHERE id = $1`,
          [
            r.id,
            r.id_number ? encryptText(key, r.id_number) : null,
            r.id_number ? keyedHash(key, r.id_number) : null,
            r.id_number ? maskIdNumber(r.id_number) : null,
            r.raw_id ? encryptText(key, r.raw_id) : null,
          ],
        );
    }
    await q.query(`DROP INDEX "public"."IDX_b8efcccd779a2d7d5c5420aa99"`);
    await q.query(`ALTER TABLE "member_record" DROP COLUMN "id_number"`);
    await q.query(`CREATE INDEX "IDX_f37031f06107b73dc03d2e7258" ON "member_record" ("id_number_hash")`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Sealing ID numbers is not undone by a migration: restore a backup taken before it.'));
  }
}
