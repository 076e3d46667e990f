import { todayInVietnam } from '../dates/partial-date.js';
import { ok, refuse, type Parsed } from '../errors/field-problem.js';

/**
 * Personal ID numbers (DOMAIN.md): the 12-digit số định danh cá nhân `PPP G YY NNNNNN`
 * (PPP = "0" + birth-registration province code of the 63 pre-2025 provinces, G = century and sex,
 * YY = birth year mod 100; no check digit) and the old 9-digit CMND (weak evidence only).
 */
export type IdNumberKind = 'CCCD' | 'CMND';
export type Sex = 'MALE' | 'FEMALE';

/** Why a well-formed 12-digit number is doubtful; kept on the record, never a reason to refuse it. */
export type IdNumberIssue = 'UNKNOWN_PROVINCE' | 'IMPOSSIBLE_CENTURY' | 'SEX_MISMATCH' | 'BIRTH_YEAR_MISMATCH';

export interface IdNumber {
  digits: string;
  kind: IdNumberKind;
  /** 12-digit only: what the digits say. */
  provinceCode?: string;
  sex?: Sex;
  birthYear?: number;
}

/** The 63 pre-2025 province codes; the 2025 merger did not change ID numbers. */
export const OLD_PROVINCE_CODES = new Set(
  '01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 48 49 51 52 54 56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96'.split(
    ' ',
  ),
);

/** `0111******23` for a 12-digit number, `012****89` for a CMND. */
export function maskIdNumber(digits: string): string {
  if (digits.length === 12) return `${digits.slice(0, 4)}${'*'.repeat(6)}${digits.slice(10)}`;
  return `${digits.slice(0, 3)}${'*'.repeat(Math.max(0, digits.length - 5))}${digits.slice(-2)}`;
}

/** A value shown masked and typed back in (a re-imported export): it means "unchanged". */
export function isMaskedIdNumber(input: string): boolean {
  return /^\d{2,4}\*{3,}\d{2}$/.test(input.replace(/[\s.-]/g, ''));
}

/**
 * What the digits of an ID number say, without asking whether such a card can exist: 12 digits read
 * as `PPP G YY NNNNNN`, 9 as a CMND; separators are ignored. For a number whose lost zeros are put
 * back (reading/id-cell.ts), which explains its own doubts; everything else calls parseIdNumber.
 */
export function readIdDigits(input: string): Parsed<IdNumber> {
  const digits = input.replace(/[\s.\-_]/g, '');
  if (!/^\d+$/.test(digits)) return refuse(`'${input}' không hợp lệ: số CCCD/định danh chỉ gồm chữ số`);
  if (digits.length === 9) return ok({ digits, kind: 'CMND' });
  if (digits.length !== 12)
    return refuse(`'${input}' có ${digits.length} chữ số: cần 12 chữ số (số định danh/CCCD) hoặc 9 chữ số (CMND cũ)`);
  const g = Number(digits[3]);
  const yy = Number(digits.slice(4, 6));
  return ok({
    digits,
    kind: 'CCCD',
    provinceCode: digits.slice(1, 3),
    sex: g % 2 === 0 ? 'MALE' : 'FEMALE',
    birthYear: 1900 + Math.floor(g / 2) * 100 + yy,
  });
}

/**
 * Reads an ID number (only 12 or 9 digits are ID numbers). A 12-digit number no card can carry — a
 * province code that does not exist (`111790123456`), or a century/sex digit giving a birth after
 * `currentYear` — is refused, like any mistyped value: the import keeps the row and leaves the cell
 * empty with a warning, the form asks again. Doubts a real card can raise (sex, birth year) are
 * idNumberIssues'.
 */
export function parseIdNumber(input: string, currentYear = Number(todayInVietnam().slice(0, 4))): Parsed<IdNumber> {
  const read = readIdDigits(input);
  if (!read.ok || read.value.kind !== 'CCCD') return read;
  const why = impossibleCard(read.value, currentYear);
  return why ? refuse(`'${input}' không phải số CCCD có thể có: ${why}. Hãy đối chiếu với thẻ căn cước rồi nhập lại đủ 12 chữ số`) : read;
}

/** Why no card carries these 12 digits (DOMAIN.md: PPP = 0 + a pre-2025 province code, G = century and sex); null when one can. */
function impossibleCard(id: IdNumber, currentYear: number): string | null {
  if (id.digits[0] !== '0' || !OLD_PROVINCE_CODES.has(id.provinceCode!)) return `mã tỉnh ${id.digits.slice(0, 3)} không tồn tại (001–096)`;
  if (id.birthYear! > currentYear)
    return `chữ số thứ 4 (${id.digits[3]}) và hai chữ số năm sinh (${id.digits.slice(4, 6)}) cho năm sinh ${id.birthYear}, không thể có`;
  return null;
}

/** What the digits contradict: province unknown, century impossible, sex or birth year. */
export function idNumberIssues(
  id: IdNumber,
  record: { sex?: Sex | null; birthYear?: number | null },
  currentYear: number,
): IdNumberIssue[] {
  if (id.kind !== 'CCCD') return [];
  const issues: IdNumberIssue[] = [];
  if (id.digits[0] !== '0' || !OLD_PROVINCE_CODES.has(id.provinceCode!)) issues.push('UNKNOWN_PROVINCE');
  if (Number(id.digits[3]) > 5 || id.birthYear! > currentYear) issues.push('IMPOSSIBLE_CENTURY');
  if (record.sex && id.sex !== record.sex) issues.push('SEX_MISMATCH');
  if (record.birthYear && id.birthYear !== record.birthYear) issues.push('BIRTH_YEAR_MISMATCH');
  return issues;
}
