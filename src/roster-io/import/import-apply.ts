import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { refreshEntryFlags } from '../../membership/member-record/entry-flag-writes.js';
import { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import { endedAsNoted } from '../ended-records.listener.js';
import type { ImportJob } from '../import-job.entity.js';
import type { ImportContext } from './import-context.js';
import { admittedEvents, changeEvents, endingEffects, type InsertedRecord } from './import-events.js';
import { refusedByDatabase } from './import-messages.js';
import { writeSuggestions, type PendingNotes } from './import-notes.js';
import { recordValues, type Fate } from './import-plan.js';
import type { ImportProgress } from './import.types.js';
import { keepUndoImages, writeUnchangedDigests, type UndoImages } from './import-undo.js';
import { flagDuplicateListings } from './known-members.js';
import { RECORD_COLUMNS } from './record-columns.js';
import { RejectedRowsService } from './rejected-rows.service.js';

/** Why a planned row is refused when its record changed between the plan (the preview, or the file's reading) and the apply. */
export const CHANGED_SINCE_PLAN =
  'hồ sơ đã được sửa (bởi người khác hoặc một lượt nhập khác) sau khi tệp được đọc — gửi lại tệp, hoặc bấm "Xem lại" nếu đang xem trước';

/** One chunk of ordinals `(from, to]` being applied in its transaction. */
interface Chunk {
  em: EntityManager;
  job: ImportJob;
  ctx: ImportContext;
  from: number;
  to: number;
}

/** The plan rows of a chunk, by fate (`$1` job, `$2` from, `$3` to). */
const IN_CHUNK = `p.job_id = $1 AND p.ordinal > $2 AND p.ordinal <= $3`;
const COLUMNS = RECORD_COLUMNS.map(([c]) => c);

/**
 * Carries out an import's plan, set-based, chunk by chunk, each chunk in one transaction with the
 * job's counters: the new records inserted from the staging table (with their ADMITTED history), the
 * changed ones updated where their version is still the planned one (a record changed since is
 * refused), the unchanged ones' digests, the `Ghi chú` suggestions, the undo's before-images and the
 * duplicate listings. A killed apply resumes after its last committed chunk.
 */
@Injectable()
export class ImportApplier {
  constructor(
    private readonly db: DataSource,
    private readonly rejectedRows: RejectedRowsService,
  ) {}

  /** The plan's last ordinal (0: nothing planned). */
  async lastOrdinal(jobId: string): Promise<number> {
    const [{ last }] = await this.db.query<{ last: number }[]>(
      `SELECT COALESCE(max(ordinal), 0)::int AS last FROM import_plan_row WHERE job_id = $1`,
      [jobId],
    );
    return last;
  }

  /**
   * A chunk, applied whole; when the database refuses it (one value it cannot take), applied again
   * row by row so the good rows go in and only the row it refuses is refused, with the reason.
   */
  async applySafely(job: ImportJob, ctx: ImportContext, from: number, to: number, summary: ImportProgress): Promise<void> {
    const before = ctx.checkpoint();
    try {
      await this.apply(job, ctx, from, to, summary);
      return;
    } catch (e) {
      if (!(e instanceof QueryFailedError)) throw e;
    }
    ctx.restore(before);
    for (let o = from + 1; o <= to; o++) {
      const one = ctx.checkpoint();
      try {
        await this.apply(job, ctx, o - 1, o, summary);
      } catch (e) {
        if (!(e instanceof QueryFailedError)) throw e;
        ctx.restore(one);
        await this.apply(job, ctx, o - 1, o, summary, refusedByDatabase(e));
      }
    }
  }

  private async apply(
    job: ImportJob,
    ctx: ImportContext,
    from: number,
    to: number,
    summary: ImportProgress,
    refused?: string,
  ): Promise<void> {
    const counts = await this.db.transaction(async (em) => {
      const c: Chunk = { em, job, ctx, from, to };
      // One import at a time per organization: two imports of the same codes cannot both insert.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`import:${ctx.def.code}`]);
      if (refused) await this.refuse(c, `fate IN ('CREATED', 'UPDATED', 'UNCHANGED')`, () => refused);
      const created = await this.insertCreated(c);
      const updated = await this.updateChanged(c);
      await keepUndoImages(em, job.id, { created: created.map((r) => ({ id: r.id, version: 1 })), updated: [] });
      await writeUnchangedDigests(em, IN_CHUNK, [job.id, from, to]);
      // Listed again: one she kept when an earlier file left her out is asked about again when a later one does.
      await em.query(
        `DELETE FROM absence_kept k USING member_record r, import_plan_row p
          WHERE r.id = k.record_id AND ${IN_CHUNK} AND p.fate IN ('UPDATED', 'UNCHANGED') AND r.organization_code = $4 AND r.external_id = p.external_id`,
        [job.id, from, to, ctx.def.code],
      );
      await writeSuggestions(em, ctx.def.code, job.id, await this.notes(c));
      await flagDuplicateListings(em, ctx.def.code, [...created.map((r) => r.id), ...updated.map((u) => u.before.id)]);
      // Out of the organization's rules: flagged now, not at the next link run (a corrected birth date clears it).
      await refreshEntryFlags(
        em,
        ctx.def,
        created.map((r) => r.id),
        ctx.today,
        true,
      );
      await refreshEntryFlags(
        em,
        ctx.def,
        updated.map((u) => u.before.id),
        ctx.today,
      );
      ctx.noteCreated(created.map((r) => r.id));
      return this.progress(c);
    });
    summary.rowsRead = job.rowsCommitted;
    for (const k of ['created', 'updated', 'unchanged', 'rejected', 'warned', 'held'] as const) summary[k] += counts[k];
  }

  /** The new records from the staging table (a code taken meanwhile: refused), and their ADMITTED events. */
  private async insertCreated(c: Chunk): Promise<(InsertedRecord & { external_id: string })[]> {
    const inserted = await c.em.query<(InsertedRecord & { external_id: string })[]>(
      `INSERT INTO member_record (organization_code, external_id, version, ${COLUMNS.join(', ')})
       SELECT $4, p.external_id, 1, ${COLUMNS.map((x) => `v.${x}`).join(', ')}
         FROM import_plan_row p, jsonb_populate_record(NULL::member_record, p.record_values) v
        WHERE ${IN_CHUNK} AND p.fate = 'CREATED' ORDER BY p.ordinal
       ON CONFLICT (organization_code, external_id) DO NOTHING
       RETURNING id, unit_id, status, join_date, external_id`,
      [c.job.id, c.from, c.to, c.ctx.def.code],
    );
    // A code another import or the form took since the plan: refused, like a record changed since.
    const [{ n }] = await c.em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM import_plan_row p WHERE ${IN_CHUNK} AND p.fate = 'CREATED'`,
      [c.job.id, c.from, c.to],
    );
    if (inserted.length < n)
      await this.refuse(c, `fate = 'CREATED' AND NOT (external_id = ANY($4::text[]))`, () => CHANGED_SINCE_PLAN, [
        inserted.map((r) => r.external_id),
      ]);
    await admittedEvents(c.em, inserted, c.ctx, c.job.id);
    return inserted;
  }

  /** The changed records, where their version is still the planned one (else refused), and their history. */
  private async updateChanged(c: Chunk): Promise<UndoImages['updated']> {
    const planned = await c.em.query<{ record_id: string; record_version: number; values: Record<string, unknown>; changed: string[] }[]>(
      `SELECT p.record_id, p.record_version, p.record_values AS "values", p.changed FROM import_plan_row p WHERE ${IN_CHUNK} AND p.fate = 'UPDATED'`,
      [c.job.id, c.from, c.to],
    );
    if (!planned.length) return [];
    const current = await c.em
      .getRepository(MemberRecord)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = ANY(:ids) AND r.erased_at IS NULL', { ids: planned.map((p) => p.record_id) })
      .getMany();
    const byId = new Map(current.map((r) => [r.id, r]));
    const ok = planned.filter((p) => byId.get(p.record_id)?.version === p.record_version);
    if (ok.length < planned.length)
      await this.refuse(c, `fate = 'UPDATED' AND NOT (record_id = ANY($4::uuid[]))`, () => CHANGED_SINCE_PLAN, [
        ok.map((p) => p.record_id),
      ]);
    const updates = ok.map((p) => {
      const after = recordValues(p.values);
      const changed = Object.fromEntries(p.changed.map((k) => [k, after[k]]));
      return { before: byId.get(p.record_id)!, after, changed, version: p.record_version + 1 };
    });
    // The before-images first: read while the records (and their import digests) are still as they were.
    await keepUndoImages(c.em, c.job.id, {
      created: [],
      updated: updates.map(({ before, after, version }) => ({ before, after, version })),
    });
    await c.em.query(
      `UPDATE member_record m SET (${COLUMNS.join(', ')}) = (${COLUMNS.map((x) => `v.${x}`).join(', ')}),
              version = m.version + 1, updated_at = now()
         FROM import_plan_row p, jsonb_populate_record(NULL::member_record, p.record_values) v
        WHERE ${IN_CHUNK} AND p.fate = 'UPDATED' AND m.id = p.record_id AND m.version = p.record_version`,
      [c.job.id, c.from, c.to],
    );
    const changes = updates.map((u) => ({ before: u.before, after: u.changed }));
    await changeEvents(c.em, changes, c.ctx, c.job.id);
    // Before the chunk's eligibility flags are refreshed (apply): the warnings its endings settle.
    await endingEffects(c.em, changes, c.ctx, c.job);
    return updates.map(({ before, after, version }) => ({ before, after, version }));
  }

  /** Plan rows of the chunk refused at the apply (`where` on the plan row): the plan says so, and her files. */
  private async refuse(c: Chunk, where: string, reason: (ordinal: number) => string, more: unknown[] = []): Promise<number> {
    // (An UPDATE … RETURNING comes back as [rows, count].)
    const [rows] = await c.em.query<
      [{ ordinal: number; sheet: string | null; row_number: number; external_id: string | null; unit_path: string | null }[], number]
    >(
      `UPDATE import_plan_row p SET fate = 'REFUSED', record_values = NULL, notes = NULL, warned = false
        WHERE ${IN_CHUNK} AND ${where} RETURNING ordinal, sheet, row_number, external_id, unit_path`,
      [c.job.id, c.from, c.to, ...more],
    );
    if (!rows.length) return 0;
    await c.em.query(`UPDATE import_plan_row SET reason = $3 WHERE job_id = $1 AND ordinal = ANY($2)`, [
      c.job.id,
      rows.map((r) => r.ordinal),
      reason(rows[0].ordinal),
    ]);
    await this.rejectedRows.refuseApplied(
      c.em,
      c.job,
      rows.map((r) => ({ ordinal: r.ordinal, sheet: r.sheet, rowNumber: r.row_number, externalId: r.external_id, unitPath: r.unit_path })),
      reason,
    );
    return rows.length;
  }

  /**
   * The `Ghi chú` facts of the chunk's rows written or left (a refused or held row leaves nothing) — but a note her
   * `Trạng thái` already carried out ("đã mất" on a row marked Đã mất): nothing is left for her to answer.
   */
  private async notes(c: Chunk): Promise<PendingNotes[]> {
    const rows = await c.em.query<(PendingNotes & { status: string | null })[]>(
      `SELECT p.external_id AS "externalId", p.notes AS facts, p.record_values->>'status' AS status FROM import_plan_row p
        WHERE ${IN_CHUNK} AND p.notes IS NOT NULL AND p.fate IN ('CREATED', 'UPDATED', 'UNCHANGED')`,
      [c.job.id, c.from, c.to],
    );
    return rows.map((r) => ({ externalId: r.externalId, facts: r.facts.filter((f) => !endedAsNoted(f.kind, r.status)) }));
  }

  /** The chunk's counts by fate, added to the job's with the last ordinal it covers; the applied values cleared. */
  private async progress(c: Chunk): Promise<Record<'created' | 'updated' | 'unchanged' | 'rejected' | 'warned' | 'held', number>> {
    const rows = await c.em.query<{ fate: Fate; n: number; warned: number }[]>(
      `SELECT fate, count(*)::int AS n, count(*) FILTER (WHERE warned)::int AS warned FROM import_plan_row p WHERE ${IN_CHUNK} GROUP BY fate`,
      [c.job.id, c.from, c.to],
    );
    const n = (f: Fate) => rows.find((r) => r.fate === f)?.n ?? 0;
    const counts = {
      created: n('CREATED'),
      updated: n('UPDATED'),
      unchanged: n('UNCHANGED'),
      rejected: n('REFUSED'),
      held: n('HELD'),
      warned: rows.reduce((s, r) => s + r.warned, 0),
    };
    // What the result file and the undo need stays (fate, record, changed fields); the values go — but a held row's
    // candidates (codes only): she named none of them, and none is "left out" of her file (absent-members.ts).
    await c.em.query(
      `UPDATE import_plan_row p
          SET record_values = CASE WHEN p.fate = 'HELD' THEN jsonb_build_object('candidates', p.record_values->'candidates') END, notes = NULL
        WHERE ${IN_CHUNK} AND (p.record_values IS NOT NULL OR p.notes IS NOT NULL)`,
      [c.job.id, c.from, c.to],
    );
    await c.em.query(
      `UPDATE import_job SET rows_committed = $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5,
              rejected = rejected + $6, warned = warned + $7, held = held + $8 WHERE id = $1`,
      [c.job.id, c.to, counts.created, counts.updated, counts.unchanged, counts.rejected, counts.warned, counts.held],
    );
    c.job.rowsCommitted = c.to;
    return counts;
  }
}
