import type { EntityManager } from 'typeorm';

/** Rows changed since the last ANALYZE before a table's statistics count as stale: at least this many… */
const STALE_ROWS = 10_000;
/** …and at least this share of its rows (autovacuum's own rule is 10 % after its next pass, up to a minute later). */
const STALE_SHARE = 0.2;

/**
 * Whether a table changed so much since it was last analyzed that the planner's guesses are wrong
 * (from `pg_stat_user_tables`; a table never counted is not stale).
 */
export function statisticsStale(live: number, changed: number): boolean {
  return changed >= STALE_ROWS && changed >= STALE_SHARE * Math.max(live, 1);
}

/**
 * ANALYZE a table the import is about to look rows up in, when a bulk write since its last ANALYZE
 * made its statistics stale. Autovacuum would, within a minute, on a server that keeps running; the
 * CLI's embedded database stops with each command, so after an import of 40,000 rows the next
 * import's lookups by Mã hồ sơ were planned for an organization of a few hundred records (a bitmap
 * scan of all its rows per batch: 20 ms instead of 2). Returns whether it analyzed.
 */
export async function refreshStaleStatistics(em: EntityManager, table: string): Promise<boolean> {
  const [stat] = await em.query<{ live: number; changed: number }[]>(
    `SELECT n_live_tup::float8 AS live, n_mod_since_analyze::float8 AS changed FROM pg_stat_user_tables
      WHERE schemaname = current_schema() AND relname = $1`,
    [table],
  );
  if (!stat || !statisticsStale(stat.live, stat.changed)) return false;
  await em.query(`ANALYZE ${table}`);
  return true;
}
