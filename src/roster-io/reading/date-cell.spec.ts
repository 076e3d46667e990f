import type { PartialDate } from '../../common/dates/partial-date.js';
import { readDateCell, type DateCellOptions } from './date-cell.js';

const birth: DateCellOptions = { today: '2026-12-01', kind: 'BIRTH' };
const event: DateCellOptions = { today: '2026-12-01', kind: 'EVENT' };
const day = (year: number, month: number, d: number): PartialDate => ({ year, month, day: d, precision: 'DAY' });
const yearOnly = (year: number): PartialDate => ({ year, precision: 'YEAR' });
const monthOf = (year: number, month: number): PartialDate => ({ year, month, precision: 'MONTH' });

describe('readDateCell: every date form of a roster', () => {
  it.each([
    ['a real Excel date', new Date(Date.UTC(1985, 2, 12)), birth, day(1985, 3, 12)],
    ['an Excel serial day', 31118, birth, day(1985, 3, 12)],
    ['an Excel serial day with a time', 31118.5, birth, day(1985, 3, 12)],
    ['the serial as text', '31118', birth, day(1985, 3, 12)],
    ['d/m/yyyy', '12/3/1985', birth, day(1985, 3, 12)],
    ['dd.mm.yyyy', '15.8.1979', birth, day(1979, 8, 15)],
    ['dd-mm-yyyy', '01-02-1990', birth, day(1990, 2, 1)],
    ['ISO (a Date read as text)', '1985-03-12', birth, day(1985, 3, 12)],
    ['year first with dots', '1985.03.12', birth, day(1985, 3, 12)],
    ['year first with slashes', '1985/3/12', birth, day(1985, 3, 12)],
    ['both numbers ≤ 12: day first, as in Vietnam', '03/04/1990', birth, day(1990, 4, 3)],
    ['a year as a number', 1946, birth, yearOnly(1946)],
    ['a year as text', '1950', birth, yearOnly(1950)],
    ['a join date given as a year', '2005', event, yearOnly(2005)],
    ['month and year', '3/2010', event, monthOf(2010, 3)],
    ['month and year, zero-padded with a dash', '03-2010', event, monthOf(2010, 3)],
    ['month and year with T', 'T6/2026', event, monthOf(2026, 6)],
    ['month and year in words', 'tháng 3/2010', event, monthOf(2010, 3)],
    ['a date in words, as on a certificate', 'ngày 12 tháng 3 năm 1985', birth, day(1985, 3, 12)],
    ['a date in words without ngày', '12 tháng 3 năm 1985', birth, day(1985, 3, 12)],
    ['a date in words, capitalized, extra spaces', 'Ngày  05 Tháng 08  Năm 1979', birth, day(1979, 8, 5)],
    ['ngày before figures', 'ngày 12/3/1985', birth, day(1985, 3, 12)],
    ['month and year in words', 'tháng 3 năm 1985', birth, monthOf(1985, 3)],
    ['month and year, capitalized', 'Tháng 3/1985', birth, monthOf(1985, 3)],
    ['a year in words', 'năm 1985', birth, yearOnly(1985)],
    ['a birth month', '8.1979', birth, monthOf(1979, 8)],
    ['a formula result', { formula: 'DATE(1985,3,12)', result: new Date(Date.UTC(1985, 2, 12)) }, birth, day(1985, 3, 12)],
    ['empty', '', birth, null],
  ])('%s', (_why, cell, opts, expected) => {
    expect(readDateCell(cell, opts)).toEqual({ value: expected });
  });

  it.each([
    ['a two-digit year: a young member', '20/3/04', birth, day(2004, 3, 20), 'đã đọc là ngày 20/03/2004'],
    ['a two-digit year: an old member', '5/6/45', birth, day(1945, 6, 5), 'đã đọc là ngày 05/06/1945'],
    ['a two-digit year: a join date', '1/9/98', event, day(1998, 9, 1), '01/09/1998'],
    ['a two-digit year: a recent join date', '1/9/21', event, day(2021, 9, 1), '01/09/2021'],
    ['month first, unambiguous', '03/25/1990', birth, day(1990, 3, 25), 'tháng trước ngày'],
  ])('%s: read, with a warning', (_why, cell, opts, expected, said) => {
    const r = readDateCell(cell, opts);
    expect(r.value).toEqual(expected);
    expect(r.warning).toContain(said);
    expect(r.problem).toBeUndefined();
  });

  it.each([
    ['an impossible day', '31/02/1992', 'tháng 2/1992 không có ngày 31'],
    ['month 13 in month/year', '13/2010', 'tháng 13 không tồn tại'],
    ['neither number can be the month', '25/13/1990', 'tháng 13 không tồn tại'],
    ['a two-digit year no century fits (a child or 111 years old)', '5/6/15', 'ghi đủ 4 chữ số'],
    ['an impossible day with a two-digit year', '30/2/04', 'không có ngày 30'],
    ['an impossible day in words, named as written', 'ngày 31 tháng 2 năm 1992', "'ngày 31 tháng 2 năm 1992' không hợp lệ"],
    ['text', 'không rõ', 'không phải ngày hợp lệ'],
    ['a small number', 250, 'không phải ngày tháng hay năm'],
  ])('refuses %s, saying what to write', (_why, cell, said) => {
    const r = readDateCell(cell, birth);
    expect(r.value).toBeNull();
    expect(r.problem).toContain(said);
    expect(r.problem).toContain('dd/mm/yyyy');
  });

  it('names the value as written in a refusal', () => {
    expect(readDateCell('30/2/04', birth).problem).toContain("'30/2/04'");
  });

  it.each([
    ['a problem', '31/02/1992', 'problem', "Ngày sinh: '31/02/1992' không hợp lệ: tháng 2/1992 không có ngày 31. Hãy sửa lại"],
    ['a warning', '20/3/04', 'warning', "Ngày sinh: '20/3/04' ghi năm bằng 2 chữ số"],
  ])('begins %s with the field', (_why, cell, key, said) => {
    const r = readDateCell(cell, { ...birth, label: 'Ngày sinh' });
    expect(r[key as 'problem' | 'warning']).toMatch(new RegExp(`^${said.replace(/[()/.]/g, '.')}`));
  });
});
