import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { bulkInsert, bulkUpdate } from '../../common/sql/bulk-sql.js';
import { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import type { Unit } from '../../membership/unit/unit.entity.js';
import { UnitsService } from '../../membership/unit/units.service.js';
import { ImportRowError, type ImportJob, type RowOutcome } from '../import-job.entity.js';
import type { ImportContext } from './import-context.js';
import { admittedEvents, changeEvents, type InsertedRecord, type RecordUpdate } from './import-events.js';
import { refusedByDatabase } from './import-messages.js';
import { rowWarnings, writeSuggestions, type PendingNotes } from './import-notes.js';
import type { ImportProgress } from './import.types.js';
import { columnFor, RowPreparer, type PreparedRow } from './prepare-row.js';
import { changesNothing, columnValue, RECORD_COLUMNS } from './record-columns.js';
import { flagDuplicateListings } from './known-members.js';
import { matchUncodedRows } from './match-uncoded-rows.js';
import { checkDuplicateCode, keptRow, lookUpCurrent, scopeProblems, type CurrentRecords, type PendingRow } from './pending-rows.js';
import { rejectedRowUnitPath, RejectedRowsService } from './rejected-rows.service.js';
import type { RosterRow, RowProblem } from './roster-row.js';

export type { PendingRow } from './pending-rows.js';

type Counts = Omit<ImportProgress, 'rowsRead'>;

/** A new record, waiting for the erasure check. */
interface NewRecord {
  p: PendingRow;
  values: Record<string, unknown>;
  keys: Buffer[];
  unitPath: string | null;
}

/** One batch in its transaction, and what its phases found. */
interface BatchWrite {
  em: EntityManager;
  job: ImportJob;
  ctx: ImportContext;
  actor: Principal;
  counts: Counts;
  errors: Partial<ImportRowError>[];
  news: NewRecord[];
  updates: RecordUpdate[];
  /** Records the row leaves as they are (written differently): only their import digest is written. */
  digestOnly: [string, Buffer][];
  /** `Ghi chú` facts of the rows written, suggested on their records once written. */
  notes: PendingNotes[];
  /** The rows of a result file and their unit subtrees: their lines are kept with the batch. */
  results: { p: PendingRow; unitPath: string | null }[];
}

/**
 * Writes an import's rows batch by batch, each in one transaction with the job's counters: look up
 * the current records, check each row (prepare, unit, scope), screen the new people against the
 * erasure tombstones, write the creates and the updates with their history, then the rejected
 * rows and the job's progress.
 */
@Injectable()
export class ImportBatchWriter {
  private readonly preparer: RowPreparer;

  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly units: UnitsService,
    private readonly rejectedRows: RejectedRowsService,
  ) {
    this.preparer = new RowPreparer(records);
  }

  /** Whether anyone was ever erased (when not, no row needs its tombstone keys). */
  async anyoneErased(): Promise<boolean> {
    return (await this.db.query<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM erasure_tombstone) AS any`))[0].any;
  }

  /**
   * Prepares the rows whose Mã hồ sơ the organization does not have yet (the bulk of a first
   * import). A hint only: flush looks again inside its transaction and reads any row it finds
   * existing against the current record.
   */
  async prepareNew(batch: PendingRow[], ctx: ImportContext): Promise<void> {
    const known = new Set(
      (
        await this.db.query<{ external_id: string }[]>(
          `SELECT external_id FROM member_record WHERE organization_code = $1 AND external_id = ANY($2)`,
          [ctx.def.code, batch.map((p) => p.row.externalId)],
        )
      ).map((r) => r.external_id),
    );
    for (const p of batch) if (!known.has(p.row.externalId)) p.prepared = this.preparer.prepare(p.row, ctx);
  }

  /**
   * A batch, written whole; when the database refuses it (one value it cannot take), written again
   * row by row so the good rows go in and only the row it refuses is rejected, with the reason.
   */
  async flushSafely(batch: PendingRow[], job: ImportJob, ctx: ImportContext, actor: Principal, summary: ImportProgress): Promise<void> {
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
    summary: ImportProgress,
    refused?: RowProblem,
  ): Promise<void> {
    const counts: Counts = { created: 0, updated: 0, unchanged: 0, rejected: 0, warned: 0 };
    await this.db.transaction(async (em) => {
      const w: BatchWrite = { em, job, ctx, actor, counts, errors: [], news: [], updates: [], digestOnly: [], notes: [], results: [] };
      // One import at a time per organization: two imports of the same codes cannot both insert.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`import:${ctx.def.code}`]);
      await matchUncodedRows(em, batch, ctx, (row) => this.preparer.prepare(row, ctx));
      const current = await lookUpCurrent(em, batch, ctx);
      for (const p of batch) await this.check(w, p, current, refused);
      const created = await this.writeCreates(w, await this.screenErased(w));
      await writeUpdates(w);
      await flagDuplicateListings(em, ctx.def.code, [...created, ...w.updates.map((u) => u.before.id)]);
      await writeSuggestions(em, ctx.def.code, job.id, w.notes);
      this.keepResults(w);
      await writeProgress(w, batch);
    });
    summary.rowsRead = job.rowsCommitted;
    summary.created += counts.created;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    summary.rejected += counts.rejected;
    summary.warned += counts.warned;
  }

  /** One row: every problem at once (the secretary fixes the row in one go), else a new record, a change, or nothing to do. */
  private async check(w: BatchWrite, p: PendingRow, current: CurrentRecords, refused?: RowProblem): Promise<void> {
    const { row } = p;
    if (p.held) return this.hold(w, p, p.held);
    const problems = [...row.problems, ...(refused ? [refused] : [])];
    checkDuplicateCode(p, w.ctx, problems);
    if (!problems.length && current.unchanged(p)) {
      w.counts.unchanged++;
      // `warned` counts the rows kept with warnings, whatever their outcome: an unchanged row keeps its record's.
      p.warnings = current.keptWarnings(p);
      if (p.warnings) w.counts.warned++;
      return this.outcome(w, p, 'UNCHANGED', rejectedRowUnitPath(w.ctx.scope));
    }
    const record = current.existing.get(row.externalId) ?? null;
    const prepared = record ? this.preparer.prepare(row, w.ctx, record) : (p.prepared ?? this.preparer.prepare(row, w.ctx));
    problems.push(...prepared.problems);
    const unit = await this.unitOf(w, row, prepared, record, problems);
    problems.push(...scopeProblems(w.ctx, row, record, unit));
    const unitPath = rejectedRowUnitPath(w.ctx.scope, unit?.path, record?.unit?.path);
    if (problems.length || !prepared.values) return this.reject(w, p, problems, unitPath);
    const values: Record<string, unknown> = { ...prepared.values, importDigest: p.digest };
    if (unit !== undefined) values.unitId = unit?.id ?? null;
    p.warnings = await this.keepNotes(w, row, record, values);
    if (!record) {
      this.outcome(w, p, 'CREATED', unitPath);
      w.news.push({
        p,
        values: { status: MemberStatus.ACTIVE, ...values, externalId: row.externalId },
        keys: prepared.tombstoneKeys,
        unitPath,
      });
    } else if (changesNothing(record, { ...record, ...values })) {
      w.counts.unchanged++;
      w.digestOnly.push([record.id, p.digest]);
      this.outcome(w, p, 'UNCHANGED', unitPath);
    } else {
      w.updates.push({ before: record, after: values });
      this.outcome(w, p, 'UPDATED', unitPath);
    }
  }

  /** What the batch does with a row; a row of a result file keeps its line there (a new record's may yet be refused: `screenErased`). */
  private outcome(w: BatchWrite, p: PendingRow, outcome: RowOutcome, unitPath: string | null): void {
    p.outcome = outcome;
    if (p.inResult) w.results.push({ p, unitPath });
  }

  /** The result file's lines of the rows written (a refused row's line is its rejected row). */
  private keepResults(w: BatchWrite): void {
    for (const { p, unitPath } of w.results) if (p.outcome !== 'REJECTED') w.errors.push(keptRow(this.rejectedRows, w, p, [], unitPath));
  }

  /** The row's unit (undefined: the row names none), found or created; its problems added under the file's column. */
  private async unitOf(
    w: BatchWrite,
    row: RosterRow,
    prepared: PreparedRow,
    record: MemberRecord | null,
    problems: RowProblem[],
  ): Promise<Unit | null | undefined> {
    if (!row.unit) return undefined;
    const unitProblems: FieldProblem[] = [];
    const communeCode = prepared.communeCode ?? record?.communeCode ?? null;
    const unit = await w.ctx.units.unit(row.unit, communeCode, w.em, this.units, w.actor, unitProblems, problems.length === 0);
    problems.push(...unitProblems.map((f) => ({ column: columnFor(f.field, row), value: f.value, message: f.message })));
    return unit;
  }

  /** The row's warnings, kept on its record (replacing the last import's; returned, joined), and its `Ghi chú` facts, to suggest. */
  private async keepNotes(w: BatchWrite, row: RosterRow, record: MemberRecord | null, values: Record<string, unknown>): Promise<string> {
    // The record as it will be, read by the organization's own eligibility rules (the rule a record's page shows).
    const as = {
      profile: {},
      ...record,
      ...values,
      organizationCode: w.ctx.def.code,
      status: values.status ?? record?.status ?? MemberStatus.ACTIVE,
    };
    const warnings = rowWarnings(row, await this.records.eligibility(as as MemberRecord, w.ctx.today), new Date().toISOString());
    values.importWarnings = warnings;
    if (warnings.length) w.counts.warned++;
    if (row.notes.length) w.notes.push({ externalId: row.externalId, facts: row.notes });
    return warnings.map((x) => x.message).join('; ');
  }

  private reject(w: BatchWrite, p: PendingRow, refusing: RowProblem[], unitPath: string | null): void {
    // A refused row's warnings (its optional cells that could not be read) are said with it: one fix for all.
    w.counts.rejected++;
    p.outcome = 'REJECTED';
    w.errors.push(keptRow(this.rejectedRows, w, p, [...refusing, ...p.row.warnings], unitPath));
  }

  /** A row without its own code that waits for the secretariat's decision (known-members.ts): not written, its line kept. */
  private hold(w: BatchWrite, p: PendingRow, reason: string): void {
    p.outcome = 'HELD';
    w.errors.push(keptRow(this.rejectedRows, w, p, [{ column: null, value: null, message: reason }], rejectedRowUnitPath(w.ctx.scope)));
  }

  /** People erased on request are not created again by an import: the secretariat must confirm one by one. */
  private async screenErased(w: BatchWrite): Promise<Record<string, unknown>[]> {
    const allKeys = w.news.flatMap((t) => t.keys);
    const erased = new Set(
      allKeys.length
        ? (
            await w.em.query<{ h: string }[]>(`SELECT encode(key_hash, 'hex') AS h FROM erasure_tombstone WHERE key_hash = ANY($1)`, [
              allKeys,
            ])
          ).map((r) => r.h)
        : [],
    );
    const creates: Record<string, unknown>[] = [];
    for (const t of w.news) {
      if (t.keys.some((k) => erased.has(k.toString('hex')))) {
        const message =
          'Người này đã yêu cầu xóa dữ liệu cá nhân: chỉ thêm lại từng người khi họ đồng ý (createMemberRecord với confirmErasedPerson)';
        this.reject(w, t.p, [{ column: null, value: null, message }], t.unitPath);
        continue;
      }
      creates.push(t.values);
    }
    return creates;
  }

  /** The new records and their ADMITTED events; a small import's new records are kept to be linked at the end. */
  private async writeCreates(w: BatchWrite, creates: Record<string, unknown>[]): Promise<string[]> {
    if (!creates.length) return [];
    const inserted = (await bulkInsert(
      w.em,
      'member_record',
      [['organization_code', 'varchar'], ['external_id', 'varchar'], ['version', 'int4'], ...RECORD_COLUMNS],
      creates.map((v) => [w.ctx.def.code, v.externalId, 1, ...RECORD_COLUMNS.map(([c]) => columnValue(v, c))]),
      'id, unit_id, status, join_date',
    )) as InsertedRecord[];
    await admittedEvents(w.em, inserted, w.ctx);
    w.counts.created += inserted.length;
    // A small import is linked as it lands; a large one waits for one batch run (`lienthong link`).
    w.ctx.noteCreated(inserted.map((r) => r.id));
    return inserted.map((r) => r.id);
  }
}

/** The changed records (version and time bumped) and their history events. */
async function writeUpdates(w: BatchWrite): Promise<void> {
  if (!w.updates.length) return;
  const cols = RECORD_COLUMNS;
  await bulkUpdate(
    w.em,
    'member_record',
    'id',
    cols,
    w.updates.map(({ before, after }) => [before.id, ...cols.map(([c]) => columnValue({ ...before, ...after }, c))]),
    'version = t.version + 1, updated_at = now()',
  );
  await changeEvents(w.em, w.updates, w.ctx);
  w.counts.updated += w.updates.length;
}

/** The rest of the batch: digests of unchanged records, the rejected rows (sealed), and the job's counters. */
async function writeProgress(w: BatchWrite, batch: PendingRow[]): Promise<void> {
  // Unchanged by this row (written differently): the next import of it need not read the record.
  if (w.digestOnly.length) await bulkUpdate(w.em, 'member_record', 'id', [['import_digest', 'bytea']], w.digestOnly);
  if (w.errors.length) await w.em.getRepository(ImportRowError).insert(w.errors);
  const last = batch[batch.length - 1].ordinal;
  const { created, updated, unchanged, rejected, warned } = w.counts;
  await w.em.query(
    `UPDATE import_job SET rows_committed = $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5, rejected = rejected + $6, warned = warned + $7 WHERE id = $1`,
    [w.job.id, last, created, updated, unchanged, rejected, warned],
  );
  w.job.rowsCommitted = last;
}
