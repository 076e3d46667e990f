import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { outsideRequest } from '../common/graphql/statement-timeout.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { assertWritableFolder, takeBaseBackup, type BackupResult } from '../database/backup/base-backup.js';
import { runningClusterUrl } from '../database/embedded-cluster.js';
import { KEY_FILE_NAME } from '../personal-data/personal-data-key.js';
import { BackupRun } from '../database/backup/backup-run.entity.js';
import { BACKUP_BUSY, EXTERNAL_DATABASE_CONSOLE, failureText, FOLDER_ONLY, restoreCommand, STATUS_LABEL } from './backup-messages.js';
import { archivesInFolder, manifestOf, type FolderArchive } from './backup-folder.js';
import type { BackupOverviewType, BackupRunType } from './backups.types.js';

type Starter = Pick<Principal, 'kind' | 'id' | 'name' | 'role' | 'clientIp'>;

interface Running {
  id: string;
  startedAt: Date;
  startedBy: Starter;
  file: string;
}

/** `lienthong-2026-12-04-163012.tar.gz`: when it began, in Vietnam time. */
export function archiveName(at: Date): string {
  const vn = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `lienthong-${vn.slice(0, 10)}-${vn.slice(11, 19).replace(/:/g, '')}.tar.gz`;
}

/**
 * Backups of the embedded database: one started from the console (in this server, in the
 * background, into BACKUP_DIR, never with the key) and `lienthong backup`, both through `take`:
 * each leaves a row in `backup_run` when it ends and, when written, a BACKUP_TAKEN audit line.
 * The server waits for a backup under way before it stops.
 */
@Injectable()
export class BackupsService implements OnApplicationShutdown {
  private current: Running | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async overview(first: number): Promise<BackupOverviewType> {
    const rows = await this.db.getRepository(BackupRun).find({ order: { startedAt: 'DESC' }, take: first });
    // A restored database's log ends at its backup: the archives taken since (and that one) are still in the folder.
    const logged = new Set((await this.db.getRepository(BackupRun).find({ select: { file: true } })).map((r) => path.resolve(r.file)));
    const unlogged = archivesInFolder(this.config.backupDir).filter(
      (a) => !logged.has(path.resolve(a.file)) && a.file !== this.current?.file,
    );
    // Whether the key is in one: its manifest says (read for these alone, its first entry only).
    const found = await Promise.all(unlogged.map(async (a) => this.folderView(a, (await manifestOf(a.file))?.withKey ?? false)));
    const runs = [...rows.map((r) => this.view(r)), ...found].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).slice(0, first);
    return {
      directory: this.config.backupDir,
      unavailable: this.config.databaseUrl ? EXTERNAL_DATABASE_CONSOLE : null,
      keyKeptAt: this.config.key ? 'LIENTHONG_KEY' : path.join(this.config.dataDir, KEY_FILE_NAME),
      runs: [...(this.current ? [this.runningView(this.current)] : []), ...runs],
    };
  }

  /** An archive in the folder this database's log does not name: who took it is not known here. */
  private folderView(a: FolderArchive, withKey: boolean): BackupRunType {
    return {
      id: `tep:${path.basename(a.file)}`,
      status: 'DONE',
      statusLabel: STATUS_LABEL.DONE,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      startedByKind: 'FOLDER',
      startedBy: FOLDER_ONLY,
      file: path.basename(a.file),
      bytes: a.bytes,
      withKey,
      failure: null,
      restoreCommand: restoreCommand(a.file, withKey, process.cwd()),
    };
  }

  /** A backup started from the console: its row, RUNNING, at once; it goes on in the background. CONFLICT when it cannot start. */
  start(caller: Principal): BackupRunType {
    if (this.config.databaseUrl) throw new DomainError('CONFLICT', EXTERNAL_DATABASE_CONSOLE);
    if (this.current) throw new DomainError('CONFLICT', BACKUP_BUSY);
    const startedAt = new Date();
    const file = path.join(this.config.backupDir, archiveName(startedAt));
    try {
      fs.mkdirSync(this.config.backupDir, { recursive: true, mode: 0o700 });
      assertWritableFolder(file);
    } catch (e) {
      throw new DomainError('CONFLICT', `${failureText(e)} (thư mục sao lưu BACKUP_DIR: ${this.config.backupDir})`);
    }
    const current: Running = { id: randomUUID(), startedAt, startedBy: caller, file };
    this.current = current;
    const log = new Logger(BackupsService.name);
    this.running = outsideRequest(() => this.take(caller, { out: file, withKey: false, log: (m) => log.log(m) }, current))
      .catch((e: unknown) => log.error(`backup started from the console failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.current = null;
        this.running = null;
      });
    return this.runningView(current);
  }

  /**
   * One backup of the cluster this process uses (the server's, or the one a CLI command acquired):
   * its row written when it ends (DONE or FAILED, with why), and a BACKUP_TAKEN line once written.
   */
  async take(
    caller: Starter,
    opts: { out: string; withKey: boolean; log: (m: string) => void },
    running: Pick<Running, 'id' | 'startedAt'> = { id: randomUUID(), startedAt: new Date() },
  ): Promise<BackupResult> {
    const { dataDir } = this.config;
    const row = (fields: Partial<BackupRun>) =>
      this.db.getRepository(BackupRun).insert({
        id: running.id,
        startedAt: running.startedAt,
        finishedAt: new Date(),
        startedByKind: caller.kind,
        startedBy: caller.name.slice(0, 80),
        file: opts.out,
        withKey: opts.withKey,
        ...fields,
      });
    let result: BackupResult;
    try {
      result = await takeBaseBackup({ dataDir, ...opts, connectTo: runningClusterUrl(dataDir) });
    } catch (e) {
      await row({ status: 'FAILED', failure: failureText(e) }).catch(() => undefined);
      // The person's words (the command line prints it; the console's list shows the row's).
      throw new Error(failureText(e), { cause: e });
    }
    await row({ status: 'DONE', bytes: String(result.bytes) });
    await this.audit.record(caller, {
      action: AuditAction.BACKUP_TAKEN,
      subjectType: 'BACKUP',
      subjectId: running.id,
      detail: { file: path.basename(opts.out), bytes: result.bytes, withKey: opts.withKey },
    });
    return result;
  }

  private view(r: BackupRun): BackupRunType {
    return {
      id: r.id,
      status: r.status,
      statusLabel: STATUS_LABEL[r.status] ?? r.status,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      startedByKind: r.startedByKind,
      startedBy: r.startedBy,
      file: path.basename(r.file),
      bytes: r.bytes === null ? null : Number(r.bytes),
      withKey: r.withKey,
      failure: r.failure,
      restoreCommand: r.status === 'DONE' ? restoreCommand(r.file, r.withKey, process.cwd()) : null,
    };
  }

  /** The backup under way: the bytes of the archive written so far. */
  private runningView(r: Running): BackupRunType {
    let bytes = 0;
    try {
      bytes = fs.statSync(`${r.file}.partial`).size;
    } catch {
      // Not begun yet, or just renamed to its final name.
    }
    return {
      id: r.id,
      status: 'RUNNING',
      statusLabel: STATUS_LABEL.RUNNING,
      startedAt: r.startedAt,
      finishedAt: null,
      startedByKind: r.startedBy.kind,
      startedBy: r.startedBy.name,
      file: path.basename(r.file),
      bytes,
      withKey: false,
      failure: null,
      restoreCommand: null,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }
}
