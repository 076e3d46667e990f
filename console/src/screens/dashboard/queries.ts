import { graphql, type ResultOf } from '../../graphql.ts';

export const LIVE = graphql(`
  query DashboardLive($scope: String) {
    liveFigures(scope: $scope) {
      scope
      scopeLabel
      asOf
      memberships
      people
      peopleNotSuspected
      peopleNotSuspectedNote
      suspectedPhantoms
      confirmedPhantoms
      peopleByOrgCount {
        one
        two
        three
        fourOrMore
      }
      phantomsByReason {
        reason
        label
        records
      }
    }
  }
`);

export const COMMUNE_FIGURES = graphql(`
  query DashboardCommunes($scope: String) {
    liveCommunes(scope: $scope) {
      asOf
      communes {
        code
        name
        memberships
        people
        peopleNotSuspected
        suspectedPhantoms
      }
    }
  }
`);

export const OVERLAP = graphql(`
  query DashboardOverlap($scope: String!) {
    overlap(scope: $scope) {
      matrix {
        a
        b
        persons
      }
    }
  }
`);

export const STORED = graphql(`
  query DashboardReports($scope: String) {
    reports(scope: $scope, first: 40) {
      id
      period
      periodLabel
      asOf
      totals {
        memberships
        people
        suspectedPhantoms
        joiners
        leavers
      }
      organizations {
        code
        name
        reach {
          known
          label
          eligible
          reached
          rate
          why
        }
      }
    }
    organizations {
      code
      name
    }
  }
`);

export type Live = ResultOf<typeof LIVE>['liveFigures'];
export type StoredReport = ResultOf<typeof STORED>['reports'][number];
export type CommuneFigures = ResultOf<typeof COMMUNE_FIGURES>['liveCommunes']['communes'][number];

/** `2026-11` month, `2026-Q4` quarter, `2026` year. */
const kindOf = (period: string) => (period.includes('Q') ? 'Q' : period.length === 4 ? 'Y' : 'M');

/** The last day of a period, ISO: `2026-11` → 2026-11-30, `2026-Q4` → 2026-12-31, `2026` → 2026-12-31. */
export function periodLastDay(period: string): string {
  const [year, part = ''] = period.split('-');
  const lastMonth = part.startsWith('Q') ? Number(part.slice(1)) * 3 : part ? Number(part) : 12;
  const day = new Date(Date.UTC(Number(year), lastMonth, 0)).getUTCDate();
  return `${year}-${String(lastMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The stored periods of one kind (the newest ended report's: monthly, quarterly or yearly), oldest first:
 * the trend, and the period the live figures are compared with (its last). Only periods over when their
 * report was computed (figures as of their last day): the running period's report is "now" again, and
 * comparing now with it says nothing about the quarter before.
 */
export function storedPeriods(reports: StoredReport[]): StoredReport[] {
  const ended = reports.filter((r) => r.asOf === periodLastDay(r.period));
  if (!ended.length) return [];
  const kind = kindOf(ended[0].period);
  return ended
    .filter((r) => kindOf(r.period) === kind)
    .slice(0, 8)
    .reverse();
}
