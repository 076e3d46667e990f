import type { EntityManager } from 'typeorm';
import { REPORT_TIME_ZONE, type Period } from '../../common/dates/period.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import { EVENT_DAY, STANDING_ENDING } from './memberships-snapshot.js';

/** Joiners and leavers of one organization in one commune. */
export interface Move {
  org: string;
  commune: string | null;
  joiners: number;
  leavers: number;
  /**
   * Records whose phantom warning was confirmed within the period (flags.service.ts `resolve`, or ended as dead while
   * flagged dead): the review's phantoms struck off, by the day of the decision — their membership ends on the day its
   * reason took effect (a death a year ago), so they are not always among the period's leavers. Each record once.
   */
  struck: number;
}

/**
 * Admitted (join date, else the day entered; never a temporary listing, sinh hoạt tạm thời: that
 * person was admitted elsewhere, and the listing is not in số lượt either) and ended (an ENDED event) within the period up to the
 * day, by organization and commune; and the area's member records (not erased), counted in the
 * same pass over `member_record` (issue 19: one pass fewer at a province's million).
 */
export async function joinersAndLeavers(
  em: EntityManager,
  period: Period,
  day: string,
  area: ReportingArea,
): Promise<{ moves: Move[]; records: number }> {
  const cond = area.condition(3);
  // Every (organization, commune) of the area's records, so that each leaver's (and each struck off) is among them.
  const counted = await em.query<(Move & { records: number })[]>(
    `WITH j AS (
       SELECT r.organization_code AS org, r.commune_code AS commune,
              count(*) FILTER (WHERE coalesce(r.join_date, (r.created_at AT TIME ZONE '${REPORT_TIME_ZONE}')::date)
                                       BETWEEN $1::date AND $2::date AND r.status <> '${MemberStatus.TEMPORARY}')::int AS n,
              count(*) FILTER (WHERE r.erased_at IS NULL)::int AS records
         FROM member_record r WHERE ${cond.sql}
        GROUP BY 1, 2),
     l AS (
       SELECT r.organization_code AS org, r.commune_code AS commune, count(DISTINCT r.id)::int AS n
         FROM membership_event e JOIN member_record r ON r.id = e.record_id
        WHERE e.kind = 'ENDED' AND ${STANDING_ENDING} AND ${EVENT_DAY} BETWEEN $1::date AND $2::date AND ${cond.sql}
        GROUP BY 1, 2),
     s AS (
       SELECT r.organization_code AS org, r.commune_code AS commune, count(DISTINCT r.id)::int AS n
         FROM flag_resolution x JOIN member_record r ON r.id = x.record_id
        WHERE x.resolution = 'CONFIRMED' AND (x.resolved_at AT TIME ZONE '${REPORT_TIME_ZONE}')::date BETWEEN $1::date AND $2::date
          AND ${cond.sql}
        GROUP BY 1, 2)
     SELECT j.org, j.commune, j.n AS joiners, coalesce(l.n, 0) AS leavers, coalesce(s.n, 0) AS struck, j.records
       FROM j LEFT JOIN l ON l.org = j.org AND l.commune IS NOT DISTINCT FROM j.commune
              LEFT JOIN s ON s.org = j.org AND s.commune IS NOT DISTINCT FROM j.commune`,
    [period.firstDay, day, ...cond.params],
  );
  return {
    moves: counted
      .filter((m) => m.joiners > 0 || m.leavers > 0 || m.struck > 0)
      .map(({ org, commune, joiners, leavers, struck }) => ({ org, commune, joiners, leavers, struck })),
    records: counted.reduce((s, m) => s + m.records, 0),
  };
}

/** The joiners, the leavers and the phantoms struck off, summed (of one organization, or all). */
export const sumMoves = (moves: Move[]): { joiners: number; leavers: number; struck: number } => ({
  joiners: moves.reduce((s, x) => s + x.joiners, 0),
  leavers: moves.reduce((s, x) => s + x.leavers, 0),
  struck: moves.reduce((s, x) => s + x.struck, 0),
});
