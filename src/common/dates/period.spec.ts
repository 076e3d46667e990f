import { asOf, lastEndedPeriod, parsePeriod, periodContaining, previousPeriod } from './period.js';

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
