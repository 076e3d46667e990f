import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit's figures without reading its records (issue 19): `person_unit`, the running period's
 * persons by unit — for each person and unit where they are ACTIVE, their memberships there, how
 * many are suspected and why, whether one is not, and their organizations anywhere in the
 * province. A unit's overlap and dashboard sum its subtree's rows from one index instead of
 * visiting each record and its person (≈ 0.45 s cold for a cơ sở of 7,000 records at 1M).
 *
 * Written with the live rows of `person_figure` by the same writers (src/linker/batch/person-units.ts).
 * The live basis is let go here, so the next reader (or the figures' warm-up at start) builds both.
 * A record moved to another unit now marks its person too (the unit is a figure column).
 */
export class PersonUnits1763700000053 implements MigrationInterface {
  name = 'PersonUnits1763700000053';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "person_unit" ("unit_id" uuid NOT NULL, "person_id" uuid NOT NULL, "memberships" integer NOT NULL,
         "phantoms" integer NOT NULL, "real" boolean NOT NULL, "reasons" character varying array, "orgs" character varying array NOT NULL,
         CONSTRAINT "PK_person_unit" PRIMARY KEY ("unit_id", "person_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_person_unit_person" ON "person_unit" ("person_id")`);
    await q.query(`DELETE FROM "person_figure_basis" WHERE "basis" = ''`);
    await q.query(markingFunction(`(x.status, x.organization_code, x.commune_code, x.unit_id, x.id_number_hash IS NULL)`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(markingFunction(`(x.status, x.organization_code, x.commune_code, x.id_number_hash IS NULL)`));
    await q.query(`DROP TABLE "person_unit"`);
  }
}

/** Migration 29's marking of `member_record`'s changes, over these columns of a record (`x`). */
function markingFunction(columns: string): string {
  const of = (x: string) => columns.replaceAll('x.', `${x}.`);
  return `CREATE OR REPLACE FUNCTION member_record_mark_figures() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF current_setting('lienthong.person_figures', true) = 'rebuild' THEN RETURN NULL; END IF;
     IF TG_OP = 'INSERT' THEN
       INSERT INTO person_figure_dirty (who)
       SELECT coalesce(p.person_id, n.id) FROM new_rows n LEFT JOIN record_person p ON p.record_id = n.id WHERE n.status = 'ACTIVE';
     ELSIF TG_OP = 'UPDATE' THEN
       INSERT INTO person_figure_dirty (who)
       SELECT coalesce(p.person_id, n.id) FROM new_rows n JOIN old_rows o ON o.id = n.id LEFT JOIN record_person p ON p.record_id = n.id
        WHERE (o.status = 'ACTIVE' OR n.status = 'ACTIVE') AND ${of('o')} IS DISTINCT FROM ${of('n')};
     ELSE
       INSERT INTO person_figure_dirty (who)
       SELECT coalesce(p.person_id, o.id) FROM old_rows o LEFT JOIN record_person p ON p.record_id = o.id WHERE o.status = 'ACTIVE';
     END IF;
     RETURN NULL;
   END $$`;
}
