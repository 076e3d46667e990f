import { ageOn, formatPartialDate, isAfterDay, parsePartialDate, todayInVietnam } from './partial-date.js';

describe('parsePartialDate', () => {
  it.each([
    ['dd/mm/yyyy', '06/05/1990', '1990-05-06', 'DAY'],
    ['d/m/yyyy', '6/5/1990', '1990-05-06', 'DAY'],
    ['d-m-yyyy', '6-5-1990', '1990-05-06', 'DAY'],
    ['ISO', '1990-05-06', '1990-05-06', 'DAY'],
    ['year only', '1990', '1990', 'YEAR'],
    ['Excel serial', '33000', '1990-05-07', 'DAY'],
    ['29 February of a leap year', '29/02/2000', '2000-02-29', 'DAY'],
  ])('%s: %s', (_why, input, iso, precision) => {
    const r = parsePartialDate(input, { allowYearOnly: true });
    if (!r.ok) throw new Error(r.reason);
    expect(formatPartialDate(r.value)).toBe(iso);
    expect(r.value.precision).toBe(precision);
  });

  it.each([
    ['31/02/1990', 'không có ngày 31'],
    ['29/02/1900', 'không có ngày 29'],
    ['12/13/1990', 'tháng 13'],
    ['hôm qua', 'không phải ngày'],
  ])('refuses %s', (input, reason) => {
    const r = parsePartialDate(input, { allowYearOnly: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('refuses a year alone where a day is needed', () => {
    expect(parsePartialDate('1990').ok).toBe(false);
  });
});

describe('ageOn', () => {
  it.each([
    ['birthday passed', { year: 1990, month: 5, day: 6, precision: 'DAY' as const }, '2026-05-06', { min: 36, max: 36 }],
    ['day before birthday', { year: 1990, month: 5, day: 6, precision: 'DAY' as const }, '2026-05-05', { min: 35, max: 35 }],
    ['year only: two possible ages', { year: 1990, precision: 'YEAR' as const }, '2026-11-21', { min: 35, max: 36 }],
    ['year only on 31 December', { year: 1990, precision: 'YEAR' as const }, '2026-12-31', { min: 36, max: 36 }],
  ])('%s', (_why, birth, day, expected) => expect(ageOn(birth, day)).toEqual(expected));

  it('knows a date in the future', () => {
    expect(isAfterDay({ year: 2030, month: 1, day: 1, precision: 'DAY' }, '2026-11-21')).toBe(true);
    expect(isAfterDay({ year: 2026, precision: 'YEAR' }, '2026-11-21')).toBe(false);
  });

  it('takes today in Vietnam (UTC+7)', () => {
    expect(todayInVietnam(new Date('2026-11-21T18:00:00Z'))).toBe('2026-11-22');
  });
});
