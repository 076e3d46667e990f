import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { uploadsRoot } from '../common/http/send-temp-file.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ImportJob, ImportJobStatus } from './import-job.entity.js';

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

/** What an interrupted job tells its reader (rows before it are saved). */
export const interruptedMessage = (rowsCommitted: number): string =>
  `Lượt nhập dừng giữa chừng (tiến trình nhập đã dừng) sau ${rowsCommitted} dòng đã lưu: gửi lại đúng tệp này cho cùng tổ chức để nhập tiếp từ dòng ${rowsCommitted + 1}`;

/** Marks the RUNNING jobs no process runs any more as FAILED and resumable. Returns how many. */
export async function markInterruptedJobs(db: DataSource): Promise<number> {
  const jobs = db.getRepository(ImportJob);
  let marked = 0;
  for (const job of await jobs.findBy({ status: ImportJobStatus.RUNNING })) {
    const claim = await JobClaim.take(db, job.id);
    if (!claim) continue;
    try {
      const r = await jobs.update(
        { id: job.id, status: ImportJobStatus.RUNNING },
        { status: ImportJobStatus.FAILED, interrupted: true, failure: interruptedMessage(job.rowsCommitted), finishedAt: new Date() },
      );
      marked += r.affected ?? 0;
    } finally {
      await claim.release();
    }
  }
  return marked;
}

/**
 * Files left in DATA_DIR/uploads by processes that are gone (each process writes under
 * uploads/<pid>): removed, so no roster stays on disk after a kill. Returns how many entries.
 */
export function removeLeftoverUploads(dataDir: string): number {
  const root = uploadsRoot(dataDir);
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return 0;
  }
  for (const name of names) {
    const p = path.join(root, name);
    const pid = /^\d+$/.test(name) && statSync(p).isDirectory() ? Number(name) : null;
    if (pid !== null && pid !== process.pid && isAlive(pid)) continue;
    rmSync(p, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** At start: interrupted imports marked (resumable), leftover uploads removed. */
@Injectable()
export class ImportJobsAtStart implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    removeLeftoverUploads(this.config.dataDir);
    await markInterruptedJobs(this.db);
  }
}
