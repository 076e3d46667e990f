import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordsCreatedHook } from '../membership/member-record/records-created.hook.js';
import { MEMBER_STATUS_INFO, MemberStatus } from '../membership/status/member-status.js';

/** What each ending says happened, as a roster note says it: a death, a move away, a member away or no longer taking part. */
const SETTLES: { kind: string; statuses: MemberStatus[] }[] = [
  { kind: 'DIED', statuses: [MemberStatus.DECEASED] },
  { kind: 'MOVED_AWAY', statuses: [MemberStatus.LEFT, MemberStatus.TRANSFERRED] },
  { kind: 'AWAY', statuses: [MemberStatus.LEFT, MemberStatus.TRANSFERRED] },
  { kind: 'LEFT_WORK', statuses: [MemberStatus.LEFT, MemberStatus.TRANSFERRED] },
  { kind: 'INACTIVE', statuses: [MemberStatus.STRUCK_OFF, MemberStatus.LEFT] },
];

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
