import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fast figures (issue 19): the person-level table the reports and the dashboard count in one pass.
 *
 * - `person_figure`: for each basis ('' = the records' own status, i.e. the running period; or an
 *   ended period's key, from its stored statuses), each person's ACTIVE memberships grouped by
 *   organization and commune ('' = none), with the person's organizations and which row is its
 *   first (of the person, of the person in the organization) so that a GROUP BY counts people
 *   without `count(DISTINCT)`. Written set-based by src/linker/batch/person-figures.ts.
 * - `person_figure_basis`: which bases are built (the live one by the first reader or link run).
 * - `person_figure_dirty`: persons whose records changed since their rows were written, marked by
 *   statement-level triggers on `member_record` and `record_person` (every writer, whichever
 *   module it lives in: imports, edits, erasure, decisions). The transaction that marked them
 *   (`marked_by`) or the next reader writes their rows again. A link run sets
 *   `lienthong.person_figures = 'rebuild'` and rewrites the table wholesale instead.
 * - `period_status` / `period_status_basis`: the records ACTIVE on an ended period's last day,
 *   computed from the dated history once, then kept (only records with history recorded later are
 *   looked at again).
 */
export class PersonFigures1763700000029 implements MigrationInterface {
  name = 'PersonFigures1763700000029';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "person_figure" ("basis" character varying(10) NOT NULL, "person_id" uuid NOT NULL,
         "org" character varying(20) NOT NULL, "commune" character varying(5) NOT NULL, "memberships" integer NOT NULL,
         "phantoms" integer NOT NULL, "without_id" integer NOT NULL, "real" boolean NOT NULL, "reasons" character varying array,
         "orgs" character varying array NOT NULL, "org_count" integer NOT NULL, "first_in_person" boolean NOT NULL,
         "person_real" boolean NOT NULL, "first_in_org" boolean NOT NULL, "org_real" boolean NOT NULL,
         CONSTRAINT "PK_person_figure" PRIMARY KEY ("basis", "person_id", "org", "commune"))`,
    );
    await q.query(`CREATE INDEX "IDX_person_figure_person" ON "person_figure" ("person_id")`);
    await q.query(
      `CREATE TABLE "person_figure_basis" ("basis" character varying(10) NOT NULL, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_person_figure_basis" PRIMARY KEY ("basis"))`,
    );
    await q.query(`CREATE TABLE "person_figure_dirty" ("who" uuid NOT NULL, "marked_by" xid8 NOT NULL DEFAULT pg_current_xact_id())`);
    await q.query(`CREATE INDEX "IDX_person_figure_dirty_tx" ON "person_figure_dirty" ("marked_by")`);
    await q.query(
      `CREATE TABLE "period_status" ("period" character varying(10) NOT NULL, "record_id" uuid NOT NULL,
         CONSTRAINT "PK_period_status" PRIMARY KEY ("period", "record_id"))`,
    );
    await q.query(
      `CREATE TABLE "period_status_basis" ("period" character varying(10) NOT NULL, "day" date NOT NULL,
         "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_period_status_basis" PRIMARY KEY ("period"))`,
    );
    for (const statement of MARKING) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['member_record', 'record_person'])
      for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER IF EXISTS ${t}_figures_${op} ON "${t}"`);
    await q.query(`DROP FUNCTION IF EXISTS member_record_mark_figures()`);
    await q.query(`DROP FUNCTION IF EXISTS record_person_mark_figures()`);
    for (const t of ['period_status_basis', 'period_status', 'person_figure_dirty', 'person_figure_basis', 'person_figure'])
      await q.query(`DROP TABLE "${t}"`);
  }
}

/** The columns of a record that its person's figures read. */
const FIGURE_COLUMNS = (x: string) => `(${x}.status, ${x}.organization_code, ${x}.commune_code, ${x}.id_number_hash IS NULL)`;

/**
 * Statement-level triggers (one per event: transition tables allow no more) that mark the persons
 * of the changed rows; set-based, so an import of 50,000 rows marks them in one INSERT.
 */
const MARKING = [
  `CREATE FUNCTION member_record_mark_figures() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF current_setting('lienthong.person_figures', true) = 'rebuild' THEN RETURN NULL; END IF;
     IF TG_OP = 'INSERT' THEN
       INSERT INTO person_figure_dirty (who)
       SELECT coalesce(p.person_id, n.id) FROM new_rows n LEFT JOIN record_person p ON p.record_id = n.id WHERE n.status = 'ACTIVE';
     ELSIF TG_OP = 'UPDATE' THEN
       INSERT INTO person_figure_dirty (who)
       SELECT coalesce(p.person_id, n.id) FROM new_rows n JOIN old_rows o ON o.id = n.id LEFT JOIN record_person p ON p.record_id = n.id
        WHERE (o.status = 'ACTIVE' OR n.status = 'ACTIVE') AND ${FIGURE_COLUMNS('o')} IS DISTINCT FROM ${FIGURE_COLUMNS('n')};
     ELSE
       INSERT INTO person_figure_dirty (who)
       SELECT coalesce(p.person_id, o.id) FROM old_rows o LEFT JOIN record_person p ON p.record_id = o.id WHERE o.status = 'ACTIVE';
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION record_person_mark_figures() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF current_setting('lienthong.person_figures', true) = 'rebuild' THEN RETURN NULL; END IF;
     IF TG_OP = 'INSERT' THEN
       INSERT INTO person_figure_dirty (who) SELECT unnest(ARRAY[n.person_id, n.record_id]) FROM new_rows n;
     ELSIF TG_OP = 'UPDATE' THEN
       INSERT INTO person_figure_dirty (who)
       SELECT unnest(ARRAY[o.person_id, n.person_id]) FROM new_rows n JOIN old_rows o ON o.record_id = n.record_id
        WHERE (o.person_id, o.ao, o.ao_reasons) IS DISTINCT FROM (n.person_id, n.ao, n.ao_reasons);
     ELSE
       INSERT INTO person_figure_dirty (who) SELECT unnest(ARRAY[o.person_id, o.record_id]) FROM old_rows o;
     END IF;
     RETURN NULL;
   END $$`,
  ...['member_record', 'record_person'].flatMap((t) => [
    `CREATE TRIGGER ${t}_figures_insert AFTER INSERT ON "${t}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${t}_mark_figures()`,
    `CREATE TRIGGER ${t}_figures_update AFTER UPDATE ON "${t}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${t}_mark_figures()`,
    `CREATE TRIGGER ${t}_figures_delete AFTER DELETE ON "${t}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${t}_mark_figures()`,
  ]),
];
