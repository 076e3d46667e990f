import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { formatVnDay } from '../common/dates/vn-day.js';
import { RecordsCreatedHook, type RecordMoved } from '../membership/member-record/records-created.hook.js';
import { MEMBER_STATUS_INFO, MemberStatus } from '../membership/status/member-status.js';

/** What each ending says happened, as a roster note says it: a death, a move away, a member away or no longer taking part. */
const SETTLES: { kind: string; statuses: MemberStatus[] }[] = [
  { kind: 'DIED', statuses: [MemberStatus.DECEASED] },
  { kind: 'MOVED_AWAY', statuses: [MemberStatus.LEFT, MemberStatus.TRANSFERRED] },
  { kind: 'AWAY', statuses: [MemberStatus.LEFT, MemberStatus.TRANSFERRED] },
  { kind: 'LEFT_WORK', statuses: [MemberStatus.LEFT, MemberStatus.TRANSFERRED] },
  { kind: 'INACTIVE', statuses: [MemberStatus.STRUCK_OFF, MemberStatus.LEFT] },
];

/** Whether a membership ended with `status` is what a roster note of `kind` says happened: nothing left for her to answer. */
export const endedAsNoted = (kind: string, status: string | null | undefined): boolean =>
  SETTLES.some((s) => s.kind === kind && s.statuses.includes(status as MemberStatus));

/**
 * A membership ended as her roster's note said (died, moved away): the note waiting for her answer
 * is taken as applied, by whoever ended it, with the ending as its reason — not left "Chờ xem xét"
 * under a member already recorded as dead.
 */
@Injectable()
export class EndedRecordsListener implements OnModuleInit {
  constructor(
    private readonly hook: RecordsCreatedHook,
    private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.hook.subscribeMoved((em, moved, by) => settleMoveNotes(em, moved, by));
    this.hook.subscribeEnded(async (ids, by) => {
      for (const { kind, statuses } of SETTLES)
        await this.db.query(
          `UPDATE record_suggestion s SET status = 'ACCEPTED', decided_at = now(), decided_by = $3,
                  decision_reason = 'đã ghi kết thúc sinh hoạt: ' || (CASE r.status ${statuses.map((st) => `WHEN '${st}' THEN '${MEMBER_STATUS_INFO[st].label}'`).join(' ')} END)
             FROM member_record r
            WHERE r.id = s.record_id AND s.record_id = ANY($1::uuid[]) AND s.status = 'OPEN' AND s.kind = $2
              AND r.status = ANY($4::varchar[])`,
          [ids, kind, by.slice(0, 200), statuses],
        );
    });
  }
}

/**
 * A member transferred to another commune: her old list's note that she moved (or is away) is
 * settled by the transfer — taken as applied, by whoever moved her — and the "đã chuyển đi" flag it
 * raised goes, so the receiving secretariat is not asked to end a membership she has just taken in.
 */
async function settleMoveNotes(em: EntityManager, moved: RecordMoved, by: string): Promise<void> {
  const reason = `đã chuyển sinh hoạt đến ${moved.unitName} từ ngày ${formatVnDay(moved.date)}`;
  const notes = await em.query<{ id: string; flag_code: string | null }[]>(
    `SELECT id, flag_code FROM record_suggestion WHERE record_id = $1 AND kind = ANY($2::varchar[]) AND status IN ('OPEN', 'ACCEPTED') FOR UPDATE`,
    [moved.id, MOVE_NOTES],
  );
  if (!notes.length) return;
  await em.query(
    `UPDATE record_suggestion SET status = 'ACCEPTED', decided_at = coalesce(decided_at, now()), decided_by = coalesce(decided_by, $2),
            decision_reason = $3, flag_code = NULL
      WHERE id = ANY($1::uuid[])`,
    [notes.map((n) => n.id), by.slice(0, 200), reason],
  );
  const flags = notes.map((r) => r.flag_code).filter((c): c is string => !!c);
  if (flags.length) await em.query(`DELETE FROM record_flag WHERE record_id = $1 AND code = ANY($2::varchar[])`, [moved.id, flags]);
}

/** The notes a move to another commune answers: moved away, away for work. */
const MOVE_NOTES = ['MOVED_AWAY', 'AWAY'];
