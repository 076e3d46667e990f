import { readBirthBySexColumns, readSexCell } from './sex-cell.js';

const today = '2026-12-01';

describe('readSexCell', () => {
  it.each([
    ['Nữ', 'Nữ', {}, 'FEMALE'],
    ['nữ', 'nữ', {}, 'FEMALE'],
    ['NỮ', 'NỮ', {}, 'FEMALE'],
    ['Nam', 'Nam', {}, 'MALE'],
    ['without accents', 'Nu', {}, 'FEMALE'],
    ['x under a Nữ column', 'x', { column: 'Nữ' }, 'FEMALE'],
    ['X under a Nam column', 'X', { column: 'NAM' }, 'MALE'],
    ['empty', '', {}, null],
    ['empty in a women-only organization', '', { whenEmpty: 'FEMALE' as const }, 'FEMALE'],
  ])('%s', (_why, cell, opts, expected) => {
    expect(readSexCell(cell, opts)).toEqual({ value: expected });
  });

  it.each([
    ['a mark in a plain Giới tính column', 'x', { column: 'Giới tính' }, 'không cho biết Nam hay Nữ'],
    ['a word that is no sex', 'Kinh', {}, "'Kinh' không phải giới tính"],
  ])('refuses %s', (_why, cell, opts, said) => {
    const r = readSexCell(cell, opts);
    expect(r.value).toBeNull();
    expect(r.problem).toContain(said);
    expect(r.problem).toContain('hãy ghi Nam hoặc Nữ');
  });
});

describe('readBirthBySexColumns: Năm sinh over Nam | Nữ', () => {
  it.each([
    ['a year under Nữ', '', 1962, { sex: 'FEMALE', birth: { year: 1962, precision: 'YEAR' } }],
    ['a year under Nam', '1958', null, { sex: 'MALE', birth: { year: 1958, precision: 'YEAR' } }],
    ['a full date under Nữ', '', '12/3/1985', { sex: 'FEMALE', birth: { year: 1985, month: 3, day: 12, precision: 'DAY' } }],
    ['a mark under Nữ', '', 'x', { sex: 'FEMALE', birth: null }],
    ['both empty', '', '', { sex: null, birth: null }],
  ])('%s', (_why, male, female, expected) => {
    expect(readBirthBySexColumns(male, female, { today })).toEqual(expected);
  });

  it('refuses a year in both columns', () => {
    const r = readBirthBySexColumns(1958, 1962, { today });
    expect(r).toMatchObject({ sex: null, birth: null });
    expect(r.problem).toContain("cột Nam ('1958') và cột Nữ ('1962')");
  });

  it('gives the sex and the problem of a bad date', () => {
    const r = readBirthBySexColumns('', '31/02/1962', { today });
    expect(r).toMatchObject({ sex: 'FEMALE', birth: null });
    expect(r.problem).toContain("Năm sinh: '31/02/1962' không hợp lệ: tháng 2/1962 không có ngày 31");
  });
});
