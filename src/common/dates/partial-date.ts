import { ok, refuse, type Parsed } from '../errors/field-problem.js';

/** How much of a date is known: a birth year alone is common in old rosters. */
export type DatePrecision = 'YEAR' | 'DAY';

export interface PartialDate {
  year: number;
  /** 1–12, absent for YEAR precision. */
  month?: number;
  day?: number;
  precision: DatePrecision;
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function build(year: number, month: number, day: number, raw: string): Parsed<PartialDate> {
  if (month < 1 || month > 12) return refuse(`'${raw}' không hợp lệ: tháng ${month} không tồn tại`);
  if (day < 1 || day > daysInMonth(year, month)) return refuse(`'${raw}' không hợp lệ: tháng ${month}/${year} không có ngày ${day}`);
  return ok({ year, month, day, precision: 'DAY' });
}

/**
 * Reads a date as Vietnamese rosters write it: dd/mm/yyyy, d/m/yyyy (also with - or .),
 * yyyy-mm-dd, a year alone, or an Excel serial day number. Day comes before month.
 */
export function parsePartialDate(input: string, opts: { allowYearOnly?: boolean } = {}): Parsed<PartialDate> {
  const raw = input.trim();
  let m: RegExpMatchArray | null;
  if ((m = raw.match(/^(\d{4})$/))) {
    if (!opts.allowYearOnly) return refuse(`'${raw}' thiếu ngày và tháng (cần dạng dd/mm/yyyy)`);
    return ok({ year: Number(m[1]), precision: 'YEAR' });
  }
  if ((m = raw.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/))) return build(Number(m[3]), Number(m[2]), Number(m[1]), raw);
  if ((m = raw.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+Z?)?$/))) return build(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  if ((m = raw.match(/^(\d{5})(?:\.0+)?$/))) {
    const d = new Date(EXCEL_EPOCH_UTC + Number(m[1]) * 86_400_000);
    return ok({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), precision: 'DAY' });
  }
  return refuse(`'${raw}' không phải ngày hợp lệ (dùng dd/mm/yyyy${opts.allowYearOnly ? ' hoặc chỉ năm yyyy' : ''})`);
}

/** ISO form: `1990` for a year, `1990-05-06` for a day. */
export function formatPartialDate(d: PartialDate): string {
  if (d.precision === 'YEAR') return String(d.year).padStart(4, '0');
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The date to store in a `date` column: a year alone is stored as 1 January of that year. */
export function toStoredDate(d: PartialDate): string {
  return formatPartialDate(d.precision === 'YEAR' ? { ...d, month: 1, day: 1, precision: 'DAY' } : d);
}

/** Back from a stored `date` column and its precision. */
export function fromStoredDate(iso: string, precision: DatePrecision): PartialDate {
  const [y, mo, d] = iso.slice(0, 10).split('-').map(Number);
  return precision === 'YEAR' ? { year: y, precision } : { year: y, month: mo, day: d, precision };
}

/** Compares with a reference day (ISO yyyy-mm-dd): a date in the future is refused by callers. */
export function isAfterDay(d: PartialDate, todayIso: string): boolean {
  if (d.precision === 'YEAR') return d.year > Number(todayIso.slice(0, 4));
  return formatPartialDate(d) > todayIso;
}

/**
 * Age in whole years on a day (ISO). With a birth year alone the age is one of two values:
 * `min` and `max` bound it (equal when the day is known), so rules can tell "surely over 35"
 * from "maybe".
 */
export function ageOn(birth: PartialDate, dayIso: string): { min: number; max: number } {
  const [y, m, d] = dayIso.slice(0, 10).split('-').map(Number);
  if (birth.precision === 'YEAR') {
    const max = y - birth.year;
    return { min: m === 12 && d === 31 ? max : max - 1, max };
  }
  let age = y - birth.year;
  if (m < birth.month! || (m === birth.month! && d < birth.day!)) age--;
  return { min: age, max: age };
}

/** Today in Vietnam (Asia/Ho_Chi_Minh), as yyyy-mm-dd. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
