import type { EntityManager } from 'typeorm';
import { REPORT_TIME_ZONE, type Period } from '../../common/dates/period.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';

/** The day an event (alias `a`) took effect: its decision date, or the day it was recorded in Vietnam. */
export const eventDayOf = (a: string): string =>
  `coalesce(${a}.effective_date, (${a}.recorded_at AT TIME ZONE '${REPORT_TIME_ZONE}')::date)`;
/** The day the event `e` took effect. */
export const EVENT_DAY = eventDayOf('e');

/**
 * The unit `member_record r` was in on a day (SQL `day`): the one its latest move within the organization by then took
 * it to; before any move, the one its first move took it from; never moved, the one it is in now.
 */
export const unitOnDay = (day: string): string => {
  const moves = `FROM membership_event m WHERE m.record_id = r.id AND m.kind = 'TRANSFERRED'`;
  return `coalesce((SELECT m.to_unit_id ${moves} AND ${eventDayOf('m')} <= ${day} ORDER BY ${eventDayOf('m')} DESC, m.recorded_at DESC LIMIT 1),
                   (SELECT m.from_unit_id ${moves} ORDER BY ${eventDayOf('m')}, m.recorded_at LIMIT 1), r.unit_id)`;
};

/**
 * Which of a record's status events (`e`) by a day says its status then: the latest by the day it took
 * effect — but a listing without a join date (ADMITTED, undated: an import of a roster kept before) never
 * over a dated event. She died on 02/07 and was imported on 07/12: dead since 02/07, not a member again
 * from her listing's day.
 */
const LATEST_STATUS = `(e.kind = 'ADMITTED' AND e.effective_date IS NULL), ${EVENT_DAY} DESC, e.recorded_at DESC`;

/** An ENDED event `e` still standing: not taken back as a mistake (membership's mistaken-ending.ts), which counts as no departure. */
export const STANDING_ENDING = `NOT EXISTS (SELECT 1 FROM membership_event v WHERE v.voids = e.id)`;

/** The day the figures are as of, and whether the period was over (then the history, not today's status, says who was ACTIVE). */
export interface AsOf {
  day: string;
  final: boolean;
}

/** The record's status by the day (its latest status-bearing event, `st`), or, with no history at all, its status now if it existed by `$p+1`. */
const activeBy = (p: number, st: string) => `coalesce(${st}.to_status,
         CASE WHEN r.created_at < $${p + 1} AND NOT EXISTS (SELECT 1 FROM membership_event x WHERE x.record_id = r.id) THEN r.status END
       ) = 'ACTIVE'`;

/**
 * Whether `member_record r` was ACTIVE on an ended period's last day (`$p`; the period's end is
 * `$p+1`): its latest status-bearing event by then — one pass over the history, joined once, not a
 * lookup per record; a record without any history counts as it is now, if it existed by then.
 */
export function activeAtEnd(p: number): { join: string; active: string } {
  return {
    join: `LEFT JOIN (SELECT DISTINCT ON (e.record_id) e.record_id, e.to_status FROM membership_event e
                   WHERE e.to_status IS NOT NULL AND ${EVENT_DAY} <= $${p}::date
                   ORDER BY e.record_id, ${LATEST_STATUS}) st ON st.record_id = r.id`,
    active: activeBy(p, 'st'),
  };
}

/**
 * The same rule for a few records (one secretariat's roster): each record's history looked up by
 * its index instead of one pass over the province's. `st` names the lookup (two days, two names).
 */
export function activeOnDay(p: number, st: string): { join: string; active: string } {
  return {
    join: `LEFT JOIN LATERAL (SELECT e.to_status FROM membership_event e
                   WHERE e.record_id = r.id AND e.to_status IS NOT NULL AND ${EVENT_DAY} <= $${p}::date
                   ORDER BY ${LATEST_STATUS} LIMIT 1) ${st} ON true`,
    active: activeBy(p, st),
  };
}

/**
 * Every ACTIVE membership at the day, in the temporary table `rep` (id, org, commune, who — its
 * person —, ao and reasons — its suspicion —, no_id, in_area), and in `rep_people` each person of
 * the area with the organizations they are ACTIVE in anywhere in the province. Every count reads
 * these two tables; both are dropped at commit.
 */
export async function snapshotMemberships(em: EntityManager, period: Period, when: AsOf, area: ReportingArea): Promise<void> {
  const cond = area.condition(1);
  const p = cond.params.length + 1;
  // While the period runs, the records' own status is the truth; once it is over, the status at its
  // last day comes from the dated history.
  const ended = activeAtEnd(p);
  const history = when.final ? ended.join : '';
  const active = when.final ? ended.active : `r.status = 'ACTIVE'`;
  const params = when.final ? [...cond.params, when.day, period.end] : cond.params;
  await em.query(`DROP TABLE IF EXISTS rep`);
  await em.query(
    `CREATE TEMP TABLE rep ON COMMIT DROP AS
     SELECT r.id, r.organization_code AS org, r.commune_code AS commune, coalesce(p.person_id, r.id) AS who,
            coalesce(p.ao, false) AS ao, coalesce(p.ao_reasons, '{}') AS reasons, r.id_number_hash IS NULL AS no_id,
            (${cond.sql}) AS in_area
       FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id ${history}
      WHERE ${active}`,
    params,
  );
  await em.query(`ANALYZE rep`);
  await em.query(`DROP TABLE IF EXISTS rep_people`);
  await em.query(
    `CREATE TEMP TABLE rep_people ON COMMIT DROP AS
     SELECT who, array_agg(DISTINCT org ORDER BY org) AS orgs FROM rep
      WHERE who IN (SELECT who FROM rep WHERE in_area) GROUP BY who`,
  );
}
