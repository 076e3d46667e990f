import { ANY_PRECISION, parsePartialDate, toStoredDate } from '../../common/dates/partial-date.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { parseIdNumber } from '../../common/identity/id-number.js';
import { parseSex } from '../../common/identity/person-name.js';
import { parsePhone } from '../../common/identity/phone.js';
import { BirthLevel, linkDate, linkName, NameLevel, type LinkDate, type LinkName } from '../../common/identity/identity-compare.js';
import type { Comparison } from '../model/model.js';

/**
 * The duplicate check's rules, as pure functions: what a probe must give, which records it may be
 * answered with, and the canonical text its keyed hash is taken of (the audit log keeps only that).
 */

export interface DuplicateCheckInput {
  fullName: string;
  birthDate?: string | null;
  sex?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  communeCode?: string | null;
  /** The organization the new member joins (a record in it counts as "listed twice"). */
  organization?: string | null;
  /** Every namesake of that birth year too, in any organization, whatever its score (a person to merge). */
  namesakes?: boolean | null;
}

/** What is compared: a new member as typed, or a record just created. */
export interface Probe {
  name: LinkName;
  birth: LinkDate | null;
  sex: string | null;
  /** The clear number: only for linking a stored record (a typed probe compares on the keyed hash alone). */
  digits: string | null;
  idHash: string | null;
  idKind: string | null;
  phone: string | null;
  commune: { code: string | null; candidates: string[] };
  organization: string | null;
}

/** A typed probe, parsed: everything but the commune (the record service resolves it). */
export interface ParsedProbe {
  name: LinkName;
  birth: LinkDate;
  sex: string | null;
  idDigits: string | null;
  idKind: string | null;
  phone: string | null;
}

/**
 * Parses what a secretary typed. A name and a birth date (a year is enough) are required: the
 * check says whether this person is listed elsewhere, never whose an ID number or a phone is.
 */
export function parseProbe(input: DuplicateCheckInput, problems: FieldProblem[]): ParsedProbe | null {
  const name = linkName(input.fullName ?? '');
  if (!name.given) problems.push({ field: 'fullName', value: input.fullName ?? null, message: 'Họ và tên: không được để trống' });
  const birthText = input.birthDate?.trim() ?? '';
  const birthParsed = birthText ? parsePartialDate(birthText, ANY_PRECISION) : null;
  if (!birthParsed)
    problems.push({
      field: 'birthDate',
      value: null,
      message: 'Ngày sinh: cần nhập ngày sinh (hoặc ít nhất năm sinh, ví dụ 1990) cùng họ và tên để kiểm tra trùng',
    });
  else if (!birthParsed.ok) problems.push({ field: 'birthDate', value: birthText, message: `Ngày sinh: ${birthParsed.reason}` });
  const sexParsed = input.sex ? parseSex(input.sex) : null;
  const idParsed = input.idNumber ? parseIdNumber(input.idNumber) : null;
  if (idParsed && !idParsed.ok) problems.push({ field: 'idNumber', value: input.idNumber ?? null, message: `Số CCCD: ${idParsed.reason}` });
  const phoneParsed = input.phone ? parsePhone(input.phone) : null;
  if (phoneParsed && !phoneParsed.ok)
    problems.push({ field: 'phone', value: input.phone ?? null, message: `Số điện thoại: ${phoneParsed.reason}` });
  if (!name.given || !birthParsed?.ok) return null;
  return {
    name,
    birth: linkDate(toStoredDate(birthParsed.value), birthParsed.value.precision)!,
    sex: sexParsed?.ok ? sexParsed.value : null,
    idDigits: idParsed?.ok ? idParsed.value.digits : null,
    idKind: idParsed?.ok ? idParsed.value.kind : null,
    phone: phoneParsed?.ok ? phoneParsed.value.number : null,
  };
}

const SAME_YEAR = new Set([BirthLevel.SAME_DAY, BirthLevel.SWAPPED, BirthLevel.SAME_YEAR, BirthLevel.PLACEHOLDER, BirthLevel.DAY_DIFFERS]);

/**
 * Whether a record may be an answer to a typed probe: its name and birth year must agree with what
 * was typed. A record found only by its ID number or phone is never shown (that would tell whose
 * the number is); the number and the phone only add evidence, and only when exactly equal.
 */
export function answersProbe(c: Comparison): boolean {
  return c.name !== NameLevel.DIFFERENT && SAME_YEAR.has(c.birth);
}

/** The text the audit log's keyed hash of a probe is taken of: the fields as typed, trimmed, in a fixed order. */
export function probeText(input: DuplicateCheckInput): string {
  const clean = (v: string | null | undefined) => (v ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  const digitsOf = (v: string | null | undefined) => (v ?? '').replace(/\D/g, '');
  return JSON.stringify([
    'possibleDuplicates/v1',
    clean(input.fullName),
    clean(input.birthDate),
    clean(input.sex),
    digitsOf(input.idNumber),
    digitsOf(input.phone),
    clean(input.communeCode),
    clean(input.organization),
  ]);
}

/** The probe's ID number and phone as stored on records, when they parse (for their keyed hashes in the audit log). */
export function probeNumbers(input: DuplicateCheckInput): { idDigits: string | null; phone: string | null } {
  const id = input.idNumber ? parseIdNumber(input.idNumber) : null;
  const phone = input.phone ? parsePhone(input.phone) : null;
  return { idDigits: id?.ok ? id.value.digits : null, phone: phone?.ok ? phone.value.number : null };
}

/** The fields a probe gave (names of fields, for the audit log). */
export function probeFields(input: DuplicateCheckInput): string[] {
  return (['fullName', 'birthDate', 'sex', 'idNumber', 'phone', 'communeCode', 'organization'] as const).filter((f) => input[f]?.trim());
}
