import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The line an import last wrote into each record, kept when the record is edited since (unlike
 * `import_digest`, which any other write clears so that an edited record is compared again): next
 * month's same line is that record and changes nothing — a CCCD or phone she corrected on screen is
 * neither reverted nor taken for another person's (a second record). The undo of an import puts back
 * the lines its unchanged rows replaced (`import_undo_digest.line`).
 */
export class ImportLine1763700000046 implements MigrationInterface {
  name = 'ImportLine1763700000046';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE member_record ADD COLUMN import_line bytea`);
    await q.query(`ALTER TABLE member_record DISABLE TRIGGER member_record_clear_import_digest`);
    await q.query(`UPDATE member_record SET import_line = import_digest WHERE import_digest IS NOT NULL`);
    await q.query(`ALTER TABLE member_record ENABLE TRIGGER member_record_clear_import_digest`);
    await q.query(`ALTER TABLE import_undo_digest ADD COLUMN line bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_undo_digest DROP COLUMN line`);
    await q.query(`ALTER TABLE member_record DROP COLUMN import_line`);
  }
}
