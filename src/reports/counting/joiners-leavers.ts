import type { EntityManager } from 'typeorm';
import { REPORT_TIME_ZONE, type Period } from '../../common/dates/period.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import { EVENT_DAY } from './memberships-snapshot.js';

/** Joiners and leavers of one organization in one commune. */
export interface Move {
  org: string;
  commune: string | null;
  joiners: number;
  leavers: number;
}

/** Admitted (join date, else the day entered) and ended (an ENDED event) within the period up to the day, by organization and commune. */
export async function joinersAndLeavers(em: EntityManager, period: Period, day: string, area: ReportingArea): Promise<Move[]> {
  const cond = area.condition(3);
  return em.query(
    `WITH j AS (
       SELECT r.organization_code AS org, r.commune_code AS commune, count(*)::int AS n FROM member_record r
        WHERE coalesce(r.join_date, (r.created_at AT TIME ZONE '${REPORT_TIME_ZONE}')::date) BETWEEN $1::date AND $2::date AND ${cond.sql}
        GROUP BY 1, 2),
     l AS (
       SELECT r.organization_code AS org, r.commune_code AS commune, count(DISTINCT r.id)::int AS n
         FROM membership_event e JOIN member_record r ON r.id = e.record_id
        WHERE e.kind = 'ENDED' AND ${EVENT_DAY} BETWEEN $1::date AND $2::date AND ${cond.sql}
        GROUP BY 1, 2)
     SELECT coalesce(j.org, l.org) AS org, coalesce(j.commune, l.commune) AS commune, coalesce(j.n, 0) AS joiners, coalesce(l.n, 0) AS leavers
       FROM j FULL JOIN l ON l.org = j.org AND l.commune IS NOT DISTINCT FROM j.commune`,
    [period.firstDay, day, ...cond.params],
  );
}

/** The joiners and leavers summed (of one organization, or all). */
export const sumMoves = (moves: Move[]): { joiners: number; leavers: number } => ({
  joiners: moves.reduce((s, x) => s + x.joiners, 0),
  leavers: moves.reduce((s, x) => s + x.leavers, 0),
});
