import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The erasure trigger of migration 17, as it was (restored by `down`). */
const ERASE_NOTES_17 = `
  CREATE OR REPLACE FUNCTION member_record_erase_import_notes() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.import_warnings := '[]';
    DELETE FROM record_suggestion WHERE record_id = NEW.id;
    RETURN NEW;
  END $$`;

/** The two triggers that kept an accepted suggestion's flag through link runs (dropped by migration 22: link-store keeps it now). */
export const RAISED_FLAG_TRIGGERS = [
  `
      CREATE FUNCTION record_flag_keep_raised() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM record_suggestion s
                    WHERE s.record_id = OLD.record_id AND s.flag_code = OLD.code AND s.status = 'ACCEPTED') THEN
          IF TG_OP = 'DELETE' THEN RETURN NULL; END IF;
          RETURN OLD;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`,
  `CREATE TRIGGER record_flag_keep_raised BEFORE DELETE OR UPDATE ON record_flag FOR EACH ROW EXECUTE FUNCTION record_flag_keep_raised()`,
  `
      CREATE FUNCTION record_person_raised_flags() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.flags := ARRAY(SELECT DISTINCT c FROM unnest(NEW.flags || ARRAY(
                             SELECT s.flag_code::varchar FROM record_suggestion s
                              WHERE s.record_id = NEW.record_id AND s.status = 'ACCEPTED' AND s.flag_code IS NOT NULL)) AS c ORDER BY c);
        RETURN NEW;
      END $$`,
  `CREATE TRIGGER record_person_raised_flags BEFORE INSERT OR UPDATE ON record_person FOR EACH ROW EXECUTE FUNCTION record_person_raised_flags()`,
];

/**
 * A secretary's decision on a `Ghi chú` suggestion (issue 16): who, when, why, and the flag an
 * accepted one raised. That flag is a person's, not the linker's: each link run rewrites
 * `record_flag` and `record_person.flags` from its own checks (batch/link-store.ts), so two
 * triggers keep what an ACCEPTED suggestion raised — its `record_flag` row is neither deleted nor
 * overwritten by a run, and its code stays in `record_person.flags` (the lists and counts read it).
 * Erasing the person's data removes the suggestions, then their flags (the evidence is the note).
 */
export class SuggestionDecisions1763700000020 implements MigrationInterface {
  name = 'SuggestionDecisions1763700000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "record_suggestion" ADD "decided_by" text`);
    await q.query(`ALTER TABLE "record_suggestion" ADD "decision_reason" text`);
    await q.query(`ALTER TABLE "record_suggestion" ADD "flag_code" character varying(20)`);
    for (const statement of RAISED_FLAG_TRIGGERS) await q.query(statement);
    await q.query(`
      CREATE OR REPLACE FUNCTION member_record_erase_import_notes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.import_warnings := '[]';
        DELETE FROM record_suggestion WHERE record_id = NEW.id;
        DELETE FROM record_flag WHERE record_id = NEW.id;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(ERASE_NOTES_17);
    await q.query(`DROP TRIGGER record_person_raised_flags ON record_person`);
    await q.query(`DROP FUNCTION record_person_raised_flags()`);
    await q.query(`DROP TRIGGER record_flag_keep_raised ON record_flag`);
    await q.query(`DROP FUNCTION record_flag_keep_raised()`);
    await q.query(`ALTER TABLE "record_suggestion" DROP COLUMN "flag_code"`);
    await q.query(`ALTER TABLE "record_suggestion" DROP COLUMN "decision_reason"`);
    await q.query(`ALTER TABLE "record_suggestion" DROP COLUMN "decided_by"`);
  }
}
