import { ANY_PRECISION, formatVnPartialDate, parsePartialDate, toStoredDate, todayInVietnam } from '../../common/dates/partial-date.js';
import { refuse, ok, type FieldProblem, type Parsed } from '../../common/errors/field-problem.js';
import { formatVnDay } from '../../common/dates/vn-day.js';
import type { EntityManager } from 'typeorm';
import type { OrganizationDefinition } from '../organization/organization-definition.js';
import { statusRefusal } from '../organization/status-wording.js';
import { ENDING_STATUSES, MEMBER_STATUS_INFO, type MemberStatus } from '../status/member-status.js';
import { problem } from './member-input.js';
import { recordDate, type DatedRecord } from './record-dates.js';

/**
 * What is wrong with ending this membership so (pure): a status that ends nothing or is not the
 * organization's, a record already ended, a day not a full day in the past (after the join date
 * unless `evidenced`), nor before the day she was last let back in (`activeAgain`, yyyy-mm-dd: her
 * history would then end her before it reinstates her, and the period's movement count her twice),
 * no reason. The day to store when nothing is.
 */
export function endingProblems(
  input: { status: MemberStatus; date: string; reason: string },
  record: Partial<DatedRecord> & { status: MemberStatus },
  def: OrganizationDefinition,
  evidenced: boolean,
  activeAgain: string | null = null,
): { problems: FieldProblem[]; date: string | null } {
  const problems: FieldProblem[] = [];
  if (!MEMBER_STATUS_INFO[input.status].ends)
    problems.push(problem('status', input.status, `không phải trạng thái kết thúc; dùng một trong: ${ENDING_STATUSES.join(', ')}`));
  if (MEMBER_STATUS_INFO[record.status].ends)
    problems.push(problem('status', record.status, `hồ sơ đã kết thúc (${MEMBER_STATUS_INFO[record.status].label})`));
  const refusal = statusRefusal(def, input.status);
  if (refusal) problems.push(problem('status', input.status, refusal));
  const ended = parseEndDate(input.date, evidenced ? {} : record);
  if (!ended.ok) problems.push({ field: 'date', value: input.date, message: ended.reason });
  else if (activeAgain && ended.value < activeAgain) {
    const [shown, back] = [formatVnDay(ended.value), formatVnDay(activeAgain)];
    problems.push({
      field: 'date',
      value: input.date,
      message: `Ngày kết thúc ${shown} trước ngày cho sinh hoạt lại ${back}: ghi ngày từ ${back} trở đi (việc xảy ra trước khi cho sinh hoạt lại thì lần cho sinh hoạt lại là nhầm; ngày thật ghi vào lý do)`,
    });
  }
  if (!input.reason.trim()) problems.push(problem('reason', input.reason, 'cần ghi lý do'));
  return { problems, date: ended.ok ? ended.value : null };
}

/**
 * The day a membership ended (endMembership's `date`), as the day to store. A full day only: the
 * history keeps a day and no precision beside it (`membership_event.effective_date`), so a month or a
 * year alone is refused with what to type instead, not stored as if it were the 1st. Never before the
 * record's join date, when that is known (a year or a month alone: before its first day); never after today.
 */
export function parseEndDate(input: string, record: Partial<DatedRecord>, today = todayInVietnam()): Parsed<string> {
  const typed = input.trim();
  const any = parsePartialDate(typed, ANY_PRECISION);
  if (!any.ok) {
    const day = parsePartialDate(typed);
    return refuse(`Ngày kết thúc: ${day.ok ? any.reason : day.reason}`);
  }
  const d = any.value;
  if (d.precision !== 'DAY') {
    const missing = d.precision === 'MONTH' ? 'thiếu ngày' : 'thiếu ngày và tháng';
    const example = formatVnPartialDate({ year: d.year, month: d.month ?? 1, day: 1, precision: 'DAY' });
    return refuse(`Ngày kết thúc '${typed}' ${missing}: nhập đủ ngày/tháng/năm, ví dụ ${example}`);
  }
  const stored = toStoredDate(d);
  // A membership is ended when it has ended: a day to come is a slip (a year typed wrong) or a plan, not a record.
  if (stored > today)
    return refuse(
      `Ngày kết thúc ${formatVnPartialDate(d)} ở tương lai (hôm nay ${today.split('-').reverse().join('/')}): chỉ ghi kết thúc sinh hoạt khi việc đã xảy ra`,
    );
  const joined = recordDate(record, 'joinDate');
  if (joined && stored < toStoredDate(joined))
    return refuse(
      `Ngày kết thúc ${formatVnPartialDate(d)} trước ngày vào tổ chức ${formatVnPartialDate(joined)}: kiểm tra lại ngày kết thúc (hoặc sửa ngày vào trong hồ sơ)`,
    );
  return ok(stored);
}

/** The day a record was last let back in after an ending (yyyy-mm-dd), from its history; null: never. */
export async function lastReinstated(em: EntityManager, recordId: string): Promise<string | null> {
  const [row] = await em.query<{ day: string | null }[]>(
    `SELECT to_char(max(effective_date), 'YYYY-MM-DD') AS day FROM membership_event WHERE record_id = $1 AND from_status = ANY($2::varchar[])`,
    [recordId, ENDING_STATUSES],
  );
  return row?.day ?? null;
}

/**
 * The day a status change of `updateMemberRecord` took effect (its `statusDate`: the day she came
 * back, or was suspended): a full day, not to come, and not before the record's last status change —
 * she cannot come back before she left. None typed: today. A day with no status change is refused:
 * there is nothing for it to date.
 */
export async function statusChangeDay(
  em: EntityManager,
  recordId: string,
  typed: string | null | undefined,
  changes: boolean,
  today = todayInVietnam(),
): Promise<{ day: string; problem?: FieldProblem }> {
  const text = typed?.trim();
  if (!text) return { day: today };
  const refused = (message: string) => ({ day: today, problem: { field: 'statusDate', value: text, message } });
  if (!changes) return refused('Chỉ ghi ngày có hiệu lực khi đổi trạng thái sinh hoạt');
  const d = parsePartialDate(text);
  if (!d.ok) return refused(`Ngày có hiệu lực: ${d.reason}`);
  const day = toStoredDate(d.value);
  if (day > today)
    return refused(`Ngày có hiệu lực ${formatVnDay(day)} ở tương lai (hôm nay ${formatVnDay(today)}): chỉ ghi khi việc đã xảy ra`);
  const [last] = await em.query<{ day: string | null }[]>(
    `SELECT to_char(max(effective_date), 'YYYY-MM-DD') AS day FROM membership_event WHERE record_id = $1 AND to_status IS NOT NULL AND from_status IS NOT NULL`,
    [recordId],
  );
  if (last?.day && day < last.day)
    return refused(
      `Ngày có hiệu lực ${formatVnDay(day)} trước lần đổi trạng thái trước (${formatVnDay(last.day)}): ghi ngày từ ${formatVnDay(last.day)} trở đi`,
    );
  return { day };
}
