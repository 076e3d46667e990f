// A secretariat's report of her roster's movement over a period (báo cáo tăng, giảm hội viên), by
// unit, as she files it each quarter or year: members at the start, admitted, ended by reason,
// members at the end. Counts only: nothing personal. A unit's row counts the records it holds now
// (a move between her units within the period shows in neither).
import type { DataSource } from 'typeorm';
import { scopeWhere, type RecordScope } from '../../access/record-scope.js';
import type { Period } from '../../common/dates/period.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import { activeOnDay, EVENT_DAY, STANDING_ENDING } from '../counting/memberships-snapshot.js';

export interface MovementRow {
  /** Null: the records in no unit. */
  unitCode: string | null;
  unitName: string | null;
  /** The unit's commune (namesake units of two communes told apart). */
  communeName: string | null;
  /** Members (ACTIVE) on the day before the period. */
  atStart: number;
  /** Admitted within the period, by their join date (a record whose join date is not known is not counted here). */
  admitted: number;
  /** Ended within the period (by the day it took effect), by the status it ended with. */
  ended: Record<string, number>;
  /** What else came in or went out, so that the row adds up: listed without a join date, reinstated, suspended, moved between units… */
  otherIn: number;
  otherOut: number;
  /** Members (ACTIVE) on the period's last day. */
  atEnd: number;
}

interface Counted {
  unit_code: string | null;
  unit_name: string | null;
  commune_name: string | null;
  at_start: number;
  admitted: number;
  at_end: number;
}

/** Thôn 2 before Thôn 10, Đ after D. */
const VIETNAMESE = new Intl.Collator('vi', { numeric: true });

/** The day before an ISO day. */
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The movement of an organization's roster within the caller's scope (and under `unitPath`, when
 * given) over a period: one row per unit that holds records, by name as Vietnamese lists sort (no unit last). A period still
 * running counts up to today (`lastDay`).
 */
export async function memberMovement(
  db: DataSource,
  organization: string,
  scope: RecordScope,
  unitPath: string | null,
  period: Period,
  today: string,
): Promise<{ lastDay: string; rows: MovementRow[] }> {
  const last = period.lastDay < today ? period.lastDay : today;
  const where = ['r.organization_code = $1', 'r.erased_at IS NULL'];
  const params: unknown[] = [organization, period.firstDay, last];
  scopeWhere(scope, where, params);
  if (unitPath) where.push(`u.path LIKE $${params.push(`${unitPath}%`)}`);
  const start = activeOnDay(params.length + 1, 's0');
  const end = activeOnDay(params.length + 3, 's1');
  const counted = await db.query<Counted[]>(
    `SELECT u.code AS unit_code, u.name AS unit_name, c.name AS commune_name,
            count(*) FILTER (WHERE ${start.active})::int AS at_start,
            count(*) FILTER (WHERE r.join_date BETWEEN $2::date AND $3::date AND r.status <> '${MemberStatus.TEMPORARY}')::int AS admitted,
            count(*) FILTER (WHERE ${end.active})::int AS at_end
       FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN commune c ON c.code = u.commune_code ${start.join} ${end.join}
      WHERE ${where.join(' AND ')}
      GROUP BY 1, 2, 3`,
    [...params, dayBefore(period.firstDay), period.start, last, period.end],
  );
  const ended = await db.query<{ unit_code: string | null; status: string; n: number }[]>(
    `SELECT u.code AS unit_code, e.to_status AS status, count(DISTINCT r.id)::int AS n
       FROM membership_event e JOIN member_record r ON r.id = e.record_id LEFT JOIN unit u ON u.id = r.unit_id
      WHERE e.kind = 'ENDED' AND ${STANDING_ENDING} AND ${EVENT_DAY} BETWEEN $2::date AND $3::date AND ${where.join(' AND ')}
      GROUP BY 1, 2`,
    params,
  );
  const rows = counted
    // The records in no unit last, under the units.
    .sort(
      (a, b) =>
        Number(a.unit_name === null) - Number(b.unit_name === null) ||
        VIETNAMESE.compare(a.unit_name ?? '', b.unit_name ?? '') ||
        VIETNAMESE.compare(a.commune_name ?? '', b.commune_name ?? ''),
    )
    .map((c) => {
      const mine = Object.fromEntries(ended.filter((e) => e.unit_code === c.unit_code).map((e) => [e.status, e.n]));
      const gone = Object.values(mine).reduce((s, n) => s + n, 0);
      const other = c.at_end - c.at_start - c.admitted + gone;
      return {
        unitCode: c.unit_code,
        unitName: c.unit_name,
        communeName: c.commune_name,
        atStart: c.at_start,
        admitted: c.admitted,
        ended: mine,
        otherIn: Math.max(other, 0),
        otherOut: Math.max(-other, 0),
        atEnd: c.at_end,
      };
    })
    .filter((r) => r.atStart || r.atEnd || r.admitted || r.otherOut || Object.keys(r.ended).length);
  return { lastDay: last, rows };
}
