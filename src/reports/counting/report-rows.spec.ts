import type { Move } from './joiners-leavers.js';
import type { Count } from './rep-counts.js';
import { reportRows } from './report-rows.js';

const count = (org: string, commune: string | null, memberships: number, people: number, realPeople: number): Count => ({
  org,
  commune,
  memberships,
  people,
  without_id: 1,
  phantoms: people - realPeople,
  real_people: realPeople,
});
const move = (org: string, commune: string | null, joiners: number, leavers: number, struck = 0): Move => ({
  org,
  commune,
  joiners,
  leavers,
  struck,
});

describe('reportRows: the (organization, commune) rows of a report', () => {
  const rows = reportRows(
    new Set(['HPN', 'DTN']),
    [count('HPN', '00004', 3, 2, 1), count('DTN', null, 2, 2, 2), count('XYZ', '00004', 9, 9, 9)],
    [move('HPN', '00004', 1, 1, 1), move('HPN', '00005', 1, 0), move('XYZ', '00005', 4, 4, 4)],
    new Map([
      [
        'HPN',
        new Map([
          ['00004', 10],
          ['00006', 7],
        ]),
      ],
    ]),
  );
  const row = (org: string, commune: string | null) => rows.find((r) => r.organizationCode === org && r.communeCode === commune);

  it.each([
    // organization, commune, memberships, people, duplicates, joiners, leavers, struck off as phantoms, eligible, reached
    ['HPN', '00004', 3, 2, 1, 1, 1, 1, 10, 1], // counted, moved and measured: reached = its people not suspected
    ['HPN', '00005', 0, 0, 0, 1, 0, 0, null, null], // only a joiner; a commune the register does not cover
    ['HPN', '00006', 0, 0, 0, 0, 0, 0, 7, 0], // a covered commune without members still has its row
    ['DTN', null, 2, 2, 0, 0, 0, 0, null, null], // records without a commune: never measured
  ] as const)('%s %s', (org, commune, memberships, people, duplicateRecords, joiners, leavers, struck, eligible, reached) => {
    expect(row(org, commune)).toMatchObject({ memberships, people, duplicateRecords, joiners, leavers, struck, eligible, reached });
  });

  it('leaves out the organizations the report does not show', () => {
    expect(rows.filter((r) => r.organizationCode === 'XYZ')).toEqual([]);
    expect(rows).toHaveLength(4);
  });
});
