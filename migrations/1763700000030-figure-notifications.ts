import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the shared dashboard figures are counted from (src/linker/figures-memo.ts). */
const TABLES = ['member_record', 'record_person', 'unit'];

/**
 * The server keeps province-wide figures that cost seconds to count (flag counts, the overlap of
 * organizations) until what they are counted from changes. Any write to those tables — from the
 * server, the CLI, psql — notifies `lienthong_figures` when its transaction commits: one
 * notification a statement (PostgreSQL folds a transaction's identical ones into one), nothing per row.
 */
export class FigureNotifications1763700000030 implements MigrationInterface {
  name = 'FigureNotifications1763700000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "notify_figures"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('lienthong_figures', ''); RETURN NULL; END $$`);
    for (const t of TABLES)
      await q.query(`CREATE TRIGGER "${t}_figures" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${t}"
        FOR EACH STATEMENT EXECUTE FUNCTION "notify_figures"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TABLES) await q.query(`DROP TRIGGER "${t}_figures" ON "${t}"`);
    await q.query(`DROP FUNCTION "notify_figures"()`);
  }
}
