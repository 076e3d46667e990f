import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertOrganizationInScope, type Principal } from '../../access/principal.js';
import { writeScope, type RecordScope } from '../../access/record-scope.js';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { sideFile } from '../../common/files/side-files.js';
import { openRoster, type RosterSource } from '../../common/files/tabular-source.js';
import { GeographyService } from '../../geography/geography.service.js';
import { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
import { RecordsCreatedHook } from '../../membership/member-record/records-created.hook.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import type { ImportJob } from '../import-job.entity.js';
import { ImportBatchWriter, type PendingRow } from './import-batch-writer.js';
import { ImportContext } from './import-context.js';
import { missingCodes, writeErrorFile, writeMissingFile, writeResultFile } from './import-files.js';
import { ImportJobs } from './import-jobs.js';
import type { ImportOptions, ImportProgress, ImportSummary } from './import.types.js';
import { RejectedRowsService, type OpenedRowError } from './rejected-rows.service.js';
import { rowDigest, rowPlace, SheetReader, type SkippedRow } from './sheet-reader.js';

export type { ImportOptions, ImportProgress, ImportSummary } from './import.types.js';

const sha256File = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });

/**
 * Imports a roster file (CSV or XLSX) into one organization: rows keyed on (organization, Mã hồ
 * sơ), validated one by one, written in transactional batches that also record the job's
 * progress. A killed import, run again on the same file, resumes after its last committed batch.
 *
 * The story of a run: open the job (or resume it) → read the sheets → write the rows in batches
 * → finish (the records the file lacks, the new records linked, the job DONE).
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly jobs: ImportJobs,
    private readonly writer: ImportBatchWriter,
    private readonly rejectedRows: RejectedRowsService,
    private readonly createdHook: RecordsCreatedHook,
    private readonly geography: GeographyService,
  ) {}

  async import(file: string, opts: ImportOptions, actor: Principal, onProgress?: (p: ImportProgress) => void): Promise<ImportSummary> {
    const started = await this.start(file, opts, actor, onProgress);
    return started.done;
  }

  /**
   * Checks the file, finds the stopped job of the same file (to resume) or opens a new one, and
   * starts reading: the job id is known at once (the HTTP upload answers with it), `done` settles
   * when the import ends.
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
    const { job, claim, resumed } = await this.jobs.open({ organization: def.code, sha256, sourceName }, opts, actor, scope);
    // Codes are assigned with --assign-ids and to a sheet without a Mã hồ sơ column (CLI and HTTP alike).
    const resultFile = opts.writeResult === false ? null : (opts.resultFile ?? sideFile(file, 'result', source.kind));
    const done = this.run(job, source, def, scope, { ...opts, resultFile }, actor, resumed, onProgress).finally(() => claim.release());
    // The caller may not wait (an upload): a failure is kept on the job, never unhandled.
    done.catch(() => undefined);
    return { jobId: job.id, done };
  }

  private async run(
    job: ImportJob,
    source: RosterSource,
    def: OrganizationDefinition,
    scope: RecordScope,
    opts: ImportOptions,
    actor: Principal,
    resumed: boolean,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportSummary> {
    const ctx = new ImportContext(def, scope, !!opts.createUnits, todayInVietnam(), job.sourceName);
    const summary = startingSummary(job, resumed, source.kind);
    const batches = new BatchQueue(
      opts.batchSize ?? 1000,
      (rows) => this.writer.prepareNew(rows, ctx),
      (rows) => this.writer.flushSafely(rows, job, ctx, actor, summary),
      () => onProgress?.(summary),
    );
    // Everything that can fail is inside: a failure always ends the job FAILED with its reason.
    try {
      ctx.anyTombstone = await this.writer.anyoneErased();
      const skipped: SkippedRow[] = [];
      const reading = { today: ctx.today, address: this.geography.addressReader() };
      for await (const read of new SheetReader(def, job, !!opts.assignIds, summary, reading).rows(source.rows)) {
        if (read.kind === 'skipped') {
          summary.skippedRows.push({ place: rowPlace(read.source), reason: read.reason });
          skipped.push(read);
          continue;
        }
        if (read.ordinal <= job.rowsCommitted) {
          // Committed before the process stopped: only remember its Mã hồ sơ for the duplicate check.
          if (read.row.externalId && !ctx.seen.has(read.row.externalId)) ctx.seen.set(read.row.externalId, rowPlace(read.source));
          continue;
        }
        await batches.add({ ...read, digest: rowDigest(read.row), prepared: null });
      }
      await batches.finish();
      await this.rejectedRows.keepSkipped(job, skipped.map(skippedPlace), scope);
      if (opts.resultFile && (await this.writeResultFile(job.id, opts.resultFile, actor))) summary.resultFile = opts.resultFile;
      await this.finish(job, opts, ctx, summary);
      onProgress?.(summary);
      return summary;
    } catch (e) {
      await batches.settled();
      await this.jobs.failed(job, e);
      throw e;
    }
  }

  /** The end of a run: the records the file lacks (`full`), the new records linked (a small import), the job DONE. */
  private async finish(job: ImportJob, opts: ImportOptions, ctx: ImportContext, summary: ImportSummary): Promise<void> {
    if (opts.full) summary.missing = await missingCodes(this.db, ctx.def.code, ctx.scope, ctx.seen);
    if (ctx.linkNow) await this.createdHook.emit({ ids: ctx.createdIds, source: 'IMPORT' });
    summary.linked = ctx.linkNow;
    await this.jobs.done(job);
  }

  /** The error file of a job (its rejected rows the caller's scope covers); returns how many rows. */
  async writeErrorFile(jobId: string, out: string, caller: Principal): Promise<number> {
    const job = await this.job(jobId, caller);
    const def = await this.records.organizationForRecords(job.organizationCode);
    const errors = await this.rejectedRows.read(job, caller, 'FILE');
    await writeErrorFile(out, def, errors);
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
    if (rows.length) await writeResultFile(out, await this.records.organizationForRecords(job.organizationCode), rows);
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
function startingSummary(job: ImportJob, resumed: boolean, format: RosterSource['kind']): ImportSummary {
  return {
    jobId: job.id,
    format,
    resumed,
    rowsRead: job.rowsCommitted,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    rejected: job.rejected,
    warned: job.warned,
    sheets: [],
    ignoredColumns: [],
    skippedRows: [],
    missing: null,
    resultFile: null,
    linked: false,
  };
}

/** The rows of a run in batches: one batch is written while the next is read and its new rows prepared. */
class BatchQueue {
  private batch: PendingRow[] = [];
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly size: number,
    private readonly prepare: (rows: PendingRow[]) => Promise<void>,
    private readonly write: (rows: PendingRow[]) => Promise<void>,
    private readonly progress: () => void,
  ) {}

  async add(p: PendingRow): Promise<void> {
    this.batch.push(p);
    if (this.batch.length < this.size) return;
    // Read the new rows now, while the previous batch is being written.
    await this.prepare(this.batch);
    // One batch is written while the next is read: batches still commit one after another, in order.
    const full = this.batch;
    this.batch = [];
    await this.inFlight;
    this.inFlight = this.write(full).then(() => this.progress());
    this.inFlight.catch(() => undefined); // awaited (and rethrown) before the next batch or at the end
  }

  /** The batch in flight, then the last (short) one. */
  async finish(): Promise<void> {
    await this.inFlight;
    if (this.batch.length) await this.write(this.batch);
  }

  /** After a failure: waits for the batch in flight to settle (the job's counters are then final). */
  settled(): Promise<void> {
    return this.inFlight.catch(() => undefined);
  }
}
