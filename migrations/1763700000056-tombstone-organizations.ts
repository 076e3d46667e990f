import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organizations an erasure asked to forget her in: she may ask the Hội she left and stay a member
 * of the Đoàn, whose record keeps her data; only the organizations that erased her ask before filing
 * her again. NULL: every organization (nothing of hers was kept).
 */
export class TombstoneOrganizations1763700000056 implements MigrationInterface {
  name = 'TombstoneOrganizations1763700000056';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "erasure_tombstone" ADD "organizations" character varying array`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "erasure_tombstone" DROP COLUMN "organizations"`);
  }
}
