import { formatPartialDate, type PartialDate } from '../../common/dates/partial-date.js';
import { parseRecordDate, type RecordDateField } from '../../membership/member-record/record-dates.js';

/** A date cell not stored (unreadable, or refused by the record): said so, with what to do. */
export const leftEmpty = (why: string | undefined): string | undefined =>
  why && `${why} — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ`;

/** What the record's own rule for a date field (record-dates.ts) says against a date read, as a warning. */
export function refusedByRecord(field: RecordDateField, d: PartialDate, label: string, today: string): string | undefined {
  const checked = parseRecordDate(field, formatPartialDate(d), today);
  return checked.ok ? undefined : `${label}: ${checked.reason}`;
}
