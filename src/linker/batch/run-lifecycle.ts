import type { DataSource, QueryRunner } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { LinkRun } from '../link.entities.js';

/**
 * A run's lifecycle: one run at a time in the whole installation (an advisory lock), and its row in
 * `link_run` — RUNNING, then DONE with its summary or FAILED with the reason.
 */

/** The advisory lock (two keys: "LT", 7) that lets one linker run at a time in the whole installation. */
const LINK_LOCK = [0x4c54, 7] as const;
export const LINK_BUSY = 'Một lần liên kết khác đang chạy (ở máy chủ này hoặc máy khác): chờ lần đó xong rồi chạy lại.';
const INTERRUPTED = 'Lần liên kết bị dừng giữa chừng (máy chủ hoặc lệnh bị tắt): chạy lại `lienthong link`.';

/**
 * Runs `fn` on a connection of its own holding the lock (released when the run ends, or when its
 * process dies); a second caller gets a CONFLICT error at once.
 */
export async function withLinkLock<T>(db: DataSource, fn: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const [{ ok }] = (await runner.query(`SELECT pg_try_advisory_lock($1, $2) AS ok`, [...LINK_LOCK])) as { ok: boolean }[];
    if (!ok) throw new DomainError('CONFLICT', LINK_BUSY, [], 'LINK_BUSY');
    try {
      return await fn(runner);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1, $2)`, [...LINK_LOCK]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

/** Whether a run holds the lock now (here or on another machine): the lock tried and let go at once. */
export async function linkRunning(db: DataSource): Promise<boolean> {
  return db.transaction(async (em) => {
    const [{ ok }] = await em.query<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1, $2) AS ok`, [...LINK_LOCK]);
    return !ok;
  });
}

/**
 * A run left RUNNING by a process that was killed is marked FAILED — unless a run holds the lock
 * (it is under way, here or on another machine). The number of runs marked.
 */
export async function failInterruptedRuns(db: DataSource): Promise<number> {
  return db.transaction(async (em) => {
    const [{ ok }] = await em.query<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1, $2) AS ok`, [...LINK_LOCK]);
    if (!ok) return 0;
    const [{ n }] = await em.query<{ n: number }[]>(
      `WITH failed AS (UPDATE link_run SET status = 'FAILED', finished_at = now(), summary = jsonb_build_object('failure', $1::text)
                        WHERE status = 'RUNNING' RETURNING 1)
       SELECT count(*)::int AS n FROM failed`,
      [INTERRUPTED],
    );
    return n;
  });
}

/** Who started a run: a user, a service token or the CLI (as the audit log names them), or the server's schedule. */
export interface RunStarter {
  kind: 'USER' | 'SERVICE' | 'CLI' | 'SCHEDULE';
  name: string;
}

/** The run's row, RUNNING, with who started it (null: not said — a test's run): its id. */
export async function startRun(db: DataSource, startedBy: RunStarter | null): Promise<string> {
  const run = await db.getRepository(LinkRun).save({
    startedAt: new Date(),
    status: 'RUNNING',
    summary: {},
    startedByKind: startedBy?.kind ?? null,
    startedBy: startedBy?.name.slice(0, 80) ?? null,
  });
  return run.id;
}

export async function finishRun(db: DataSource, runId: string, summary: object): Promise<void> {
  await db.query(`UPDATE link_run SET status = 'DONE', finished_at = now(), summary = $2 WHERE id = $1`, [runId, JSON.stringify(summary)]);
}

export async function failRun(db: DataSource, runId: string, e: unknown): Promise<void> {
  await db.query(`UPDATE link_run SET status = 'FAILED', finished_at = now(), summary = $2 WHERE id = $1`, [
    runId,
    JSON.stringify({ failure: e instanceof Error ? e.message : String(e) }),
  ]);
}

/** While the run is under way: the phases it has ended, with their seconds (a failure to note them never stops the run). */
export async function notePhases(db: DataSource, runId: string, seconds: Record<string, number>): Promise<void> {
  await db
    .query(`UPDATE link_run SET summary = jsonb_build_object('seconds', $2::jsonb) WHERE id = $1 AND status = 'RUNNING'`, [
      runId,
      JSON.stringify(seconds),
    ])
    .catch(() => undefined);
}
