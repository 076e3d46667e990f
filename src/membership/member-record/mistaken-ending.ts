import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../status/member-status.js';
import { problem } from './member-input.js';
import type { NewMembershipEvent } from './membership-events.js';
import { REPORT_TIME_ZONE } from '../../common/dates/period.js';

/**
 * A membership ended by mistake (a death reported of the wrong person, a flag confirmed on the wrong
 * member) and taken back as such: the return voids the ending (`voids`) and takes effect on the
 * ending's own day, so that on every day since she was a member, and the reports count neither a
 * departure nor a return (reports/movement, reports/counting/joiners-leavers.ts). A report already
 * made final keeps what it said.
 */
export async function voidingEnding(
  em: EntityManager,
  recordId: string,
  before: MemberStatus,
  after: MemberStatus | null,
): Promise<Pick<NewMembershipEvent, 'effectiveDate' | 'voids'>> {
  const refuse = (message: string) => DomainError.invalidInput([problem('endingMistaken', 'true', message)]);
  if (!MEMBER_STATUS_INFO[before].ends)
    throw refuse('hồ sơ này đang không ở trạng thái đã kết thúc sinh hoạt: không có lần kết thúc nào để hủy');
  if (!after || MEMBER_STATUS_INFO[after].ends) throw refuse('chọn trạng thái sinh hoạt trở lại (ví dụ: Đang sinh hoạt)');
  const [ended] = await em.query<{ id: string; day: string }[]>(
    `SELECT e.id, to_char(coalesce(e.effective_date, (e.recorded_at AT TIME ZONE '${REPORT_TIME_ZONE}')::date), 'YYYY-MM-DD') AS day FROM membership_event e
      WHERE e.record_id = $1 AND e.kind = 'ENDED' ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1`,
    [recordId],
  );
  if (!ended) throw refuse('không tìm thấy lần kết thúc sinh hoạt trong lịch sử của hồ sơ này');
  return { effectiveDate: ended.day, voids: ended.id };
}
