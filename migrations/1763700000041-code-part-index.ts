import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Part of a Mã hồ sơ typed in the roster's search ("9968" for HPN9996844, or the code in lower case):
 * a trigram index answers `external_id ILIKE '%…%'` at 1M records without reading the table.
 */
export class CodePartIndex1763700000041 implements MigrationInterface {
  name = 'CodePartIndex1763700000041';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_member_record_code_part" ON "member_record" USING gin ("external_id" gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_member_record_code_part"`);
  }
}
