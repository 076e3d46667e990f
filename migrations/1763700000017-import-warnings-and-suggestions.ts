import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an import learnt of a row without changing the record (issue 16): `import_warnings`, the
 * problems of optional cells and eligibility, replaced by each import of the row; and
 * `record_suggestion`, facts read in a `Ghi chú` cell for the secretary to accept or dismiss. The
 * suggestions live apart from `record_flag`, which each link run rewrites. Erasing a person's data
 * on request empties both (trigger `member_record_erase_import_notes`).
 */
export class ImportWarningsAndSuggestions1763700000017 implements MigrationInterface {
  name = 'ImportWarningsAndSuggestions1763700000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member_record" ADD "import_warnings" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "import_job" ADD "warned" integer NOT NULL DEFAULT '0'`);
    await q.query(
      `CREATE TABLE "record_suggestion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "record_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "evidence" text NOT NULL, "happened_on" date, "happened_precision" character varying(5), "detail" text, "status" character varying(10) NOT NULL DEFAULT 'OPEN', "import_job_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_record_suggestion" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_record_suggestion_fact" ON "record_suggestion" ("record_id", "kind", "evidence")`);
    await q.query(
      `ALTER TABLE "record_suggestion" ADD CONSTRAINT "FK_record_suggestion_record" FOREIGN KEY ("record_id") REFERENCES "member_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION member_record_erase_import_notes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.import_warnings := '[]';
        DELETE FROM record_suggestion WHERE record_id = NEW.id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER member_record_erase_import_notes BEFORE UPDATE ON member_record
      FOR EACH ROW WHEN (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL) EXECUTE FUNCTION member_record_erase_import_notes()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER member_record_erase_import_notes ON member_record`);
    await q.query(`DROP FUNCTION member_record_erase_import_notes()`);
    await q.query(`DROP TABLE "record_suggestion"`);
    await q.query(`ALTER TABLE "import_job" DROP COLUMN "warned"`);
    await q.query(`ALTER TABLE "member_record" DROP COLUMN "import_warnings"`);
  }
}
