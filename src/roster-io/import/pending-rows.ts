// A batch's rows before they are written: the records their codes have already, the checks that
// need no record of theirs (a code twice in the file, the scope of a secretariat kept to one unit),
// and how a row is kept for the files she gets back (a rejected row, or a line of the result file).
import type { EntityManager } from 'typeorm';
import { inScope } from '../../access/record-scope.js';
import { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import type { Unit } from '../../membership/unit/unit.entity.js';
import type { ImportJob, ImportRowError, RowOutcome } from '../import-job.entity.js';
import type { ImportContext } from './import-context.js';
import { maskWarning } from './import-notes.js';
import { codeNotUsableMessage, noLongerYoursMessage } from './import-messages.js';
import { columnFor, type PreparedRow } from './prepare-row.js';
import type { RejectedRowsService } from './rejected-rows.service.js';
import type { RosterRow, RowProblem } from './roster-row.js';
import { rowPlace, type SheetRow } from './sheet-reader.js';

/** A row waiting in a batch. */
export interface PendingRow extends SheetRow {
  /** What the row says, hashed: equal to a record's `import_digest`, the row changes nothing. */
  digest: Buffer;
  /** The row read as a new record (done while the previous batch is written); null for a record that exists. */
  prepared: PreparedRow | null;
  /** What the batch did with it (set as the batch is written): its line in the result file. */
  outcome?: RowOutcome;
  /** The warnings kept on its record (masked), for the result file. */
  warnings?: string;
}

/** The records a batch's codes have already. */
export interface CurrentRecords {
  /** Read whole: the records the rows may change. */
  existing: Map<string, MemberRecord>;
  /** The row is the very line last imported into a record in her scope: it changes nothing, the record edited since or not. */
  unchanged: (p: PendingRow) => boolean;
  /** A row without a code found to be a record's last imported line (`SAME_LINE`): that record (read whole) and the line. */
  sameLine: (record: MemberRecord, digest: Buffer) => void;
  /** The warnings its record keeps from its last import (masked, joined; '' for none): an unchanged row still carries them. */
  keptWarnings: (p: PendingRow) => string;
  /** Whether those warnings hold one to look at (not advice only). */
  keptLooks: (p: PendingRow) => boolean;
  /** The path of the unit a listed record is in (null: none; undefined: not listed). */
  unitPath: (externalId: string) => string | null | undefined;
  /** Reads a listed record whole after all (an unchanged row her sheet moves to its chi hội). */
  load: (externalId: string) => Promise<void>;
}

/** The batch's records: their import digests, and whole (with the unit) those the rows may change. */
export async function lookUpCurrent(em: EntityManager, batch: PendingRow[], ctx: ImportContext): Promise<CurrentRecords> {
  const ids = [...new Set(batch.map((b) => b.row.externalId).filter(Boolean))];
  // Records whose last import was this very row need not be read: the row changes nothing.
  const found = await em.query<
    {
      external_id: string;
      import_digest: Buffer | null;
      import_warnings: { column: string | null; message: string; advice?: boolean }[] | null;
      unit_path: string | null;
    }[]
  >(
    `SELECT r.external_id, r.import_digest, r.import_warnings, u.path AS unit_path
       FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id WHERE r.organization_code = $1 AND r.external_id = ANY($2)`,
    [ctx.def.code, ids],
  );
  const unitPaths = new Map(found.map((r) => [r.external_id, r.unit_path]));
  const digests = new Map(found.map((r) => [r.external_id, r.import_digest]));
  const warnings = new Map(found.map((r) => [r.external_id, (r.import_warnings ?? []).map((w) => w.message).join('; ')]));
  const looks = new Map(found.map((r) => [r.external_id, (r.import_warnings ?? []).some((w) => !w.advice)]));
  const warnedColumns = new Map(found.map((r) => [r.external_id, new Set((r.import_warnings ?? []).map((w) => w.column))]));
  // The unit her line names was not found last time (the member landed in the office, told so): it may
  // be now (a branch added since, or --create-units this time), so her line is read again.
  const unitUnsettled = (p: PendingRow) => !!p.row.unit && !!warnedColumns.get(p.row.externalId)?.has(columnFor('unit', p.row));
  // The very line last imported into a record in her scope changes nothing, even if the record was edited
  // since (her correction on screen is kept: the file says nothing new of this member). A secretariat kept
  // to one unit has the record's unit checked against her scope.
  const inScope = (code: string) => !ctx.ownUnitPath || !!unitPaths.get(code)?.startsWith(ctx.ownUnitPath);
  const unchanged = (p: PendingRow) => inScope(p.row.externalId) && !!digests.get(p.row.externalId)?.equals(p.digest) && !unitUnsettled(p);
  const toRead = new Set<string>();
  for (const p of batch) if (digests.has(p.row.externalId) && !unchanged(p)) toRead.add(p.row.externalId);
  const read = async (codes: string[]) =>
    (
      await em
        .getRepository(MemberRecord)
        .createQueryBuilder('r')
        .leftJoinAndSelect('r.unit', 'u')
        .where('r.organization_code = :org AND r.external_id = ANY(:ids)', { org: ctx.def.code, ids: codes })
        .getMany()
    ).map((r) => [r.externalId, r] as const);
  const existing = new Map<string, MemberRecord>(toRead.size ? await read([...toRead]) : []);
  return {
    existing,
    unchanged,
    keptWarnings: (p) => warnings.get(p.row.externalId) ?? '',
    keptLooks: (p) => looks.get(p.row.externalId) ?? false,
    unitPath: (code) => unitPaths.get(code),
    sameLine: (record, digest) => {
      const code = record.externalId;
      unitPaths.set(code, record.unit?.path ?? null);
      digests.set(code, digest);
      // Her unchanged line still carries its record's warnings (an E+ CCCD of last month is not forgotten).
      warnings.set(code, (record.importWarnings ?? []).map((w) => w.message).join('; '));
      looks.set(
        code,
        (record.importWarnings ?? []).some((w) => !w.advice),
      );
    },
    load: async (code) => {
      for (const [k, r] of await read([code])) existing.set(k, r);
    },
  };
}

/** A Mã hồ sơ the file had already (committed rows of a resumed job included) is a problem of the row. */
export function checkDuplicateCode(p: PendingRow, ctx: ImportContext, problems: RowProblem[]): void {
  const { row } = p;
  if (!row.externalId) return;
  const first = ctx.seen.get(row.externalId);
  if (first)
    problems.push({
      column: row.columnOf.get('externalId') ?? 'Mã hồ sơ',
      value: row.externalId,
      message: `Mã hồ sơ '${row.externalId}' đã có ở ${first} của tệp`,
    });
  else ctx.seen.set(row.externalId, rowPlace(p.source));
}

/** A secretariat kept to one unit imports into that subtree only, and changes only records kept there. */
export async function scopeProblems(
  em: EntityManager,
  ctx: ImportContext,
  row: RosterRow,
  record: MemberRecord | null,
  unit: Unit | null | undefined,
  /** The row had no code of its own: it was found to be that record (known-members.ts). */
  matched = false,
): Promise<RowProblem[]> {
  if (!ctx.ownUnitPath) return [];
  const within = (u: { path: string } | null | undefined) =>
    !!u && inScope(ctx.scope, { organizationCode: ctx.def.code, unitPath: u.path });
  if (record && !within(record.unit))
    return [
      {
        column: row.columnOf.get('externalId') ?? 'Mã hồ sơ',
        value: row.externalId,
        // Says nothing of what the code is outside the scope (which unit, whether it exists there) —
        // unless it was hers: a member transferred out of her units is told as such, what to do with it.
        message:
          matched || (await leftHerUnits(em, record.id, ctx.ownUnitPath))
            ? noLongerYoursMessage(row.externalId)
            : codeNotUsableMessage(row.externalId),
      },
    ];
  if (!record && !unit)
    return [
      { column: 'Mã đơn vị', value: row.unit, message: 'Mã đơn vị: tài khoản này chỉ quản lý một đơn vị, cần mã đơn vị thuộc phạm vi đó' },
    ];
  return [];
}

/**
 * A row kept for the files she gets back, sealed: a rejected row with its problems (every problem in
 * one message, so she fixes the row in one go), or a line of the result file with its outcome and
 * warnings. A row outside a result file is kept only when rejected.
 */
export function keptRow(
  rejectedRows: RejectedRowsService,
  at: { job: ImportJob; ctx: ImportContext },
  p: PendingRow,
  problems: RowProblem[],
  unitPath: string | null,
): Partial<ImportRowError> {
  const outcome = p.outcome ?? 'REJECTED';
  const message =
    outcome === 'REJECTED' || outcome === 'HELD'
      ? problems.map((x) => x.message).join('; ')
      : (p.warnings ?? p.row.warnings.map((w) => maskWarning(w.message)).join('; '));
  return rejectedRows.seal(
    {
      jobId: at.job.id,
      organization: at.ctx.def.code,
      ordinal: p.ordinal,
      sheet: p.source.sheet,
      rowNumber: p.source.row,
      columnName: [...new Set(problems.map((x) => x.column).filter(Boolean))].join(', ') || null,
      person: { ...p.row.fields, externalId: p.row.externalId },
      unitPath,
      her: p.her(),
      outcome: p.inResult ? outcome : null,
    },
    { value: problems.find((x) => x.value !== null)?.value ?? null, message, cells: outcome === 'REJECTED' ? p.templateCells() : [] },
  );
}

/** Whether the record was transferred out of a unit under `ownPath` (it was hers: she may be told it left). */
async function leftHerUnits(em: EntityManager, recordId: string, ownPath: string): Promise<boolean> {
  const [row] = await em.query<{ left: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM membership_event e JOIN unit u ON u.id = e.from_unit_id
                     WHERE e.record_id = $1 AND e.kind = 'TRANSFERRED' AND starts_with(u.path, $2)) AS left`,
    [recordId, ownPath],
  );
  return row.left;
}
