import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The member's village (thôn, bản, xóm, tổ dân phố) as her roster writes it: every commune roster
 * has it under `Địa chỉ`, beside the commune. It was read and dropped; it is now kept, shown and
 * exported with the record. Nullable, no index: nothing searches by it yet.
 */
export class MemberVillage1763700000045 implements MigrationInterface {
  name = 'MemberVillage1763700000045';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE member_record ADD COLUMN village varchar(100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE member_record DROP COLUMN village`);
  }
}
