import { loadConfig } from '../config/app-config.js';
import { asOf, lastEndedPeriod, parsePeriod, periodContaining, previousPeriod } from './period.js';
import { changesSince, formatRate, type ReportData } from './report-figures.js';

describe('report periods in Vietnam time', () => {
  it('reads months, quarters and years, with their days, instants and labels', () => {
    expect(parsePeriod('2026-11')).toMatchObject({
      key: '2026-11',
      kind: 'MONTH',
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      label: 'Tháng 11/2026',
      start: new Date('2026-10-31T17:00:00Z'),
      end: new Date('2026-11-30T17:00:00Z'),
    });
    expect(parsePeriod('2026-2')).toMatchObject({ key: '2026-02', lastDay: '2026-02-28' });
    expect(parsePeriod('2024-02').lastDay).toBe('2024-02-29');
    expect(parsePeriod('2026-q4')).toMatchObject({ key: '2026-Q4', firstDay: '2026-10-01', lastDay: '2026-12-31', label: 'Quý IV/2026' });
    expect(parsePeriod(' 2026 ')).toMatchObject({
      key: '2026',
      kind: 'YEAR',
      firstDay: '2026-01-01',
      lastDay: '2026-12-31',
      label: 'Năm 2026',
    });
  });

  it('refuses what is not a period, saying what to write', () => {
    expect(() => parsePeriod('2026-13')).toThrow(
      "Kỳ báo cáo '2026-13' không hợp lệ: không có tháng 13. Viết 2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm).",
    );
    expect(() => parsePeriod('2026-Q5')).toThrow('không đúng dạng');
    expect(() => parsePeriod('Q4/2026')).toThrow('không đúng dạng');
    expect(() => parsePeriod('1899')).toThrow('năm 1899 nằm ngoài 2000–2100');
  });

  it('places an instant in the period of Vietnam, not of UTC', () => {
    // 31/12/2026 18:00 UTC is already 1/1/2027 01:00 in Hà Nội.
    expect(periodContaining('YEAR', new Date('2026-12-31T18:00:00Z')).key).toBe('2027');
    expect(periodContaining('QUARTER', new Date('2026-09-30T16:59:59Z')).key).toBe('2026-Q3');
    expect(periodContaining('QUARTER', new Date('2026-09-30T17:00:00Z')).key).toBe('2026-Q4');
    expect(periodContaining('MONTH', new Date('2026-11-22T04:00:00Z')).key).toBe('2026-11');
  });

  it('steps back across years', () => {
    expect(previousPeriod(parsePeriod('2026-01')).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1')).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026')).key).toBe('2025');
    expect(lastEndedPeriod('QUARTER', new Date('2026-11-22T04:00:00Z')).key).toBe('2026-Q3');
  });

  it('counts a period as of its last day once over, as of today while it runs, and refuses one not begun', () => {
    const q4 = parsePeriod('2026-Q4');
    expect(asOf(q4, new Date('2026-11-22T04:00:00Z'))).toEqual({
      day: '2026-11-22',
      instant: new Date('2026-11-22T04:00:00Z'),
      final: false,
    });
    expect(asOf(q4, new Date('2027-01-05T00:00:00Z'))).toEqual({ day: '2026-12-31', instant: q4.end, final: true });
    expect(() => asOf(parsePeriod('2027'), new Date('2026-11-22T04:00:00Z'))).toThrow('Kỳ báo cáo 2027 (Năm 2027) chưa bắt đầu');
  });
});

describe('report schedule configuration', () => {
  it('defaults to quarterly reports of the province, and reads a list or off', () => {
    expect(loadConfig({})).toMatchObject({ reportSchedule: ['QUARTER'], reportScopes: ['province'] });
    expect(loadConfig({ REPORT_SCHEDULE: 'month, year', REPORT_SCOPES: 'province,org:HPN' })).toMatchObject({
      reportSchedule: ['MONTH', 'YEAR'],
      reportScopes: ['province', 'org:HPN'],
    });
    expect(loadConfig({ REPORT_SCHEDULE: 'off' }).reportSchedule).toEqual([]);
    expect(() => loadConfig({ REPORT_SCHEDULE: 'quarterly' })).toThrow(
      "REPORT_SCHEDULE='quarterly': 'quarterly' is not month, quarter or year",
    );
  });
});

describe('changes against the previous report', () => {
  const data = (memberships: number, hpn: number | null): ReportData => ({
    totals: {
      memberships,
      people: 0,
      peopleInSeveralOrgs: 0,
      suspectedPhantoms: 0,
      duplicateRecords: 0,
      withoutIdNumber: 0,
      joiners: 0,
      leavers: 0,
    },
    peopleByOrgCount: { one: 0, two: 0, threeOrMore: 0 },
    organizations:
      hpn === null
        ? []
        : [
            {
              code: 'HPN',
              name: 'Hội Liên hiệp Phụ nữ Việt Nam',
              memberships: hpn,
              people: hpn,
              duplicateRecords: 0,
              withoutIdNumber: 0,
              suspectedPhantoms: 0,
              phantomsByReason: {},
              joiners: 0,
              leavers: 0,
              peopleByOrgCount: { one: 0, two: 0, threeOrMore: 0 },
              reach: { known: false, why: '' },
            },
          ],
    overlap: [],
    phantomsByReason: {},
    register: { communes: 0, residents: 0 },
    linkRun: null,
  });

  it('gives each figure its change, an organization new since then counted from zero, and nothing without a previous report', () => {
    const c = changesSince(data(120, 30), data(100, null));
    expect(c.find((x) => x.key === 'memberships')).toEqual({
      key: 'memberships',
      label: 'Số lượt (hồ sơ đang sinh hoạt)',
      current: 120,
      previous: 100,
      change: 20,
    });
    expect(c.find((x) => x.key === 'HPN.memberships')).toMatchObject({ previous: 0, change: 30 });
    expect(changesSince(data(120, 30), null).every((x) => x.previous === null && x.change === null)).toBe(true);
  });

  it('writes rates the Vietnamese way, and n/a without a denominator', () => {
    expect(formatRate(0.6289)).toBe('62,9%');
    expect(formatRate(null)).toBe('n/a');
  });
});
