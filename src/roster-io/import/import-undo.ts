// Contract between the staged import's apply and its undo (issue 17, item 5): the apply calls
// `keepUndoImages` once per applied chunk, inside the chunk's transaction.
import type { EntityManager } from 'typeorm';
import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import { sealUndoImage, type BeforeImage } from '../../personal-data/undo-images.js';
import { columnValue, RECORD_COLUMNS } from './record-columns.js';

/** What one applied chunk did to records, as the undo needs it. */
export interface UndoImages {
  /** Records the chunk created (version after the insert). */
  created: { id: string; version: number }[];
  /** Records the chunk changed: the record before, the columns (camelCase) the chunk set, the version it left. */
  updated: { before: MemberRecord; after: Record<string, unknown>; version: number }[];
}

type Seal = (plain: string) => Buffer;

/**
 * The instance key's sealer, given by ImportUndoService when the application starts: the apply
 * calls `keepUndoImages` with the chunk's data only (the contract), and the images must be sealed.
 */
let sealer: Seal | null = null;

export function sealUndoImagesWith(seal: Seal): void {
  sealer = seal;
}

const sameValue = (a: unknown, b: unknown): boolean =>
  Buffer.isBuffer(a) || Buffer.isBuffer(b) ? Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b) : (a ?? null) === (b ?? null);

/**
 * The columns a change sets to another value, as the record had them (snake_case, in the form bulk
 * SQL takes them): all an undo needs to put the record back, and no more of her data than that.
 */
export function changedColumns(before: MemberRecord, after: Record<string, unknown>): BeforeImage {
  const was = before as unknown as Record<string, unknown>;
  const will = { ...was, ...after };
  const image: BeforeImage = {};
  for (const [c] of RECORD_COLUMNS) {
    const old = columnValue(was, c);
    if (!sameValue(old, columnValue(will, c))) image[c] = old;
  }
  return image;
}

/**
 * Keeps the before-images of a chunk (sealed) so the import can be undone for 30 days: one statement
 * per chunk. Called before the chunk's updates are written: a `before` read without its import
 * digest (the entity does not select it) has it read here, as it still is.
 */
export async function keepUndoImages(em: EntityManager, jobId: string, images: UndoImages): Promise<void> {
  const rows: [string, number, Buffer | null][] = images.created.map((c) => [c.id, c.version, null]);
  if (images.updated.length) {
    const seal = sealer;
    if (!seal) throw new Error('keepUndoImages: no sealer (ImportUndoService is not started): before-images are never kept in clear');
    const digests = await digestsOf(
      em,
      images.updated.filter((u) => u.before.importDigest === undefined).map((u) => u.before.id),
    );
    for (const { before, after, version } of images.updated) {
      const was = digests.has(before.id) ? { ...before, importDigest: digests.get(before.id)! } : before;
      // With the version it read: undone, the record is as it was, version included.
      rows.push([before.id, version, sealUndoImage(seal, { ...changedColumns(was, after), version: before.version })]);
    }
  }
  if (!rows.length) return;
  // A record written twice by one job keeps its first image (what it was before the job) and the last version.
  await em.query(
    `INSERT INTO import_undo_image (job_id, record_id, version, before_sealed)
     SELECT $1, u.record_id, u.version, u.before_sealed FROM unnest($2::uuid[], $3::int4[], $4::bytea[]) AS u(record_id, version, before_sealed)
     ON CONFLICT (job_id, record_id) DO UPDATE SET version = EXCLUDED.version`,
    [jobId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
}

/** The import digests of these records, as stored. */
async function digestsOf(em: EntityManager, ids: string[]): Promise<Map<string, Buffer | null>> {
  if (!ids.length) return new Map();
  const rows = await em.query<{ id: string; import_digest: Buffer | null }[]>(
    `SELECT id, import_digest FROM member_record WHERE id = ANY($1)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.import_digest]));
}

/**
 * The chunk's unchanged rows write their line's digest (next month's same line is that record),
 * keeping the digest each replaces so that an undo puts it back. `inChunk`: the chunk's plan rows
 * (`p`) by its parameters (job, from, to).
 */
export async function writeUnchangedDigests(em: EntityManager, inChunk: string, params: unknown[]): Promise<void> {
  const unchanged = `${inChunk} AND p.fate = 'UNCHANGED' AND p.record_values IS NOT NULL AND m.id = p.record_id AND m.version = p.record_version`;
  await em.query(
    `INSERT INTO import_undo_digest (job_id, record_id, version, digest, written)
     SELECT p.job_id, m.id, m.version, m.import_digest, (p.record_values->>'import_digest')::bytea
       FROM import_plan_row p JOIN member_record m ON m.id = p.record_id
      WHERE ${unchanged} AND m.import_digest IS DISTINCT FROM (p.record_values->>'import_digest')::bytea
     ON CONFLICT (job_id, record_id) DO NOTHING`,
    params,
  );
  // Only where it differs: a line written again as it was is no write at all.
  await em.query(
    `UPDATE member_record m SET import_digest = (p.record_values->>'import_digest')::bytea FROM import_plan_row p
      WHERE ${unchanged} AND m.import_digest IS DISTINCT FROM (p.record_values->>'import_digest')::bytea`,
    params,
  );
}

/** An undo's last step: the digests its unchanged rows replaced, back where the record is as the job left it. */
export async function restoreUnchangedDigests(em: EntityManager, jobId: string): Promise<void> {
  await em.query(
    `UPDATE member_record m SET import_digest = d.digest FROM import_undo_digest d
      WHERE d.job_id = $1 AND m.id = d.record_id AND m.version = d.version AND m.import_digest IS NOT DISTINCT FROM d.written`,
    [jobId],
  );
  await em.query(`DELETE FROM import_undo_digest WHERE job_id = $1`, [jobId]);
}
