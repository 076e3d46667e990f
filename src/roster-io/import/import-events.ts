import type { EntityManager } from 'typeorm';
import { bulkInsert, type SqlColumn } from '../../common/sql/bulk-sql.js';
import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import {
  MEMBERSHIP_EVENT_COLUMNS,
  membershipEventRows,
  membershipEvents,
  type ChangeNote,
  type EventRules,
} from '../../membership/member-record/membership-events.js';
import { flagDeathElsewhere } from '../../membership/member-record/death-elsewhere.js';
import { settleDuplicateListings } from '../../membership/member-record/duplicate-listings.js';
import { confirmFlagsOfEndings } from '../../membership/member-record/ending-flags.js';
import { ENDING_STATUSES, MemberStatus } from '../../membership/status/member-status.js';
import type { ImportJob } from '../import-job.entity.js';
import type { ImportContext } from './import-context.js';

/** A record an import created, as its INSERT returns it. */
export interface InsertedRecord {
  id: string;
  unit_id: string | null;
  status: string;
  join_date: string | null;
}

/** A record an import changes: the record as it was, and the columns the row sets. */
export interface RecordUpdate {
  before: MemberRecord;
  after: Record<string, unknown>;
}

/** The event columns, and the job that wrote the event (an undo removes exactly its events). */
const EVENT_COLUMNS: SqlColumn[] = [...MEMBERSHIP_EVENT_COLUMNS, ['import_job_id', 'uuid']];
const ofJob = (rows: unknown[][], jobId: string | null): unknown[][] => rows.map((r) => [...r, jobId]);

/** The reason an import's changes give: the file. */
const fileReason = (ctx: ImportContext): string => `Nhập tệp ${ctx.fileName}`;

/** The import's history rules: dated the import day, its reason names the file (the ENDED event does not name the unit left, unlike the form's — kept as it is today). */
function history(ctx: ImportContext): { note: ChangeNote; rules: EventRules } {
  return { note: { date: ctx.today, reason: fileReason(ctx) }, rules: { endedNamesUnitLeft: false } };
}

/** The history of the records an import created: one ADMITTED event each (the one rule: membershipEvents). */
export async function admittedEvents(
  em: EntityManager,
  inserted: InsertedRecord[],
  ctx: ImportContext,
  jobId: string | null = null,
): Promise<void> {
  const { note, rules } = history(ctx);
  const rows = inserted.flatMap((r) => {
    const after = { status: r.status as MemberStatus, unitId: r.unit_id, joinDate: r.join_date };
    return membershipEventRows(r.id, membershipEvents(null, after, note, rules));
  });
  await bulkInsert(em, 'membership_event', EVENT_COLUMNS, ofJob(rows, jobId));
}

/** The history of the records an import changed: a status change (ENDED when the status ends the membership), a transfer. */
export async function changeEvents(
  em: EntityManager,
  updates: RecordUpdate[],
  ctx: ImportContext,
  jobId: string | null = null,
): Promise<void> {
  const { note, rules } = history(ctx);
  const rows = updates.flatMap(({ before, after }) => {
    const change = { status: after.status as MemberStatus | undefined, unitId: after.unitId as string | null | undefined };
    return membershipEventRows(before.id, membershipEvents(before, change, note, rules));
  });
  if (rows.length) await bulkInsert(em, 'membership_event', EVENT_COLUMNS, ofJob(rows, jobId));
}

/**
 * What her file's endings (its status column: Đã mất, Xóa tên…) do beside their history, as an ending from the
 * member's page does: the warnings they settle confirmed (the phantoms struck off count them), a death told to the
 * other organizations' listings of her person, and the listing left of a CCCD listed twice no more. The undo takes
 * them back (undo-steps.ts `takeBackEndings`).
 */
export async function endingEffects(em: EntityManager, updates: RecordUpdate[], ctx: ImportContext, job: ImportJob): Promise<void> {
  const ended = updates.filter(({ before, after }) => {
    const status = after.status as MemberStatus | undefined;
    return !!status && status !== before.status && ENDING_STATUSES.includes(status);
  });
  const endings = ended.map(({ before, after }) => ({ recordId: before.id, status: after.status as MemberStatus }));
  await confirmFlagsOfEndings(em, endings, fileReason(ctx), job.actorName, job.id);
  for (const e of endings) if (e.status === MemberStatus.DECEASED) await flagDeathElsewhere(em, e.recordId, ctx.def.name, ctx.today);
  // The other listing of a CCCD ended (struck off as the one written twice): the one left is listed twice no more.
  for (const { before } of ended) if (before.idKind === 'CCCD') await settleDuplicateListings(em, ctx.def.code, before.idNumberHash);
}
