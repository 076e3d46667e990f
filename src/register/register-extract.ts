// The rows of a register extract, read one by one: which column is which, and a row's stored
// values or the reasons it is refused. Pure, except the commune lookup the caller passes in.
import { isAfterDay, parsePartialDate, toStoredDate } from '../common/dates/partial-date.js';
import type { FieldProblem } from '../common/errors/field-problem.js';
import { headerKey } from '../common/files/header-key.js';
import { excelSerialDate } from '../common/files/tabular-source.js';
import { parseIdNumber } from '../common/identity/id-number.js';
import { parsePersonName, parseSex } from '../common/identity/person-name.js';
import { foldText } from '../common/text/vietnamese-text.js';

/** The extract's columns (issue "Rosters in and out", item 6). */
const COLUMNS = {
  fullName: ['Họ và tên', 'ho_ten', 'ho_va_ten'],
  birthDate: ['Ngày sinh', 'ngay_sinh'],
  sex: ['Giới tính', 'gioi_tinh'],
  idNumber: ['Số CCCD', 'so_cccd', 'so dinh danh', 'so_dinh_danh'],
  communeCode: ['Mã xã', 'ma_xa'],
  state: ['Tình trạng', 'tinh_trang'],
  deathDate: ['Ngày mất', 'ngay_mat'],
} as const;
type Column = keyof typeof COLUMNS;
const BY_KEY = new Map<string, Column>(Object.entries(COLUMNS).flatMap(([k, names]) => names.map((n) => [headerKey(n), k as Column])));

/** Cell position → column. */
export type ExtractHeader = Map<number, Column>;

/** The header row: one that names Họ và tên and at least two other columns of the extract. */
export function extractHeader(cells: string[]): ExtractHeader | null {
  const m: ExtractHeader = new Map();
  cells.forEach((c, i) => {
    const k = BY_KEY.get(headerKey(c));
    if (k) m.set(i, k);
  });
  return [...m.values()].includes('fullName') && m.size >= 3 ? m : null;
}

/** A resident as stored, before its ID number is sealed. */
export interface ResidentValues {
  fullName: string;
  nameFolded: string;
  birthDate: string | null;
  birthDatePrecision: string | null;
  sex: string | null;
  idDigits: string | null;
  commune: { communeCode: string | null; communeEnteredCode: string | null };
  alive: boolean;
  deathDate: string | null;
}

/** The member records' commune rule (old codes, merged communes): the stored codes, its problems added to the list. */
export type ResolveCommune = (code: string | null, problems: FieldProblem[]) => ResidentValues['commune'];

/** One row: its values, or every reason it is refused, joined by '; ' in column order. */
export function readExtractRow(
  cells: string[],
  header: ExtractHeader,
  today: string,
  resolveCommune: ResolveCommune,
): { ok: true; value: ResidentValues } | { ok: false; message: string } {
  const v = (k: Column) => {
    for (const [i, c] of header) if (c === k) return (cells[i] ?? '').trim();
    return '';
  };
  const problems: string[] = [];
  const name = parsePersonName(v('fullName'));
  if (!name.ok) problems.push(`Họ và tên: ${name.reason}`);
  const birthText = excelSerialDate(v('birthDate'));
  const birth = birthText ? parsePartialDate(birthText, { allowYearOnly: true }) : null;
  if (birth && !birth.ok) problems.push(`Ngày sinh: ${birth.reason}`);
  const sex = v('sex') ? parseSex(v('sex')) : null;
  if (sex && !sex.ok) problems.push(`Giới tính: ${sex.reason}`);
  const id = v('idNumber') ? parseIdNumber(v('idNumber')) : null;
  if (id && !id.ok) problems.push(`Số CCCD: ${id.reason}`);
  const communeProblems: FieldProblem[] = [];
  const commune = resolveCommune(v('communeCode') || null, communeProblems);
  problems.push(...communeProblems.map((p) => p.message));
  const state = foldText(v('state'));
  const alive = state === '' || state === 'con song' ? true : state === 'da mat' || state === 'chet' ? false : null;
  if (alive === null) problems.push(`Tình trạng: '${v('state')}' phải là 'Còn sống' hoặc 'Đã mất'`);
  const deathText = excelSerialDate(v('deathDate'));
  const death = deathText ? parsePartialDate(deathText) : null;
  if (death && !death.ok) problems.push(`Ngày mất: ${death.reason}`);
  else if (death?.ok && isAfterDay(death.value, today)) problems.push('Ngày mất: ở tương lai');
  if (problems.length || !name.ok || alive === null) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    value: {
      fullName: name.value.fullName,
      nameFolded: name.value.folded,
      birthDate: birth?.ok ? toStoredDate(birth.value) : null,
      birthDatePrecision: birth?.ok ? birth.value.precision : null,
      sex: sex?.ok ? sex.value : null,
      idDigits: id?.ok ? id.value.digits : null,
      commune,
      alive,
      deathDate: death?.ok ? toStoredDate(death.value) : null,
    },
  };
}
