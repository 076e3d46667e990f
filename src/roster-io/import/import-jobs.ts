import { isAlive } from '../../common/process/is-alive.js';
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { applyScope, inScope, unitPathLimit, writeScope, type RecordScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { assertUuid, DomainError } from '../../common/errors/domain-error.js';
import { uploadsRoot } from '../../common/http/send-temp-file.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { Unit } from '../../membership/unit/unit.entity.js';
import { ImportJob, ImportJobStatus, type JobPlan } from '../import-job.entity.js';
import { failureText } from './import-messages.js';
import { placeKey } from './held-decisions.js';
import type { HeldDecision, ImportOptions } from './import.types.js';
import { KEPT_DAYS, removeOldKeptUploads } from './kept-uploads.js';
import { laterImport } from './overtaken-preview.js';
import { JobClaim, releasedOnError } from './job-claim.js';

/** A listed preview against the imports after it (overtaken-preview.ts). */
const LISTED = { org: 'j.organization_code', id: 'j.id', since: 'j.finished_at', unitPath: 'j.unit_path' };

// An import job's life: opened (or a stopped one resumed) and claimed by one process, its rows
// committed batch by batch, ended DONE or FAILED; at start, the jobs of a dead process are marked
// interrupted (resumable) and its uploads removed.

/** The file an import reads, as a job knows it. */
export interface JobSource {
  organization: string;
  sha256: string;
  sourceName: string;
}

/** The jobs of the imports: opened or resumed (and claimed), found within a caller's scope, ended. */
@Injectable()
export class ImportJobs {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The stopped job of this file in the caller's scope (resumed), or a new one; either way claimed
   * by this process. Refuses while the same file is being imported (never two runners on one job).
   */
  async open(
    source: JobSource,
    opts: ImportOptions,
    actor: Principal,
    scope: RecordScope,
  ): Promise<{ job: ImportJob; claim: JobClaim; resumed: boolean }> {
    const { organization: org, sha256: sha, sourceName } = source;
    const unitPath = unitPathLimit(scope);
    // One look-and-insert at a time per file: the same file sent twice at once (two tabs, a double
    // click, the CLI beside the console) finds the first one's job RUNNING and is told so.
    const opened = await this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('import-file'), hashtext($1))`, [`${org}:${sha}`]);
      const unfinished = await em
        .getRepository(ImportJob)
        .createQueryBuilder('j')
        .where('j.organization_code = :org AND j.source_sha256 = :sha', { org, sha })
        .andWhere('(j.status = :running OR j.interrupted)', { running: ImportJobStatus.RUNNING })
        .orderBy('j.started_at', 'DESC')
        .getMany();
      // Hers (her scope's) is taken up again; another scope's still running (the administrator's, the
      // CLI's) refuses this one as her own would: the same rows written twice at once.
      const stopped = unfinished.find((j) => j.unitPath === unitPath);
      if (stopped) return { ...(await this.resume(stopped, sourceName)), fresh: false };
      for (const other of unfinished) await refuseWhileRunning(this.db, other, sourceName);
      // Claimed before it exists: a process starting meanwhile never takes it for an interrupted job.
      const id = randomUUID();
      const claim = (await JobClaim.take(this.db, id))!;
      const job = em.getRepository(ImportJob).create({
        id,
        organizationCode: org,
        sourceName,
        sourceSha256: sha,
        status: ImportJobStatus.RUNNING,
        // Read again as it was read (a replan, a corrected mapping): an empty Mã hồ sơ cell is a row without a code.
        options: {
          createUnits: !!opts.createUnits,
          sheet: opts.sheet ?? null,
          assignIds: !!opts.assignIds,
          // The remembered mapping it is first read by: planned again, read the same way (keptMapping).
          ...(opts.rememberedMapping?.length ? { rememberedMapping: JSON.stringify(opts.rememberedMapping) } : {}),
        },
        actorName: actor.name,
        unitPath,
      });
      await releasedOnError(claim, () => em.getRepository(ImportJob).insert(job));
      return { job, claim, resumed: false, fresh: true };
    });
    if (!opened.fresh) return opened;
    const { job, claim } = opened;
    await releasedOnError(claim, () =>
      this.audit.record(actor, {
        action: AuditAction.IMPORT,
        subjectType: 'IMPORT_JOB',
        subjectId: job.id,
        organization: org,
        // The file's name is free text (it may name a person): it stays on the job row, which the audit line points to.
      }),
    );
    return { job, claim, resumed: false };
  }

  /** A stopped job taken up again where it stopped (its committed rows stay). */
  private async resume(stopped: ImportJob, sourceName: string): Promise<{ job: ImportJob; claim: JobClaim; resumed: boolean }> {
    const claim = await JobClaim.take(this.db, stopped.id);
    if (!claim) throw stillRunning(stopped, sourceName);
    const reopened = { status: ImportJobStatus.RUNNING, interrupted: false, failure: null, finishedAt: null };
    await releasedOnError(claim, () => this.db.getRepository(ImportJob).update(stopped.id, reopened));
    return { job: Object.assign(stopped, reopened), claim, resumed: true };
  }

  /** A job, if it was started within the caller's scope (organization and unit subtree); NOT_FOUND otherwise. */
  async find(id: string, caller: Principal): Promise<ImportJob> {
    assertUuid('id', id);
    const job = await this.db.getRepository(ImportJob).findOneBy({ id });
    // A secretariat kept to one unit sees the jobs started within its subtree only (their error files hold its rows only).
    if (!job || !inScope(writeScope(caller), { organizationCode: job.organizationCode, unitPath: job.unitPath }))
      throw new DomainError('NOT_FOUND', `Không tìm thấy lượt nhập '${id}' trong phạm vi tài khoản này.`);
    return job;
  }

  /**
   * The caller's imports, newest first: the jobs started within her scope (organization and unit
   * subtree, as `find`); a preview never confirmed only while its file is kept (she may take it up again).
   */
  recent(caller: Principal, first: number): Promise<ImportJob[]> {
    const qb = this.db
      .getRepository(ImportJob)
      .createQueryBuilder('j')
      .where(`(j.status <> :preview OR j.started_at > now() - make_interval(days => :kept))`, {
        preview: ImportJobStatus.PREVIEW,
        kept: KEPT_DAYS,
      })
      // Nor one she discarded ("Hủy"), one a later import overtook (stale), or one of a file she uploaded again since.
      .andWhere(
        `coalesce(j.options->>'discarded', '') <> 'true' AND NOT (j.status = :preview AND EXISTS (SELECT 1 FROM import_job l
           WHERE (${laterImport('l', LISTED)}) OR (l.organization_code = j.organization_code AND l.source_sha256 = j.source_sha256 AND l.started_at > j.started_at)))`,
      )
      .orderBy('j.started_at', 'DESC')
      .addOrderBy('j.id')
      .take(first);
    return applyScope(qb, writeScope(caller), { organization: 'j.organization_code', unitPath: 'j.unit_path' }).getMany();
  }

  /** The plan's head kept on the job; a job that waits (PREVIEW, NEEDS_CONFIRMATION) says so. */
  async planned(job: ImportJob, plan: JobPlan, waits: ImportJobStatus | null): Promise<void> {
    const set = { plan, ...(waits ? { status: waits, finishedAt: new Date() } : {}) };
    await this.db.getRepository(ImportJob).update(job.id, set);
    Object.assign(job, set);
  }

  /**
   * A waiting job taken up by its confirmation (claimed, RUNNING again); a file for another
   * organization needs the secretariat's reason, kept on the job and audited.
   */
  async confirm(job: ImportJob, actor: Principal, acceptIneligible: string | null): Promise<JobClaim> {
    if ((job.status !== ImportJobStatus.PREVIEW && job.status !== ImportJobStatus.NEEDS_CONFIRMATION) || job.options.discarded)
      throw new DomainError(
        'CONFLICT',
        `Lượt nhập '${job.id}' không chờ xác nhận (${job.options.discarded ? 'đã hủy' : `trạng thái ${job.status}`})`,
      );
    const reason = ineligibleAccepted(acceptIneligible);
    // A preview of such a file needs the reason as much as a file that waits for it.
    if ((job.status === ImportJobStatus.NEEDS_CONFIRMATION || job.plan?.wrongOrganization) && !reason)
      throw new DomainError(
        'BAD_USER_INPUT',
        `${job.plan?.wrongOrganization ?? 'Tệp không đủ điều kiện'}: xác nhận với lý do (acceptIneligible) — ${INELIGIBLE_REASON_HINT}`,
      );
    const claim = await JobClaim.ofWaiting(this.db, job.id);
    const set = { status: ImportJobStatus.RUNNING, finishedAt: null, acceptedIneligible: reason ?? job.acceptedIneligible };
    await releasedOnError(claim, async () => {
      await this.db.getRepository(ImportJob).update(job.id, set);
      await this.audit.record(actor, {
        action: AuditAction.IMPORT,
        subjectType: 'IMPORT_JOB',
        subjectId: job.id,
        organization: job.organizationCode,
        // The reason is free text (it may name a person): it stays on the job row, which the audit line points to.
        detail: { confirmed: true, ineligibleAccepted: !!reason },
      });
    });
    Object.assign(job, set);
    return claim;
  }

  /**
   * How her secretariat (the same organization and unit) read each header in its latest imports — as
   * she corrected it (`plan.corrected`; a plan made before it was kept: every column as read, as the
   * header said too), never a reading the file's other columns decided (a Quê quán read as her address
   * where no column says where she lives); an import she then undid too (an undo takes the rows back,
   * not her reading of a column) — and in the previews she corrected, even one she then cancelled to
   * fix her file: the newest reading wins.
   */
  async rememberedMapping(organization: string, unitPath: string | null): Promise<{ header: string; field: string }[]> {
    const rows = await this.db.query<{ mapping: { header: string; field: string }[] }[]>(
      `SELECT mapping FROM (
         SELECT coalesce((SELECT jsonb_agg(m) FROM jsonb_array_elements(plan->'mapping') m
                           WHERE NOT plan ? 'corrected' OR plan->'corrected' ? (m->>'header')), '[]') AS mapping, finished_at AS at FROM import_job
          WHERE organization_code = $1 AND unit_path IS NOT DISTINCT FROM CAST($2 AS text) AND status IN ($3, $4) AND plan ? 'mapping'
         UNION ALL
         SELECT (options->>'mapping')::jsonb, started_at FROM import_job
          WHERE organization_code = $1 AND unit_path IS NOT DISTINCT FROM CAST($2 AS text)
            AND jsonb_typeof((options->>'mapping')::jsonb) = 'array') x
        ORDER BY at DESC NULLS LAST LIMIT 20`,
      [organization, unitPath, ImportJobStatus.DONE, ImportJobStatus.UNDONE],
    );
    const byHeader = new Map<string, string>();
    for (const m of rows.flatMap((r) => r.mapping)) if (!byHeader.has(m.header)) byHeader.set(m.header, m.field);
    return [...byHeader].map(([header, field]) => ({ header, field }));
  }

  /** How the job's file was read, kept on the job (`open`): a replan or a corrected mapping reads it again the same way. */
  static readAs(job: ImportJob): Pick<ImportOptions, 'createUnits' | 'assignIds' | 'sheet'> {
    const o = job.options;
    return { createUnits: !!o.createUnits, assignIds: !!o.assignIds, sheet: (o.sheet as string | null) ?? null };
  }

  /**
   * The corrected mapping a preview was planned again with (`replan`), or null; `first` too: else the remembered
   * mapping its file was first read by (`open`), her "Không dùng" choices with it — what a replan reads by.
   */
  static keptMapping(job: ImportJob, first = false): { header: string; field: string }[] | null {
    const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as { header: string; field: string }[] | null) : null);
    return parse(job.options.mapping) ?? (first ? parse(job.options.rememberedMapping) : null);
  }

  /** Her decisions on held rows kept on the job (`replan`), the given ones over them (a row decided again, or taken back). */
  static keptDecisions(job: ImportJob, given?: HeldDecision[] | null): HeldDecision[] {
    const kept = typeof job.options.decisions === 'string' ? (JSON.parse(job.options.decisions) as HeldDecision[]) : [];
    const byPlace = new Map([...kept, ...(given ?? [])].map((d) => [placeKey(d.sheet, d.row), d]));
    return [...byPlace.values()].filter((d) => !d.forget);
  }

  /**
   * A waiting preview planned again with her corrected column mapping, or her decisions on held rows
   * (kept on the job, so that her confirmation applies what she saw): it runs, then waits again with its new plan.
   */
  async replan(
    job: ImportJob,
    actor: Principal,
    mapping: { header: string; field: string }[] | null,
    decisions: HeldDecision[],
    createUnits?: boolean,
  ): Promise<JobClaim> {
    if (job.status !== ImportJobStatus.PREVIEW || job.options.discarded)
      throw new DomainError(
        'CONFLICT',
        `Lượt nhập '${job.id}' không còn ở bước xem trước (${job.options.discarded ? 'đã hủy' : `trạng thái ${job.status}`})`,
      );
    const claim = await JobClaim.ofWaiting(this.db, job.id);
    const options = {
      ...job.options,
      mapping: JSON.stringify(mapping),
      decisions: JSON.stringify(decisions),
      ...(createUnits === undefined ? {} : { createUnits }),
    };
    const set = { status: ImportJobStatus.RUNNING, finishedAt: null, options };
    await releasedOnError(claim, async () => {
      await this.db.getRepository(ImportJob).update(job.id, set);
      const detail = { replanned: true, mapping: mapping?.map((m) => m.field) ?? null, decisions: decisions.length };
      await this.audit.record(actor, {
        action: AuditAction.IMPORT,
        subjectType: 'IMPORT_JOB',
        subjectId: job.id,
        organization: job.organizationCode,
        detail,
      });
    });
    Object.assign(job, set);
    return claim;
  }

  /** A unit the job created, audited with the job's id in the creating transaction: its undo finds it there. */
  async unitCreated(em: EntityManager, job: ImportJob, unit: Unit, actor: Principal): Promise<void> {
    await this.audit.record(
      actor,
      {
        action: AuditAction.UNIT_CREATED,
        subjectType: 'UNIT',
        subjectId: unit.id,
        organization: unit.organizationCode,
        detail: { importJob: job.id, code: unit.code, kind: unit.kind },
      },
      em,
    );
  }

  async done(job: ImportJob): Promise<void> {
    await this.db.getRepository(ImportJob).update(job.id, { status: ImportJobStatus.DONE, finishedAt: new Date() });
  }

  /** The job ends FAILED with its reason (no row data), after its last committed batch. */
  async failed(job: ImportJob, e: unknown): Promise<void> {
    await this.db
      .getRepository(ImportJob)
      .update(job.id, { status: ImportJobStatus.FAILED, failure: failureText(e, job.rowsCommitted), finishedAt: new Date() });
  }
}

/** The least a reason for importing a file most of whose rows break the organization's rules must say. */
const INELIGIBLE_REASON_MIN = 10;

/** The secretariat's reason for a file that looks like another organization's, or null when it is missing or too short to say why. */
export function ineligibleAccepted(reason: string | null | undefined): string | null {
  const r = reason?.trim() ?? '';
  return r.length >= INELIGIBLE_REASON_MIN ? r : null;
}

/** How to go on with such a file, in her words. */
export const INELIGIBLE_REASON_HINT = `ghi rõ vì sao đây đúng là danh sách của tổ chức này (ít nhất ${INELIGIBLE_REASON_MIN} ký tự)`;

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

/** At start: interrupted imports marked (resumable), leftover uploads removed. */
@Injectable()
export class ImportJobsAtStart implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    removeLeftoverUploads(this.config.dataDir);
    await removeOldKeptUploads(this.config.dataDir);
    await markInterruptedJobs(this.db);
  }
}

const stillRunning = (job: ImportJob, sourceName: string) =>
  new DomainError(
    'CONFLICT',
    `Tệp '${sourceName}' đang được nhập vào tổ chức ${job.organizationCode} (lượt nhập chưa xong): chờ lượt đó xong rồi xem kết quả, không cần gửi lại`,
  );

/** Refuses while another runner holds the job (running now, in this process or another); one stopped half-way is no obstacle. */
async function refuseWhileRunning(db: DataSource, job: ImportJob, sourceName: string): Promise<void> {
  const claim = await JobClaim.take(db, job.id);
  if (!claim) throw stillRunning(job, sourceName);
  await claim.release();
}
