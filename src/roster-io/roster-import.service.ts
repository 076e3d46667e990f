import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { assertOrganizationInScope, type Principal } from '../access/principal.js';
import { inScope, scopeWhere, writeScope, type RecordScope } from '../access/record-scope.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { todayInVietnam } from '../common/dates/partial-date.js';
import type { FieldProblem } from '../common/errors/field-problem.js';
import { sideFile } from '../common/files/side-files.js';
import { assertUuid, DomainError } from '../common/errors/domain-error.js';
import { FIELD_LABELS } from '../membership/member-record/member-input.js';
import { MemberRecord } from '../membership/member-record/member-record.entity.js';
import { MEMBERSHIP_EVENT_COLUMNS, membershipEventRows, membershipEvents } from '../membership/member-record/membership-events.js';
import { MemberRecordsService } from '../membership/member-record/member-records.service.js';
import { RecordsCreatedHook } from '../membership/member-record/records-created.hook.js';
import { MEMBER_STATUS_INFO, MemberStatus } from '../membership/member-status.js';
import type { OrganizationDefinition } from '../membership/organization/organization-definition.js';
import { Unit, UnitKind } from '../membership/unit/unit.entity.js';
import { UnitsService } from '../membership/unit/units.service.js';
import { SecretVault } from '../personal-data/secret-vault.js';
import { ImportJob, ImportJobStatus, ImportRowError } from './import-job.entity.js';
import { JobClaim, releasedOnError } from './import-job-runs.js';
import { codeNotUsableMessage, failureText, refusedByDatabase } from './import-messages.js';
import { matchHeader, templateColumns, type HeaderMatch } from './roster-columns.js';
import { readRosterRow, type RosterRow, type RowProblem } from './roster-row.js';
import { openRoster, type SourceRow } from '../common/files/tabular-source.js';
import { bulkInsert, bulkUpdate, type SqlColumn } from '../common/sql/bulk-sql.js';
import { openCsvWriter, writeCsvFile } from '../common/files/csv.js';
import { rejectedRowUnitPath, RejectedRowsService, type OpenedRowError } from './rejected-rows.service.js';

export interface ImportOptions {
  organization: string;
  createUnits?: boolean;
  sheet?: string | null;
  /** Rows per transaction. */
  batchSize?: number;
  /** Give rows without a Mã hồ sơ a code (from the file's hash and the row), written to `resultFile`. */
  assignIds?: boolean;
  /** With `assignIds`: the roster with every code filled in (default `<name>.ma.csv` beside the input). */
  resultFile?: string | null;
  /** List the organization's records that the file does not contain (to end or keep). */
  full?: boolean;
}

export interface ImportProgress {
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportSummary extends ImportProgress {
  jobId: string;
  resumed: boolean;
  /** Sheets read, with the row of their header (or why they were skipped). */
  sheets: { name: string | null; headerRow: number | null; note: string | null }[];
  /** Headers that matched no template column (ignored). */
  ignoredColumns: string[];
  /** With `full`: Mã hồ sơ of the records (in the caller's scope) that the file does not list. */
  missing: string[] | null;
  /** With `assignIds`: the file with the codes written back. */
  resultFile: string | null;
  /** The new records were linked at once (an import of at most 1,000 new records); otherwise run `lienthong link`. */
  linked: boolean;
}

interface PendingRow {
  ordinal: number;
  source: SourceRow;
  row: RosterRow;
  /** The row's values in template order (for the error file). */
  templateCells: () => string[];
  /** What the row says, hashed: equal to a record's `import_digest`, the row changes nothing. */
  digest: Buffer;
  /** The row read as a new record (done while the previous batch is written); null for a record that exists. */
  prepared: PreparedRow | null;
}

/** A row normalized, its commune read and its ID number sealed: what the database needs, or what is wrong. */
interface PreparedRow {
  problems: RowProblem[];
  /** Column values (camelCase) to write, unit aside; null when the row has problems. */
  values: Record<string, unknown> | null;
  /** The commune the row's unit is created in (with `--create-units`). */
  communeCode: string | null;
  /** Tombstone keys of a new record (when anyone was ever erased). */
  tombstoneKeys: Buffer[];
}

/** member_record columns the import writes, with their SQL types (for unnest). */
const RECORD_COLUMNS: SqlColumn[] = [
  ['full_name', 'text'],
  ['name_folded', 'text'],
  ['family_key', 'text'],
  ['given_key', 'text'],
  ['birth_date', 'date'],
  ['birth_date_precision', 'varchar'],
  ['sex', 'varchar'],
  ['id_number_sealed', 'bytea'],
  ['id_number_hash', 'bytea'],
  ['id_number_masked', 'varchar'],
  ['id_number_raw_sealed', 'bytea'],
  ['id_kind', 'varchar'],
  ['id_issues', 'varchar[]'],
  ['phone', 'varchar'],
  ['commune_code', 'varchar'],
  ['commune_entered_code', 'varchar'],
  ['commune_candidates', 'varchar[]'],
  ['ethnicity', 'text'],
  ['unit_id', 'uuid'],
  ['join_date', 'date'],
  ['status', 'varchar'],
  ['last_activity_date', 'date'],
  ['last_dues_date', 'date'],
  ['profile', 'jsonb'],
  ['raw', 'jsonb'],
  ['import_digest', 'bytea'],
];

/** Fields whose change makes an imported row "updated" (raw values alone do not). */
const COMPARED: (keyof MemberRecord)[] = [
  'fullName',
  'birthDate',
  'birthDatePrecision',
  'sex',
  'idNumberHash',
  'phone',
  'communeCode',
  'communeCandidates',
  'ethnicity',
  'unitId',
  'joinDate',
  'status',
  'lastActivityDate',
  'lastDuesDate',
  'profile',
];

const sha256File = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });

const same = (a: unknown, b: unknown): boolean => {
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  if (a && b && typeof a === 'object') return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
  return (a ?? null) === (b ?? null);
};
const sortKeys = (o: object): unknown =>
  Array.isArray(o) ? o : Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));

/**
 * Imports a roster file (CSV or XLSX) into one organization: rows keyed on (organization, Mã hồ
 * sơ), validated one by one, written in transactional batches that also record the job's
 * progress. A killed import, run again on the same file, resumes after its last committed batch.
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly units: UnitsService,
    private readonly vault: SecretVault,
    private readonly audit: AuditService,
    private readonly rejectedRows: RejectedRowsService,
    private readonly createdHook: RecordsCreatedHook,
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
    const sha = await sha256File(file);
    const { job, claim, resumed } = await this.openJob(def.code, sha, sourceName, opts, actor, scope);
    const resultFile = opts.assignIds ? (opts.resultFile ?? sideFile(file, 'result')) : null;
    const done = this.run(job, source.rows, def, scope, { ...opts, resultFile }, actor, resumed, onProgress).finally(() => claim.release());
    // The caller may not wait (an upload): a failure is kept on the job, never unhandled.
    done.catch(() => undefined);
    return { jobId: job.id, done };
  }

  /**
   * The stopped job of this file in the caller's scope (resumed), or a new one; either way claimed
   * by this process. Refuses while the same file is being imported (never two runners on one job).
   */
  private async openJob(
    org: string,
    sha: string,
    sourceName: string,
    opts: ImportOptions,
    actor: Principal,
    scope: RecordScope,
  ): Promise<{ job: ImportJob; claim: JobClaim; resumed: boolean }> {
    const jobs = this.db.getRepository(ImportJob);
    const unitPath = scope.kind === 'ORGANIZATION' ? scope.unitPath : null;
    const stopped = await jobs
      .createQueryBuilder('j')
      .where('j.organization_code = :org AND j.source_sha256 = :sha', { org, sha })
      .andWhere('(j.status = :running OR j.interrupted)', { running: ImportJobStatus.RUNNING })
      .andWhere('j.unit_path IS NOT DISTINCT FROM CAST(:unitPath AS text)', { unitPath })
      .orderBy('j.started_at', 'DESC')
      .getOne();
    if (stopped) {
      const claim = await JobClaim.take(this.db, stopped.id);
      if (!claim)
        throw new DomainError(
          'CONFLICT',
          `Tệp '${sourceName}' đang được nhập vào tổ chức ${org} (lượt nhập chưa xong): chờ lượt đó xong rồi xem kết quả, không cần gửi lại`,
        );
      const reopened = { status: ImportJobStatus.RUNNING, interrupted: false, failure: null, finishedAt: null };
      await releasedOnError(claim, () => jobs.update(stopped.id, reopened));
      return { job: Object.assign(stopped, reopened), claim, resumed: true };
    }
    // Claimed before it exists: a process starting meanwhile never takes it for an interrupted job.
    const id = randomUUID();
    const claim = (await JobClaim.take(this.db, id))!;
    const job = jobs.create({
      id,
      organizationCode: org,
      sourceName,
      sourceSha256: sha,
      status: ImportJobStatus.RUNNING,
      options: { createUnits: !!opts.createUnits, sheet: opts.sheet ?? null },
      actorName: actor.name,
      unitPath,
    });
    await releasedOnError(claim, async () => {
      await jobs.insert(job);
      await this.audit.record(actor, {
        action: AuditAction.IMPORT,
        subjectType: 'IMPORT_JOB',
        subjectId: job.id,
        organization: org,
        // The file's name is free text (it may name a person): it stays on the job row, which the audit line points to.
      });
    });
    return { job, claim, resumed: false };
  }

  private async run(
    job: ImportJob,
    rowsIn: AsyncIterable<SourceRow>,
    def: OrganizationDefinition,
    scope: RecordScope,
    opts: ImportOptions,
    actor: Principal,
    resumed: boolean,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportSummary> {
    const jobs = this.db.getRepository(ImportJob);
    const ctx = new ImportContext(def, scope, !!opts.createUnits, todayInVietnam(), job.sourceName);
    const summary: ImportSummary = {
      jobId: job.id,
      resumed,
      rowsRead: job.rowsCommitted,
      created: job.created,
      updated: job.updated,
      unchanged: job.unchanged,
      rejected: job.rejected,
      sheets: [],
      ignoredColumns: [],
      missing: null,
      resultFile: null,
      linked: false,
    };
    let result: Awaited<ReturnType<typeof openCsvWriter>> | null = null;
    summary.resultFile = opts.resultFile ?? null;
    const batchSize = opts.batchSize ?? 1000;
    let header: HeaderMatch | null = null;
    let sheet: string | null | undefined;
    let ordinal = 0;
    let batch: PendingRow[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    const columns = templateColumns(def);
    // Everything that can fail is inside: a failure always ends the job FAILED with its reason.
    try {
      ctx.anyTombstone = (await this.db.query<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM erasure_tombstone) AS any`))[0].any;
      // The roster with the codes written back, streamed as the rows are read.
      result = opts.resultFile
        ? await openCsvWriter(
            opts.resultFile,
            columns.map((c) => c.header),
          )
        : null;
      for await (const src of rowsIn) {
        if (src.sheet !== sheet) {
          if (sheet !== undefined && !header)
            summary.sheets.push({ name: sheet, headerRow: null, note: 'không tìm thấy dòng tiêu đề (Mã hồ sơ, Họ và tên…): bỏ qua' });
          sheet = src.sheet;
          header = null;
        }
        if (!header) {
          header = matchHeader(src.cells, def);
          if (header) {
            if (!opts.assignIds && ![...header.fields.values()].some((c) => c.key === 'externalId'))
              throw new DomainError(
                'BAD_USER_INPUT',
                `${src.sheet ? `Trang '${src.sheet}': ` : ''}tệp không có cột 'Mã hồ sơ' (dòng tiêu đề ${src.row}): mỗi hồ sơ cần một mã để lần nhập sau không tạo trùng; dùng --assign-ids để gán mã và ghi lại vào tệp kết quả`,
              );
            summary.sheets.push({ name: src.sheet, headerRow: src.row, note: null });
            for (const u of header.unknown) if (!summary.ignoredColumns.includes(u)) summary.ignoredColumns.push(u);
          }
          continue;
        }
        const row = readRosterRow(src.cells, header);
        if (!row) continue;
        ordinal++;
        if (!row.externalId && opts.assignIds) {
          // The same file gives the same codes: importing it again stays idempotent.
          row.externalId = `${def.code}-${job.sourceSha256.slice(0, 8)}-${ordinal}`;
          row.problems = row.problems.filter((p) => !p.message.startsWith('Mã hồ sơ:'));
        }
        const cells = src.cells;
        const externalId = row.externalId;
        const order = cellOrder(header, columns);
        const templateCells = () => order.map((i) => (i === EXTERNAL_ID ? externalId : i < 0 ? '' : (cells[i] ?? '')));
        await result?.row(templateCells());
        if (ordinal <= job.rowsCommitted) {
          // Committed before the process stopped: only remember its Mã hồ sơ for the duplicate check.
          if (row.externalId && !ctx.seen.has(row.externalId)) ctx.seen.set(row.externalId, where(src));
          continue;
        }
        batch.push({ ordinal, source: src, row, templateCells, digest: rowDigest(row), prepared: null });
        if (batch.length >= batchSize) {
          // Read the new rows now, while the previous batch is being written.
          await this.prepareNew(batch, ctx);
          // One batch is written while the next is read: batches still commit one after another, in order.
          const full = batch;
          batch = [];
          await inFlight;
          inFlight = this.flushSafely(full, job, ctx, actor, summary).then(() => onProgress?.(summary));
          inFlight.catch(() => undefined); // awaited (and rethrown) before the next batch or at the end
        }
      }
      if (sheet !== undefined && !header)
        summary.sheets.push({ name: sheet, headerRow: null, note: 'không tìm thấy dòng tiêu đề (Mã hồ sơ, Họ và tên…): bỏ qua' });
      if (!summary.sheets.some((sh) => sh.headerRow !== null))
        throw new DomainError(
          'BAD_USER_INPUT',
          `không tìm thấy dòng tiêu đề (Mã hồ sơ, Họ và tên…) trong tệp '${job.sourceName}': hãy dùng tệp mẫu (tải ở /templates/${def.code}.xlsx) và giữ nguyên dòng tiêu đề`,
        );
      await inFlight;
      if (batch.length) await this.flushSafely(batch, job, ctx, actor, summary);
      await result?.close();
      if (opts.full) summary.missing = await this.missing(def.code, scope, ctx.seen);
      if (ctx.linkNow) await this.createdHook.emit({ ids: ctx.createdIds, source: 'IMPORT' });
      summary.linked = ctx.linkNow;
      await jobs.update(job.id, { status: ImportJobStatus.DONE, finishedAt: new Date() });
      onProgress?.(summary);
      return summary;
    } catch (e) {
      await inFlight.catch(() => undefined);
      await jobs.update(job.id, { status: ImportJobStatus.FAILED, failure: failureText(e, job.rowsCommitted), finishedAt: new Date() });
      throw e;
    }
  }

  /**
   * The error file: the rejected rows in the template's columns, with where they were and what is
   * wrong, in UTF-8 CSV (with BOM, for Excel). Fixed and imported again, its extra columns are ignored.
   */
  async writeErrorFile(jobId: string, out: string, caller: Principal): Promise<number> {
    const job = await this.job(jobId, caller);
    const def = await this.records.organizationForRecords(job.organizationCode);
    const headers = [...templateColumns(def).map((c) => c.header), 'Dòng trong tệp gốc', 'Lỗi'];
    const errors = await this.rejectedRows.read(job, caller, 'FILE');
    await writeCsvFile(
      out,
      headers,
      errors.map((e) => [...e.cells, e.sheet ? `${e.sheet}!${e.rowNumber}` : String(e.rowNumber), e.message]),
    );
    return errors.length;
  }

  /** Records of the organization (within the scope) whose Mã hồ sơ the file did not list. */
  private async missing(org: string, scope: RecordScope, seen: Map<string, string>): Promise<string[]> {
    const where = ['r.organization_code = $1', 'r.erased_at IS NULL'];
    const params: unknown[] = [org];
    scopeWhere(scope, where, params);
    const rows = await this.db.query<{ external_id: string }[]>(
      `SELECT r.external_id FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE ${where.join(' AND ')} ORDER BY r.external_id`,
      params,
    );
    return rows.map((r) => r.external_id).filter((c) => !seen.has(c));
  }

  /** The records a `--full` import did not find in the file, for the secretariat to end or keep. */
  async writeMissingFile(org: string, codes: string[], out: string): Promise<void> {
    const rows = await this.db.query<{ external_id: string; full_name: string; unit: string | null; status: MemberStatus }[]>(
      `SELECT r.external_id, r.full_name, u.code AS unit, r.status FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.organization_code = $1 AND r.external_id = ANY($2) ORDER BY r.given_key, r.name_folded`,
      [org, codes],
    );
    await writeCsvFile(
      out,
      ['Mã hồ sơ', 'Họ và tên', 'Mã đơn vị', 'Trạng thái'],
      rows.map((r) => [r.external_id, r.full_name, r.unit ?? '', MEMBER_STATUS_INFO[r.status].label]),
    );
  }

  /** A job, if it was started within the caller's scope (organization and unit subtree); NOT_FOUND otherwise. */
  async job(id: string, caller: Principal): Promise<ImportJob> {
    assertUuid('id', id);
    const job = await this.db.getRepository(ImportJob).findOneBy({ id });
    // A secretariat kept to one unit sees the jobs started within its subtree only (their error files hold its rows only).
    if (!job || !inScope(writeScope(caller), { organizationCode: job.organizationCode, unitPath: job.unitPath }))
      throw new DomainError('NOT_FOUND', `Không tìm thấy lượt nhập '${id}' trong phạm vi tài khoản này.`);
    return job;
  }

  /** The rejected rows of a job that the caller's scope covers, in file order, opened (the read is logged). */
  async rowErrors(jobId: string, caller: Principal, first = 1_000_000): Promise<OpenedRowError[]> {
    return this.rejectedRows.read(await this.job(jobId, caller), caller, 'QUERY', first);
  }

  /**
   * A row read into the columns of a record: normalized, its commune resolved, its ID number sealed
   * and its ID issues derived, against the current record when there is one. Problems name the
   * file's column. Pure but for the vault (no database), so it runs while the previous batch is written.
   */
  private prepare(row: RosterRow, ctx: ImportContext, current?: MemberRecord): PreparedRow {
    const write = this.records.columnsOf(
      { ...row.fields, status: row.status },
      // The import does not settle a split commune by a name alone, as the form does (kept as it is today).
      { definition: ctx.def, today: ctx.today, current, settleSplitCommune: false, withTombstoneKeys: ctx.anyTombstone },
    );
    const ok = !write.problems.length && !row.problems.length;
    return {
      problems: write.problems.map((f) => ({ column: columnFor(f.field, row), value: f.value, message: f.message })),
      values: ok ? write.columns : null,
      communeCode: write.communeCode,
      tombstoneKeys: ok ? write.tombstoneKeys.map((k) => k.hash) : [],
    };
  }

  /**
   * Prepares the rows whose Mã hồ sơ the organization does not have yet (the bulk of a first
   * import). A hint only: flush looks again inside its transaction and reads any row it finds
   * existing against the current record.
   */
  private async prepareNew(batch: PendingRow[], ctx: ImportContext): Promise<void> {
    const known = new Set(
      (
        await this.db.query<{ external_id: string }[]>(
          `SELECT external_id FROM member_record WHERE organization_code = $1 AND external_id = ANY($2)`,
          [ctx.def.code, batch.map((p) => p.row.externalId)],
        )
      ).map((r) => r.external_id),
    );
    for (const p of batch) if (!known.has(p.row.externalId)) p.prepared = this.prepare(p.row, ctx);
  }

  /**
   * A batch, written whole; when the database refuses it (one value it cannot take), written again
   * row by row so the good rows go in and only the row it refuses is rejected, with the reason.
   */
  private async flushSafely(batch: PendingRow[], job: ImportJob, ctx: ImportContext, actor: Principal, summary: ImportSummary) {
    const before = ctx.checkpoint();
    try {
      await this.flush(batch, job, ctx, actor, summary);
      return;
    } catch (e) {
      if (!(e instanceof QueryFailedError) || batch.length === 0) throw e;
    }
    ctx.restore(before);
    for (const p of batch) {
      const one = ctx.checkpoint();
      try {
        await this.flush([p], job, ctx, actor, summary);
      } catch (e) {
        if (!(e instanceof QueryFailedError)) throw e;
        ctx.restore(one);
        await this.flush([p], job, ctx, actor, summary, { column: null, value: null, message: refusedByDatabase(e) });
      }
    }
  }

  /** One batch, in one transaction with the job's counters: all of it is written, or none (`refused`: reject every row so). */
  private async flush(
    batch: PendingRow[],
    job: ImportJob,
    ctx: ImportContext,
    actor: Principal,
    summary: ImportSummary,
    refused?: RowProblem,
  ): Promise<void> {
    const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const errors: Partial<ImportRowError>[] = [];
    await this.db.transaction(async (em) => {
      // One import at a time per organization: two imports of the same codes cannot both insert.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`import:${ctx.def.code}`]);
      const ids = [...new Set(batch.map((b) => b.row.externalId).filter(Boolean))];
      // Records whose last import was this very row need not be read: the row changes nothing.
      const digests = new Map(
        (
          await em.query<{ external_id: string; import_digest: Buffer | null }[]>(
            `SELECT external_id, import_digest FROM member_record WHERE organization_code = $1 AND external_id = ANY($2)`,
            [ctx.def.code, ids],
          )
        ).map((r) => [r.external_id, r.import_digest]),
      );
      // (A secretariat kept to one unit still has each record checked against its scope.)
      const trustDigest = !(ctx.scope.kind === 'ORGANIZATION' && ctx.scope.unitPath);
      const unchangedRow = (p: PendingRow) => trustDigest && !!digests.get(p.row.externalId)?.equals(p.digest);
      const toRead = new Set<string>();
      for (const p of batch) if (digests.has(p.row.externalId) && !unchangedRow(p)) toRead.add(p.row.externalId);
      const existing = new Map(
        toRead.size
          ? (
              await em
                .getRepository(MemberRecord)
                .createQueryBuilder('r')
                .leftJoinAndSelect('r.unit', 'u')
                .where('r.organization_code = :org AND r.external_id = ANY(:ids)', { org: ctx.def.code, ids: [...toRead] })
                .getMany()
            ).map((r) => [r.externalId, r])
          : [],
      );
      const digestOnly: [string, Buffer][] = [];
      const creates: Record<string, unknown>[] = [];
      const updates: { before: MemberRecord; after: Record<string, unknown> }[] = [];
      const reject = (p: PendingRow, problems: RowProblem[], unitPath: string | null) => {
        counts.rejected++;
        errors.push(
          this.rejectedRows.seal(
            {
              jobId: job.id,
              organization: ctx.def.code,
              ordinal: p.ordinal,
              sheet: p.source.sheet,
              rowNumber: p.source.row,
              columnName: [...new Set(problems.map((x) => x.column).filter(Boolean))].join(', ') || null,
              person: { ...p.row.fields, externalId: p.row.externalId },
              unitPath,
            },
            {
              value: problems.find((x) => x.value !== null)?.value ?? null,
              message: problems.map((x) => x.message).join('; '),
              cells: p.templateCells(),
            },
          ),
        );
      };
      const pendingTombstone: { p: PendingRow; values: Record<string, unknown>; keys: Buffer[]; unitPath: string | null }[] = [];
      for (const p of batch) {
        const { row } = p;
        const problems = [...row.problems, ...(refused ? [refused] : [])];
        if (row.externalId) {
          const first = ctx.seen.get(row.externalId);
          if (first)
            problems.push({
              column: row.columnOf.get('externalId') ?? 'Mã hồ sơ',
              value: row.externalId,
              message: `Mã hồ sơ '${row.externalId}' đã có ở ${first} của tệp`,
            });
          else ctx.seen.set(row.externalId, where(p.source));
        }
        if (!problems.length && unchangedRow(p)) {
          counts.unchanged++;
          continue;
        }
        // Every problem of the row at once: the secretary fixes the row in one go.
        const current = existing.get(row.externalId) ?? null;
        const prepared = current ? this.prepare(row, ctx, current) : (p.prepared ?? this.prepare(row, ctx));
        problems.push(...prepared.problems);
        const unitProblems: FieldProblem[] = [];
        const unit = row.unit
          ? await ctx.unit(
              row.unit,
              prepared.communeCode ?? current?.communeCode ?? null,
              em,
              this.units,
              actor,
              unitProblems,
              problems.length === 0,
            )
          : undefined;
        problems.push(...unitProblems.map((f) => ({ column: columnFor(f.field, row), value: f.value, message: f.message })));
        // A secretariat kept to one unit imports into that subtree only, and changes only records kept there.
        if (ctx.scope.kind === 'ORGANIZATION' && ctx.scope.unitPath) {
          const within = (u: { path: string } | null | undefined) =>
            !!u && inScope(ctx.scope, { organizationCode: ctx.def.code, unitPath: u.path });
          if (current && !within(current.unit))
            problems.push({
              column: row.columnOf.get('externalId') ?? 'Mã hồ sơ',
              value: row.externalId,
              // Says nothing of what the code is outside the scope (which unit, whether it exists there).
              message: codeNotUsableMessage(row.externalId),
            });
          else if (!current && !unit)
            problems.push({
              column: 'Mã đơn vị',
              value: row.unit,
              message: 'Mã đơn vị: tài khoản này chỉ quản lý một đơn vị, cần mã đơn vị thuộc phạm vi đó',
            });
        }
        const unitPath = rejectedRowUnitPath(ctx.scope, unit?.path, current?.unit?.path);
        if (problems.length || !prepared.values) {
          reject(p, problems, unitPath);
          continue;
        }
        const values: Record<string, unknown> = { ...prepared.values, importDigest: p.digest };
        if (unit !== undefined) values.unitId = unit?.id ?? null;
        if (!current) {
          pendingTombstone.push({
            p,
            values: { status: MemberStatus.ACTIVE, ...values, externalId: row.externalId },
            keys: prepared.tombstoneKeys,
            unitPath,
          });
          continue;
        }
        const after = { ...current, ...values };
        if (COMPARED.every((k) => same(current[k], after[k]))) {
          counts.unchanged++;
          digestOnly.push([current.id, p.digest]);
        } else updates.push({ before: current, after: values });
      }
      // People erased on request are not created again by an import: the secretariat must confirm one by one.
      const allKeys = pendingTombstone.flatMap((t) => t.keys);
      const erased = new Set(
        allKeys.length
          ? (
              await em.query<{ h: string }[]>(`SELECT encode(key_hash, 'hex') AS h FROM erasure_tombstone WHERE key_hash = ANY($1)`, [
                allKeys,
              ])
            ).map((r) => r.h)
          : [],
      );
      for (const t of pendingTombstone) {
        if (t.keys.some((k) => erased.has(k.toString('hex')))) {
          reject(
            t.p,
            [
              {
                column: null,
                value: null,
                message:
                  'Người này đã yêu cầu xóa dữ liệu cá nhân: chỉ thêm lại từng người khi họ đồng ý (createMemberRecord với confirmErasedPerson)',
              },
            ],
            t.unitPath,
          );
          continue;
        }
        creates.push(t.values);
      }
      // The import's ENDED event does not name the unit left, unlike the form's (kept as it is today).
      const history = { note: { date: ctx.today, reason: `Nhập tệp ${ctx.fileName}` }, rules: { endedNamesUnitLeft: false } };
      if (creates.length) {
        const inserted = (await bulkInsert(
          em,
          'member_record',
          [['organization_code', 'varchar'], ['external_id', 'varchar'], ['version', 'int4'], ...RECORD_COLUMNS],
          creates.map((v) => [ctx.def.code, v.externalId, 1, ...RECORD_COLUMNS.map(([c]) => columnValue(v, c))]),
          'id, unit_id, status, join_date',
        )) as { id: string; unit_id: string | null; status: string; join_date: string | null }[];
        const admitted = inserted.flatMap((r) => {
          const after = { status: r.status as MemberStatus, unitId: r.unit_id, joinDate: r.join_date };
          return membershipEventRows(r.id, membershipEvents(null, after, history.note, history.rules));
        });
        await bulkInsert(em, 'membership_event', MEMBERSHIP_EVENT_COLUMNS, admitted);
        counts.created += inserted.length;
        // A small import is linked as it lands; a large one waits for one batch run (`lienthong link`).
        if (ctx.linkNow && ctx.createdIds.length + inserted.length <= INCREMENTAL_LINK_LIMIT)
          ctx.createdIds.push(...inserted.map((r) => r.id));
        else ctx.linkNow = false;
      }
      if (updates.length) {
        const cols = RECORD_COLUMNS;
        await bulkUpdate(
          em,
          'member_record',
          'id',
          cols,
          updates.map(({ before, after }) => [before.id, ...cols.map(([c]) => columnValue({ ...before, ...after }, c))]),
          'version = t.version + 1, updated_at = now()',
        );
        const events = updates.flatMap(({ before, after }) => {
          const change = { status: after.status as MemberStatus | undefined, unitId: after.unitId as string | null | undefined };
          return membershipEventRows(before.id, membershipEvents(before, change, history.note, history.rules));
        });
        if (events.length) await bulkInsert(em, 'membership_event', MEMBERSHIP_EVENT_COLUMNS, events);
        counts.updated += updates.length;
      }
      // Unchanged by this row (written differently): the next import of it need not read the record.
      if (digestOnly.length) await bulkUpdate(em, 'member_record', 'id', [['import_digest', 'bytea']], digestOnly);
      if (errors.length) await em.getRepository(ImportRowError).insert(errors);
      const last = batch[batch.length - 1].ordinal;
      await em.query(
        `UPDATE import_job SET rows_committed = $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5, rejected = rejected + $6 WHERE id = $1`,
        [job.id, last, counts.created, counts.updated, counts.unchanged, counts.rejected],
      );
      job.rowsCommitted = last;
    });
    summary.rowsRead = job.rowsCommitted;
    summary.created += counts.created;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    summary.rejected += counts.rejected;
  }
}

/** Marks the Mã hồ sơ column in `cellOrder` (its value may be assigned). */
const EXTERNAL_ID = -2;
const CELL_ORDERS = new WeakMap<HeaderMatch, number[]>();
/** For each template column, the index of the file's cell that holds it (-1: none), computed once per header. */
function cellOrder(header: HeaderMatch, columns: { key: string }[]): number[] {
  let order = CELL_ORDERS.get(header);
  if (!order) {
    const byKey = new Map<string, number>([...header.fields.entries()].map(([i, c]) => [c.key, i]));
    order = columns.map((c) => (c.key === 'externalId' ? EXTERNAL_ID : (byKey.get(c.key) ?? -1)));
    CELL_ORDERS.set(header, order);
  }
  return order;
}

/** What a row says, as the record would take it (16 bytes of SHA-256). */
function rowDigest(row: RosterRow): Buffer {
  return createHash('sha256')
    .update(JSON.stringify([row.externalId, row.fields, row.unit, row.status]))
    .digest()
    .subarray(0, 16);
}

const where = (s: SourceRow) => (s.sheet ? `dòng ${s.row} (trang ${s.sheet})` : `dòng ${s.row}`);

/** The column header a field problem belongs to, as the file names it. */
function columnFor(field: string, row: RosterRow): string {
  return row.columnOf.get(field) ?? FIELD_LABELS[field] ?? field;
}

/** `id_number_hash` → `idNumberHash`, computed once per column name (this runs for every cell). */
const CAMEL = new Map<string, string>();
const camel = (c: string) => {
  let k = CAMEL.get(c);
  if (!k) CAMEL.set(c, (k = c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase())));
  return k;
};

function columnValue(v: Record<string, unknown>, column: string): unknown {
  const x = v[camel(column)];
  if (column === 'profile' || column === 'raw') return JSON.stringify(x ?? {});
  if (column === 'id_issues' || column === 'commune_candidates') return `{${((x as string[] | undefined) ?? []).join(',')}}`;
  return x ?? null;
}

/** Up to this many new records an import links at once; beyond, one batch run links them all. */
const INCREMENTAL_LINK_LIMIT = 1000;

/** What one import keeps between batches: the codes seen, the units known or created. */
class ImportContext {
  readonly seen = new Map<string, string>();
  private readonly units = new Map<string, Unit | null>();
  /** Whether anyone was ever erased: when not, no row needs its tombstone keys (two HMACs) computed. */
  anyTombstone = true;
  /** Records created, linked at the end while the import stays small. */
  readonly createdIds: string[] = [];
  linkNow = true;

  /** What a batch changes here, to be put back when its transaction is rolled back (units it created are gone). */
  checkpoint(): { seen: Map<string, string>; units: Map<string, Unit | null>; created: number; linkNow: boolean } {
    return { seen: new Map(this.seen), units: new Map(this.units), created: this.createdIds.length, linkNow: this.linkNow };
  }

  restore(c: ReturnType<ImportContext['checkpoint']>): void {
    this.seen.clear();
    for (const [k, v] of c.seen) this.seen.set(k, v);
    this.units.clear();
    for (const [k, v] of c.units) this.units.set(k, v);
    this.createdIds.length = c.created;
    this.linkNow = c.linkNow;
  }

  constructor(
    readonly def: OrganizationDefinition,
    readonly scope: RecordScope,
    readonly createUnits: boolean,
    readonly today: string,
    readonly fileName: string,
  ) {}

  /**
   * The unit of a `Mã đơn vị`, created as a branch under the commune's base unit when asked
   * (`mayCreate` is false for a row already rejected: a bad row creates no unit).
   */
  async unit(
    code: string,
    communeCode: string | null,
    em: EntityManager,
    service: UnitsService,
    actor: Principal,
    problems: FieldProblem[],
    mayCreate: boolean,
  ): Promise<Unit | null> {
    let unit = this.units.get(code);
    if (unit === undefined) {
      unit = await service.findByCodeOrNull(this.def.code, code, em);
      if (unit) this.units.set(code, unit);
    }
    if (!unit && this.createUnits && !mayCreate) return null;
    if (!unit && this.createUnits) {
      if (!communeCode) {
        problems.push({ field: 'unit', value: code, message: `Mã đơn vị: '${code}' chưa có; cần Mã xã của dòng để tạo đơn vị mới` });
        return null;
      }
      unit = await createBranch(em, service, this.def.code, code, communeCode, writeScope(actor));
      this.units.set(code, unit);
    }
    if (!unit) {
      problems.push({
        field: 'unit',
        value: code,
        message: `Mã đơn vị: không có đơn vị '${code}' trong tổ chức ${this.def.code} (dùng --create-units để tạo)`,
      });
      return null;
    }
    if (
      this.scope.kind === 'ORGANIZATION' &&
      this.scope.unitPath &&
      !inScope(this.scope, { organizationCode: this.def.code, unitPath: unit.path })
    )
      problems.push({ field: 'unit', value: code, message: `Mã đơn vị: đơn vị '${code}' nằm ngoài phạm vi của tài khoản này` });
    return unit;
  }
}

/** A branch under the organization's base unit of the commune (the base unit is created when missing). */
async function createBranch(
  em: EntityManager,
  service: UnitsService,
  org: string,
  code: string,
  communeCode: string,
  scope: RecordScope,
): Promise<Unit> {
  const repo = em.getRepository(Unit);
  let base = await repo.findOne({ where: { organizationCode: org, kind: UnitKind.BASE, communeCode }, order: { code: 'ASC' } });
  if (!base)
    base = await service.create(
      { organization: org, code: `${org}-${communeCode}`, name: `Cơ sở xã ${communeCode}`, kind: UnitKind.BASE, communeCode },
      scope,
      em,
    );
  return service.create({ organization: org, code, name: code, kind: UnitKind.BRANCH, parent: base.code }, scope, em);
}
