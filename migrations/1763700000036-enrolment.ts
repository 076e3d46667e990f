import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrolment (issue 20, item 1): `user create` and a reset give a one-time enrolment password valid
 * 72 hours, never a TOTP secret; at her first log-in the person sets her own password and gets a
 * TOTP secret generated then (src/accounts/enrolment.service.ts). Until she has, her password and
 * secret are NULL; the secret shown but not yet confirmed waits in `totp_pending_sealed`. The
 * enrolment password's hash stays after use so that a second use is told apart ("đã dùng").
 * Users created before keep their password and secret: they are enrolled.
 */
export class Enrolment1763700000036 implements MigrationInterface {
  name = 'Enrolment1763700000036';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ALTER COLUMN "password_hash" DROP NOT NULL, ALTER COLUMN "totp_secret_sealed" DROP NOT NULL,
      ADD "totp_pending_sealed" bytea, ADD "enrolment_hash" text, ADD "enrolment_expires_at" TIMESTAMP WITH TIME ZONE,
      ADD "enrolment_used_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A user who never enrolled cannot be kept with the old NOT NULL columns.
    const never = `SELECT "id" FROM "app_user" WHERE "password_hash" IS NULL OR "totp_secret_sealed" IS NULL`;
    await q.query(`DELETE FROM "access_token" WHERE "user_id" IN (${never})`);
    await q.query(`DELETE FROM "app_user" WHERE "id" IN (${never})`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "enrolment_used_at", DROP COLUMN "enrolment_expires_at", DROP COLUMN "enrolment_hash",
      DROP COLUMN "totp_pending_sealed", ALTER COLUMN "totp_secret_sealed" SET NOT NULL, ALTER COLUMN "password_hash" SET NOT NULL`);
  }
}
