import { keepKnownDates } from './record-dates.js';

describe('keepKnownDates: a roster less precise than the record says nothing new', () => {
  const record = {
    birthDate: '1975-05-12',
    birthDatePrecision: 'DAY' as const,
    joinDate: '2001-03-01',
    joinDatePrecision: 'MONTH' as const,
  };
  it.each([
    [
      'a year alone, the record’s year',
      { birthDate: '1975-01-01', birthDatePrecision: 'YEAR' },
      { birthDate: '1975-05-12', birthDatePrecision: 'DAY' },
    ],
    [
      'a month, the record’s month',
      { birthDate: '1975-05-01', birthDatePrecision: 'MONTH' },
      { birthDate: '1975-05-12', birthDatePrecision: 'DAY' },
    ],
    [
      'another year: the roster’s',
      { birthDate: '1976-01-01', birthDatePrecision: 'YEAR' },
      { birthDate: '1976-01-01', birthDatePrecision: 'YEAR' },
    ],
    [
      'another month: the roster’s',
      { birthDate: '1975-06-01', birthDatePrecision: 'MONTH' },
      { birthDate: '1975-06-01', birthDatePrecision: 'MONTH' },
    ],
    [
      'another day: the roster’s',
      { birthDate: '1975-05-13', birthDatePrecision: 'DAY' },
      { birthDate: '1975-05-13', birthDatePrecision: 'DAY' },
    ],
    [
      'a join year against the record’s month of joining',
      { joinDate: '2001-01-01', joinDatePrecision: 'YEAR' },
      { joinDate: '2001-03-01', joinDatePrecision: 'MONTH' },
    ],
  ])('%s', (_, given, kept) => {
    const values: Record<string, unknown> = { ...given };
    keepKnownDates(values, record);
    expect(values).toEqual(kept);
  });
});
