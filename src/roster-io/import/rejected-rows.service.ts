import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { DataSource, type EntityManager } from 'typeorm';
import { type Principal } from '../../access/principal.js';
import { applyPathScope, unitPathLimit, writeScope, type RecordScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { SecretVault } from '../../personal-data/secret-vault.js';
import { openRejectedRow, purgeRejectedRows, sealRejectedRow, type RejectedRowContent } from '../../personal-data/rejected-rows.js';
import { rejectedRowKeys } from '../../personal-data/tombstone-keys.js';
import type { ImportJob, RowOutcome } from '../import-job.entity.js';
import { ImportRowError } from '../import-job.entity.js';
import { openHerRow, sealHerRow, type HerRow, type KeptRow } from './her-rows.js';

/** A rejected row as its reader gets it: where, what it says, her row as her file had it (opened). */
export type OpenedRowError = KeptRow;

/** Which kept rows a reader wants: the rejected ones (error file, status query), every row of a result file, or the skipped lines. */
export type KeptRows = 'ERRORS' | 'RESULT' | 'SKIPPED';

/** Each reading's rows, and the subject its read is logged under. */
const KEPT: Record<KeptRows, { where: string; subject: string }> = {
  ERRORS: { where: `(e.outcome IS NULL OR e.outcome = 'REJECTED')`, subject: 'IMPORT_ERRORS' },
  RESULT: { where: 'e.outcome IS NOT NULL', subject: 'IMPORT_RESULT' },
  SKIPPED: { where: `e.outcome = 'SKIPPED'`, subject: 'IMPORT_SKIPPED' },
};

/** Where a rejected row was, and what the importer knew of whose it is. */
export interface RejectedRowPlace {
  jobId: string;
  organization: string;
  ordinal: number;
  sheet: string | null;
  rowNumber: number;
  columnName: string | null;
  /** The cells the person keys are read from (as typed). */
  person: { externalId?: string | null; fullName?: string | null; birthDate?: string | null; idNumber?: string | null };
  unitPath: string | null;
  /** Her row as her file had it (sealed with the rest). */
  her: HerRow;
  /** The row's line in the result file (null: a rejected row of an import with its own codes). */
  outcome: RowOutcome | null;
}

/**
 * The unit subtree a rejected row belongs to: its unit's (or its record's) when inside the
 * importer's own scope, else the importer's subtree (null: the whole organization).
 */
export function rejectedRowUnitPath(scope: RecordScope, ...paths: (string | null | undefined)[]): string | null {
  const own = unitPathLimit(scope);
  for (const p of paths) if (p && (own === null || p.startsWith(own))) return p;
  return own;
}

/**
 * Rejected import rows: sealed when written, opened only for a caller whose scope covers the row
 * (each read logged, ids and counts only), deleted after 30 days (at start and daily) and at erasure.
 */
@Injectable()
export class RejectedRowsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RejectedRows');
  /** The start-up purge, for whoever wants to wait for it (tests). */
  started: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly vault: SecretVault,
    private readonly audit: AuditService,
  ) {}

  /** The row to store: sealed content, person keys, scope. */
  seal(place: RejectedRowPlace, content: RejectedRowContent): Partial<ImportRowError> {
    return {
      jobId: place.jobId,
      ordinal: place.ordinal,
      sheet: place.sheet,
      rowNumber: place.rowNumber,
      columnName: place.columnName,
      sealed: sealRejectedRow((s) => this.vault.seal(s), content),
      source: sealHerRow((s) => this.vault.seal(s), place.her),
      outcome: place.outcome,
      personKeys: rejectedRowKeys(this.vault, place.organization, place.person),
      unitPath: place.unitPath,
    };
  }

  /**
   * The kept rows of a job that the caller's scope covers, in file order, opened: the rejected ones,
   * or (`RESULT`) every row of its result file. The read is logged (`ROSTER_READ` for the status
   * query, `EXPORT` for a file) with the count only.
   */
  async read(
    job: Pick<ImportJob, 'id' | 'organizationCode'>,
    caller: Principal,
    how: 'QUERY' | 'FILE',
    first = 1_000_000,
    which: KeptRows = 'ERRORS',
  ): Promise<OpenedRowError[]> {
    const scope = writeScope(caller);
    if (scope.kind === 'NONE') return [];
    const qb = this.db
      .getRepository(ImportRowError)
      .createQueryBuilder('e')
      .where('e.job_id = :job', { job: job.id })
      .andWhere(KEPT[which].where)
      // A skipped line is kept with the ordinal of the member row above it, and after it.
      .orderBy('e.ordinal', 'ASC')
      .addOrderBy(`COALESCE(e.outcome = 'SKIPPED', false)`, 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(first);
    // The job's organization is the caller's (the job was found in its scope): the unit subtree remains.
    const rows = await applyPathScope(qb, scope, 'e.unit_path').getMany();
    await this.audit.record(caller, {
      action: how === 'QUERY' ? AuditAction.ROSTER_READ : AuditAction.EXPORT,
      subjectType: KEPT[which].subject,
      subjectId: job.id,
      organization: job.organizationCode,
      detail: how === 'QUERY' ? { rows: rows.length } : { rows: rows.length, format: 'csv' },
    });
    return rows.map((r) => ({
      sheet: r.sheet,
      rowNumber: r.rowNumber,
      columnName: r.columnName,
      ...openRejectedRow((b) => this.vault.open(b), r.sealed),
      her: r.source ? openHerRow((b) => this.vault.open(b), r.source) : null,
      outcome: r.outcome,
    }));
  }

  /**
   * Rows the plan wrote that its apply refused (the record changed since, the database refused a
   * value): a result file's line says so, resealed with the reason; another row is kept as a rejected
   * row with what the plan knew of it (its code), her cells being gone with the read.
   */
  async refuseApplied(
    em: EntityManager,
    job: Pick<ImportJob, 'id' | 'organizationCode'>,
    rows: { ordinal: number; sheet: string | null; rowNumber: number; externalId: string | null; unitPath: string | null }[],
    message: (ordinal: number) => string,
  ): Promise<void> {
    for (const r of rows) {
      const [line] = await em.query<{ id: string; sealed: Buffer }[]>(
        `SELECT id, sealed FROM import_row_error WHERE job_id = $1 AND ordinal = $2 AND outcome IS NOT NULL AND outcome <> 'SKIPPED'`,
        [job.id, r.ordinal],
      );
      if (line) {
        const content = { ...openRejectedRow((b) => this.vault.open(b), line.sealed), message: message(r.ordinal) };
        await em.query(`UPDATE import_row_error SET outcome = 'REJECTED', sealed = $2 WHERE id = $1`, [
          line.id,
          sealRejectedRow((x) => this.vault.seal(x), content),
        ]);
        continue;
      }
      const place = { ...r, jobId: job.id, organization: job.organizationCode, columnName: null, outcome: null };
      const her = { header: [], cells: [], codeAt: -1, code: r.externalId ?? '' };
      const kept = this.seal(
        { ...place, person: { externalId: r.externalId }, her },
        { value: null, message: message(r.ordinal), cells: [] },
      );
      await em.getRepository(ImportRowError).insert(kept);
    }
  }

  /** Whether a job kept any row for a result file (its codes were assigned): skipped lines are kept for every job. */
  async anyResult(jobId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM import_row_error WHERE job_id = $1 AND outcome IS NOT NULL AND outcome <> 'SKIPPED' LIMIT 1`,
      [jobId],
    );
    return rows.length > 0;
  }

  /**
   * The lines under a header that are no member, kept for every import (`importJob { skipped }`, and the
   * result file when its codes were assigned), replacing a stopped run's: a resumed run reads them all
   * again. Each is sealed like a rejected row (a signer's name is the only person in it), in the
   * importer's subtree, and purged with them after 30 days.
   */
  async keepSkipped(
    job: ImportJob,
    lines: { place: Omit<RejectedRowPlace, 'jobId' | 'organization' | 'outcome' | 'unitPath' | 'columnName' | 'person'>; reason: string }[],
    scope: RecordScope,
  ): Promise<void> {
    if (!lines.length) return;
    await this.db.transaction(async (em) => {
      await em.query(`DELETE FROM import_row_error WHERE job_id = $1 AND outcome = 'SKIPPED'`, [job.id]);
      const rows = lines.map(({ place, reason }) =>
        this.seal(
          {
            ...place,
            jobId: job.id,
            organization: job.organizationCode,
            columnName: null,
            person: {},
            unitPath: unitPathLimit(scope),
            outcome: 'SKIPPED',
          },
          { value: null, message: reason, cells: [] },
        ),
      );
      // In chunks: one statement's parameters are limited (65,535; ten a row).
      for (let i = 0; i < rows.length; i += 1000) await em.getRepository(ImportRowError).insert(rows.slice(i, i + 1000));
    });
  }

  onApplicationBootstrap(): void {
    // Not awaited: the server listens while old rows go.
    this.started = this.tick();
  }

  /** A short-lived process (the CLI) closes only once the start-up purge is done. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.started;
  }

  @Cron('0 15 3 * * *', { name: 'rejected-rows-purge', timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    try {
      const n = await this.purge(new Date());
      if (n) this.logger.log(`đã xóa ${n} dòng lỗi nhập quá 30 ngày`);
    } catch (e) {
      this.logger.error(`xóa dòng lỗi nhập cũ: ${(e as Error).message}`);
    }
  }

  /** Deletes the rejected rows older than 30 days at `now`; returns how many. */
  purge(now: Date): Promise<number> {
    return purgeRejectedRows(this.db.manager, now);
  }
}
