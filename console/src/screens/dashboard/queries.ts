import { graphql, type ResultOf } from '../../graphql.ts';

export const LIVE = graphql(`
  query DashboardLive($scope: String) {
    liveFigures(scope: $scope) {
      scope
      scopeLabel
      asOf
      linkedAt
      memberships
      people
      peopleNotSuspected
      peopleNotSuspectedLabel
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
        peopleInSeveralOrgs
        suspectedPhantoms
      }
    }
  }
`);

export const UNIT_FIGURES = graphql(`
  query DashboardUnits($scope: String) {
    liveUnits(scope: $scope) {
      units {
        code
        name
        own
        label
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
      ended
      final
      totals {
        memberships
        people
        peopleNotSuspected
        suspectedPhantoms
        joiners
        leavers
        struck
      }
      organizations {
        code
        name
        memberships
        people
        suspectedPhantoms
        joiners
        leavers
        struck
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
      abbreviation
      hasIndividualMembers
    }
  }
`);

/** A commune's part of each stored report (its own, or the province's): a commune needs no report of its own. */
export const COMMUNE_STORED = graphql(`
  query DashboardCommuneReports($commune: String!) {
    communeReports(commune: $commune, first: 40) {
      reportId
      scope
      period
      periodLabel
      asOf
      ended
      final
      totals {
        memberships
        people
        peopleNotSuspected
        suspectedPhantoms
        joiners
        leavers
        struck
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
  }
`);

export type Live = ResultOf<typeof LIVE>['liveFigures'];
export type StoredReport = ResultOf<typeof STORED>['reports'][number];
export type CommuneStored = ResultOf<typeof COMMUNE_STORED>['communeReports'][number];
/** A stored period as the dashboard shows it: a scope's report, or a commune's part of one. */
export type StoredPeriod = StoredReport | CommuneStored;
export type CommuneFigures = ResultOf<typeof COMMUNE_FIGURES>['liveCommunes']['communes'][number];
export type UnitFigures = ResultOf<typeof UNIT_FIGURES>['liveUnits']['units'][number];

/**
 * An organization's row of each stored province report, as its own periods (an organization needs no report of its
 * own, as a commune needs none): its memberships, people, suspects, joiners, leavers and reach; the people not suspected
 * are the province's figure only, so none.
 */
export function organizationPart(reports: StoredReport[], organization: string): CommuneStored[] {
  return reports.flatMap((r) => {
    const o = r.organizations.find((x) => x.code === organization);
    if (!o) return [];
    const { memberships, people, suspectedPhantoms, joiners, leavers, struck } = o;
    return [
      {
        reportId: r.id,
        scope: 'province',
        period: r.period,
        periodLabel: r.periodLabel,
        asOf: r.asOf,
        ended: r.ended,
        final: r.final,
        totals: { memberships, people, peopleNotSuspected: null, suspectedPhantoms, joiners, leavers, struck },
        organizations: [{ code: o.code, name: o.name, reach: o.reach }],
      },
    ];
  });
}

/** `2026-11` month, `2026-Q4` quarter, `2026` year. */
const kindOf = (period: string) => (period.includes('Q') ? 'Q' : period.length === 4 ? 'Y' : 'M');

/**
 * The stored periods of one kind (the newest ended report's: monthly, quarterly or yearly), oldest first:
 * the trend, and the period the live figures are compared with (its last). Only periods over when their
 * report was computed (the server's `ended`): the running period's report is "now" again.
 */
export function storedPeriods<R extends StoredPeriod>(reports: R[]): R[] {
  const ended = reports.filter((r) => r.ended);
  if (!ended.length) return [];
  const kind = kindOf(ended[0].period);
  return ended
    .filter((r) => kindOf(r.period) === kind)
    .slice(0, 8)
    .reverse();
}
