// A secretariat's report of her roster's movement over a period (báo cáo tăng, giảm hội viên), by
// unit, as she files it each quarter or year: members at the start, admitted, ended by reason,
// members at the end. Counts only: nothing personal. Each count is by the unit the record was in on
// its day (its history's moves): a move between her units within the period is one unit's "other out"
// and the other's "other in", and an ended period's rows stay as they were filed.
import { VIETNAMESE_ORDER } from '../../common/text/vietnamese-text.js';
import type { DataSource } from 'typeorm';
import { scopeWhere, type RecordScope } from '../../access/record-scope.js';
import type { Period } from '../../common/dates/period.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import { activeOnDay, EVENT_DAY, STANDING_ENDING, unitOnDay } from '../counting/memberships-snapshot.js';

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
  moved_out: number;
  moved_in: number;
  /** Of `moved_out`, to a unit the report does not cover: a decrease by transfer (chuyển sinh hoạt đi). */
  moved_away: number;
}

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
  // The records by organization; the scope and the unit asked for by the unit each count is of (`u`, of that day).
  const params: unknown[] = [organization, period.firstDay, last];
  /** The units the report covers, as a condition on the unit alias `u` (its parameters added to `to`). */
  const within = (u: string, to: unknown[], asked: string | null) => {
    const inScope: string[] = [];
    scopeWhere(scope, inScope, to, { organization: '$1::varchar', unitPath: `${u}.path` });
    if (asked) inScope.push(`${u}.path LIKE $${to.push(`${asked}%`)}`);
    return inScope.length ? inScope.join(' AND ') : 'true';
  };
  const scoped = within('u', params, unitPath);
  // A move out of the caller's scope (another commune's unit) is a decrease by transfer; between her own units, "other".
  const counting = [...params];
  const covered = within('uu', counting, null);
  const start = activeOnDay(counting.length + 1, 's0');
  const end = activeOnDay(counting.length + 3, 's1');
  const [s0, s1] = [`$${counting.length + 1}::date`, `$${counting.length + 3}::date`];
  const counted = await db.query<Counted[]>(
    `WITH rec AS (
       SELECT ${start.active} AS a0, ${end.active} AS a1,
              (r.join_date BETWEEN $2::date AND $3::date AND r.status <> '${MemberStatus.TEMPORARY}') AS admitted,
              ${unitOnDay(s0)} AS u0, ${unitOnDay(s1)} AS u1, ${unitOnDay('r.join_date')} AS uj
         FROM member_record r ${start.join} ${end.join}
        WHERE r.organization_code = $1 AND r.erased_at IS NULL),
     per AS (SELECT u0 AS unit_id, 1 AS a0, 0 AS adm, 0 AS a1, 0 AS mout, 0 AS min, 0 AS away FROM rec WHERE a0
             UNION ALL SELECT uj, 0, 1, 0, 0, 0, 0 FROM rec WHERE admitted
             UNION ALL SELECT u1, 0, 0, 1, 0, 0, 0 FROM rec WHERE a1
             -- A member at both ends, moved between units: out of one, into the other (away: to a unit not covered).
             UNION ALL SELECT u0, 0, 0, 0, 1, 0, CASE WHEN EXISTS (SELECT 1 FROM unit uu WHERE uu.id = rec.u1 AND ${covered}) THEN 0 ELSE 1 END
                         FROM rec WHERE a0 AND a1 AND u0 IS DISTINCT FROM u1
             UNION ALL SELECT u1, 0, 0, 0, 0, 1, 0 FROM rec WHERE a0 AND a1 AND u0 IS DISTINCT FROM u1)
     SELECT u.code AS unit_code, u.name AS unit_name, c.name AS commune_name,
            sum(per.a0)::int AS at_start, sum(per.adm)::int AS admitted, sum(per.a1)::int AS at_end,
            sum(per.mout)::int AS moved_out, sum(per.min)::int AS moved_in, sum(per.away)::int AS moved_away
       FROM per LEFT JOIN unit u ON u.id = per.unit_id LEFT JOIN commune c ON c.code = u.commune_code
      WHERE ${scoped}
      GROUP BY 1, 2, 3`,
    [...counting, dayBefore(period.firstDay), period.start, last, period.end],
  );
  const ended = await db.query<{ unit_code: string | null; status: string; n: number }[]>(
    `SELECT u.code AS unit_code, x.status, count(DISTINCT x.id)::int AS n
       FROM (SELECT r.id, e.to_status AS status, ${unitOnDay(EVENT_DAY)} AS unit_id
               FROM membership_event e JOIN member_record r ON r.id = e.record_id
              WHERE e.kind = 'ENDED' AND ${STANDING_ENDING} AND ${EVENT_DAY} BETWEEN $2::date AND $3::date
                AND r.organization_code = $1 AND r.erased_at IS NULL) x
       LEFT JOIN unit u ON u.id = x.unit_id
      WHERE ${scoped}
      GROUP BY 1, 2`,
    params,
  );
  return { lastDay: last, rows: movementRows(counted, ended) };
}

/** The rows as she files them, from the counts by unit and the endings by unit and status: each row adds up. Pure. */
function movementRows(counted: Counted[], ended: { unit_code: string | null; status: string; n: number }[]): MovementRow[] {
  return (
    counted
      // The records in no unit last, under the units.
      .sort(
        (a, b) =>
          Number(a.unit_name === null) - Number(b.unit_name === null) ||
          VIETNAMESE_ORDER.compare(a.unit_name ?? '', b.unit_name ?? '') ||
          VIETNAMESE_ORDER.compare(a.commune_name ?? '', b.commune_name ?? ''),
      )
      .map((c) => {
        const mine: Record<string, number> = Object.fromEntries(
          ended.filter((e) => e.unit_code === c.unit_code).map((e) => [e.status, e.n]),
        );
        // Transferred to another commune's unit: gone from hers by transfer, as an ending would be (the record lives on there).
        if (c.moved_away) mine[MemberStatus.TRANSFERRED] = (mine[MemberStatus.TRANSFERRED] ?? 0) + c.moved_away;
        const gone = Object.values(mine).reduce((s, n) => s + n, 0);
        const movedOut = c.moved_out - c.moved_away;
        // What else, once the moves between her units are counted as such (never netted against a return or a listing).
        const other = c.at_end - c.at_start - c.admitted + gone - c.moved_in + movedOut;
        return {
          unitCode: c.unit_code,
          unitName: c.unit_name,
          communeName: c.commune_name,
          atStart: c.at_start,
          admitted: c.admitted,
          ended: mine,
          otherIn: Math.max(other, 0) + c.moved_in,
          otherOut: Math.max(-other, 0) + movedOut,
          atEnd: c.at_end,
        };
      })
      .filter((r) => r.atStart || r.atEnd || r.admitted || r.otherOut || Object.keys(r.ended).length)
  );
}
