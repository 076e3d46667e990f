import { ANY_PRECISION, isAfterDay, parsePartialDate, type PartialDate } from '../../common/dates/partial-date.js';
import { cellValue, type CellReading } from './cell.js';

export interface DateCellOptions {
  /** Today (yyyy-mm-dd, Vietnam): a two-digit year takes the century that puts the date in the past. */
  today: string;
  /** A birth date (a member is 14–110 years old) or the date of an event (1930 — the oldest organization — to today). */
  kind: 'BIRTH' | 'EVENT';
  /** The field, to begin its messages (`Ngày sinh`, `Ngày vào`). */
  label?: string;
}

/** A date read from a cell, with the precision it was given (`1950`, `3/2010`, `12/3/1985`). */
export type DateReading = CellReading<PartialDate>;

const HOW = 'Hãy sửa lại theo dạng ngày/tháng/năm (dd/mm/yyyy), hoặc chỉ ghi tháng/năm (mm/yyyy) hay năm (yyyy) nếu không rõ ngày';
const dmy = (d: number, m: number, y: number) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;

/**
 * Every date form of a roster: a real Excel date (a JS Date or a serial day number), a year as a
 * number (1946) or text (1950), dd/mm/yyyy with / . or -, ISO, yyyy.mm.dd or yyyy/mm/dd, `20/3/04` (two-digit year: the century
 * that makes the date past and plausible), `3/2010` (month and year), `03/25/1990` (month first: read
 * only when the second number cannot be a month). Day first otherwise, as in Vietnam. A year or a
 * month alone is allowed for every date field (old rosters give join dates so), kept with its
 * precision. A date in words (`ngày 12 tháng 3 năm 1985`) is read as its figures. Impossible dates are refused.
 */
export function readDateCell(raw: unknown, opts: DateCellOptions): DateReading {
  const read = readDate(raw, opts);
  if (!opts.label) return read;
  return {
    ...read,
    ...(read.warning ? { warning: `${opts.label}: ${read.warning}` } : {}),
    ...(read.problem ? { problem: `${opts.label}: ${read.problem}` } : {}),
  };
}

function readDate(raw: unknown, opts: DateCellOptions): DateReading {
  const cell = cellValue(raw);
  if (cell.kind === 'empty') return { value: null };
  if (cell.kind === 'date') {
    const d = cell.date;
    return { value: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), precision: 'DAY' } };
  }
  if (cell.kind === 'number') return readNumber(cell.n);
  const text = cell.text;
  const words = inWords(text);
  if (words) return parsed(text, words);
  let m: RegExpMatchArray | null;
  // Year first with dots or slashes (`1985.03.12`, `1985/3/12`), as some programs write it: the same day.
  if ((m = text.trim().match(/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/))) return parsed(text, dmy(Number(m[3]), Number(m[2]), Number(m[1])));
  if ((m = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/))) return twoDigitYear(text, Number(m[1]), Number(m[2]), Number(m[3]), opts);
  if ((m = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/)) && Number(m[2]) > 12 && Number(m[1]) <= 12) {
    const read = parsed(text, dmy(Number(m[2]), Number(m[1]), Number(m[3])));
    if (read.value)
      read.warning = `'${text}' viết tháng trước ngày (kiểu máy tính Mỹ): đã đọc là ngày ${dmy(Number(m[2]), Number(m[1]), Number(m[3]))}`;
    return read;
  }
  return parsed(text, text);
}

/**
 * A date written in words, as on a certificate (`ngày 12 tháng 3 năm 1985`, `12 tháng 3 năm 1985`,
 * `tháng 3 năm 1985`, `năm 1985`, `ngày 12/3/1985`): the same date in figures (`12/3/1985`, `3/1985`, `1985`), or null.
 */
export function inWords(text: string): string | null {
  const t = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (!/ngày|tháng|năm/.test(t)) return null;
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(?:ngày )?(\d{1,2}) ?tháng ?(\d{1,2}),? ?(?:năm ?|[/.-] ?)(\d{4})$/))) return `${m[1]}/${m[2]}/${m[3]}`;
  if ((m = t.match(/^ngày ?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$/))) return m[1];
  if ((m = t.match(/^tháng ?(\d{1,2}),? ?năm ?(\d{4})$/))) return `${m[1]}/${m[2]}`;
  if ((m = t.match(/^năm ?(\d{4})$/))) return m[1];
  return null;
}

/** Through the one date rule (parsePartialDate), the message naming the value as written. */
function parsed(shown: string, input: string): DateReading {
  const r = parsePartialDate(input, ANY_PRECISION);
  if (r.ok) return { value: r.value };
  return { value: null, problem: `${r.reason.replace(`'${input}'`, `'${shown}'`)}. ${HOW}` };
}

/** A year (1946) or an Excel serial day (31120 → 12/03/1985, a time of day dropped); other numbers are no date. */
function readNumber(n: number): DateReading {
  const whole = Math.floor(n);
  if ((whole === n && whole >= 1000 && whole <= 9999) || (whole >= 10_000 && whole < 100_000)) return parsed(String(n), String(whole));
  return { value: null, problem: `'${n}' không phải ngày tháng hay năm. ${HOW}` };
}

/** The years a two-digit year may mean that fit the field: past, and a plausible age or event year. */
function plausible(d: PartialDate, opts: DateCellOptions): boolean {
  if (isAfterDay(d, opts.today)) return false;
  const years = Number(opts.today.slice(0, 4)) - d.year;
  return opts.kind === 'BIRTH' ? years >= 14 && years <= 110 : d.year >= 1930;
}

function twoDigitYear(text: string, day: number, month: number, yy: number, opts: DateCellOptions): DateReading {
  const readings = [2000 + yy, 1900 + yy].map((year) => parsePartialDate(dmy(day, month, year)));
  const first = readings[0];
  if (!first.ok) return { value: null, problem: `${first.reason.replace(`'${dmy(day, month, 2000 + yy)}'`, `'${text}'`)}. ${HOW}` };
  const fits = readings.flatMap((r) => (r.ok && plausible(r.value, opts) ? [r.value] : []));
  if (fits.length !== 1)
    return {
      value: null,
      problem: `'${text}' ghi năm bằng 2 chữ số, không rõ là năm ${1900 + yy} hay ${2000 + yy}: hãy ghi đủ 4 chữ số của năm (dd/mm/yyyy)`,
    };
  const d = fits[0];
  return { value: d, warning: `'${text}' ghi năm bằng 2 chữ số: đã đọc là ngày ${dmy(d.day!, d.month!, d.year)}` };
}
