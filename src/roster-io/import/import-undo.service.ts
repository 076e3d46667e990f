import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { refreshEntryFlags } from '../../membership/member-record/entry-flag-writes.js';
import { OrganizationsService } from '../../membership/organization/organizations.service.js';
import { SecretVault } from '../../personal-data/secret-vault.js';
import { openUndoImage, purgeUndoImages, type BeforeImage } from '../../personal-data/undo-images.js';
import { ImportJob, ImportJobStatus } from '../import-job.entity.js';
import { ImportJobs } from './import-jobs.js';
import { restoreUnchangedDigests, sealUndoImagesWith } from './import-undo.js';
import { changedSince, jobRefusal, recordsRefusal, undoBlockedReason } from './undo-refusals.js';
import {
  clearLoneDuplicateFlags,
  decidedSuggestions,
  idHashes,
  keptImages,
  keptVersions,
  laterImports,
  removeCreated,
  removeJobTraces,
  removeUnusedCreatedUnits,
  revertUpdated,
  takeBackEndings,
  type KeptImage,
} from './undo-steps.js';

/** A reason of at least this many characters: an undo removes records, it is explained. */
const MIN_REASON = 10;

/** Who undid a job, when and why (null: not undone), and how many units it created the undo removed. */
export interface JobUndo {
  at: Date;
  by: string;
  reason: string | null;
  unitsRemoved: number;
}

/**
 * Undoes a finished import for its secretariat, for 30 days, while nobody else has changed the
 * records it wrote: in one transaction, the job's records are locked and checked against the
 * versions it left, the records it created removed with what hangs on them, the ones it changed put
 * back from their sealed before-images, its history events and suggestions removed, and the job
 * marked UNDONE and audited. Reports are left alone: a final period's snapshot stays as it was.
 * Also keeps the sealer of the images and drops them after 30 days (at start and daily).
 */
@Injectable()
export class ImportUndoService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ImportUndo');
  /** The start-up purge, for whoever wants to wait for it (tests). */
  started: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly jobs: ImportJobs,
    private readonly vault: SecretVault,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
  ) {
    sealUndoImagesWith((plain) => this.vault.seal(plain));
  }

  async undoImport(jobId: string, reason: string, caller: Principal): Promise<ImportJob> {
    const why = reason.trim();
    if (why.length < MIN_REASON)
      throw DomainError.invalidInput([
        { field: 'reason', value: reason, message: `Lý do: cần ghi rõ lý do hoàn tác lượt nhập (ít nhất ${MIN_REASON} ký tự)` },
      ]);
    const found = await this.jobs.find(jobId, caller);
    return this.db.transaction(async (em) => {
      // One import at a time per organization: no import writes its records while they are put back.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`import:${found.organizationCode}`]);
      const job = await em.getRepository(ImportJob).findOneOrFail({ where: { id: jobId }, lock: { mode: 'pessimistic_write' } });
      refuseIf(jobRefusal(job, new Date()));
      const images = await keptImages(em, jobId);
      const later = await laterImports(
        em,
        job,
        changedSince(images).map((i) => i.recordId),
      );
      refuseIf(recordsRefusal(job, images, await decidedSuggestions(em, jobId), later));
      const counts = await this.rollBack(em, job, images);
      await em
        .getRepository(ImportJob)
        .update(jobId, { status: ImportJobStatus.UNDONE, undoneAt: new Date(), undoneBy: caller.name, undoReason: why });
      await this.audit.record(
        caller,
        {
          action: AuditAction.IMPORT_UNDO,
          subjectType: 'IMPORT_JOB',
          subjectId: jobId,
          organization: job.organizationCode,
          reason: why,
          detail: counts,
        },
        em,
      );
      return em.getRepository(ImportJob).findOneByOrFail({ id: jobId });
    });
  }

  /**
   * The records created removed, the ones changed put back, what the job wrote beside removed, then
   * the units it created that nothing else has now; how many of each.
   */
  private async rollBack(
    em: EntityManager,
    job: ImportJob,
    images: KeptImage[],
  ): Promise<{ removed: number; reverted: number; unitsRemoved: number }> {
    const created = images.filter((i) => !i.beforeSealed).map((i) => i.recordId);
    const before = new Map<string, BeforeImage>();
    for (const i of images)
      if (i.beforeSealed)
        before.set(
          i.recordId,
          openUndoImage((b) => this.vault.open(b), i.beforeSealed),
        );
    // The CCCDs of the records as the job left them: a duplicate flag they raised may have to go.
    const hashes = await idHashes(
      em,
      images.map((i) => i.recordId),
    );
    await removeJobTraces(em, job.id);
    await removeCreated(em, created);
    await revertUpdated(em, before);
    await takeBackEndings(em, job, before);
    const def = await this.organizations.get(job.organizationCode);
    await refreshEntryFlags(em, def, [...before.keys()], todayInVietnam()); // as the record is again
    await restoreUnchangedDigests(em, job.id);
    await clearLoneDuplicateFlags(em, job.organizationCode, [...hashes, ...(await idHashes(em, [...before.keys()]))]);
    await em.query(`DELETE FROM import_undo_image WHERE job_id = $1`, [job.id]);
    const unitsRemoved = await removeUnusedCreatedUnits(em, job);
    return { removed: created.length, reverted: before.size, unitsRemoved };
  }

  /**
   * Why the job may not be undone now — the refusal `undoImport` would give, by the same rules,
   * without its opening — or null when it may.
   */
  async undoBlocked(jobId: string, now = new Date()): Promise<string | null> {
    const job = await this.db.getRepository(ImportJob).findOneByOrFail({ id: jobId });
    const em = this.db.manager;
    const kept = await keptVersions(em, jobId);
    const later = () =>
      laterImports(
        em,
        job,
        changedSince(kept).map((i) => i.recordId),
      );
    const refusal = jobRefusal(job, now) ?? recordsRefusal(job, kept, await decidedSuggestions(em, jobId), await later());
    return refusal && undoBlockedReason(job, refusal);
  }

  /** Who undid the job, when and why, and how many units it created went (the undo's audit line); null when it was not undone. */
  async undoneOf(jobId: string): Promise<JobUndo | null> {
    const job = await this.db.getRepository(ImportJob).findOneBy({ id: jobId });
    if (!job?.undoneAt) return null;
    const [line] = await this.db.query<{ units: number | null }[]>(
      `SELECT (detail->>'unitsRemoved')::int AS units FROM audit_event
        WHERE action = 'IMPORT_UNDO' AND subject_type = 'IMPORT_JOB' AND subject_id = $1 ORDER BY id DESC LIMIT 1`,
      [jobId],
    );
    return { at: job.undoneAt, by: job.undoneBy ?? '', reason: job.undoReason, unitsRemoved: line?.units ?? 0 };
  }

  onApplicationBootstrap(): void {
    // Not awaited: the server listens while old images go.
    this.started = this.tick();
  }

  /** A short-lived process (the CLI) closes only once the start-up purge is done. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.started;
  }

  @Cron('0 25 3 * * *', { name: 'undo-images-purge', timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    try {
      const n = await this.purge(new Date());
      if (n) this.logger.log(`đã xóa ${n} ảnh hồ sơ để hoàn tác của các lượt nhập quá 30 ngày`);
    } catch (e) {
      this.logger.error(`xóa ảnh hồ sơ để hoàn tác cũ: ${(e as Error).message}`);
    }
  }

  /** Drops the before-images of the imports older than 30 days at `now`; returns how many. */
  purge(now: Date): Promise<number> {
    return purgeUndoImages(this.db.manager, now);
  }
}

function refuseIf(message: string | null): void {
  if (message) throw new DomainError('CONFLICT', message);
}
