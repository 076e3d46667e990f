import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { inSeveral, splitOf, type OrganizationFigures, type ReportData } from '../figures/report-figures.js';
import { sumMoves, type Move } from './joiners-leavers.js';
import type { ReachFigures } from './reach.js';
import type { RepCounts } from './rep-counts.js';

/** What a report was computed from, besides the memberships: the register and the last linker run. */
export interface ReportInputs {
  register: ReportData['register'];
  linkRun: ReportData['linkRun'];
  /** Member records (not erased) in the area. */
  records: number;
  /** Pairs of the area's members waiting for review when it was counted. */
  reviewPending: number;
}

const byReason = (reasons: RepCounts['reasons']): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of reasons) out[r.reason] = (out[r.reason] ?? 0) + r.n;
  return out;
};

/** The figures of each organization with individual members in the area (pure). */
export function organizationFigures(
  definitions: OrganizationDefinition[],
  areaOrganization: string | null,
  rep: RepCounts,
  moves: Move[],
  reach: ReachFigures,
): OrganizationFigures[] {
  const organizations: OrganizationFigures[] = [];
  for (const d of definitions) {
    if (!d.hasIndividualMembers) continue;
    if (areaOrganization && areaOrganization !== d.code) continue;
    const c = rep.byOrg.find((x) => x.org === d.code);
    organizations.push({
      code: d.code,
      name: d.name,
      memberships: c?.memberships ?? 0,
      people: c?.people ?? 0,
      duplicateRecords: c ? c.memberships - c.people : 0,
      withoutIdNumber: c?.without_id ?? 0,
      suspectedPhantoms: c?.phantoms ?? 0,
      phantomsByReason: byReason(rep.reasons.filter((r) => r.org === d.code)),
      ...sumMoves(moves.filter((x) => x.org === d.code)),
      peopleByOrgCount: rep.splitByOrg.get(d.code) ?? splitOf(undefined),
      reach: reach.byOrg.get(d.code) ?? { known: false, why: 'không có trong danh mục' },
    });
  }
  return organizations;
}

/** The report's figures as stored in its snapshot (pure). */
export function reportData(organizations: OrganizationFigures[], rep: RepCounts, moves: Move[], inputs: ReportInputs): ReportData {
  return {
    totals: {
      memberships: rep.total.memberships,
      people: rep.total.people,
      peopleNotSuspected: rep.total.real_people,
      peopleInSeveralOrgs: inSeveral(rep.split),
      suspectedPhantoms: rep.total.phantoms,
      duplicateRecords: rep.byOrg.reduce((sum, c) => sum + c.memberships - c.people, 0),
      withoutIdNumber: rep.total.without_id,
      ...sumMoves(moves),
    },
    peopleByOrgCount: rep.split,
    organizations,
    overlap: rep.overlap,
    phantomsByReason: byReason(rep.reasons),
    register: inputs.register,
    linkRun: inputs.linkRun,
    records: inputs.records,
    reviewPending: inputs.reviewPending,
  };
}
