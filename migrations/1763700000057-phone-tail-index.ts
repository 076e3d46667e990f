import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last digits of a phone typed in the roster's search ("678": the digits its mask shows, or more
 * she remembers): the phone reversed, as a prefix an index answers, an organization's records at a time.
 */
export class PhoneTailIndex1763700000057 implements MigrationInterface {
  name = 'PhoneTailIndex1763700000057';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_member_record_phone_tail" ON "member_record" ("organization_code", reverse("phone") text_pattern_ops) WHERE "phone" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_member_record_phone_tail"`);
  }
}
