import { ENDING_STATUSES, MemberStatus } from '../status/member-status.js';

/**
 * A person listed twice in one organization: two counted listings (live, not temporary) with one
 * CCCD (issue 17). The import keeps both listings (the Ban Dân vận wants them seen, not erased)
 * and flags both DUPLICATE_IN_ORG for a decision; a link run keeps such a flag while the listing is
 * still double. One rule for both: the import (roster-io) raises the flag, the link run keeps it.
 */

/** The `raisedBy` of a flag's evidence that an import raised (the link run keeps it: batch/link-store.ts). */
export const RAISED_BY_IMPORT = 'IMPORT';
/** …that the form raised, when she saved a new member anyway (kept the same way). */
export const RAISED_BY_FORM = 'FORM';
export type RaisedBy = typeof RAISED_BY_IMPORT | typeof RAISED_BY_FORM;

/** SQL: flag `f` was raised at entry (an import or the form) for a person listed twice: the link run keeps it while she is. */
export const raisedAtEntry = (f: string): string => `${f}.evidence->>'raisedBy' IN ('${RAISED_BY_IMPORT}', '${RAISED_BY_FORM}')`;

/**
 * A listing that counts: its membership has not ended, the person's data was not erased, and it is
 * no temporary listing (sinh hoạt tạm thời in another branch is how one person is rightly listed twice).
 */
export const countedListing = (r: string): string =>
  `${r}.erased_at IS NULL AND ${r}.status NOT IN (${[...ENDING_STATUSES, MemberStatus.TEMPORARY].map((s) => `'${s}'`).join(', ')})`;

/**
 * SQL: `o` is another counted listing of `r`'s organization with the same 12-digit number (a 9-digit
 * CMND was issued twice and is no evidence of one person). Served by the index on id_number_hash.
 */
export const sameCccdElsewhere = (r: string, o: string): string =>
  `${o}.id_number_hash = ${r}.id_number_hash AND ${o}.organization_code = ${r}.organization_code AND ${o}.id <> ${r}.id
   AND ${o}.id_kind = 'CCCD' AND ${countedListing(o)}`;

/** SQL: `r` is a counted listing and shares its CCCD with another of its organization. */
export const listedTwice = (r: string): string =>
  `${r}.id_kind = 'CCCD' AND ${r}.id_number_hash IS NOT NULL AND ${countedListing(r)}
   AND EXISTS (SELECT 1 FROM member_record o2 WHERE ${sameCccdElsewhere(r, 'o2')})`;
