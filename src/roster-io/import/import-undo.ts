// Contract between the staged import's apply and its undo (issue 17, item 5).
// STUB: the undo helper replaces the body; the signature is what the apply calls, once per applied chunk,
// inside the chunk's transaction.
import type { EntityManager } from 'typeorm';
import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';

/** What one applied chunk did to records, as the undo needs it. */
export interface UndoImages {
  /** Records the chunk created (version after the insert). */
  created: { id: string; version: number }[];
  /** Records the chunk changed: the record before, the columns (camelCase) the chunk set, the version it left. */
  updated: { before: MemberRecord; after: Record<string, unknown>; version: number }[];
}

/** Keeps the before-images of a chunk (sealed) so the import can be undone for 30 days. */
export function keepUndoImages(em: EntityManager, jobId: string, images: UndoImages): Promise<void> {
  void em;
  void jobId;
  void images;
  return Promise.resolve();
}
