import { isMaskedIdNumber } from '../../common/identity/id-number.js';
import { parseExternalId, type MemberFieldsInput } from '../../membership/member-record/member-input.js';
import { parseUnitCode } from '../../membership/unit/unit-code.js';
import { MEMBER_STATUS_INFO, parseStatusLabel, type MemberStatus } from '../../membership/status/member-status.js';
import type { HeaderMatch, RosterColumn } from '../roster-columns.js';
import { excelSerialDate } from '../../common/files/tabular-source.js';
import type { NoteFact } from '../reading/note-facts.js';

/** A problem of one cell (or of the row), for the user: the column as the file names it. */
export interface RowProblem {
  column: string | null;
  value: string | null;
  message: string;
}

export interface RosterRow {
  externalId: string;
  fields: MemberFieldsInput & { communeCode?: string | null; communeName?: string | null };
  unit: string | null;
  status: MemberStatus | null;
  problems: RowProblem[];
  /** Problems of optional cells: the member is kept, the cell left empty (issue 16 item 3). */
  warnings: RowProblem[];
  /** Facts read in a Ghi chú cell, to be suggested on the record (never applied). */
  notes: NoteFact[];
  /** Which input field came from which column header (to name the column of a field problem). */
  columnOf: Map<string, string>;
}

/** Columns holding a code, checked by character class (the same rules as GraphQL's). */
const CODES = [
  ['externalId', 'Mã hồ sơ', parseExternalId],
  ['unit', 'Mã đơn vị', parseUnitCode],
] as const;

const DATE_FIELDS = new Set(['birthDate', 'joinDate', 'lastActivityDate', 'lastDuesDate']);

/**
 * One data row as the import reads it: cells → the fields `normalizeMemberFields` takes, plus
 * unit, status and row-level problems (Mã hồ sơ missing, unknown status). An empty cell leaves a
 * field unchanged on an existing record; a masked ID number means unchanged.
 */
export function readRosterRow(cells: string[], header: HeaderMatch): RosterRow | null {
  if (cells.every((c) => !c || !c.trim())) return null;
  const problems: RowProblem[] = [];
  const columnOf = new Map<string, string>();
  const get = new Map<string, { col: RosterColumn; text: string }>();
  for (const [i, col] of header.fields) {
    const raw = (cells[i] ?? '').trim();
    const text = DATE_FIELDS.has(col.key) ? excelSerialDate(raw) : raw;
    get.set(col.key, { col, text });
    columnOf.set(col.key, col.header);
  }
  const value = (k: string) => get.get(k)?.text || undefined;
  const fields: RosterRow['fields'] = {};
  let fullName = value('fullName');
  if (!fullName && (value('familyMiddle') || value('givenName'))) {
    fullName = [value('familyMiddle'), value('givenName')].filter(Boolean).join(' ');
    columnOf.set('fullName', [get.get('familyMiddle')?.col.header, get.get('givenName')?.col.header].filter(Boolean).join(' + '));
  }
  if (fullName !== undefined) fields.fullName = fullName;
  for (const k of [
    'birthDate',
    'sex',
    'phone',
    'ethnicity',
    'joinDate',
    'lastActivityDate',
    'lastDuesDate',
    'communeCode',
    'communeName',
  ] as const) {
    const v = value(k);
    if (v !== undefined) fields[k] = v;
  }
  const id = value('idNumber');
  if (id !== undefined && !isMaskedIdNumber(id)) fields.idNumber = id;
  const profile = [...get.entries()]
    .filter(([k, v]) => k.startsWith('profile.') && v.text)
    .map(([k, v]) => ({ key: k.slice(8), value: v.text }));
  if (profile.length) fields.profile = profile;

  const externalId = value('externalId') ?? '';
  if (!externalId && header.fields.size && [...header.fields.values()].some((c) => c.key === 'externalId'))
    problems.push({ column: get.get('externalId')!.col.header, value: null, message: 'Mã hồ sơ: không được để trống' });
  for (const [key, label, parse] of CODES) {
    const text = value(key);
    const code = text === undefined ? null : parse(text);
    if (code && !code.ok) problems.push({ column: get.get(key)!.col.header, value: text!, message: `${label}: ${code.reason}` });
  }
  if (!fullName)
    problems.push({ column: get.get('fullName')?.col.header ?? 'Họ và tên', value: null, message: 'Họ và tên: không được để trống' });

  let status: MemberStatus | null = null;
  const statusText = value('status');
  if (statusText !== undefined) {
    status = parseStatusLabel(statusText);
    if (!status)
      problems.push({
        column: get.get('status')!.col.header,
        value: statusText,
        message: `Trạng thái: '${statusText}' không có trong danh mục (${Object.values(MEMBER_STATUS_INFO)
          .map((s) => s.label)
          .join(', ')})`,
      });
  }
  return { externalId, fields, unit: value('unit') ?? null, status, problems, warnings: [], notes: [], columnOf };
}
