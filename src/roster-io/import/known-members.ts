// Members already known are matched, never duplicated — and never merged at import (issue 17, item 3):
// the organization's listings (membership's listed-person), then her decisions on held rows.
import type { EntityManager } from 'typeorm';
import { placeKey, settleHeld } from './held-decisions.js';
import { probeOfColumns, type KnownMatch } from '../../membership/member-record/listed-person/known-member-rules.js';
import { matchListings } from '../../membership/member-record/listed-person/known-members.js';
import type { PreparedRow } from './prepare-row.js';
import type { RosterRow } from './roster-row.js';
import { rowDigest } from './sheet-reader.js';

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

/** Each uncoded row of a batch against the organization's records (rows absent from the map are NEW), then her decisions on the rows it held. */
export async function matchKnownMembers(
  em: EntityManager,
  org: string,
  rows: UncodedRow[],
  decisions: Map<string, string | null> = new Map(),
): Promise<Map<number, KnownMatch>> {
  const matches = await matchListings(
    em,
    org,
    rows.map(probeOf).filter((p) => !!p),
  );
  // The held rows she decided in the preview (held-decisions.ts).
  const places = rows
    .filter((r) => r.source)
    .map((r) => ({ ordinal: r.ordinal, place: placeKey(r.source!.sheet, r.source!.row), row: r.source!.row }));
  settleHeld(matches, places, decisions);
  return matches;
}
