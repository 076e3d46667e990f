import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import type { Move } from './joiners-leavers.js';
import type { ReachFigures } from './reach.js';
import type { Count, RepCounts } from './rep-counts.js';
import { organizationFigures, reportData } from './report-data.js';

const def = (code: string, hasIndividualMembers = true) =>
  ({ code, name: `Tổ chức ${code}`, hasIndividualMembers }) as OrganizationDefinition;
const count = (org: string, memberships: number, people: number, phantoms: number): Count => ({
  org,
  commune: null,
  memberships,
  people,
  without_id: 1,
  phantoms,
  real_people: people - phantoms,
});

const rep: RepCounts = {
  total: { memberships: 8, people: 5, phantoms: 2, without_id: 2, real_people: 4 },
  byOrg: [count('HPN', 5, 3, 2), count('DTN', 3, 3, 0)],
  byOrgCommune: [],
  split: { one: 3, two: 1, threeOrMore: 1 },
  splitByOrg: new Map([['HPN', { one: 1, two: 1, threeOrMore: 1 }]]),
  overlap: [],
  reasons: [
    { org: 'HPN', reason: 'DECEASED', n: 2 },
    { org: 'HPN', reason: 'INACTIVE', n: 1 },
    { org: 'DTN', reason: 'DECEASED', n: 1 },
  ],
};
const moves: Move[] = [
  { org: 'HPN', commune: '00004', joiners: 2, leavers: 1, struck: 1 },
  { org: 'HPN', commune: null, joiners: 1, leavers: 0, struck: 0 },
  { org: 'DTN', commune: null, joiners: 0, leavers: 3, struck: 2 },
];
const reach: ReachFigures = { byOrg: new Map([['DTN', { known: false, why: 'không biết' }]]), byCommune: new Map() };
const definitions = [def('HPN'), def('DTN'), def('CD'), def('LH', false)];

describe('organizationFigures', () => {
  const figures = organizationFigures(definitions, null, rep, moves, reach);
  const of = (code: string) => figures.find((o) => o.code === code)!;

  it('shows each organization with individual members, in the catalogue order, counted or not', () => {
    expect(figures.map((o) => o.code)).toEqual(['HPN', 'DTN', 'CD']);
    expect(organizationFigures(definitions, 'DTN', rep, moves, reach).map((o) => o.code)).toEqual(['DTN']);
  });

  it.each([
    // code, memberships, people, duplicates, phantoms, joiners, leavers, phantoms struck off
    ['HPN', 5, 3, 2, 2, 3, 1, 1],
    ['DTN', 3, 3, 0, 0, 0, 3, 2],
    ['CD', 0, 0, 0, 0, 0, 0, 0],
  ] as const)('%s', (code, memberships, people, duplicateRecords, suspectedPhantoms, joiners, leavers, struck) => {
    expect(of(code)).toMatchObject({ memberships, people, duplicateRecords, suspectedPhantoms, joiners, leavers, struck });
  });

  it('takes its own reasons, split and reach, or says why not', () => {
    expect(of('HPN').phantomsByReason).toEqual({ DECEASED: 2, INACTIVE: 1 });
    expect(of('HPN').peopleByOrgCount).toEqual({ one: 1, two: 1, threeOrMore: 1 });
    expect(of('DTN').peopleByOrgCount).toEqual({ one: 0, two: 0, three: 0, fourOrMore: 0, threeOrMore: 0 });
    expect(of('DTN').reach).toEqual({ known: false, why: 'không biết' });
    expect(of('CD').reach).toEqual({ known: false, why: 'không có trong danh mục' });
  });
});

describe('reportData', () => {
  const data = reportData(organizationFigures(definitions, null, rep, moves, reach), rep, moves, {
    register: { communes: 1, residents: 10 },
    linkRun: null,
    records: 9,
    reviewPending: 2,
  });

  it('totals the area', () => {
    expect(data.totals).toEqual({
      memberships: 8,
      people: 5,
      peopleNotSuspected: 4,
      peopleInSeveralOrgs: 2,
      suspectedPhantoms: 2,
      duplicateRecords: 2,
      withoutIdNumber: 2,
      joiners: 3,
      leavers: 4,
      struck: 3,
    });
    expect(data.phantomsByReason).toEqual({ DECEASED: 3, INACTIVE: 1 });
    expect(data.records).toBe(9);
  });
});
