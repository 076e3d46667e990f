import {
  ageOn,
  ANY_PRECISION,
  formatPartialDate,
  formatVnPartialDate,
  fromStoredDate,
  isAfterDay,
  latestDay,
  parsePartialDate,
  todayInVietnam,
  toStoredDate,
  type PartialDate,
} from './partial-date.js';

const day = (year: number, month: number, d: number): PartialDate => ({ year, month, day: d, precision: 'DAY' });
const monthOf = (year: number, month: number): PartialDate => ({ year, month, precision: 'MONTH' });
const yearOnly = (year: number): PartialDate => ({ year, precision: 'YEAR' });

describe('parsePartialDate', () => {
  it.each([
    ['dd/mm/yyyy', '06/05/1990', '1990-05-06', 'DAY'],
    ['d/m/yyyy', '6/5/1990', '1990-05-06', 'DAY'],
    ['d-m-yyyy', '6-5-1990', '1990-05-06', 'DAY'],
    ['ISO', '1990-05-06', '1990-05-06', 'DAY'],
    ['year only', '1990', '1990', 'YEAR'],
    ['Excel serial', '33000', '1990-05-07', 'DAY'],
    ['29 February of a leap year', '29/02/2000', '2000-02-29', 'DAY'],
    ['month/year', '3/2010', '2010-03', 'MONTH'],
    ['mm-yyyy', '03-2010', '2010-03', 'MONTH'],
    ['mm.yyyy', '03.2010', '2010-03', 'MONTH'],
    ['T before the month', 'T3/2010', '2010-03', 'MONTH'],
    ['tháng before the month', 'Tháng 3/2010', '2010-03', 'MONTH'],
    ['tháng decomposed (NFD)', 'tháng 3 / 2010'.normalize('NFD'), '2010-03', 'MONTH'],
    ['thang without accents', 'thang 12/2010', '2010-12', 'MONTH'],
    ['ISO month (GraphQL read back)', '2010-03', '2010-03', 'MONTH'],
    ['day and month not known, written as zeros', '00/00/1958', '1958', 'YEAR'],
    ['the day not known, written as zeros', '00/05/1958', '1958-05', 'MONTH'],
    ['a zero day written once', '0.5.1958', '1958-05', 'MONTH'],
  ])('%s: %s', (_why, input, iso, precision) => {
    const r = parsePartialDate(input, ANY_PRECISION);
    if (!r.ok) throw new Error(r.reason);
    expect(formatPartialDate(r.value)).toBe(iso);
    expect(r.value.precision).toBe(precision);
  });

  it.each([
    ['31/02/1990', 'không có ngày 31'],
    ['29/02/1900', 'không có ngày 29'],
    ['12/13/1990', 'tháng 13'],
    ['hôm qua', 'không phải ngày'],
    ['13/2010', 'tháng 13 không tồn tại'],
    ['0/2010', 'tháng 0 không tồn tại'],
    ['2010-13', 'tháng 13 không tồn tại'],
    ['3/10', 'không phải ngày'],
    ['00/13/1958', 'tháng 13 không tồn tại'],
  ])('refuses %s', (input, reason) => {
    const r = parsePartialDate(input, ANY_PRECISION);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('refuses a year or a month alone where a day is needed', () => {
    expect(parsePartialDate('1990').ok).toBe(false);
    expect(parsePartialDate('3/2010', { allowYearOnly: true })).toEqual({ ok: false, reason: "'3/2010' thiếu ngày (cần dạng dd/mm/yyyy)" });
  });
});

describe('a date and its precision, stored and shown', () => {
  it.each([
    ['a day', day(2010, 3, 15), '2010-03-15', '2010-03-15', '15/03/2010', '2010-03-15'],
    ['a month', monthOf(2010, 3), '2010-03-01', '2010-03', '03/2010', '2010-03-31'],
    ['February of a leap year', monthOf(2024, 2), '2024-02-01', '2024-02', '02/2024', '2024-02-29'],
    ['a year', yearOnly(2005), '2005-01-01', '2005', '2005', '2005-12-31'],
  ])('%s', (_why, d, stored, iso, vn, latest) => {
    expect(toStoredDate(d)).toBe(stored);
    expect(fromStoredDate(stored, d.precision)).toEqual(d);
    expect(formatPartialDate(d)).toBe(iso);
    expect(formatVnPartialDate(d)).toBe(vn);
    expect(latestDay(d)).toBe(latest);
  });

  it('reads a stored date without a precision as a day (rows stored before precisions)', () => {
    expect(fromStoredDate('2010-03-15', null)).toEqual(day(2010, 3, 15));
  });
});

describe('ageOn', () => {
  it.each([
    ['birthday passed', { year: 1990, month: 5, day: 6, precision: 'DAY' as const }, '2026-05-06', { min: 36, max: 36 }],
    ['day before birthday', { year: 1990, month: 5, day: 6, precision: 'DAY' as const }, '2026-05-05', { min: 35, max: 35 }],
    ['year only: two possible ages', { year: 1990, precision: 'YEAR' as const }, '2026-11-21', { min: 35, max: 36 }],
    ['year only on 31 December', { year: 1990, precision: 'YEAR' as const }, '2026-12-31', { min: 36, max: 36 }],
    ['month only, a later month', monthOf(1990, 5), '2026-06-01', { min: 36, max: 36 }],
    ['month only, an earlier month', monthOf(1990, 5), '2026-04-30', { min: 35, max: 35 }],
    ['month only, within the month: two possible ages', monthOf(1990, 5), '2026-05-15', { min: 35, max: 36 }],
    ['month only, its last day', monthOf(1990, 5), '2026-05-31', { min: 36, max: 36 }],
  ])('%s', (_why, birth, day, expected) => expect(ageOn(birth, day)).toEqual(expected));

  it('knows a date in the future', () => {
    expect(isAfterDay({ year: 2030, month: 1, day: 1, precision: 'DAY' }, '2026-11-21')).toBe(true);
    expect(isAfterDay({ year: 2026, precision: 'YEAR' }, '2026-11-21')).toBe(false);
    expect(isAfterDay(monthOf(2026, 11), '2026-11-21')).toBe(false);
    expect(isAfterDay(monthOf(2026, 12), '2026-11-21')).toBe(true);
  });

  it('takes today in Vietnam (UTC+7)', () => {
    expect(todayInVietnam(new Date('2026-11-21T18:00:00Z'))).toBe('2026-11-22');
  });

  it('takes the day LIENTHONG_TODAY fixes, and refuses one that is not a date', () => {
    const before = process.env.LIENTHONG_TODAY;
    try {
      process.env.LIENTHONG_TODAY = '2026-12-01';
      expect(todayInVietnam()).toBe('2026-12-01');
      expect(todayInVietnam(new Date('2026-11-21T18:00:00Z'))).toBe('2026-11-22');
      process.env.LIENTHONG_TODAY = '1/12/2026';
      expect(() => todayInVietnam()).toThrow('LIENTHONG_TODAY="1/12/2026"');
    } finally {
      if (before === undefined) delete process.env.LIENTHONG_TODAY;
      else process.env.LIENTHONG_TODAY = before;
    }
  });
});
