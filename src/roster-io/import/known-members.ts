// Members already known are matched, never duplicated — and never merged at import (issue 17, item 3):
// the organization's listings (membership's listed-person), then her decisions on held rows.
import type { EntityManager } from 'typeorm';
import { placeKey, settleHeld } from './held-decisions.js';
import { probeOfColumns, type KnownMatch } from '../../membership/member-record/listed-person/known-member-rules.js';
import { matchListings } from '../../membership/member-record/listed-person/known-members.js';
import type { PreparedRow } from './prepare-row.js';
import type { RosterRow } from './roster-row.js';
import { rowDigest, rowPlace } from './sheet-reader.js';

export type { KnownMatch } from '../../membership/member-record/listed-person/known-member-rules.js';

/** The one rule for a person listed twice, raised by an import as by the form (membership's duplicate-listings.ts). */
export { flagDuplicateListings } from '../../membership/member-record/duplicate-listings.js';

/** A row without its own Mã hồ sơ, read into record columns (`prepared.values` not null). */
export interface UncodedRow {
  ordinal: number;
  prepared: PreparedRow;
  /** The commune it lands in when it names none (the importing secretariat's own unit's). */
  communeIfNone?: string | null;
  /** Where it is in her file (her decision on a held row names it there). */
  source?: { sheet: string | null; row: number };
  /** The row as read (the same line as a record's last import is that record). */
  row?: RosterRow;
}

/** The row's record columns as matching reads them (null: the row was not read into columns). */
export function probeOf({ ordinal, prepared, communeIfNone, row }: UncodedRow) {
  if (!prepared.values) return null;
  const lineAs = row ? (code: string) => rowDigest({ ...row, externalId: code }).toString('hex') : undefined;
  return probeOfColumns(ordinal, prepared.values, communeIfNone, lineAs);
}

/**
 * Each uncoded row of a batch against the organization's records (rows absent from the map are NEW),
 * a new member's line the file already gave (`newLines`, across the run's batches) held, then her
 * decisions on the rows it held.
 */
export async function matchKnownMembers(
  em: EntityManager,
  org: string,
  rows: UncodedRow[],
  decisions: Map<string, string | null> = new Map(),
  newLines: Map<string, string> = new Map(),
): Promise<Map<number, KnownMatch>> {
  const matches = await matchListings(
    em,
    org,
    rows.map(probeOf).filter((p) => !!p),
  );
  holdRepeatedLines(rows, matches, newLines);
  // The held rows she decided in the preview (held-decisions.ts).
  const places = rows
    .filter((r) => r.source)
    .map((r) => ({ ordinal: r.ordinal, place: placeKey(r.source!.sheet, r.source!.row), row: r.source!.row }));
  settleHeld(matches, places, decisions);
  return matches;
}

/**
 * One person written twice in her file (the same line, word for word, STT and code aside), both new,
 * the line telling who she is (a full birth date, a phone or an ID number): the first is created, the
 * second held — never a second record without her say. A line of a name and a year alone may be two
 * namesakes of one village (an upland bản's Vàng Thị Dí, 1977): both are created, as they always were.
 * `newLines`: each new line's digest and where it was first.
 */
function holdRepeatedLines(rows: UncodedRow[], matches: Map<number, KnownMatch>, newLines: Map<string, string>): void {
  for (const r of rows) {
    if (!r.row || matches.has(r.ordinal) || !tellsWho(r.prepared.values)) continue;
    const line = rowDigest({ ...r.row, externalId: '' }).toString('base64');
    const first = newLines.get(line);
    const here = r.source ? rowPlace(r.source) : `dòng ${r.ordinal}`;
    if (!first) newLines.set(line, here);
    else if (first !== here)
      matches.set(r.ordinal, {
        kind: 'HOLD',
        reason: `giống hệt ${first} của tệp (cùng họ tên, ngày sinh và mọi cột khác): nếu là một người, xóa dòng này khỏi tệp; nếu là hai người khác nhau, chọn "Người khác: thêm hồ sơ mới" (hoặc ghi thêm số CCCD, số điện thoại cho dễ phân biệt)`,
        candidates: [],
      });
  }
}

/** Whether a line says who the person is beyond a name and a year: a full birth date (not 01/01), a phone, an ID number. */
function tellsWho(v: Record<string, unknown> | null): boolean {
  if (!v) return false;
  const fullDay = v.birthDatePrecision === 'DAY' && typeof v.birthDate === 'string' && !v.birthDate.endsWith('-01-01');
  return fullDay || !!v.phone || !!v.idNumberHash;
}
