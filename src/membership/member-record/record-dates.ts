import {
  ANY_PRECISION,
  formatPartialDate,
  fromStoredDate,
  isAfterDay,
  parsePartialDate,
  toStoredDate,
  type DatePrecision,
  type PartialDate,
} from '../../common/dates/partial-date.js';
import { refuse, type Parsed } from '../../common/errors/field-problem.js';

/**
 * The dates of a record, each stored as a `date` column (the first day of what is known) beside a
 * column keeping its precision: a year alone (`2005`, the norm in old rosters), a month (`3/2010`) or
 * the day. The one place for how a date field is read, checked, stored and shown (issue 16).
 */
export const RECORD_DATES = {
  birthDate: 'birthDatePrecision',
  joinDate: 'joinDatePrecision',
  lastActivityDate: 'lastActivityDatePrecision',
  lastDuesDate: 'lastDuesDatePrecision',
} as const;

export type RecordDateField = keyof typeof RECORD_DATES;

/** A record as far as its dates go: each date and its precision (null beside a date: a full day). */
export type DatedRecord = { [F in RecordDateField]: string | null } & {
  [F in RecordDateField as (typeof RECORD_DATES)[F]]: DatePrecision | null;
};

/** A date field as typed (form, roster cell): a year or a month may stand alone; none in the future; a birth from 1900. */
export function parseRecordDate(field: RecordDateField, input: string, today: string): Parsed<PartialDate> {
  const d = parsePartialDate(input, ANY_PRECISION);
  if (!d.ok) return d;
  if (field === 'birthDate' && d.value.year < 1900) return refuse(`năm sinh ${d.value.year} trước 1900`);
  if (isAfterDay(d.value, today)) return refuse(field === 'birthDate' ? 'ngày sinh ở tương lai' : 'ngày ở tương lai');
  return d;
}

/** The columns that store a date field (both null: no date). */
export function dateColumns(field: RecordDateField, d: PartialDate | null): Partial<DatedRecord> {
  return { [field]: d ? toStoredDate(d) : null, [RECORD_DATES[field]]: d ? d.precision : null };
}

/** A stored date field as it was given (null: none). */
export function recordDate(r: Partial<DatedRecord>, field: RecordDateField): PartialDate | null {
  const iso = r[field];
  return iso ? fromStoredDate(iso, r[RECORD_DATES[field]] ?? null) : null;
}

/** GraphQL's string form of a stored date field: `2005`, `2010-03`, `2010-03-15`. */
export function shownRecordDate(r: Partial<DatedRecord>, field: RecordDateField): string | null {
  const d = recordDate(r, field);
  return d ? formatPartialDate(d) : null;
}

const RANK: Record<DatePrecision, number> = { YEAR: 0, MONTH: 1, DAY: 2 };

/**
 * A roster that gives a date less precisely than the record knows it — a year alone against the
 * record's full birth date in that year, as an upland list writes every birth — says nothing new:
 * the record's date is kept in `values` (a list of years never wipes the days a form or an earlier
 * list gave). A date that disagrees (another year, another month) is the roster's, as before.
 */
export function keepKnownDates(values: Record<string, unknown>, current: Partial<DatedRecord>): void {
  for (const field of Object.keys(RECORD_DATES) as RecordDateField[]) {
    if (!(field in values)) continue;
    const given = recordDate(values, field);
    const known = recordDate(current, field);
    if (!given || !known || RANK[given.precision] >= RANK[known.precision]) continue;
    const agrees = given.year === known.year && (given.precision === 'YEAR' || given.month === known.month);
    if (agrees) Object.assign(values, dateColumns(field, known));
  }
}
