import { formatVnDay } from './vn-day.js';
import { vietnamDate } from './vietnam-time.js';

describe('a day as Vietnamese papers write it', () => {
  it.each([
    ['2026-12-31', '31/12/2026'],
    ['2026-01-05', '05/01/2026'],
    ['1945-09-02', '02/09/1945'],
    ['2000-02-29', '29/02/2000'],
    // Only the yyyy-mm-dd at the start counts: no time zone is applied.
    ['2026-11-30T23:30:00Z', '30/11/2026'],
    ['2026-12-01T00:00:00.000Z', '01/12/2026'],
  ])('writes %s as %s', (iso, shown) => {
    expect(formatVnDay(iso)).toBe(shown);
  });

  it('is what vietnamDate shows for the midnight of that day in Vietnam', () => {
    expect(vietnamDate('2026-11-30T17:00:00Z')).toBe(formatVnDay('2026-12-01'));
    expect(vietnamDate('2026-12-31')).toBe(formatVnDay('2026-12-31'));
  });
});
