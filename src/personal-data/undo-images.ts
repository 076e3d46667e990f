import type { EntityManager } from 'typeorm';

// The before-images an import keeps so it can be undone (roster-io/import/import-undo.ts): the
// fields it changed on a record, as the record had them, sealed with the instance key. They hold
// names and numbers, so they go with the person at erasure and are dropped after 30 days, like
// the rejected rows.

/** An import can be undone, and its before-images are kept, this many days. */
export const UNDO_IMAGE_DAYS = 30;

/** The moment before which an import can no longer be undone (its images are dropped). */
export const undoImagesCutoff = (now: Date): Date => new Date(now.getTime() - UNDO_IMAGE_DAYS * 86_400_000);

/** A record's changed columns (snake_case, as bulk SQL takes them), before the import. */
export type BeforeImage = Record<string, unknown>;

/** Bytes (a sealed ID number, a hash) travel through JSON as base64, marked so. */
const BYTES = '$bytes';

export function sealUndoImage(seal: (plain: string) => Buffer, image: BeforeImage): Buffer {
  const json = JSON.stringify(image, (_k, v: unknown) =>
    v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer'
      ? { [BYTES]: Buffer.from((v as { data: number[] }).data).toString('base64') }
      : v,
  );
  return seal(json);
}

export function openUndoImage(open: (sealed: Buffer) => string, sealed: Buffer): BeforeImage {
  return JSON.parse(open(sealed), (_k, v: unknown) =>
    v && typeof v === 'object' && typeof (v as Record<string, unknown>)[BYTES] === 'string'
      ? Buffer.from((v as Record<string, string>)[BYTES], 'base64')
      : v,
  ) as BeforeImage;
}

/** Drops the images of the imports started more than 30 days ago; returns how many. */
export async function purgeUndoImages(em: EntityManager, now: Date): Promise<number> {
  const rows = await em.query<{ n: string }[]>(
    `WITH gone AS (
       DELETE FROM import_undo_image i USING import_job j WHERE j.id = i.job_id AND j.started_at < $1 RETURNING 1),
     digests AS (DELETE FROM import_undo_digest d USING import_job j WHERE j.id = d.job_id AND j.started_at < $1)
     SELECT count(*) AS n FROM gone`,
    [undoImagesCutoff(now)],
  );
  return Number(rows[0].n);
}

/** Drops every image of these records (an erased person's): an undo then refuses them as changed. */
export async function eraseUndoImages(em: EntityManager, recordIds: string[]): Promise<number> {
  if (!recordIds.length) return 0;
  const rows = await em.query<{ n: string }[]>(
    `WITH gone AS (DELETE FROM import_undo_image WHERE record_id = ANY($1) RETURNING 1),
          digests AS (DELETE FROM import_undo_digest WHERE record_id = ANY($1))
     SELECT count(*) AS n FROM gone`,
    [recordIds],
  );
  return Number(rows[0].n);
}
