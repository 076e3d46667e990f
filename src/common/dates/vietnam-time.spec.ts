import { vietnamDate, vietnamTime } from './vietnam-time.js';

describe('Vietnam time for people', () => {
  it.each([
    ['2026-11-30T17:30:00Z', '01/12/2026 00:30'],
    ['2026-12-01T12:03:38Z', '01/12/2026 19:03'],
    ['2026-12-31T16:59:59Z', '31/12/2026 23:59'],
  ])('shows %s as %s', (iso, shown) => {
    expect(vietnamTime(new Date(iso))).toBe(shown);
    expect(vietnamTime(iso)).toBe(shown);
    expect(vietnamDate(iso)).toBe(shown.slice(0, 10));
  });
});
