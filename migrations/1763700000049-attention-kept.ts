import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Ban Dân vận's request that a secretariat look at a flag ("Đề nghị chú ý") kept on the flag's
 * decision when the secretariat then confirms or dismisses it: who asked, why and when. The
 * requests he made stay on his list with what the office decided. Gone with the record.
 */
export class AttentionKept1763700000049 implements MigrationInterface {
  name = 'AttentionKept1763700000049';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE flag_resolution ADD asked_by text, ADD asked_note text, ADD asked_at timestamptz`);
    await q.query(
      `UPDATE flag_resolution SET asked_by = resolved_by, asked_note = note, asked_at = resolved_at WHERE resolution = 'ATTENTION'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE flag_resolution DROP COLUMN asked_by, DROP COLUMN asked_note, DROP COLUMN asked_at`);
  }
}
