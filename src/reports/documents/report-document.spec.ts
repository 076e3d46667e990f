import { reportData } from '../../../test/support/report-data.js';
import type { ReportData } from '../figures/report-figures.js';
import type { ReportSnapshot } from '../report.entities.js';
import { reportDocument } from './report-document.js';

const data = (peopleByOrgCount: ReportData['peopleByOrgCount'], phantomsByReason: Record<string, number>): ReportData =>
  reportData({ peopleByOrgCount, phantomsByReason });
const snapshot = (period: string, d: ReportData): ReportSnapshot =>
  ({
    id: period,
    period,
    scope: 'province',
    scopeLabel: 'Toàn tỉnh',
    asOfDay: '2026-09-30',
    final: true,
    computedAt: new Date(),
    computedBy: 'x',
    data: d,
  }) as ReportSnapshot;

describe("a report's people by organizations and phantoms by reason, against the period before", () => {
  const before = snapshot('2026-Q2', data({ one: 10, two: 4, three: 1, fourOrMore: 0, threeOrMore: 1 }, { DECEASED: 3, INACTIVE: 2 }));
  const now = snapshot('2026-Q3', data({ one: 12, two: 5, three: 1, fourOrMore: 1, threeOrMore: 2 }, { DECEASED: 5, NOT_IN_REGISTER: 1 }));

  it('gives each bucket now, before and the change', () => {
    const d = reportDocument(now, 'Quý III/2026', before, [], [], null);
    expect(d.split.map((c) => [c.key, c.current, c.previous, c.change])).toEqual([
      ['split.one', 12, 10, 2],
      ['split.two', 5, 4, 1],
      ['split.three', 1, 1, 0],
      ['split.fourOrMore', 1, 0, 1],
    ]);
  });

  it('gives each reason of either report, one gone since at 0 now, one new at 0 before', () => {
    const d = reportDocument(now, 'Quý III/2026', before, [], [], null);
    expect(Object.fromEntries(d.reasons.map((c) => [c.key, [c.current, c.previous, c.change]]))).toEqual({
      'reason.DECEASED': [5, 3, 2],
      'reason.NOT_IN_REGISTER': [1, 0, 1],
      'reason.INACTIVE': [0, 2, -2],
    });
    expect(d.reasons[0].label).toMatch(/^Nghi ảo — /);
  });

  it('has nothing to compare without a report before', () => {
    const d = reportDocument(now, 'Quý III/2026', null, [], [], null);
    expect(d.split.every((c) => c.previous === null && c.change === null)).toBe(true);
    expect(d.reasons.every((c) => c.previous === null)).toBe(true);
  });
});
