import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every date of a record keeps the precision it was given (issue 16): the last activity and the
 * last dues get a precision column as the birth and join dates have, and MONTH (`3/2010`) joins
 * YEAR and DAY, so the columns grow to five characters. The dates stored so far are full days: their
 * precision is DAY (a null one beside a join date meant the same). The backfill is not an edit of the
 * records, so it leaves their import digests in place.
 */
/** The dates an import used to store as 1 January of a year given alone, with the header it warned by. */
const YEAR_SAID_IN_A_WARNING = [
  ['last_activity_date', 'Ngày sinh hoạt gần nhất'],
  ['last_dues_date', 'Ngày đóng phí gần nhất'],
] as const;

/**
 * A year alone imported before this was stored as 1 January, with a warning on the record saying so
 * (`…: chỉ ghi năm 2025, đã lưu là ngày 01/01/2025`): it is a year again, and the warning goes (an
 * unchanged row imported again is skipped by its digest, so no import would take it away).
 */
const yearAgain = (column: string, label: string) => `
  WITH said AS (
    SELECT r.id, w.value AS warning FROM member_record r, jsonb_array_elements(r.import_warnings) w
     WHERE to_char(r."${column}", 'MM-DD') = '01-01'
       AND w.value->>'message' = '${label}: chỉ ghi năm ' || extract(year FROM r."${column}")::int || ', đã lưu là ngày 01/01/' || extract(year FROM r."${column}")::int)
  UPDATE member_record r
     SET "${column}_precision" = 'YEAR',
         import_warnings = (SELECT coalesce(jsonb_agg(w.value ORDER BY w.n), '[]'::jsonb)
                              FROM jsonb_array_elements(r.import_warnings) WITH ORDINALITY AS w(value, n) WHERE w.value <> s.warning)
    FROM said s WHERE s.id = r.id`;

export class DatePrecisions1763700000019 implements MigrationInterface {
  name = 'DatePrecisions1763700000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member_record" ALTER COLUMN "birth_date_precision" TYPE character varying(5)`);
    await q.query(`ALTER TABLE "member_record" ALTER COLUMN "join_date_precision" TYPE character varying(5)`);
    await q.query(`ALTER TABLE "member_record" ADD "last_activity_date_precision" character varying(5)`);
    await q.query(`ALTER TABLE "member_record" ADD "last_dues_date_precision" character varying(5)`);
    await q.query(`ALTER TABLE "member_record" DISABLE TRIGGER member_record_clear_import_digest`);
    await q.query(
      `UPDATE "member_record"
          SET "join_date_precision" = CASE WHEN "join_date" IS NULL THEN NULL ELSE coalesce("join_date_precision", 'DAY') END,
              "last_activity_date_precision" = CASE WHEN "last_activity_date" IS NULL THEN NULL ELSE 'DAY' END,
              "last_dues_date_precision" = CASE WHEN "last_dues_date" IS NULL THEN NULL ELSE 'DAY' END
        WHERE ("join_date" IS NOT NULL AND "join_date_precision" IS NULL) OR "last_activity_date" IS NOT NULL OR "last_dues_date" IS NOT NULL`,
    );
    for (const [column, label] of YEAR_SAID_IN_A_WARNING) await q.query(yearAgain(column, label));
    await q.query(`ALTER TABLE "member_record" ENABLE TRIGGER member_record_clear_import_digest`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member_record" DROP COLUMN "last_dues_date_precision"`);
    await q.query(`ALTER TABLE "member_record" DROP COLUMN "last_activity_date_precision"`);
    // A month cannot be said in the old columns: it becomes its year, the coarser truth.
    await q.query(`UPDATE "member_record" SET "birth_date_precision" = 'YEAR' WHERE "birth_date_precision" = 'MONTH'`);
    await q.query(`UPDATE "member_record" SET "join_date_precision" = 'YEAR' WHERE "join_date_precision" = 'MONTH'`);
    await q.query(`ALTER TABLE "member_record" ALTER COLUMN "join_date_precision" TYPE character varying(4)`);
    await q.query(`ALTER TABLE "member_record" ALTER COLUMN "birth_date_precision" TYPE character varying(4)`);
  }
}
