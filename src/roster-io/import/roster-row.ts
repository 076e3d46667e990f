import { ANY_PRECISION, formatPartialDate, parsePartialDate, type PartialDate } from '../../common/dates/partial-date.js';
import { isMaskedIdNumber, type Sex } from '../../common/identity/id-number.js';
import { sexOfName } from '../../common/identity/person-name.js';
import { parseEthnicity, parseExternalId, parseVillage, type MemberFieldsInput } from '../../membership/member-record/member-input.js';
import type { RecordDateField } from '../../membership/member-record/record-dates.js';
import type { ProfileFieldDefinition } from '../../membership/organization/organization-definition.js';
import { parseProfileValue } from '../../membership/organization/profile-fields.js';
import { MEMBER_STATUS_INFO, parseStatusLabel, type MemberStatus } from '../../membership/status/member-status.js';
import { isBareUnitHeader, SPLIT_NAME_FIELDS, type HeaderMatch, type RosterColumn } from '../roster-columns.js';
import { cellShown } from '../reading/cell.js';
import { readDateCell } from '../reading/date-cell.js';
import { readIdCell } from '../reading/id-cell.js';
import { readNameCell } from '../reading/name-cell.js';
import { noteFactsOf, type NoteFact } from '../reading/note-facts.js';
import { positionIn } from '../reading/position-note.js';
import { readPhoneCell } from '../reading/phone-cell.js';
import { parsePhone } from '../../common/identity/phone.js';
import { readBirthBySexColumns, readSexCell } from '../reading/sex-cell.js';
import { namesArmyUnit, readUnitCell } from '../reading/unit-cell.js';
import { leftEmpty, refusedByRecord } from './date-cell-problems.js';
import { armyUnitMessage } from './import-messages.js';

/** A problem of one cell (or of the row), for the user: the column as the file names it. */
export interface RowProblem {
  column: string | null;
  value: string | null;
  message: string;
  /** The field read from the cell (a warning's: correcting it on the record settles the warning). */
  field?: string;
  /** A warning that only says what the reader put back (a lost leading 0) and how to keep it next time: nothing to look at. */
  advice?: boolean;
}

export interface RosterRow {
  externalId: string;
  fields: MemberFieldsInput & { communeCode?: string | null; communeName?: string | null };
  unit: string | null;
  /**
   * The unit column is a branch column (`Chi hội`, `Tổ`), not `Mã đơn vị`: read the same way (a code or
   * a name), but a unit it names that does not exist is created by name, never with the cell as its code.
   */
  unitByName?: boolean;
  status: MemberStatus | null;
  /** What refuses the row: no name, a name that is not a name, a bad Mã hồ sơ or Mã đơn vị. */
  problems: RowProblem[];
  /** Problems of optional cells: the member is kept, the cell left empty (issue 16 item 3). */
  warnings: RowProblem[];
  /** Facts read in a Ghi chú cell, to be suggested on the record (never applied). */
  notes: NoteFact[];
  /** Which input field came from which column header (to name the column of a field problem). */
  columnOf: Map<string, string>;
  /**
   * An address that names no kind of unit ("Na Sang", "Bản Phủ"): often a hamlet of the member's
   * commune. Its commune (when a commune has that name) and its warning are settled by the planner,
   * which knows the record's commune and the secretariat's (`placeOfBareAddress`).
   */
  bareAddress?: BareAddress;
  /** The row writes a commune or an address (even one outside the province, or a hamlet's name alone). */
  namesPlace?: boolean;
  /** The commune her sheet's title names (its code), for a row that names no place: where a new member lives (import-planner.ts). */
  titleCommune?: string;
}

export type { BareAddress, RowCells, RowReadingContext } from './roster-row-context.js';
import type { BareAddress, RowCells, RowReadingContext } from './roster-row-context.js';

const EVENT_DATES = [
  ['joinDate', 'Ngày vào'],
  ['lastActivityDate', 'Ngày sinh hoạt gần nhất'],
  ['lastDuesDate', 'Ngày đóng phí gần nhất'],
] as const;

/** One row's cells by field: the typed value, the text, the column's header. */
class Cells {
  private readonly at = new Map<string, { col: RosterColumn; index: number; text: string }>();
  readonly problems: RowProblem[] = [];
  readonly warnings: RowProblem[] = [];

  constructor(
    private readonly src: RowCells,
    header: HeaderMatch,
    readonly columnOf: Map<string, string>,
  ) {
    for (const [index, col] of header.fields) {
      const text = header.texts?.get(index) || col.header;
      this.at.set(col.key, { col, index, text });
      columnOf.set(col.key, text);
    }
  }

  has(key: string): boolean {
    return this.at.has(key);
  }

  /** A profile column's field: a DATE (DTN's `Ngày vào Đoàn`) is read as a date cell; a YEAR or a BOOLEAN by its type. */
  profileField(key: string): ProfileFieldDefinition | undefined {
    return this.at.get(key)?.col.profileField;
  }

  /** The unit column is a branch column (what is created for an unknown unit: import-units.ts). */
  unitByName(): boolean {
    return !!this.at.get('unit')?.col.unitByName;
  }

  /** Her header of the field's column (the template's when her file's is blank). */
  header(key: string): string {
    return this.at.get(key)?.text ?? key;
  }

  text(key: string): string | undefined {
    const c = this.at.get(key);
    return c ? (this.src.cells[c.index] ?? '').trim() || undefined : undefined;
  }

  raw(key: string): unknown {
    const c = this.at.get(key);
    if (!c) return null;
    return this.src.values?.[c.index] ?? this.src.cells[c.index] ?? null;
  }

  /** A cell's problem: kept as a warning, the cell left empty (the member is kept). */
  warn(key: string, message: string | undefined, value = this.text(key) ?? null, advice = false): void {
    if (message) this.warnings.push({ column: this.header(key), value, message, field: key, ...(advice && { advice }) });
  }

  keys(): string[] {
    return [...this.at.keys()];
  }
}

/**
 * One data row as the import reads it: cells → the fields `normalizeMemberFields` takes (each read as
 * Excel left it: a CCCD that lost its 0, a real date, a year alone, Nam|Nữ columns), plus unit,
 * status, notes. A bad optional cell is left empty with a warning; only the name and the codes refuse
 * the row. An empty cell leaves a field unchanged on an existing record; a masked ID number means unchanged.
 */
export function readRosterRow(src: RowCells, header: HeaderMatch, ctx: RowReadingContext): RosterRow | null {
  if (src.cells.every((c) => !c || !c.trim())) return null;
  const cells = new Cells(src, header, new Map());
  const fields: RosterRow['fields'] = {};
  const nameNote = readName(cells, fields);
  const person = readPerson(cells, fields, ctx.today);
  readIdNumber(cells, fields, person, ctx.today);
  const phone = cells.has('phone') ? readPhoneCell(cells.raw('phone')) : null;
  // As she typed it when the record reads it so too (`0912 345 678`); else (`0912345678 (con trai)`) the number read.
  if (phone?.value) fields.phone = [asTyped(cells, 'phone', phone)].find((t) => t !== undefined && parsePhone(t).ok) ?? phone.value;
  cells.warn('phone', phone?.problem ?? phone?.warning, undefined, !phone?.problem && !!phone?.advice);
  for (const [key, label] of EVENT_DATES) readEventDate(cells, fields, key, label, ctx.today);
  const bareAddress = readPlace(cells, fields, ctx);
  const namesPlace = !!(cells.text('address') || fields.communeCode || fields.communeName);
  readOptionalText(cells, fields, 'ethnicity', parseEthnicity);
  readOptionalText(cells, fields, 'village', parseVillage);
  const profile = cells
    .keys()
    .filter((k) => k.startsWith('profile.') && cells.text(k))
    .flatMap((k) => {
      const field = cells.profileField(k);
      const value = field?.type === 'DATE' ? readDate(cells, k, cells.header(k), ctx.today) : readProfileText(cells, k, field);
      return value === undefined ? [] : [{ key: k.slice(8), value }];
    });
  const note = cells.text('note');
  // No Chức vụ column: the office her Ghi chú or a bracket after the name gives ("Chi hội trưởng").
  const office = cells.has('profile.position') ? null : (positionIn(nameNote) ?? positionIn(note));
  if (office) profile.push({ key: 'position', value: office });
  if (profile.length) fields.profile = profile;
  const externalId = readCodes(cells, header);
  return {
    externalId,
    fields,
    unit: unitOf(cells),
    ...(cells.unitByName() ? { unitByName: true } : {}),
    status: readStatus(cells),
    problems: cells.problems,
    warnings: cells.warnings,
    notes: noteFactsOf([note, nameNote], ctx.today, ctx.workplace),
    columnOf: cells.columnOf,
    ...(bareAddress ? { bareAddress } : {}),
    ...(namesPlace ? { namesPlace } : {}),
  };
}

/** The name (or the split name joined): the one cell whose problem refuses the row; a note in brackets kept as a warning, and returned. */
function readName(cells: Cells, fields: RosterRow['fields']): string | null {
  let raw = cells.raw('fullName');
  const parts: readonly string[] = SPLIT_NAME_FIELDS;
  if (!cells.text('fullName') && parts.some((p) => cells.text(p))) {
    raw = parts
      .map((p) => cells.text(p))
      .filter(Boolean)
      .join(' ');
    cells.columnOf.set(
      'fullName',
      parts
        .map((p) => cells.header(p))
        .filter((h) => !parts.includes(h))
        .join(' + '),
    );
  }
  const column = cells.columnOf.get('fullName') ?? 'Họ và tên';
  const read = readNameCell(raw);
  if (read.value) fields.fullName = read.value;
  else
    cells.problems.push({
      column,
      value: read.problem?.endsWith('không được để trống') ? null : cellShown(raw),
      message: read.problem!,
    });
  if (read.value && read.warning) cells.warnings.push({ column, value: read.value, message: read.warning });
  if (read.value && read.note) {
    const office = positionIn(read.note) ? ', ghi vào Chức vụ' : '';
    cells.warnings.push({
      column,
      value: read.note,
      message: `Họ và tên: đã bỏ ghi chú trong ngoặc '(${read.note})' khỏi họ tên${office}`,
    });
  }
  return read.value ? (read.note ?? null) : null;
}

/**
 * The cell's text when it was typed as text and read without a change to tell (the record's `raw`
 * keeps what the file said, the record writer reads it the same way); undefined when Excel or the
 * reader changed it (a number, a date, a zero put back, a century chosen).
 */
function asTyped(cells: Cells, key: string, read: { warning?: string }): string | undefined {
  return typeof cells.raw(key) === 'string' && !read.warning ? cells.text(key) : undefined;
}

/** A date cell's text as she typed it when the record reads it so too; else (`ngày 16 tháng 4 năm 1971`) in figures. */
function typedDate(cells: Cells, key: string, read: { warning?: string }): string | undefined {
  const text = asTyped(cells, key, read);
  return text !== undefined && parsePartialDate(text, ANY_PRECISION).ok ? text : undefined;
}

/** Birth date and sex: their own columns, or the `Năm sinh` over `Nam` | `Nữ` layout. */
function readPerson(cells: Cells, fields: RosterRow['fields'], today: string): { birth: PartialDate | null; sex: Sex | null } {
  let birth: PartialDate | null = null;
  let sex: Sex | null = null;
  let typed: string | undefined;
  let marked: Sex | null = null;
  if (cells.has('bySexMale') || cells.has('bySexFemale')) {
    const read = readBirthBySexColumns(cells.raw('bySexMale'), cells.raw('bySexFemale'), { today, label: 'Năm sinh' });
    // A year the record refuses (1890, a day to come) is a warning as in a Ngày sinh column; the sex stands.
    const refused = read.birth ? refusedByRecord('birthDate', read.birth, 'Năm sinh', today) : undefined;
    birth = refused ? null : read.birth;
    // A year refused still says the sex by its column; a number that is no date at all (a total) says nothing.
    const said = `${cells.text('bySexMale') ?? ''}${cells.text('bySexFemale') ?? ''}`;
    marked = sex = !read.problem || /\d{4}|\d[/.-]\d/.test(said) ? read.sex : null;
    const shown = [cells.text('bySexMale'), cells.text('bySexFemale')].filter(Boolean).join(' | ') || null;
    cells.warn(
      cells.text('bySexMale') || !cells.has('bySexFemale') ? 'bySexMale' : 'bySexFemale',
      leftEmpty(read.problem ?? refused) ?? read.warning,
      shown,
    );
  }
  if (cells.has('birthDate')) {
    const read = readDateCell(cells.raw('birthDate'), { today, kind: 'BIRTH', label: 'Ngày sinh' });
    const refused = read.value ? refusedByRecord('birthDate', read.value, 'Ngày sinh', today) : undefined;
    const value = refused ? null : read.value;
    birth = value ?? birth;
    cells.warn('birthDate', leftEmpty(read.problem ?? refused) ?? read.warning);
    typed = value ? typedDate(cells, 'birthDate', read) : undefined;
  }
  if (cells.has('sex')) {
    const read = readSexCell(cells.raw('sex'));
    sex = read.value ?? sex;
    cells.warn('sex', read.problem);
    // Giới tính against the Nam | Nữ columns: which one is true cannot be known.
    if (read.value && marked && read.value !== marked) {
      sex = null;
      cells.warn(
        'sex',
        `Giới tính '${cells.text('sex')}' trái với cột ${marked === 'MALE' ? 'Nam' : 'Nữ'} được đánh dấu: chưa ghi giới tính, hãy sửa lại`,
      );
    }
  }
  if (birth) fields.birthDate = typed ?? formatPartialDate(birth);
  if (sex) fields.sex = sex === 'MALE' ? 'Nam' : 'Nữ';
  return { birth, sex };
}

function readIdNumber(
  cells: Cells,
  fields: RosterRow['fields'],
  person: { birth: PartialDate | null; sex: Sex | null },
  today: string,
): void {
  const text = cells.text('idNumber');
  if (text === undefined || isMaskedIdNumber(text)) return;
  const read = readIdCell(cells.raw('idNumber'), {
    birthYear: person.birth?.year ?? null,
    sex: person.sex,
    nameSex: sexOfName(fields.fullName),
    currentYear: Number(today.slice(0, 4)),
  });
  if (read.value) fields.idNumber = read.value;
  // The value shown is the message's (masked): an ID number is not kept in clear beside a warning.
  cells.warn('idNumber', read.problem ?? read.warning, null, !read.problem && !!read.advice);
}

/** A membership date (Ngày vào, …) read into its field; an empty or unreadable cell leaves it unchanged. */
function readEventDate(
  cells: Cells,
  fields: RosterRow['fields'],
  key: (typeof EVENT_DATES)[number][0],
  label: string,
  today: string,
): void {
  if (!cells.has(key)) return;
  const value = readDate(cells, key, label, today, key);
  if (value) fields[key] = value;
}

/**
 * A date of membership or of the organization's profile (DTN's `Ngày vào Đoàn`): any form of
 * readDateCell, a year or a month alone kept with its precision. An optional cell: what cannot be
 * read, or what the record's field refuses (a day to come), is a warning and the cell is left empty,
 * never the row refused (issue 16 item 3).
 */
function readDate(cells: Cells, key: string, label: string, today: string, field?: RecordDateField): string | undefined {
  const read = readDateCell(cells.raw(key), { today, kind: 'EVENT', label });
  const refused = read.value && field ? refusedByRecord(field, read.value, label, today) : undefined;
  cells.warn(key, leftEmpty(read.problem ?? refused) ?? read.warning);
  if (!read.value || refused) return undefined;
  return typedDate(cells, key, read) ?? formatPartialDate(read.value);
}

/** The commune: its code or name as written (resolved by the record writer), or read from an address once per distinct text. */
function readPlace(cells: Cells, fields: RosterRow['fields'], ctx: RowReadingContext): BareAddress | undefined {
  for (const k of ['communeCode', 'communeName'] as const) {
    const v = cells.text(k);
    if (v !== undefined) fields[k] = v;
  }
  const address = cells.text('address');
  if (!address || !ctx.address || fields.communeCode || fields.communeName) return undefined;
  const found = ctx.address(address);
  if (found.communeCode) {
    fields.communeCode = found.communeCode;
    cells.columnOf.set('communeCode', cells.header('address'));
  }
  if (found.bare) return { text: address, column: cells.header('address'), communeCode: found.communeCode, warning: found.warning };
  cells.warn('address', found.warning);
  // Her address's house and tổ dân phố, where no Thôn/bản column gives the place: what tells namesakes apart.
  const local = found.local && !cells.has('village') ? parseVillage(found.local) : null;
  if (local?.ok) fields.village = local.value;
  return undefined;
}

/** Dân tộc, Thôn, bản: optional cells, so one that cannot be kept (too long, signs, a formula) is left empty with a warning. */
function readOptionalText(cells: Cells, fields: RosterRow['fields'], key: 'ethnicity' | 'village', parse: typeof parseVillage): void {
  const read = cells.text(key) === undefined ? null : parse(cells.text(key)!);
  if (read?.ok) fields[key] = read.value;
  else if (read) cells.warn(key, leftEmpty(`${cells.header(key)}: ${read.reason}`));
}

/**
 * Mã hồ sơ and the unit cell: a missing or bad code refuses the row (what makes a record unusable); a
 * unit cell, in any unit column, is a unit's code or its name (reading/unit-cell.ts), refused only when it is neither.
 */
function readCodes(cells: Cells, header: HeaderMatch): string {
  const externalId = cells.text('externalId') ?? '';
  if (!externalId && [...header.fields.values()].some((c) => c.key === 'externalId'))
    cells.problems.push({ column: cells.header('externalId'), value: null, message: 'Mã hồ sơ: không được để trống' });
  const code = externalId ? parseExternalId(externalId) : null;
  if (code && !code.ok) cells.problems.push({ column: cells.header('externalId'), value: externalId, message: `Mã hồ sơ: ${code.reason}` });
  const unit = unitOf(cells) ?? undefined;
  const read = unit === undefined ? null : readUnitCell(unit, cells.header('unit'));
  if (read?.problem) cells.problems.push({ column: cells.header('unit'), value: unit!, message: read.problem });
  return externalId;
}

/** The unit cell, but for a veteran's army unit under a bare `Đơn vị` (`E148 F316`): said once, and no branch of ours. */
function unitOf(cells: Cells): string | null {
  const text = cells.text('unit') ?? null;
  const army = text !== null && isBareUnitHeader(cells.header('unit')) && namesArmyUnit(text);
  if (army && !cells.warnings.some((w) => w.field === 'unit')) cells.warn('unit', armyUnitMessage(cells.header('unit'), text));
  return army ? null : text;
}

/** Trạng thái: an unknown label is a warning (the status left as it is), never the row refused. */
function readStatus(cells: Cells): MemberStatus | null {
  const text = cells.text('status');
  if (text === undefined) return null;
  const status = parseStatusLabel(text);
  const labels = Object.values(MEMBER_STATUS_INFO)
    .map((s) => s.label)
    .join(', ');
  if (!status) cells.warn('status', `Trạng thái: '${text}' không có trong danh mục (${labels})`);
  return status;
}

/** A profile cell as text; one its field cannot read (a YEAR that names no year) is a warning, the cell left empty. */
function readProfileText(cells: Cells, key: string, field?: ProfileFieldDefinition): string | undefined {
  const text = cells.text(key)!;
  const read = field ? parseProfileValue(field, text) : null;
  if (read && !read.ok) return void cells.warn(key, leftEmpty(`${cells.header(key)}: ${read.reason}`));
  return text;
}
