import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The digest of the line an import last wrote into a record is kept when the record is edited since:
 * next month's same line is that record and changes nothing — a CCCD or phone she corrected on screen
 * is neither reverted nor taken for another person's (a second record). The trigger that cleared it on
 * any other write (migration 1763700000006), so that an edited record was compared with the file
 * again, goes: a changed line is compared all the same.
 */
export class ImportDigestKept1763700000046 implements MigrationInterface {
  name = 'ImportDigestKept1763700000046';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER member_record_clear_import_digest ON member_record`);
    await q.query(`DROP FUNCTION member_record_clear_import_digest()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION member_record_clear_import_digest() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.import_digest IS NOT DISTINCT FROM OLD.import_digest THEN
          NEW.import_digest := NULL;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER member_record_clear_import_digest BEFORE UPDATE ON member_record
      FOR EACH ROW WHEN (OLD.import_digest IS NOT NULL) EXECUTE FUNCTION member_record_clear_import_digest()`);
  }
}
