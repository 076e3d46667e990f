import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A service token that only reads (an integration: the province's HR system reading one organization). */
export class ReadOnlyTokens1763700000055 implements MigrationInterface {
  name = 'ReadOnlyTokens1763700000055';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "access_token" ADD "read_only" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "access_token" DROP COLUMN "read_only"`);
  }
}
