import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two small partial indexes for what a link run keeps and a reinstatement clears, so neither reads a
 * province's every flag or record: the DECEASED flags another organization's ending raised, by the
 * dead listing they name (membership's death-elsewhere.ts), and the erased records (whose person a
 * run keeps: batch/link-store.ts). Each holds only those few rows.
 */
export class DeathElsewhereAndErasedIndexes1763700000050 implements MigrationInterface {
  name = 'DeathElsewhereAndErasedIndexes1763700000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_record_flag_death_elsewhere" ON "record_flag" ((evidence->>'record'))
        WHERE code = 'DECEASED' AND evidence->>'raisedBy' = 'DEATH_ELSEWHERE'`,
    );
    await q.query(`CREATE INDEX "ix_member_record_erased" ON "member_record" ("id") WHERE erased_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_member_record_erased"`);
    await q.query(`DROP INDEX "ix_record_flag_death_elsewhere"`);
  }
}
