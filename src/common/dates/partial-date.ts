import { ok, refuse, type Parsed } from '../errors/field-problem.js';

/**
 * How much of a date is known: a year alone (`1985`, the norm in old rosters), a month of a year
 * (`3/2010`), or the day. Every date field keeps the precision it was given (issue 16).
 */
export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

export interface PartialDate {
  year: number;
  /** 1–12, absent for YEAR precision. */
  month?: number;
  /** Present for DAY precision only. */
  day?: number;
  precision: DatePrecision;
}

/** What a partial-date field accepts beyond a full day: a year alone, a month of a year. */
export interface PartialDateOptions {
  allowYearOnly?: boolean;
  allowMonth?: boolean;
}

/** Every date field of a record or a profile: a year or a month may stand alone. */
export const ANY_PRECISION: PartialDateOptions = { allowYearOnly: true, allowMonth: true };

/**
 * A month of a year, with nothing that could be a day: `3/2010`, `03-2010`, `03.2010`, `T3/2010`,
 * `tháng 3/2010` (also unaccented; the four-digit year makes it unambiguous), or ISO `2010-03`.
 */
const MONTH_OF_YEAR = /^(?:th[aá]ng\s*|t\.?\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})$/iu;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

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
 * yyyy-mm-dd, a year alone, a month of a year, or an Excel serial day number. Day comes before month.
 */
export function parsePartialDate(input: string, opts: PartialDateOptions = {}): Parsed<PartialDate> {
  const raw = input.trim().normalize('NFC');
  let m: RegExpMatchArray | null;
  if ((m = raw.match(/^(\d{4})$/))) {
    if (!opts.allowYearOnly) return refuse(`'${raw}' thiếu ngày và tháng (cần dạng dd/mm/yyyy)`);
    return ok({ year: Number(m[1]), precision: 'YEAR' });
  }
  const month = (m = raw.match(MONTH_OF_YEAR))
    ? [Number(m[2]), Number(m[1])]
    : (m = raw.match(ISO_MONTH))
      ? [Number(m[1]), Number(m[2])]
      : null;
  if (month) {
    if (!opts.allowMonth) return refuse(`'${raw}' thiếu ngày (cần dạng dd/mm/yyyy)`);
    if (month[1] < 1 || month[1] > 12) return refuse(`'${raw}' không hợp lệ: tháng ${month[1]} không tồn tại`);
    return ok({ year: month[0], month: month[1], precision: 'MONTH' });
  }
  // `00/00/1958`, `00/05/1958`: the day (and month) not known, written as zeros — the year (or month) she knows.
  if ((m = raw.match(/^00?[/.-](\d{1,2})[/.-](\d{4})$/)) && (opts.allowMonth || Number(m[1]) === 0))
    return Number(m[1]) === 0 ? parsePartialDate(m[2], opts) : parsePartialDate(`${m[1]}/${m[2]}`, opts);
  if ((m = raw.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/))) return build(Number(m[3]), Number(m[2]), Number(m[1]), raw);
  if ((m = raw.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+Z?)?$/))) return build(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  if ((m = raw.match(/^(\d{5})(?:\.0+)?$/))) {
    const d = new Date(EXCEL_EPOCH_UTC + Number(m[1]) * 86_400_000);
    return ok({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), precision: 'DAY' });
  }
  const forms = [opts.allowMonth && 'tháng/năm mm/yyyy', opts.allowYearOnly && 'chỉ năm yyyy'].filter(Boolean);
  return refuse(`'${raw}' không phải ngày hợp lệ (dùng dd/mm/yyyy${forms.length ? ` hoặc ${forms.join(' hoặc ')}` : ''})`);
}

const pad2 = (n: number | undefined) => String(n).padStart(2, '0');

/** ISO form: `1990` for a year, `1990-05` for a month, `1990-05-06` for a day (GraphQL's string form). */
export function formatPartialDate(d: PartialDate): string {
  const year = String(d.year).padStart(4, '0');
  if (d.precision === 'YEAR') return year;
  if (d.precision === 'MONTH') return `${year}-${pad2(d.month)}`;
  return `${year}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** As Vietnamese rosters write it (the export, messages): `1990`, `05/1990`, `06/05/1990`. */
export function formatVnPartialDate(d: PartialDate): string {
  if (d.precision === 'YEAR') return String(d.year);
  if (d.precision === 'MONTH') return `${pad2(d.month)}/${d.year}`;
  return `${pad2(d.day)}/${pad2(d.month)}/${d.year}`;
}

/** The date to store in a `date` column: the first day of what is known (1 January of a year, the 1st of a month). */
export function toStoredDate(d: PartialDate): string {
  return formatPartialDate({ year: d.year, month: d.month ?? 1, day: d.day ?? 1, precision: 'DAY' });
}

/**
 * The last day the date may be (31 December of a year, the month's last day), as ISO: for a rule
 * that must not hold a vague date against a member (no activity since `2025` is not since 1 January).
 */
export function latestDay(d: PartialDate): string {
  if (d.precision === 'DAY') return formatPartialDate(d);
  const month = d.month ?? 12;
  return formatPartialDate({ year: d.year, month, day: daysInMonth(d.year, month), precision: 'DAY' });
}

/** Back from a stored `date` column and its precision (none: a full day, as rows stored before precisions). */
export function fromStoredDate(iso: string, precision: DatePrecision | null): PartialDate {
  const [y, mo, d] = iso.slice(0, 10).split('-').map(Number);
  if (precision === 'YEAR') return { year: y, precision };
  if (precision === 'MONTH') return { year: y, month: mo, precision };
  return { year: y, month: mo, day: d, precision: 'DAY' };
}

/** Compares with a reference day (ISO yyyy-mm-dd): a date in the future is refused by callers. */
export function isAfterDay(d: PartialDate, todayIso: string): boolean {
  const known = formatPartialDate(d);
  return known > todayIso.slice(0, known.length);
}

/**
 * Age in whole years on a day (ISO). With a birth year or month alone the age is one of two values:
 * `min` and `max` bound it (equal when the day is known or cannot matter), so rules can tell
 * "surely over 35" from "maybe".
 */
export function ageOn(birth: PartialDate, dayIso: string): { min: number; max: number } {
  const [y, m, d] = dayIso.slice(0, 10).split('-').map(Number);
  const ageAt = (month: number, day: number) => y - birth.year - (m < month || (m === month && d < day) ? 1 : 0);
  if (birth.precision === 'DAY') return { min: ageAt(birth.month!, birth.day!), max: ageAt(birth.month!, birth.day!) };
  const [first, last] = [toStoredDate(birth), latestDay(birth)].map((iso) => iso.split('-').map(Number));
  return { min: ageAt(last[1], last[2]), max: ageAt(first[1], first[2]) };
}

/**
 * Today in Vietnam (Asia/Ho_Chi_Minh), as yyyy-mm-dd. `LIENTHONG_TODAY=yyyy-mm-dd` fixes the day the
 * program takes as today when no `now` is given, so a seeded province and its link are the same on any
 * day (the benchmarks set it); a value that is not a date is refused rather than ignored.
 */
export function todayInVietnam(now?: Date): string {
  const fixed = now ? undefined : process.env.LIENTHONG_TODAY;
  if (fixed) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(fixed) || Number.isNaN(Date.parse(fixed))) {
      throw new Error(`LIENTHONG_TODAY="${fixed}" không phải một ngày dạng yyyy-mm-dd (ví dụ 2026-12-01)`);
    }
    return fixed;
  }
  return new Date((now ?? new Date()).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
