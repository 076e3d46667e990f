// Members already known are matched, never duplicated — and never merged at import (issue 17, item 3):
// the organization's listings (membership's listed-person), then her decisions on held rows.
import type { EntityManager } from 'typeorm';
import { placeKey, settleHeld } from './held-decisions.js';
import {
  agreesWith,
  anotherLineIs,
  matchRow,
  probeOfColumns,
  type KnownMatch,
  type KnownRecord,
  type RowProbe,
} from '../../membership/member-record/listed-person/known-member-rules.js';
import { MemberStatus } from '../../membership/status/member-status.js';
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
  /** The unit it lands in, when her sheet, its title, its unit cell or her own unit says so before it is planned (row-place.ts). */
  unitId?: string | null;
}

/** The row's record columns as matching reads them (null: the row was not read into columns). */
export function probeOf({ ordinal, prepared, communeIfNone, row, unitId }: UncodedRow) {
  if (!prepared.values) return null;
  const lineAs = row ? (code: string) => rowDigest({ ...row, externalId: code }).toString('hex') : undefined;
  return { ...probeOfColumns(ordinal, prepared.values, communeIfNone, lineAs), unitId: unitId ?? null };
}

/**
 * Each uncoded row of a batch against the organization's records (rows absent from the map are NEW),
 * a new member the file already gave (`newRows`, across the run's batches) held, then her decisions
 * on the rows it held.
 */
export async function matchKnownMembers(
  em: EntityManager,
  org: string,
  rows: UncodedRow[],
  decisions: Map<string, string | null> = new Map(),
  newRows: NewRows = new Map(),
  /** Whether another line of her file is that record by its code (an earlier line, a line of this batch). */
  claimed: (code: string) => boolean = () => false,
): Promise<Map<number, KnownMatch>> {
  const matches = await matchListings(
    em,
    org,
    rows.map(probeOf).filter((p) => !!p),
  );
  holdRowsWrittenTwice(rows, matches, newRows);
  // The held rows she decided in the preview (held-decisions.ts).
  const places = rows
    .filter((r) => r.source)
    .map((r) => ({ ordinal: r.ordinal, place: placeKey(r.source!.sheet, r.source!.row), row: r.source!.row }));
  settleHeld(matches, places, decisions);
  holdClaimed(matches, claimed);
  return matches;
}

/**
 * A row found to be a record that another line of her file already is by its code (last month's file
 * sent again: its line imported, this one held then): held, said so — not refused for a code she
 * never wrote, nor merged into that record.
 */
function holdClaimed(matches: Map<number, KnownMatch>, claimed: (code: string) => boolean): void {
  for (const [ordinal, m] of matches) {
    if (m.kind !== 'RECORD' || !claimed(m.externalId)) continue;
    matches.set(ordinal, {
      kind: 'HOLD',
      reason: anotherLineIs(m.externalId),
      candidates: [{ recordId: m.recordId, externalId: m.externalId }],
    });
  }
}

/**
 * One person written twice in her file, both new: the second row held — never a second record
 * without her say — when the first is the strong evidence of one member the rule asks of a listed
 * record (`matchRow`: the same name and full birth date with the same commune, phone or number; a
 * year alone with the same commune and phone, or the same number). Namesakes of a year alone (an
 * upland bản's two Vàng Thị Dí, 1977) are two members, as they always were. `newRows`: the run's new
 * rows so far, by name and birth year, with where each is.
 */
function holdRowsWrittenTwice(rows: UncodedRow[], matches: Map<number, KnownMatch>, newRows: NewRows): void {
  for (const r of rows) {
    const p = probeOf(r);
    if (!p?.block || matches.has(r.ordinal)) continue;
    const key = `${p.block.given}|${p.block.family}|${p.block.year}`;
    const earlier = newRows.get(key) ?? [];
    const m = matchRow(
      p,
      [],
      earlier.map((e) => e.record),
    );
    const first = m.kind === 'RECORD' && m.how === 'STRONG' ? earlier.find((e) => e.record.id === m.recordId) : undefined;
    if (first)
      matches.set(r.ordinal, {
        kind: 'HOLD',
        reason: `cùng một người với ${first.place} của tệp (${agreesWith(p, first.record).join(', ')}): nếu đúng, xóa dòng này khỏi tệp; nếu là hai người khác nhau, chọn "Người khác: thêm hồ sơ mới" (hoặc ghi thêm số CCCD, số điện thoại cho dễ phân biệt)`,
        candidates: [],
      });
    else newRows.set(key, [...earlier, { record: asRecord(r, p), place: r.source ? rowPlace(r.source) : `dòng ${r.ordinal}` }]);
  }
}

/** The run's new rows so far, as the records they will be (`holdRowsWrittenTwice`), by name and birth year. */
export type NewRows = Map<string, { record: KnownRecord; place: string }[]>;

/** A new row as the record it will be, for the rule that compares listings. */
function asRecord(r: UncodedRow, p: RowProbe): KnownRecord {
  const v = r.prepared.values!;
  const text = (x: unknown) => (typeof x === 'string' ? x : null);
  return {
    id: `row:${r.ordinal}`,
    externalId: r.row?.externalId ?? '',
    fullName: p.fullName,
    birthDate: text(v.birthDate),
    birthDatePrecision: text(v.birthDatePrecision),
    idHash: p.idHash,
    idKind: p.idKind,
    communeCode: p.communeCode,
    communeCandidates: p.communeCandidates,
    phone: p.phone,
    status: MemberStatus.ACTIVE,
  };
}
