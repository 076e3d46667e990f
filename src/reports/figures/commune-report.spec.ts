import { communeOfReport, NOT_COVERED_HERE } from './commune-report.js';
import { organizationFigures, reportData } from '../../../test/support/report-data.js';
import type { ReportData } from './report-figures.js';

const data = (peopleByCommune?: ReportData['peopleByCommune']): ReportData =>
  reportData({
    organizations: [
      organizationFigures('HPN', { reach: { known: true, label: 'phụ nữ từ 18 tuổi', eligible: 10, reached: 5, rate: 0.5, communes: 2 } }),
      organizationFigures('CD', { reach: { known: false, why: 'công đoàn không theo xã' } }),
    ],
    register: { communes: 2, residents: 100 },
    peopleByCommune,
  });
const row = { organizationCode: 'HPN', memberships: 4, suspectedPhantoms: 1, joiners: 2, leavers: 1, struck: 1, eligible: 8, reached: 3 };

describe("a commune's part of a report", () => {
  it('sums its rows, takes its people counted once, and its reach from its own row', () => {
    const people = {
      code: '00004',
      name: 'Xã A',
      memberships: 5,
      people: 4,
      peopleNotSuspected: 3,
      peopleInSeveralOrgs: 1,
      suspectedPhantoms: 1,
    };
    const cd = {
      ...row,
      organizationCode: 'CD',
      memberships: 1,
      joiners: 1,
      leavers: 0,
      struck: 0,
      suspectedPhantoms: 0,
      eligible: null,
      reached: null,
    };
    const c = communeOfReport({ ...data([people]), totals: { ...data().totals, struck: 1 } }, '00004', [row, cd]);
    expect(c.totals).toEqual({
      memberships: 5,
      people: 4,
      peopleNotSuspected: 3,
      peopleInSeveralOrgs: 1,
      suspectedPhantoms: 1,
      joiners: 3,
      leavers: 1,
      struck: 1,
    });
    expect(c.organizations).toEqual([
      {
        code: 'HPN',
        name: 'HPN',
        memberships: 4,
        joiners: 2,
        leavers: 1,
        struck: 1,
        reach: { known: true, label: 'phụ nữ từ 18 tuổi', eligible: 8, reached: 3, rate: 3 / 8, why: null },
      },
      {
        code: 'CD',
        name: 'CD',
        memberships: 1,
        joiners: 1,
        leavers: 0,
        struck: 0,
        reach: { known: false, label: null, eligible: null, reached: null, rate: null, why: 'công đoàn không theo xã' },
      },
    ]);
  });

  it('says nobody there, not "unknown", when the report kept communes and this one has none; unknown in a report from before', () => {
    expect(communeOfReport(data([]), '00004', []).totals.people).toBe(0);
    expect(communeOfReport(data(undefined), '00004', []).totals).toMatchObject({
      people: null,
      peopleNotSuspected: null,
      peopleInSeveralOrgs: null,
      joiners: 0,
      // Nor its phantoms struck off, which a report stored before them did not tell apart from its leavers.
      struck: null,
    });
    // An organization the register measures, in a commune it does not cover: not known there, and why.
    expect(communeOfReport(data([]), '00008', []).organizations[0].reach).toMatchObject({ known: false, why: NOT_COVERED_HERE });
  });
});
