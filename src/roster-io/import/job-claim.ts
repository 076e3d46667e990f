import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';

/** How long a confirmation waits for a waiting job's own run to let go of it. */
const SETTLING_MS = 5_000;

/**
 * A job being run by this process: a session advisory lock on its own connection, held until the
 * run ends. The lock goes with the connection when the process dies, so "RUNNING and unlocked"
 * means "stopped half-way", and no second runner can take a job that is running.
 */
export class JobClaim {
  private constructor(private readonly runner: QueryRunner) {}

  static async take(db: DataSource, jobId: string): Promise<JobClaim | null> {
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      const rows = (await runner.query(`SELECT pg_try_advisory_lock(hashtext('import-job'), hashtext($1)) AS ok`, [jobId])) as {
        ok: boolean;
      }[];
      const ok = rows[0].ok;
      if (ok) return new JobClaim(runner);
    } catch (e) {
      await runner.release();
      throw e;
    }
    await runner.release();
    return null;
  }

  /**
   * The claim of a job that waits (a preview, a file for another organization?): its own run lets go
   * of it a moment after it says so (its file kept), and a confirmation that comes then waits for it
   * rather than being told the job is being confirmed. Still held after that: CONFLICT.
   */
  static async ofWaiting(db: DataSource, jobId: string): Promise<JobClaim> {
    for (const until = Date.now() + SETTLING_MS; ; await sleep(100)) {
      const claim = await JobClaim.take(db, jobId);
      if (claim) return claim;
      if (Date.now() >= until) throw new DomainError('CONFLICT', `Lượt nhập '${jobId}' đang được xác nhận`);
    }
  }

  async release(): Promise<void> {
    try {
      await this.runner.query(`SELECT pg_advisory_unlock_all()`);
    } finally {
      await this.runner.release();
    }
  }
}

/** Runs `fn`; when it fails, lets the claim go (its connection back to the pool) before passing the error on. */
export async function releasedOnError<T>(claim: JobClaim, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    await claim.release();
    throw e;
  }
}
