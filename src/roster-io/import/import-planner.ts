import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import type { Unit } from '../../membership/unit/unit.entity.js';
import type { PersonalDataKey } from '../../personal-data/personal-data-key.js';
import { PERSONAL_DATA_KEY } from '../../personal-data/secret-vault.js';
import { UnitsService } from '../../membership/unit/units.service.js';
import { readUnitCell } from '../reading/unit-cell.js';
import { ImportRowError, type ImportJob, type RowOutcome } from '../import-job.entity.js';
import type { ImportContext } from './import-context.js';
import { maskWarning, rowWarnings } from './import-notes.js';
import { ineligibleReason, planValues, refusedValues, storePlan, type Fate, type PlanRow, erasedKeys } from './import-plan.js';
import { heldValues } from './held-decisions.js';
import { matchKnownMembers, type KnownMatch } from './known-members.js';
import { uncodedRows } from './row-place.js';
import { erasedPersonMessage } from './import-messages.js';
import { columnFor, RowPreparer, type PreparedRow } from './prepare-row.js';
import { PREPARE_WORKERS_FOR_FILES_OF, PREPARE_WORKERS_FROM_ROW, PrepareWorkers, prepareWorkerSetup } from './prepare-workers.js';
import { knownCommune, settleRowCommune, unsettledCommuneWarning } from './row-commune.js';
import { changedFields, changesNothing } from './record-columns.js';
import { checkDuplicateCode, keptRow, lookUpCurrent, scopeProblems, type CurrentRecords, type PendingRow } from './pending-rows.js';
import { rejectedRowUnitPath, RejectedRowsService } from './rejected-rows.service.js';
import type { RosterRow, RowProblem } from './roster-row.js';
import { rowDigest } from './sheet-reader.js';

/** One batch being planned in its transaction: the rows' plans, and the lines kept for her files. */
interface BatchPlan {
  em: EntityManager;
  job: ImportJob;
  ctx: ImportContext;
  actor: Principal;
  plans: PlanRow[];
  kept: Partial<ImportRowError>[];
  /** The uncoded rows the known members decided (HOLD: held for a decision). */
  matches: Map<number, KnownMatch>;
  /** New records waiting for the erasure check: their tombstone keys. */
  news: { plan: PlanRow; p: PendingRow; keys: Buffer[] }[];
  /** The rows of a result file: their lines are kept with the batch. */
  results: Map<PlanRow, PendingRow>;
}

/**
 * Plans an import's rows batch by batch, touching no record: looks up the current records, matches
 * the rows without their own code to the known members, checks each row (prepare, unit, scope),
 * screens the new people against the erasure tombstones, and keeps each row's fate in the plan
 * (with the rejected rows and the result file's lines). A preview creates no unit: the batch's
 * units are rolled back, and the confirmation plans again.
 */
@Injectable()
export class ImportPlanner {
  private readonly preparer: RowPreparer;

  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly units: UnitsService,
    private readonly rejectedRows: RejectedRowsService,
    @Inject(PERSONAL_DATA_KEY) private readonly key: PersonalDataKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.preparer = new RowPreparer(records);
  }

  /** Whether anyone was ever erased (when not, no row needs its tombstone keys). */
  async anyoneErased(): Promise<boolean> {
    return (await this.db.query<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM erasure_tombstone) AS any`))[0].any;
  }

  /**
   * Prepares the rows whose Mã hồ sơ the organization does not have yet (the bulk of a first
   * import), while the previous batch is planned. A hint only: the plan looks again.
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
    const fresh = batch.filter((p) => !known.has(p.row.externalId));
    const workers = fresh.length && this.wantsWorkers(batch, fresh, ctx) ? await this.workersOf(ctx) : null;
    if (!workers) for (const p of fresh) p.prepared = this.preparer.prepare(p.row, ctx);
    else {
      const prepared = await workers.prepare(
        fresh.map((p) => p.row),
        { today: ctx.today, anyTombstone: ctx.anyTombstone },
      );
      fresh.forEach((p, i) => (p.prepared = prepared[i]));
    }
  }

  /**
   * Whether a batch's new rows are prepared in the worker threads: once started; else when the batch is
   * mostly new rows and the run is past its `PREPARE_WORKERS_FROM_ROW`th row, or its file (by its size)
   * holds `PREPARE_WORKERS_FOR_FILES_OF` rows: they then start beside the reading. A small file is
   * prepared in this thread: starting them costs more than it saves.
   */
  private wantsWorkers(batch: PendingRow[], fresh: PendingRow[], ctx: ImportContext): boolean {
    if (ctx.workers) return true;
    const long = (batch[0]?.ordinal ?? 0) >= PREPARE_WORKERS_FROM_ROW || ctx.expectedRows >= PREPARE_WORKERS_FOR_FILES_OF;
    return long && fresh.length * 2 >= batch.length;
  }

  /**
   * The run's worker threads, started once (batches are prepared concurrently); none when the
   * compiled worker is absent (the sources run under a test runner) or `IMPORT_PREPARE_WORKERS=0`.
   * Closed by `closeWorkers`.
   */
  private workersOf(ctx: ImportContext): Promise<PrepareWorkers | null> {
    ctx.workers ??= PrepareWorkers.available()
      ? prepareWorkerSetup(this.db, this.key, ctx.def.code, this.config.province).then((setup) => PrepareWorkers.start(setup))
      : Promise.resolve(null);
    return ctx.workers;
  }

  /** The run's worker threads stopped (the plan is done). */
  async closeWorkers(ctx: ImportContext): Promise<void> {
    const workers = await ctx.workers?.catch(() => null);
    ctx.workers = Promise.resolve(null);
    await workers?.close();
  }

  /** One batch's plan, in one transaction (with the units it creates; a preview's are rolled back). */
  async planBatch(batch: PendingRow[], job: ImportJob, ctx: ImportContext, actor: Principal, preview: boolean): Promise<void> {
    const units = ctx.units.snapshot();
    await this.db.transaction(async (em) => {
      const b: BatchPlan = { em, job, ctx, actor, plans: [], kept: [], matches: new Map(), news: [], results: new Map() };
      if (preview) await em.query(`SAVEPOINT preview_units`);
      const current = await lookUpCurrent(em, batch, ctx);
      b.matches = await this.matchUncoded(b, batch, current);
      for (const p of batch) await this.check(b, p, current);
      await this.screenErased(b);
      this.keepResults(b);
      if (preview) {
        await em.query(`ROLLBACK TO SAVEPOINT preview_units`);
        if (ctx.units.snapshot().size !== units.size) ctx.unitsPlanned = true;
      }
      await storePlan(em, job.id, b.plans);
      if (b.kept.length) await em.getRepository(ImportRowError).insert(b.kept);
    });
    // A preview's units are gone with its savepoint: the next batch looks them up (and plans them) again.
    if (preview) ctx.units.restore(units);
  }

  /**
   * The rows without their own code (the reader gave them one) that no record has yet, against the
   * organization's known members: the same member takes over that record's code (and updates it),
   * a doubtful one is held. A row carrying its own code is never held.
   */
  private async matchUncoded(b: BatchPlan, batch: PendingRow[], current: CurrentRecords): Promise<Map<number, KnownMatch>> {
    const uncoded = batch.filter((p) => p.codeAssigned && !current.unchanged(p) && !current.existing.has(p.row.externalId));
    for (const p of uncoded) p.prepared ??= this.preparer.prepare(p.row, b.ctx);
    // Her own unit's commune: a row naming none lands there, or in her chi hội's (within her unit: the same commune).
    const home = (await b.ctx.units.own(b.em))?.communeCode ?? null;
    const rows = await uncodedRows(b.ctx.units, b.em, this.units, uncoded, home);
    if (!rows.length) return new Map();
    const matches = await matchKnownMembers(b.em, b.ctx.def.code, rows, b.ctx.decisions, b.ctx.newRows, b.ctx.claimed(batch));
    const toRead: string[] = [];
    const lines = new Map<string, Buffer>();
    for (const p of uncoded) {
      const m = matches.get(p.ordinal);
      if (m?.kind !== 'RECORD') continue;
      p.row.externalId = m.externalId;
      p.digest = rowDigest(p.row);
      if (m.how === 'SAME_LINE') lines.set(m.externalId, p.digest);
      // Her result file gives the row the code of the record it updates.
      const her = p.her;
      p.her = () => ({ ...her(), code: m.externalId });
      p.prepared = null;
      toRead.push(m.externalId);
    }
    if (toRead.length)
      for (const r of await b.em
        .getRepository(MemberRecord)
        .createQueryBuilder('r')
        .leftJoinAndSelect('r.unit', 'u')
        .where('r.organization_code = :org AND r.external_id = ANY(:ids)', { org: b.ctx.def.code, ids: toRead })
        .getMany()) {
        current.existing.set(r.externalId, r);
        // Her own line again: changes nothing, even on a record she corrected on screen since.
        if (lines.has(r.externalId)) current.sameLine(r, lines.get(r.externalId)!);
      }
    return matches;
  }

  /** One row: every problem at once (the secretary fixes the row in one go), else a new record, a change, or nothing to do. */
  private async check(b: BatchPlan, p: PendingRow, current: CurrentRecords): Promise<void> {
    const { row } = p;
    const problems = [...row.problems];
    const hold = b.matches.get(p.ordinal);
    if (hold?.kind === 'HOLD' && !problems.length) return this.hold(b, p, hold);
    checkDuplicateCode(p, b.ctx, problems);
    if (!problems.length && current.unchanged(p)) {
      // Unchanged, unless her sheet now puts the listed member (no unit cell) in its chi hội: then read and moved.
      if (await this.movedBySheet(b, p, current)) await current.load(row.externalId);
      else {
        // `warned` counts the rows kept with warnings, whatever their outcome: an unchanged row keeps its record's.
        p.warnings = current.keptWarnings(p);
        this.plan(b, p, 'UNCHANGED', rejectedRowUnitPath(b.ctx.scope), { warned: !!p.warnings, looks: current.keptLooks(p) });
        return;
      }
    }
    const record = current.existing.get(row.externalId) ?? null;
    const prepared = record ? this.preparer.prepare(row, b.ctx, record) : (p.prepared ?? this.preparer.prepare(row, b.ctx));
    problems.push(...prepared.problems);
    row.warnings.push(...(prepared.warnings ?? []));
    let unit = await this.unitOf(b, row, prepared, record, problems);
    if (unit === undefined && !row.unit) unit = await this.sheetUnit(b, p, record, prepared.communeCode ?? row.titleCommune ?? null);
    // A commune's office imports her roster as it is, without a unit column: new members land in her own unit.
    if (!record && !unit) unit = (await b.ctx.units.own(b.em)) ?? unit;
    problems.push(...(await scopeProblems(b.em, b.ctx, row, record, unit, b.matches.has(p.ordinal))));
    const unitPath = rejectedRowUnitPath(b.ctx.scope, unit?.path, record?.unit?.path);
    if (problems.length || !prepared.values) return this.refuse(b, p, problems, unitPath);
    // The prepared values are this row's own: completed in place (no copy of every row's columns).
    const values: Record<string, unknown> = prepared.values;
    values.importDigest = p.digest;
    if (unit !== undefined) values.unitId = unit?.id ?? null;
    const known = knownCommune(record, unit === undefined ? record?.unit : unit, await b.ctx.units.own(b.em)) ?? row.titleCommune ?? null;
    const placeWarning = await settleRowCommune(b.em, row, record, known, values);
    const unsettled = placeWarning ? null : await unsettledCommuneWarning(b.em, row, values, known);
    for (const w of [placeWarning, unsettled]) if (w) row.warnings.push(w);
    const kept = await this.keepNotes(b, p, record, values);
    const target = { recordId: record?.id ?? null, recordVersion: record?.version ?? null, ...kept };
    if (!record) {
      const plan = this.plan(b, p, 'CREATED', unitPath, {
        ...target,
        values: planValues('status' in values ? values : Object.assign(values, { status: MemberStatus.ACTIVE })),
        notes: row.notes,
      });
      b.news.push({ plan, p, keys: prepared.tombstoneKeys });
    } else if (changesNothing(record, { ...record, ...values })) {
      this.plan(b, p, 'UNCHANGED', unitPath, { ...target, values: planValues({ importDigest: p.digest }), notes: row.notes });
    } else {
      const changed = changedFields(record, values);
      this.plan(b, p, 'UPDATED', unitPath, { ...target, values: planValues({ ...record, ...values }), changed, notes: row.notes });
    }
  }

  /** The row's fate in the plan; a row of a result file keeps its line there (a new record's may yet be refused: `screenErased`). */
  private plan(b: BatchPlan, p: PendingRow, fate: Fate, unitPath: string | null, more: Partial<PlanRow> = {}): PlanRow {
    const plan: PlanRow = {
      ordinal: p.ordinal,
      fate,
      sheet: p.source.sheet,
      rowNumber: p.source.row,
      // A refused or held row shows no code of ours: nothing is created under it (a refused one's result file line has one to fix it under).
      externalId: (fate === 'REFUSED' || fate === 'HELD') && p.codeAssigned ? null : p.row.externalId || null,
      recordId: null,
      recordVersion: null,
      values: null,
      changed: [],
      reason: null,
      warnings: p.warnings ?? null,
      warned: false,
      looks: false,
      ineligible: null,
      notes: null,
      unitPath,
      inResult: p.inResult,
      ...more,
    };
    b.plans.push(plan);
    if (p.inResult) b.results.set(plan, p);
    return plan;
  }

  /** A doubtful match: held for the secretariat's decision, not written (shown in the preview and the result file). */
  private hold(b: BatchPlan, p: PendingRow, m: Extract<KnownMatch, { kind: 'HOLD' }>): void {
    const reason = `chờ quyết định: ${m.reason}`;
    const unitPath = rejectedRowUnitPath(b.ctx.scope);
    // What the preview shows of it (`heldValues`): nothing is written.
    this.plan(b, p, 'HELD', unitPath, { reason, values: heldValues(p.row, m) });
    p.outcome = 'HELD';
    p.warnings = reason;
    if (p.inResult) b.kept.push(keptRow(this.rejectedRows, b, p, [{ column: null, value: null, message: reason }], unitPath));
  }

  /**
   * A workbook kept one sheet per chi hội, or a chi hội's own list: a row without a unit cell is in the
   * chi hội its sheet's name or title names (undefined: none). A member listed under it already stays where she is: a sheet named for the
   * commune's office holds the whole commune, not a move to the office.
   */
  private async movedBySheet(b: BatchPlan, p: PendingRow, current: CurrentRecords): Promise<boolean> {
    if (p.row.unit) return false;
    const unit = await b.ctx.units.ofSheet(b.em, p.source.sheet, p.titleBranch);
    const path = current.unitPath(p.row.externalId);
    return !!unit && !path?.startsWith(unit.path);
  }

  private async sheetUnit(b: BatchPlan, p: PendingRow, record: MemberRecord | null, communeCode: string | null): Promise<Unit | undefined> {
    const unit = await b.ctx.units.ofSheet(b.em, p.source.sheet, p.titleBranch, { service: this.units, actor: b.actor, communeCode });
    if (!unit || (record?.unit && record.unit.path.startsWith(unit.path))) return undefined;
    return unit;
  }

  /** The row's unit (undefined: the row names none), found or created; its problems added under the file's column. */
  private async unitOf(
    b: BatchPlan,
    row: RosterRow,
    prepared: PreparedRow,
    record: MemberRecord | null,
    problems: RowProblem[],
  ): Promise<Unit | null | undefined> {
    if (!row.unit) return undefined;
    const unitProblems: FieldProblem[] = [];
    const unitWarnings: FieldProblem[] = [];
    const { units } = b.ctx;
    // An address that names no kind of unit may be a hamlet of hers (row-commune.ts): her own commune tells her units apart.
    const communeCode = row.bareAddress
      ? (record?.communeCode ?? (await units.own(b.em))?.communeCode ?? prepared.communeCode ?? null)
      : (prepared.communeCode ?? record?.communeCode ?? row.titleCommune ?? null);
    const mayCreate = problems.length === 0;
    const label = columnFor('unit', row);
    const cell = { value: row.unit, codeLike: readUnitCell(row.unit, label).codeLike, asCode: !row.unitByName, label };
    const kept = record ? { unitName: record.unit?.name ?? null } : undefined;
    const unit = await units.unit(cell, communeCode, b.em, this.units, b.actor, unitProblems, mayCreate, unitWarnings, kept);
    const asRow = (f: FieldProblem) => ({ column: columnFor(f.field, row), value: f.value, message: f.message });
    problems.push(...unitProblems.map(asRow));
    row.warnings.push(...unitWarnings.map(asRow));
    return unit;
  }

  /**
   * The row's warnings, kept on its record (replacing the last import's), and the rule of the
   * organization it breaks (counted for the wrong organization).
   */
  private async keepNotes(
    b: BatchPlan,
    p: PendingRow,
    record: MemberRecord | null,
    values: Record<string, unknown>,
  ): Promise<{ ineligible: string | null; warned: boolean; looks: boolean }> {
    // The record as it will be, read by the organization's own eligibility rules (the rule a record's page shows).
    const as = {
      profile: {},
      ...record,
      ...values,
      organizationCode: b.ctx.def.code,
      status: values.status ?? record?.status ?? MemberStatus.ACTIVE,
    };
    const issues = await this.records.eligibility(as as MemberRecord, b.ctx.today);
    const sexFromCard = !p.row.fields.sex && !record?.sex && !!values.sex;
    const warnings = rowWarnings(p.row, issues, new Date().toISOString(), sexFromCard);
    values.importWarnings = warnings;
    p.warnings = warnings.map((x) => x.message).join('; ');
    return { ineligible: ineligibleReason(issues), warned: warnings.length > 0, looks: warnings.some((w) => !w.advice) };
  }

  private refuse(b: BatchPlan, p: PendingRow, refusing: RowProblem[], unitPath: string | null, plan?: PlanRow): void {
    // A refused row's warnings (its optional cells that could not be read) are said with it: one fix for all.
    p.outcome = 'REJECTED';
    const problems = [...refusing, ...p.row.warnings];
    // In clear in the plan (the preview): ID numbers and phones in it masked, as on a record's warnings.
    const reason = maskWarning(problems.map((x) => x.message).join('; '));
    if (plan)
      Object.assign(plan, {
        fate: 'REFUSED',
        externalId: p.codeAssigned ? null : plan.externalId,
        reason,
        values: refusedValues(p.row.fields.fullName),
        notes: null,
        warned: false,
        ineligible: null,
      });
    else this.plan(b, p, 'REFUSED', unitPath, { reason, values: refusedValues(p.row.fields.fullName) });
    b.kept.push(keptRow(this.rejectedRows, b, p, problems, unitPath));
  }

  /** People erased on request are not created again by an import: the secretariat must confirm one by one. */
  private async screenErased(b: BatchPlan): Promise<void> {
    const erased = await erasedKeys(
      b.em,
      b.news.flatMap((t) => t.keys),
      b.ctx.def.code,
    );
    for (const t of b.news)
      if (t.keys.some((k) => erased.has(k.toString('hex'))))
        this.refuse(b, t.p, [{ column: null, value: null, message: erasedPersonMessage }], t.plan.unitPath, t.plan);
  }

  /** The result file's lines of the rows the plan writes or leaves (a refused row's line is its rejected row, a held one's is kept with it). */
  private keepResults(b: BatchPlan): void {
    for (const [plan, p] of b.results) {
      if (plan.fate === 'REFUSED' || plan.fate === 'HELD') continue;
      p.outcome = outcomeOf(plan.fate);
      b.kept.push(keptRow(this.rejectedRows, b, p, [], plan.unitPath));
    }
  }
}

/** The outcome a planned row's line in the result file says. */
export const outcomeOf = (fate: Fate): RowOutcome => (fate === 'REFUSED' ? 'REJECTED' : fate);
