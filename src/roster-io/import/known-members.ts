// Contract between the staged import and the matching of rows without a Mã hồ sơ (issue 17, item 3).
// STUB: the matching helper replaces the bodies; the signatures are what the import calls.
import type { EntityManager } from 'typeorm';
import type { PreparedRow } from './prepare-row.js';

/** A row without its own Mã hồ sơ, read into record columns (`prepared.values` not null). */
export interface UncodedRow {
  ordinal: number;
  prepared: PreparedRow;
}

/** What an uncoded row is, against the organization's records. */
export type KnownMatch =
  /** The same member: the row updates this record (and takes its code). */
  | { kind: 'RECORD'; recordId: string; externalId: string; how: 'CCCD' | 'STRONG' }
  /** Doubtful: held for the secretariat's decision (shown in the preview). */
  | { kind: 'HOLD'; reason: string; candidates: { recordId: string; externalId: string }[] }
  /** Nobody known: a new record. */
  | { kind: 'NEW' };

/** Each uncoded row of a batch against the organization's records (set-based; rows absent from the map are NEW). */
export function matchKnownMembers(em: EntityManager, org: string, rows: UncodedRow[]): Promise<Map<number, KnownMatch>> {
  void em;
  void org;
  void rows;
  return Promise.resolve(new Map<number, KnownMatch>());
}

/**
 * After an apply: the records it wrote that share a CCCD with another live record of the same
 * organization (another code, or another name in the same file) are flagged DUPLICATE_IN_ORG, both
 * of them, for a decision. Returns how many records were flagged.
 */
export function flagDuplicateListings(em: EntityManager, org: string, recordIds: string[]): Promise<number> {
  void em;
  void org;
  void recordIds;
  return Promise.resolve(0);
}
