// The steps of an import's undo, in its transaction (ImportUndoService tells the story): read what
// the job kept, remove what it created, put back what it changed, remove what it wrote beside.
import type { ImportJob } from '../import-job.entity.js';
import type { LaterImport } from './undo-refusals.js';
import type { EntityManager } from 'typeorm';
import { bulkUpdate } from '../../common/sql/bulk-sql.js';
import { clearDeathElsewhere } from '../../membership/member-record/death-elsewhere.js';
import { flagDuplicateListings } from '../../membership/member-record/duplicate-listings.js';
import { reopenImportConfirmations } from '../../membership/member-record/ending-flags.js';
import { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import type { BeforeImage } from '../../personal-data/undo-images.js';
import { columnValue, RECORD_COLUMNS } from './record-columns.js';

/** A record the job wrote, as it kept it and as it is now (`current` null: the record is gone). */
export interface KeptImage {
  recordId: string;
  externalId: string | null;
  /** Her member's name: what a refusal names beside the code (she knows her members by name). */
  fullName?: string | null;
  /** The version the job left. */
  kept: number;
  current: number | null;
  erased: boolean;
  /** Null: a record the job created. */
  beforeSealed: Buffer | null;
}

/** The job's records, locked (nobody writes them while the undo checks and reverts them), with their images. */
export async function keptImages(em: EntityManager, jobId: string): Promise<KeptImage[]> {
  await em.query(
    `SELECT 1 FROM member_record WHERE id IN (SELECT record_id FROM import_undo_image WHERE job_id = $1) ORDER BY id FOR UPDATE`,
    [jobId],
  );
  return imagesOf(em, jobId, true);
}

/** The versions the job left against the records' own, unlocked and without the images: whether an undo would be refused now. */
export function keptVersions(em: EntityManager, jobId: string): Promise<KeptImage[]> {
  return imagesOf(em, jobId, false);
}

/** The job's records as it kept them and as they are (with the sealed before-images when `withBefore`). */
async function imagesOf(em: EntityManager, jobId: string, withBefore: boolean): Promise<KeptImage[]> {
  const rows = await em.query<
    {
      record_id: string;
      external_id: string | null;
      full_name: string | null;
      kept: number;
      current: number | null;
      erased: boolean;
      before_sealed: Buffer | null;
    }[]
  >(
    `SELECT i.record_id, r.external_id, r.full_name, i.version AS kept, r.version AS current, r.erased_at IS NOT NULL AS erased,
            ${withBefore ? 'i.before_sealed' : 'NULL::bytea AS before_sealed'}
       FROM import_undo_image i LEFT JOIN member_record r ON r.id = i.record_id
      WHERE i.job_id = $1 ORDER BY r.external_id`,
    [jobId],
  );
  return rows.map((r) => ({
    recordId: r.record_id,
    externalId: r.external_id,
    fullName: r.full_name,
    kept: r.kept,
    current: r.current,
    erased: r.erased,
    beforeSealed: r.before_sealed,
  }));
}

/** Mã hồ sơ of the records whose `Ghi chú` suggestions from this job were since accepted or dismissed (a decision is a change). */
export async function decidedSuggestions(em: EntityManager, jobId: string): Promise<string[]> {
  const rows = await em.query<{ external_id: string; full_name: string | null }[]>(
    `SELECT DISTINCT r.external_id, r.full_name FROM record_suggestion s JOIN member_record r ON r.id = s.record_id
      WHERE s.import_job_id = $1 AND s.status <> 'OPEN' ORDER BY r.external_id`,
    [jobId],
  );
  return rows.map((r) => namedCode(r.external_id, r.full_name));
}

/** The ID-number hashes of these records (a duplicate flag's evidence: see clearLoneDuplicateFlags). */
export async function idHashes(em: EntityManager, ids: string[]): Promise<Buffer[]> {
  if (!ids.length) return [];
  const rows = await em.query<{ h: Buffer }[]>(
    `SELECT DISTINCT id_number_hash AS h FROM member_record WHERE id = ANY($1) AND id_number_hash IS NOT NULL`,
    [ids],
  );
  return rows.map((r) => r.h);
}

/**
 * The records the job created, gone with everything hung on them: their history events and
 * `Ghi chú` suggestions (FK cascade), their person, links, review decisions and flags.
 */
export async function removeCreated(em: EntityManager, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await em.query(`DELETE FROM record_link WHERE record_a = ANY($1) OR record_b = ANY($1)`, [ids]);
  await em.query(`DELETE FROM link_review WHERE record_a = ANY($1) OR record_b = ANY($1)`, [ids]);
  await em.query(`DELETE FROM record_person WHERE record_id = ANY($1)`, [ids]);
  await em.query(`DELETE FROM record_flag WHERE record_id = ANY($1)`, [ids]);
  await em.query(`DELETE FROM flag_resolution WHERE record_id = ANY($1)`, [ids]);
  await em.query(`DELETE FROM member_record WHERE id = ANY($1)`, [ids]);
}

/**
 * The records the job changed, put back: each changed column as the before-image has it, the
 * others as they are (the job left them so: the versions were checked), version and time bumped.
 */
export async function revertUpdated(em: EntityManager, images: Map<string, BeforeImage>): Promise<void> {
  if (!images.size) return;
  const records = await em
    .getRepository(MemberRecord)
    .createQueryBuilder('r')
    .addSelect('r.importDigest')
    .where('r.id = ANY(:ids)', { ids: [...images.keys()] })
    .getMany();
  // The version the job read comes back with its values (an earlier import's undo then finds its own
  // version again); an image kept before it held one moves the version on.
  const rows = records.map((r) => {
    const before = images.get(r.id)!;
    const now = r as unknown as Record<string, unknown>;
    const version = typeof before.version === 'number' ? before.version : r.version + 1;
    return [r.id, ...RECORD_COLUMNS.map(([c]) => (c in before ? before[c] : columnValue(now, c))), version];
  });
  await bulkUpdate(em, 'member_record', 'id', [...RECORD_COLUMNS, ['version', 'int4']], rows, 'updated_at = now()');
}

/**
 * What the job's endings did beside the records (import-events.ts `endingEffects`), taken back, once the records
 * are as they were: the warnings they confirmed open again, a death it recorded no longer told to the other listings
 * of her person, and a listing it struck off that is again one of two is flagged so again, with the other.
 */
export async function takeBackEndings(em: EntityManager, job: ImportJob, images: Map<string, BeforeImage>): Promise<void> {
  await reopenImportConfirmations(em, job.id);
  const statusTaken = [...images].filter(([, before]) => 'status' in before);
  await clearDeathElsewhere(
    em,
    statusTaken.filter(([, before]) => before.status !== MemberStatus.DECEASED).map(([id]) => id),
  );
  await flagDuplicateListings(
    em,
    job.organizationCode,
    statusTaken.map(([id]) => id),
  );
}

/** What the job wrote beside the records it changed: its history events and its `Ghi chú` suggestions. */
export async function removeJobTraces(em: EntityManager, jobId: string): Promise<void> {
  await em.query(`DELETE FROM membership_event WHERE import_job_id = $1`, [jobId]);
  await em.query(`DELETE FROM record_suggestion WHERE import_job_id = $1`, [jobId]);
}

/**
 * DUPLICATE_IN_ORG flags the job's records raised (on them or on the other listing of the same
 * CCCD) that no longer have a duplicate once the undo is done: removed. A flag whose record still
 * shares its CCCD with another live record of the organization stays (it was there before).
 */
export async function clearLoneDuplicateFlags(em: EntityManager, org: string, hashes: Buffer[]): Promise<void> {
  if (!hashes.length) return;
  await em.query(
    `DELETE FROM record_flag f USING member_record r
      WHERE f.record_id = r.id AND f.code = 'DUPLICATE_IN_ORG' AND r.organization_code = $1
        AND r.id_number_hash = ANY($2::bytea[])
        AND NOT EXISTS (SELECT 1 FROM member_record o
                         WHERE o.organization_code = r.organization_code AND o.id <> r.id
                           AND o.id_number_hash = r.id_number_hash AND o.erased_at IS NULL)`,
    [org, hashes],
  );
}

/**
 * The units the job created (`--create-units`: audited UNIT_CREATED with its id), removed once the
 * rest of the undo is done when nothing else has them: no record (an erased one included), no
 * child unit, no user or token kept to them, no history event or transfer naming them, no line of
 * the audit log but their creation (a rename is a change). Branches before their base, so a base
 * the job made for its branches goes with them. How many were removed.
 */
export async function removeUnusedCreatedUnits(em: EntityManager, job: { id: string; startedAt: Date }): Promise<number> {
  const created = await em.query<{ id: string }[]>(
    `SELECT u.id FROM unit u
       JOIN audit_event a ON a.action = 'UNIT_CREATED' AND a.subject_type = 'UNIT' AND a.subject_id = u.id::text
      WHERE a.detail->>'importJob' = $1
      ORDER BY length(u.path) DESC, u.id`,
    [job.id],
  );
  if (!created.length) return 0;
  // Another record's history naming them: recorded since the job began, as they did not exist before
  // (an hour's margin for clocks; the recorded_at BRIN index reads those blocks only, the unit columns have no index).
  const named = await em.query<{ id: string }[]>(
    `SELECT DISTINCT n.id FROM membership_event e CROSS JOIN LATERAL unnest(ARRAY[e.from_unit_id, e.to_unit_id]) AS n(id)
      WHERE e.recorded_at >= $2::timestamptz - interval '1 hour' AND (e.from_unit_id = ANY($1) OR e.to_unit_id = ANY($1)) AND n.id = ANY($1)`,
    [created.map((c) => c.id), job.startedAt],
  );
  const used = new Set(named.map((n) => n.id));
  let removed = 0;
  for (const { id } of created.filter((c) => !used.has(c.id))) {
    const [gone] = await em.query<{ n: number }[]>(
      `WITH gone AS (
         DELETE FROM unit u WHERE u.id = $1
            AND NOT EXISTS (SELECT 1 FROM member_record r WHERE r.unit_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM unit c WHERE c.parent_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM app_user p WHERE p.unit_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM access_token k WHERE k.unit_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM transfer_request t WHERE t.from_unit_id = u.id OR t.to_unit_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM audit_event a
                             WHERE a.subject_id = u.id::text AND a.subject_type = 'UNIT' AND a.action <> 'UNIT_CREATED')
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [id],
    );
    removed += gone.n;
  }
  return removed;
}

/** The later finished imports (not undone) that changed some of these records, newest first: an undo of this one waits for theirs. */
export async function laterImports(em: EntityManager, job: { id: string; startedAt: Date }, recordIds: string[]): Promise<LaterImport[]> {
  if (!recordIds.length) return [];
  const rows = await em.query<{ source_name: string; started_at: Date; actor_name: string; records: string[] }[]>(
    `SELECT j.source_name, j.started_at, j.actor_name,
            ARRAY(SELECT DISTINCT i.record_id::text FROM import_undo_image i WHERE i.job_id = j.id AND i.record_id = ANY($3::uuid[])) AS records
       FROM import_job j
      WHERE j.id <> $1 AND j.started_at > $2 AND j.status = 'DONE'
        AND EXISTS (SELECT 1 FROM import_undo_image i WHERE i.job_id = j.id AND i.record_id = ANY($3::uuid[]))
      ORDER BY j.started_at DESC`,
    [job.id, job.startedAt, recordIds],
  );
  return rows.map((r) => ({ sourceName: r.source_name, startedAt: r.started_at, by: r.actor_name, records: r.records }));
}

/** A record as a refusal names it to her: her member's name (where it has one) and its code. */
export const namedCode = (code: string, name: string | null | undefined): string => (name ? `${name} (mã ${code})` : `mã ${code}`);
