import type { FieldProblem } from '../../common/errors/field-problem.js';
import { deriveIdIssues, FIELD_LABELS, normalizeMemberFields } from '../../membership/member-record/member-input.js';
import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import type { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
import type { SecretVault } from '../../personal-data/secret-vault.js';
import { tombstoneKeys } from '../../personal-data/tombstone-keys.js';
import type { ImportContext } from './import-context.js';
import type { RosterRow, RowProblem } from './roster-row.js';

/** A row normalized, its commune read and its ID number sealed: what the database needs, or what is wrong. */
export interface PreparedRow {
  problems: RowProblem[];
  /** Column values (camelCase) to write, unit aside; null when the row has problems. */
  values: Record<string, unknown> | null;
  /** The commune the row's unit is created in (with `--create-units`). */
  communeCode: string | null;
  /** Tombstone keys of a new record (when anyone was ever erased). */
  tombstoneKeys: Buffer[];
}

/** The column header a field problem belongs to, as the file names it. */
export function columnFor(field: string, row: RosterRow): string {
  return row.columnOf.get(field) ?? FIELD_LABELS[field] ?? field;
}

/** Reads roster rows into the stored columns of a record (the commune lookup and the vault are its only helpers). */
export class RowPreparer {
  constructor(
    private readonly records: MemberRecordsService,
    private readonly vault: SecretVault,
  ) {}

  /**
   * A row read into the columns of a record: normalized, its commune resolved, its ID number sealed
   * and its ID issues derived, against the current record when there is one. Problems name the
   * file's column. Pure but for the vault (no database), so it runs while the previous batch is written.
   */
  prepare(row: RosterRow, ctx: ImportContext, current?: MemberRecord): PreparedRow {
    const fieldProblems: FieldProblem[] = [];
    const { changes, problems } = normalizeMemberFields(row.fields, { definition: ctx.def, today: ctx.today, current });
    fieldProblems.push(...problems);
    const touchesCommune = row.fields.communeCode !== undefined || row.fields.communeName !== undefined;
    const commune = touchesCommune ? this.records.resolveCommune(row.fields, fieldProblems) : null;
    const out: PreparedRow = {
      problems: fieldProblems.map((f) => ({ column: columnFor(f.field, row), value: f.value, message: f.message })),
      values: null,
      communeCode: commune?.values.communeCode ?? null,
      tombstoneKeys: [],
    };
    if (fieldProblems.length || row.problems.length) return out;
    const { idNumber, rawIdNumber, ...plain } = changes;
    const values: Record<string, unknown> = { ...plain };
    if (idNumber !== undefined) Object.assign(values, this.vault.sealIdNumber(idNumber));
    // The entered form is sealed only when it differs from the number (most cells hold just the 12 digits).
    if (rawIdNumber !== undefined) values.idNumberRawSealed = rawIdNumber && rawIdNumber !== idNumber ? this.vault.seal(rawIdNumber) : null;
    if (commune) Object.assign(values, commune.values, { raw: { ...(changes.raw ?? {}), ...commune.raw } });
    if (row.status) values.status = row.status;
    const clearId = idNumber !== undefined ? idNumber : current?.idNumberSealed ? this.vault.open(current.idNumberSealed) : null;
    const merged = { ...(current ?? {}), ...values } as MemberRecord;
    values.idIssues = deriveIdIssues({ ...merged, idNumber: clearId }, ctx.today);
    out.values = values;
    if (!current && ctx.anyTombstone)
      out.tombstoneKeys = tombstoneKeys(this.vault, {
        idNumber: idNumber ?? null,
        nameFolded: merged.nameFolded ?? null,
        birthDate: merged.birthDate ?? null,
        birthDatePrecision: merged.birthDatePrecision ?? null,
      }).map((k) => k.hash);
    return out;
  }
}
