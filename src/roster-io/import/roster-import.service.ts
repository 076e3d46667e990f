import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertOrganizationInScope, type Principal } from '../../access/principal.js';
import { unitPathLimit, writeScope, type RecordScope } from '../../access/record-scope.js';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { sideFile } from '../../common/files/side-files.js';
import { expectedRows, openRoster, type RosterSource } from '../../common/files/tabular-source.js';
import { GeographyService } from '../../geography/geography.service.js';
import { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
import { RecordsCreatedHook } from '../../membership/member-record/records-created.hook.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { ImportJobStatus, type ImportJob } from '../import-job.entity.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { refreshStaleStatistics } from '../../common/sql/fresh-statistics.js';
import { ImportApplier } from './import-apply.js';
import { ImportPlanner } from './import-planner.js';
import { BatchQueue } from './batch-queue.js';
import { dropPlanAfter, planTotals, rowsWithoutUnit, wrongOrganization } from './import-plan.js';
import { ImportPreviews, type ImportPreview, type PreviewFilter } from './import-preview.js';
import { keepUpload, keptUpload, removeKeptUpload } from './kept-uploads.js';
import { ImportContext } from './import-context.js';
import { sheetUnitNote } from './import-messages.js';
import { absentMembers } from './absent-members.js';
import { writeErrorFile, writeMissingFile, writeResultFile } from './import-files.js';
import { ImportJobs, ineligibleAccepted } from './import-jobs.js';
import type { JobClaim } from './job-claim.js';
import type { ConfirmOptions, ImportOptions, ImportProgress, ImportSummary } from './import.types.js';
import { decisionsByPlace } from './held-decisions.js';
import { RejectedRowsService, type OpenedRowError } from './rejected-rows.service.js';
import { rowDigest, rowPlace, SheetReader, type SkippedRow } from './sheet-reader.js';
import { givenBackOnError, ImportSlots } from './import-slots.js';
import { checkConfirmation, overtaking } from './overtaken-preview.js';
import { SkippedLines } from './skipped-lines.js';

export type { ImportOptions, ImportProgress, ImportSummary } from './import.types.js';

/** Rows per apply chunk (one transaction) when the caller names no batch size; rows read and planned together (their records looked up in one query). */
const [APPLY_CHUNK, PLAN_BATCH] = [10_000, 2_000];

const sha256File = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });

/** How a run starts: the file read and planned (again for a resumed job, after its committed rows), or a waiting plan applied. */
interface RunStart {
  /** The file to read and plan; null: the job's plan is applied as it is (a confirmation). */
  source: RosterSource | null;
  resumed: boolean;
  /** Where the file is (kept when the job waits). */
  file: string;
}

/**
 * Imports a roster file (CSV or XLSX) into one organization in three named phases: the rows are
 * read and prepared, and each row's fate planned without touching a record (the plan: created,
 * updated with the fields that change, unchanged, held, refused); a preview, or a file whose rows
 * mostly break the organization's rules, stops there and waits for a confirmation; else the plan is
 * applied set-based, chunk by chunk, each chunk committed with the job's progress. A killed import,
 * run again on the same file, plans the rows after its last committed chunk again and applies them.
 */
@Injectable()
export class RosterImportService {
  /** This process's turns to run an import (see IMPORTS_AT_ONCE). */
  private readonly slots = new ImportSlots();

  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly jobs: ImportJobs,
    private readonly planner: ImportPlanner,
    private readonly applier: ImportApplier,
    private readonly rejectedRows: RejectedRowsService,
    private readonly createdHook: RecordsCreatedHook,
    private readonly geography: GeographyService,
    private readonly previews: ImportPreviews,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(file: string, opts: ImportOptions, actor: Principal, onProgress?: (p: ImportProgress) => void): Promise<ImportSummary> {
    const started = await this.start(file, opts, actor, onProgress);
    return started.done;
  }

  /**
   * Checks the file, finds the stopped job of the same file (to resume) or opens a new one, and
   * starts reading: the job id is known at once (the HTTP upload answers with it), `done` settles
   * when the import ends (or waits).
   */
  async start(
    file: string,
    opts: ImportOptions & { sourceName?: string },
    actor: Principal,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<{ jobId: string; done: Promise<ImportSummary> }> {
    const scope = writeScope(actor);
    assertOrganizationInScope(scope, opts.organization, 'nhập danh sách');
    const def = await this.records.organizationForRecords(opts.organization);
    const sourceName = opts.sourceName ?? path.basename(file);
    const source = await openRoster(file, { sheet: opts.sheet, displayName: sourceName });
    const sha256 = await sha256File(file);
    const remembered = opts.rememberMapping && !opts.mapping?.length;
    const mapping = remembered ? await this.jobs.rememberedMapping(def.code, unitPathLimit(scope)) : opts.mapping;
    const turn = await this.slots.take();
    const opening = { ...opts, rememberedMapping: remembered ? mapping : null };
    const { job, claim, resumed } = await givenBackOnError(turn, () =>
      this.jobs.open({ organization: def.code, sha256, sourceName }, opening, actor, scope),
    );
    // Codes are assigned with --assign-ids and to a sheet without a Mã hồ sơ column (CLI and HTTP alike).
    const resultFile = opts.writeResult === false ? null : (opts.resultFile ?? sideFile(file, 'result', source.kind));
    const runOpts = { ...opts, resultFile, mapping, rememberMapping: remembered };
    return { jobId: job.id, done: this.launch(job, { claim, turn }, { source, resumed, file }, def, scope, runOpts, actor, onProgress) };
  }

  /**
   * Applies a waiting job's plan (a preview, or another organization's file with a reason); with a corrected mapping, units
   * to create, or a stale plan, the kept file is planned again first. `again`: her corrections planned as a new preview.
   */
  async confirm(jobId: string, caller: Principal, opts: ConfirmOptions): Promise<ImportSummary> {
    const job = await this.jobs.find(jobId, caller);
    const mapping = opts.mapping?.length ? opts.mapping : ImportJobs.keptMapping(job);
    const decided = !!opts.again && !!opts.decisions?.length;
    const late = await overtaking(this.db, job);
    const units = !!opts.again && opts.createUnits !== undefined && opts.createUnits !== !!job.options.createUnits;
    checkConfirmation(late, !!opts.again, !!mapping || decided || units);
    const decisions = ImportJobs.keptDecisions(job, opts.decisions);
    const turn = await this.slots.take();
    const claim = await givenBackOnError(turn, () =>
      opts.again
        ? this.jobs.replan(job, caller, mapping ?? ImportJobs.keptMapping(job, true), decisions, units ? opts.createUnits : undefined)
        : this.jobs.confirm(job, caller, opts.acceptIneligible ?? null),
    );
    const def = await this.records.organizationForRecords(job.organizationCode);
    const file = await keptUpload(this.config.dataDir, job.id);
    const replan = !!mapping?.length || !!job.plan?.unitsPlanned || decided || !!late || units;
    if (replan && !file) {
      await claim.release().finally(turn);
      throw new DomainError('CONFLICT', `Tệp của lượt nhập '${job.id}' không còn (giữ 7 ngày): gửi lại tệp để xem trước`);
    }
    const importOpts: ImportOptions = {
      organization: job.organizationCode,
      ...ImportJobs.readAs(job),
      acceptIneligible: job.acceptedIneligible,
      mapping: mapping ?? ImportJobs.keptMapping(job, true), // as the preview was read: her remembered corrections too
      decisions,
      writeResult: false,
      preview: !!opts.again,
    };
    const source = replan ? await openRoster(file!, { sheet: importOpts.sheet, displayName: job.sourceName }) : null;
    return this.launch(job, { claim, turn }, { source, resumed: false, file: file ?? '' }, def, writeScope(caller), importOpts, caller);
  }

  /** Runs a claimed job to its end, in its turn; a failure is kept on the job, never unhandled (the caller may not wait: an upload). */
  private launch(
    job: ImportJob,
    { claim, turn }: { claim: JobClaim; turn: () => void },
    start: RunStart,
    def: OrganizationDefinition,
    scope: RecordScope,
    opts: ImportOptions,
    actor: Principal,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportSummary> {
    const done = this.run(job, start, def, scope, opts, actor, onProgress).finally(() => claim.release().finally(turn));
    done.catch(() => undefined);
    return done;
  }

  /** The story of a run: plan (the rows after the committed ones) → wait, or apply → finish. */
  private async run(
    job: ImportJob,
    start: RunStart,
    def: OrganizationDefinition,
    scope: RecordScope,
    opts: ImportOptions,
    actor: Principal,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportSummary> {
    const ctx = new ImportContext(def, scope, !!opts.createUnits, todayInVietnam(), job.sourceName, (em, unit, by) =>
      this.jobs.unitCreated(em, job, unit, by),
    );
    ctx.decisions = decisionsByPlace(opts.decisions);
    const summary = startingSummary(job, start.resumed, start.source?.kind ?? 'csv', start.source?.delimiter ?? null);
    // Everything that can fail is inside: a failure always ends the job FAILED with its reason.
    try {
      ctx.anyTombstone = await this.planner.anyoneErased();
      if (start.source) {
        // Whether to start the workers with its first batch.
        ctx.expectedRows = await expectedRows(start.file, start.source.kind);
        await this.plan(job, start.source, ctx, opts, actor, summary);
        if (await this.waits(job, ctx, opts, summary, start.file)) return summary;
      }
      await this.apply(job, ctx, opts.batchSize ?? APPLY_CHUNK, summary, onProgress);
      if (opts.resultFile && (await this.writeResultFile(job.id, opts.resultFile, actor))) summary.resultFile = opts.resultFile;
      await this.finish(job, opts, ctx, summary);
      onProgress?.(summary);
      return summary;
    } catch (e) {
      await this.jobs.failed(job, e);
      throw e;
    }
  }

  /** Phase 1: the file read, and the fate of each row after the committed ones planned, batch by batch. */
  private async plan(
    job: ImportJob,
    source: RosterSource,
    ctx: ImportContext,
    opts: ImportOptions,
    actor: Principal,
    summary: ImportSummary,
  ) {
    await this.db.transaction((em) => dropPlanAfter(em, job.id, job.rowsCommitted));
    // The lookups by Mã hồ sơ, number and name are planned by the statistics: fresh after a bulk write.
    await refreshStaleStatistics(this.db.manager, 'member_record');
    const batches = new BatchQueue(
      Math.min(opts.batchSize ?? PLAN_BATCH, PLAN_BATCH),
      (rows) => this.planner.prepareNew(rows, ctx),
      (rows) => this.planner.planBatch(rows, job, ctx, actor, !!opts.preview),
    );
    try {
      const skipped = new SkippedLines(summary.skippedRows);
      const reading = { today: ctx.today, address: this.geography.addressReader(), workplace: !!ctx.def.workplaceMembership };
      for await (const read of new SheetReader(ctx.def, job, !!opts.assignIds, summary, reading, opts.mapping).rows(source.rows)) {
        if (read.kind === 'skipped') {
          skipped.add(read);
          continue;
        }
        if (read.ordinal <= job.rowsCommitted) {
          // Committed before the process stopped: only remember its Mã hồ sơ for the duplicate check.
          if (read.row.externalId && !ctx.seen.has(read.row.externalId)) ctx.seen.set(read.row.externalId, rowPlace(read.source));
          continue;
        }
        await batches.add(Object.assign(read, { digest: rowDigest(read.row), prepared: null }));
      }
      await batches.finish();
      skipped.finish();
      summary.skippedLines = skipped.total;
      const sheetUnits = ctx.units.sheetUnits();
      for (const sh of summary.sheets) if (sh.name && sheetUnits.has(sh.name)) sh.note ??= sheetUnitNote(sheetUnits.get(sh.name)!);
      await this.rejectedRows.keepSkipped(job, skipped.kept.map(skippedPlace), ctx.scope);
    } catch (e) {
      await batches.settled();
      throw e;
    } finally {
      await this.planner.closeWorkers(ctx);
    }
  }

  /** Between the phases: the plan's head kept on the job; a preview, or a file mostly breaking its rules unaccepted, waits (file kept). */
  private async waits(job: ImportJob, ctx: ImportContext, opts: ImportOptions, summary: ImportSummary, file: string): Promise<boolean> {
    const totals = await planTotals(this.db.manager, job.id);
    const wrong = wrongOrganization(totals, ctx.def.name);
    summary.planned = { ...totals.counts, SKIPPED: summary.skippedLines };
    const waits = opts.preview
      ? ImportJobStatus.PREVIEW
      : wrong && !ineligibleAccepted(opts.acceptIneligible)
        ? ImportJobStatus.NEEDS_CONFIRMATION
        : null;
    const plan = {
      counts: summary.planned,
      warned: totals.warned,
      mapping: summary.mapping,
      wrongOrganization: wrong,
      unitsPlanned: ctx.unitsPlanned,
      unitsCreated: [...new Set(ctx.unitsCreated.values())],
      unitsCreatedById: Object.fromEntries(ctx.unitsCreated),
      unusedColumns: summary.unusedColumns,
      remembered: opts.rememberMapping ? summary.remapped : undefined,
      corrected: summary.remapped,
      delimiter: summary.delimiter ?? undefined,
      sheetNotes: summary.sheets.flatMap((s) => (s.note ? [{ sheet: s.name, note: s.note }] : [])),
      sectionHeadings: summary.sectionHeadings ?? 0,
      withoutUnit: await rowsWithoutUnit(this.db.manager, job.id, (await ctx.units.own(this.db.manager))?.id ?? null),
    };
    if (waits && file) await keepUpload(this.config.dataDir, job.id, file); // kept before it says it waits: a confirmation may come then
    await this.jobs.planned(job, plan, waits);
    if (!waits) return false;
    summary.status = waits;
    summary.waiting = wrong;
    return true;
  }

  /** Phase 2: the plan carried out, chunk by chunk after the committed ones. */
  private async apply(job: ImportJob, ctx: ImportContext, size: number, summary: ImportSummary, onProgress?: (p: ImportProgress) => void) {
    const last = await this.applier.lastOrdinal(job.id);
    for (let from = job.rowsCommitted; from < last; from = Math.min(from + size, last)) {
      await this.applier.applySafely(job, ctx, from, Math.min(from + size, last), summary);
      onProgress?.(summary);
    }
    summary.rowsRead = job.rowsCommitted;
  }

  /** The end of a run: the records the file lacks (`full`), the new records linked (a small import), the job DONE, its kept file gone. */
  private async finish(job: ImportJob, opts: ImportOptions, ctx: ImportContext, summary: ImportSummary): Promise<void> {
    if (opts.full) summary.missing = (await absentMembers(this.db, job, ctx.scope, 1e9)).members.map((m) => m.code);
    if (ctx.linkNow) await this.createdHook.emit({ ids: ctx.createdIds, source: 'IMPORT' });
    summary.linked = ctx.linkNow;
    await this.jobs.done(job);
    await removeKeptUpload(this.config.dataDir, job.id);
    summary.status = ImportJobStatus.DONE;
  }

  /** The error file of a job (its rejected rows the caller's scope covers); returns how many rows. */
  async writeErrorFile(jobId: string, out: string, caller: Principal): Promise<number> {
    const job = await this.job(jobId, caller);
    const def = await this.records.organizationForRecords(job.organizationCode);
    const errors = await this.rejectedRows.read(job, caller, 'FILE');
    await writeErrorFile(out, def, errors, job.plan?.delimiter);
    return errors.length;
  }

  /**
   * The result file of a job whose codes were assigned (its rows the caller's scope covers, with the
   * code, outcome and warnings of each); returns how many rows (0: the job assigned no code, no file).
   */
  async writeResultFile(jobId: string, out: string, caller: Principal): Promise<number> {
    const job = await this.job(jobId, caller);
    if (!(await this.rejectedRows.anyResult(job.id))) return 0;
    const rows = await this.rejectedRows.read(job, caller, 'FILE', undefined, 'RESULT');
    if (rows.length) await writeResultFile(out, await this.records.organizationForRecords(job.organizationCode), rows, job.plan?.delimiter);
    return rows.length;
  }

  /** Whether a job kept rows for a result file (its codes were assigned). */
  hasResult(jobId: string): Promise<boolean> {
    return this.rejectedRows.anyResult(jobId);
  }

  /** The records a `--full` import did not find in the file, for the secretariat to end or keep. */
  async writeMissingFile(org: string, codes: string[], out: string): Promise<void> {
    await writeMissingFile(this.db, org, codes, out);
  }

  /** A job, if it was started within the caller's scope (organization and unit subtree); NOT_FOUND otherwise. */
  job(id: string, caller: Principal): Promise<ImportJob> {
    return this.jobs.find(id, caller);
  }

  /** The imports of the caller's scope, newest first (waiting previews left out). */
  recentJobs(caller: Principal, first: number): Promise<ImportJob[]> {
    return this.jobs.recent(caller, first);
  }

  /** A page of a job's plan (the preview) that the caller's scope covers, from the row after the ordinal `after`; the read is logged. */
  async preview(jobId: string, caller: Principal, first = 100, after = 0, fate: PreviewFilter = null): Promise<ImportPreview> {
    return this.previews.read(await this.job(jobId, caller), caller, first, after, fate);
  }

  /** The rejected rows (or `SKIPPED`: the lines that are no member) of a job that the caller's scope covers, in file order, opened (the read is logged). */
  async rowErrors(jobId: string, caller: Principal, first = 1_000_000, which: 'ERRORS' | 'SKIPPED' = 'ERRORS'): Promise<OpenedRowError[]> {
    return this.rejectedRows.read(await this.job(jobId, caller), caller, 'QUERY', first, which);
  }
}

/** A skipped line as kept for the result file: after the member row above it. */
const skippedPlace = (s: SkippedRow) => ({
  place: { ordinal: s.after, sheet: s.source.sheet, rowNumber: s.source.row, her: s.her() },
  reason: s.reason,
});

/** The summary of a run before its first row: a resumed job's counters go on. */
function startingSummary(job: ImportJob, resumed: boolean, format: RosterSource['kind'], delimiter: string | null): ImportSummary {
  return {
    jobId: job.id,
    format,
    delimiter: delimiter === ';' ? ';' : delimiter ? ',' : null,
    resumed,
    rowsRead: job.rowsCommitted,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    rejected: job.rejected,
    warned: job.warned,
    sheets: [],
    ignoredColumns: [],
    unusedColumns: [],
    remapped: [],
    held: job.held,
    mapping: [],
    status: job.status,
    waiting: null,
    planned: null,
    skippedRows: [],
    skippedLines: 0,
    missing: null,
    resultFile: null,
    linked: false,
  };
}
