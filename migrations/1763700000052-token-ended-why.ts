import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a token was revoked (logged out, the account locked, a new enrolment, another role or scope, a
 * service token revoked): a session that ends under its user is told which (access.guard.ts).
 */
export class TokenEndedWhy1763700000052 implements MigrationInterface {
  name = 'TokenEndedWhy1763700000052';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "access_token" ADD "revoked_reason" character varying(16)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "access_token" DROP COLUMN "revoked_reason"`);
  }
}
