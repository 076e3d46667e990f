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

/** Reads an ID number; separators are ignored. Only 12 or 9 digits are ID numbers. */
export function parseIdNumber(input: string): Parsed<IdNumber> {
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
