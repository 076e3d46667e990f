import { parsePeriod } from '../../common/dates/period.js';
import { reachView, type CommuneReach } from '../figures/commune-report.js';
import type { OrgCountSplit } from '../figures/report-figures.js';
import type { CommuneReportView } from '../reading/commune-reports.js';
import { periodEnded } from '../report-basis.js';
import type { ReportSnapshot } from '../report.entities.js';

/** A stored period as the dashboard shows it: a scope's own report, or a commune's part of the province's. */
export interface StoredPeriod {
  period: string;
  asOfDay: string;
  totals: {
    memberships: number;
    people: number | null;
    peopleNotSuspected: number | null;
    suspectedPhantoms: number;
    joiners: number;
    leavers: number;
    /** Phantoms struck off in the period (joiners-leavers.ts `Move.struck`); null in a report stored before it was kept. */
    struck: number | null;
    /** Counted as the live figure is (memberships anywhere): absent for a commune's part of a report. */
    peopleInSeveralOrgs?: number;
  };
  /** As `peopleInSeveralOrgs`. */
  peopleByOrgCount?: OrgCountSplit;
  organizations: { code: string; reach: CommuneReach }[];
}

export function fromSnapshot(s: ReportSnapshot): StoredPeriod & { ended: boolean } {
  const t = s.data.totals;
  return {
    period: s.period,
    asOfDay: s.asOfDay,
    ended: periodEnded(s),
    totals: { ...t, peopleNotSuspected: t.peopleNotSuspected ?? null, struck: t.struck ?? null },
    peopleByOrgCount: s.data.peopleByOrgCount,
    organizations: s.data.organizations.map((o) => ({ code: o.code, reach: reachView(o.reach) })),
  };
}

/**
 * An organization's row of a province report, as its own stored period (an organization needs no report of its own,
 * as a commune needs none); the people not suspected are the province's figure only, so none.
 */
export function fromOrganizationRow(s: ReportSnapshot, organization: string): (StoredPeriod & { ended: boolean }) | null {
  const o = s.data.organizations.find((x) => x.code === organization);
  if (!o) return null;
  const { memberships, people, suspectedPhantoms, joiners, leavers, struck = null } = o;
  return {
    period: s.period,
    asOfDay: s.asOfDay,
    ended: periodEnded(s),
    totals: { memberships, people, peopleNotSuspected: null, suspectedPhantoms, joiners, leavers, struck },
    organizations: [{ code: o.code, reach: reachView(o.reach) }],
  };
}

export function fromCommuneReport(v: CommuneReportView): StoredPeriod & { ended: boolean } {
  const { peopleInSeveralOrgs: _inCommune, ...totals } = v.totals;
  return { period: v.period, asOfDay: v.asOf, ended: v.ended, totals, organizations: v.organizations };
}

/**
 * The stored periods that were over when computed (figures as of their last day), of the newest
 * one's kind, newest first: what "now" is compared with (the console's dashboard does the same).
 * The running period's report is "now" again: compared with it, nothing ever changes.
 */
export function endedPeriods(periods: (StoredPeriod & { ended: boolean })[]): StoredPeriod[] {
  const ended = periods.filter((p) => p.ended);
  const kind = ended[0] && parsePeriod(ended[0].period).kind;
  return ended.filter((r) => parsePeriod(r.period).kind === kind);
}
