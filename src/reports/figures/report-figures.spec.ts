import { organizationFigures, reportData } from '../../../test/support/report-data.js';
import { flagLabel } from '../../linker/model/phantom.js';
import { changesSince, formatRate, TOTAL_LABELS, type ReportData } from './report-figures.js';

describe('changes against the previous report', () => {
  const data = (memberships: number, hpn: number | null): ReportData =>
    reportData({
      totals: { ...reportData().totals, memberships },
      organizations:
        hpn === null ? [] : [organizationFigures('HPN', { name: 'Hội Liên hiệp Phụ nữ Việt Nam', memberships: hpn, people: hpn })],
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
    expect(c.find((x) => x.key === 'HPN.memberships')).toMatchObject({ previous: 0, change: 30, label: 'HPN: số lượt' });
    // In a document, as its other sheets name the organization.
    const named = changesSince(data(120, 30), data(100, null), { HPN: 'HLHPN' });
    expect(named.find((x) => x.key === 'HPN.people')?.label).toBe('HLHPN: số người');
    expect(changesSince(data(120, 30), null).every((x) => x.previous === null && x.change === null)).toBe(true);
  });

  it('compares the estimate of people not suspected, under the dashboard’s name, and leaves it out of a report stored before it was kept', () => {
    const kept = (n: number) => {
      const d = data(100, null);
      return { ...d, totals: { ...d.totals, peopleNotSuspected: n } };
    };
    expect(changesSince(kept(90), kept(80)).find((x) => x.key === 'peopleNotSuspected')).toEqual({
      key: 'peopleNotSuspected',
      label: 'Số người không nghi ảo (ước tính)',
      current: 90,
      previous: 80,
      change: 10,
    });
    expect(changesSince(kept(90), data(100, null)).find((x) => x.key === 'peopleNotSuspected')).toMatchObject({
      previous: null,
      change: null,
    });
    expect(changesSince(data(100, null), kept(80)).some((x) => x.key === 'peopleNotSuspected')).toBe(false);
  });

  it('writes rates the Vietnamese way, and "không tính được" without a denominator', () => {
    expect(formatRate(0.6289)).toBe('62,9%');
    expect(formatRate(null)).toBe('không tính được');
  });
});

describe('labels that name what they count', () => {
  it('never names two different counts alike (a Ban Dân vận officer read them as one)', () => {
    // The report's extra listings (số lượt − số người of each organization), not Cảnh báo's flagged records (both listings).
    expect(TOTAL_LABELS.duplicateRecords).not.toBe(flagLabel('DUPLICATE_IN_ORG'));
    expect(TOTAL_LABELS.duplicateRecords).toContain('ghi thừa');
    // Records without an ID number, not the flag of a record with neither number, full birth date nor phone.
    expect(flagLabel('NO_IDENTITY')).not.toMatch(/^Không có số định danh$/);
    expect(TOTAL_LABELS.withoutIdNumber).toBe('Hồ sơ chưa có số định danh');
  });
});
