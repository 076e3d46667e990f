import type { OrganizationFigures, ReportData } from '../../src/reports/figures/report-figures.js';

/** A report's figures for a pure test: all zero and empty, with what the test says of them. */
export function reportData(patch: Partial<ReportData> = {}): ReportData {
  return {
    totals: {
      memberships: 0,
      people: 0,
      peopleInSeveralOrgs: 0,
      suspectedPhantoms: 0,
      duplicateRecords: 0,
      withoutIdNumber: 0,
      joiners: 0,
      leavers: 0,
    },
    peopleByOrgCount: { one: 0, two: 0, threeOrMore: 0 },
    organizations: [],
    overlap: [],
    phantomsByReason: {},
    register: { communes: 0, residents: 0 },
    linkRun: null,
    ...patch,
  };
}

/** One organization's figures in a report, all zero, with what the test says of them. */
export function organizationFigures(code: string, patch: Partial<OrganizationFigures> = {}): OrganizationFigures {
  return {
    code,
    name: code,
    memberships: 0,
    people: 0,
    duplicateRecords: 0,
    withoutIdNumber: 0,
    suspectedPhantoms: 0,
    phantomsByReason: {},
    joiners: 0,
    leavers: 0,
    peopleByOrgCount: { one: 0, two: 0, threeOrMore: 0 },
    reach: { known: false, why: '' },
    ...patch,
  };
}
