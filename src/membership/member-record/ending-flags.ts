import type { EntityManager } from 'typeorm';
import { ENDING, endsOnConfirm } from '../status/flag-endings.js';
import { MemberStatus } from '../status/member-status.js';

/** A membership ended: its record, and the status it ended with. */
export interface Ending {
  recordId: string;
  status: MemberStatus;
}

/**
 * Whether ending a membership so settles the warning: a death only a certain one (PHANTOM, not a namesake's weaker
 * flag); the others as confirming them in Cảnh báo would have ended her (flag-endings.ts).
 */
const settles = (flag: { code: string; severity: string }, status: MemberStatus): boolean =>
  flag.code === 'DECEASED'
    ? status === MemberStatus.DECEASED && flag.severity === 'PHANTOM'
    : ENDING[flag.code] === status && endsOnConfirm(flag.code, flag.severity);

/**
 * Members ended — from her page (Xóa tên, Đã mất…), or by an import whose status column says so — while a warning
 * says why they should be (dead, listed twice, too old, not in the register, inactive): those warnings confirmed, as
 * the button in Cảnh báo would have, so that the phantoms struck off count them whichever way she used. Written
 * before their eligibility flags are refreshed away with the ending. A warning already decided stays as decided; a
 * Ban Dân vận's request on it (ATTENTION) is answered by the ending, and kept beside it (asked_*). An import's
 * confirmations carry its job: its undo takes them back (`reopenImportConfirmations`).
 */
export async function confirmFlagsOfEndings(
  em: EntityManager,
  endings: Ending[],
  note: string,
  by: string,
  importJobId: string | null = null,
): Promise<void> {
  if (!endings.length) return;
  const statusOf = new Map(endings.map((e) => [e.recordId, e.status]));
  const flags = await em.query<{ record_id: string; code: string; severity: string }[]>(
    `SELECT record_id, code, severity FROM record_flag WHERE record_id = ANY($1::uuid[])`,
    [[...statusOf.keys()]],
  );
  const settled = flags.filter((f) => settles(f, statusOf.get(f.record_id)!));
  if (!settled.length) return;
  await em.query(
    `INSERT INTO flag_resolution (record_id, code, resolution, note, resolved_by, import_job_id)
     SELECT r, c, 'CONFIRMED', $3, $4, $5 FROM unnest($1::uuid[], $2::varchar[]) AS s(r, c)
     ON CONFLICT (record_id, code) DO UPDATE SET resolution = 'CONFIRMED', note = EXCLUDED.note, resolved_by = EXCLUDED.resolved_by,
        resolved_at = now(), import_job_id = EXCLUDED.import_job_id
      WHERE flag_resolution.resolution = 'ATTENTION'`,
    [settled.map((f) => f.record_id), settled.map((f) => f.code), note, by, importJobId],
  );
}

/** Confirmations taken back (`where` on flag_resolution): open again, and a Ban Dân vận's request they answered his request again. */
async function reopen(em: EntityManager, where: string, params: unknown[]): Promise<void> {
  await em.query(`DELETE FROM flag_resolution WHERE ${where} AND asked_by IS NULL`, params);
  await em.query(
    `UPDATE flag_resolution SET resolution = 'ATTENTION', note = coalesce(asked_note, note), resolved_by = asked_by,
            resolved_at = coalesce(asked_at, resolved_at), import_job_id = NULL
      WHERE ${where}`,
    params,
  );
}

/** An import undone: the warnings its endings confirmed are open again. */
export const reopenImportConfirmations = (em: EntityManager, importJobId: string): Promise<void> =>
  reopen(em, `import_job_id = $1`, [importJobId]);

/**
 * An ending taken back as a mistake (mistaken-ending.ts: the wrong person's death, a warning confirmed on the wrong
 * member): the warnings confirmed with it — by the ending itself, or by the confirmation in Cảnh báo that made it —
 * open again, for her to decide afresh. She is no phantom struck off, in this period's figures or any since.
 */
export const reopenConfirmationsOfEnding = (em: EntityManager, recordId: string, endedEventId: string): Promise<void> =>
  reopen(em, `record_id = $1 AND resolution = 'CONFIRMED' AND resolved_at >= (SELECT recorded_at FROM membership_event WHERE id = $2)`, [
    recordId,
    endedEventId,
  ]);
