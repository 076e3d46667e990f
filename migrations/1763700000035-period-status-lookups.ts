import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An ended period's report at a province's size (issue 19, item 3): its stored statuses are looked
 * at again only for the records written since (period-statuses.ts), found through two block-range
 * (BRIN) indexes — `membership_event.recorded_at` (the history is append-only: its rows lie in the
 * order they were recorded) and `member_record.updated_at` — in place of two whole-table passes at
 * every report. A BRIN index is a few pages, costs an import next to nothing, and, being a
 * summarizing index, leaves an update HOT (PostgreSQL 16+). Then the statistics of the tables the
 * link run and the figures write wholesale, which the planner never had when no autovacuum ran in
 * between (a command-line link, then a report): without them it took a million rows for a few
 * thousand and sorted on disk — and, once it has them, a pass over the whole table for one
 * commune, so a commune's rows of a basis get an index. The code now analyzes them where it writes them whole (the
 * application's role holds MAINTAIN on these three tables for it: src/database/app-role.ts).
 */
export class PeriodStatusLookups1763700000035 implements MigrationInterface {
  name = 'PeriodStatusLookups1763700000035';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_membership_event_recorded_at" ON "membership_event" USING brin ("recorded_at") WITH (autosummarize = on)`,
    );
    await q.query(`CREATE INDEX "ix_member_record_updated_at" ON "member_record" USING brin ("updated_at") WITH (autosummarize = on)`);
    // A commune's figures (the dashboard, a commune's report): its rows of a basis, not a pass over the table.
    await q.query(`CREATE INDEX "ix_person_figure_commune" ON "person_figure" ("basis", "commune")`);
    for (const t of ['record_person', 'person_figure', 'period_status']) await q.query(`ANALYZE "${t}"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_person_figure_commune"`);
    await q.query(`DROP INDEX "ix_member_record_updated_at"`);
    await q.query(`DROP INDEX "ix_membership_event_recorded_at"`);
  }
}
