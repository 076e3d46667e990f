import { parseIdNumber } from '../../common/identity/id-number.js';
import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { parseProfileValue } from '../../membership/organization/profile-fields.js';
import { FIELD_LABELS } from '../../membership/member-record/member-input.js';
import { keepKnownDates } from '../../membership/member-record/record-dates.js';
import type { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
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
  /** What the row's values gave way to on the stored record (an old CMND against its CCCD), kept as the row's warnings. */
  warnings?: RowProblem[];
}

/**
 * A prepared row's bytes — its values' and its tombstone keys — made anew by `convert`, in place, as
 * the row crosses between a worker thread and the importing thread (the row is that message's own).
 */
export function withBytesAs(p: PreparedRow, convert: (b: Uint8Array) => Uint8Array): PreparedRow {
  const values = p.values;
  if (values)
    for (const k in values) {
      const v = values[k];
      if (v instanceof Uint8Array) values[k] = convert(v);
    }
  p.tombstoneKeys = p.tombstoneKeys.map(convert) as Buffer[];
  return p;
}

/** The column header a field problem belongs to, as the file names it. */
export function columnFor(field: string, row: RosterRow): string {
  return row.columnOf.get(field) ?? FIELD_LABELS[field] ?? field;
}

/** Reads roster rows into the stored columns of a record, through the one record writer of the membership core. */
export class RowPreparer {
  constructor(private readonly records: MemberRecordsService) {}

  /**
   * A row read into the columns of a record: normalized, its commune resolved, its ID number sealed
   * and its ID issues derived, against the current record when there is one. Problems name the
   * file's column. Pure but for the vault (no database), so it runs while the previous batch is written.
   */
  prepare(row: RosterRow, ctx: ImportContext, current?: MemberRecord): PreparedRow {
    const write = this.records.columnsOf(
      { ...row.fields, ...sexOfMembers(row, ctx.def, current), status: row.status },
      // The import does not settle a split commune by a name alone, as the form does (kept as it is today).
      { definition: ctx.def, today: ctx.today, current, settleSplitCommune: false, withTombstoneKeys: ctx.anyTombstone },
    );
    const ok = !write.problems.length && !row.problems.length;
    // Her list of birth years leaves the full dates the record already has (record-dates.ts).
    if (ok && current && write.columns) keepKnownDates(write.columns, current);
    const kept = ok && current && write.columns ? keepCitizenId(write.columns, current, columnFor('idNumber', row)) : null;
    return {
      ...(kept && { warnings: [kept] }),
      problems: write.problems.map((f) => ({ column: columnFor(f.field, row), value: f.value, message: f.message })),
      values: ok ? write.columns : null,
      communeCode: write.communeCode,
      tombstoneKeys: ok ? write.tombstoneKeys.map((k) => k.hash) : [],
    };
  }
}

/** The columns of a record's ID number (the number sealed, its hash and mask, the entered form, its kind and issues). */
const ID_COLUMNS = ['idNumberSealed', 'idNumberHash', 'idNumberMasked', 'idNumberRawSealed', 'idKind', 'idIssues'] as const;

/**
 * An older list brought back (a 9-digit CMND where the record already has the 12-digit CCCD that
 * replaced it) never takes the CCCD away: the record keeps it, and the row says so. Otherwise null.
 */
export function keepCitizenId(values: Record<string, unknown>, current: MemberRecord, column: string): RowProblem | null {
  if (current.idKind !== 'CCCD' || values.idKind !== 'CMND') return null;
  const given = values.idNumberMasked as string;
  for (const c of ID_COLUMNS) delete values[c];
  return {
    column,
    value: given,
    message:
      `${column} '${given}': đây là số CMND cũ (9 số), hồ sơ đã có số CCCD ${current.idNumberMasked ?? ''} — giữ số CCCD. ` +
      'Nếu số CCCD trên hồ sơ sai, hãy sửa trên hồ sơ',
  };
}

/**
 * A women's union leaves the sex empty (issue 16): every member is a woman. So a new record of an
 * organization of one sex (HPN) whose row says no sex at all takes that sex, unless the CCCD's sex
 * digit says otherwise or the row is an honorary member's (a man). Applied here, after the row was
 * told a member (row-kind.ts), so a signer's name alone never gains a field; an existing record's sex
 * is left as it is (an empty cell changes nothing).
 */
export function sexOfMembers(row: RosterRow, def: OrganizationDefinition, current?: MemberRecord): { sex?: string } {
  const sex = def.eligiblePopulation.known ? def.eligiblePopulation.sex : undefined;
  // A sex cell the reader doubted (both Nam and Nữ marked, a Giới tính against its mark) is the file's say: no default over it.
  const sexColumns = ['sex', 'bySexMale', 'bySexFemale'].map((k) => row.columnOf.get(k)).filter(Boolean);
  if (!sex || current || row.fields.sex || row.warnings.some((w) => sexColumns.includes(w.column!))) return {};
  const honorary = def.profileFields.find((f) => f.key === 'honorary');
  const given = row.fields.profile?.find((p) => p.key === 'honorary')?.value;
  if (honorary && given) {
    const said = parseProfileValue(honorary, given);
    if (!said.ok || said.value !== false) return {};
  }
  const id = row.fields.idNumber ? parseIdNumber(row.fields.idNumber) : null;
  if (id?.ok && id.value.sex && id.value.sex !== sex) return {};
  return { sex: sex === 'MALE' ? 'Nam' : 'Nữ' };
}
