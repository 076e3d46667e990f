import type { SqlColumn } from '../../common/sql/bulk-sql.js';
import { rememberText } from '../../common/text/remember-text.js';
import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';

/** member_record columns the import writes, with their SQL types (for unnest). */
export const RECORD_COLUMNS: SqlColumn[] = [
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
  ['village', 'varchar'],
  ['unit_id', 'uuid'],
  ['join_date', 'date'],
  ['join_date_precision', 'varchar'],
  ['status', 'varchar'],
  ['last_activity_date', 'date'],
  ['last_activity_date_precision', 'varchar'],
  ['last_dues_date', 'date'],
  ['last_dues_date_precision', 'varchar'],
  ['profile', 'jsonb'],
  ['raw', 'jsonb'],
  ['import_warnings', 'jsonb'],
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
  'village',
  'unitId',
  'joinDate',
  'joinDatePrecision',
  'status',
  'lastActivityDate',
  'lastActivityDatePrecision',
  'lastDuesDate',
  'lastDuesDatePrecision',
  'profile',
];

/** Whether a row's values leave a record as it is (unchanged: only its import digest is written). */
export function changesNothing(current: MemberRecord, after: Record<string, unknown>): boolean {
  return COMPARED.every((k) => same(current[k], after[k]));
}

/**
 * The fields a row changes in its record (what the preview lists, by the file's columns): the
 * compared fields that differ, and for the organization's own fields (`profile`) each one that
 * differs too, as `profile.<key>` (the column "Ngày vào Đoàn", not "profile").
 */
export function changedFields(current: MemberRecord, values: Record<string, unknown>): string[] {
  const changed = Object.keys(values).filter((k) => !changesNothing(current, { ...current, [k]: values[k] }));
  if (!changed.includes('profile')) return changed;
  const [before, after] = [current.profile ?? {}, (values.profile ?? {}) as Record<string, unknown>];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return [...changed, ...keys.filter((k) => !same(before[k], after[k])).map((k) => `profile.${k}`)];
}

const same = (a: unknown, b: unknown): boolean => {
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  if (a && b && typeof a === 'object') return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
  return (a ?? null) === (b ?? null);
};
const sortKeys = (o: object): unknown =>
  Array.isArray(o) ? o : Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));

/** `id_number_hash` → `idNumberHash`, computed once per column name (this runs for every cell). */
export const camel = rememberText((c: string) => c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase()));

/** A record's value (camelCase keys) for one SQL column, as unnest takes it (JSON text, array literal). */
export function columnValue(v: Record<string, unknown>, column: string): unknown {
  const x = v[camel(column)];
  if (column === 'profile' || column === 'raw') return JSON.stringify(x ?? {});
  if (column === 'import_warnings') return JSON.stringify(x ?? []);
  if (column === 'id_issues' || column === 'commune_candidates') return `{${((x as string[] | undefined) ?? []).join(',')}}`;
  return x ?? null;
}
