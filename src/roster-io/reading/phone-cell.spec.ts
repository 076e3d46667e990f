import { readPhoneCell } from './phone-cell.js';

describe('readPhoneCell', () => {
  it.each([
    ['a mobile typed as text', '0912345678', '0912345678'],
    ['with spaces and dots', '0912.345.678', '0912345678'],
    ['+84 form', '+84 912 345 678', '0912345678'],
    ['a landline', '0215 3825 123', '02153825123'],
    ['empty', null, null],
  ])('%s', (_why, cell, expected) => {
    expect(readPhoneCell(cell)).toEqual({ value: expected });
  });

  it.each([
    ['a number lost its 0', 912345678, '0912345678', 'thiếu số 0'],
    ['a Vinaphone 084 number lost its 0', 845123456, '0845123456', 'thiếu số 0'],
    ['an old 11-digit number', '01693456789', '0393456789', '11 chữ số cũ'],
    [
      'an old 11-digit number stored as a number',
      1693456789,
      '0393456789',
      'thiếu số 0 ở đầu (Excel đã lưu nó dạng số) và là số di động 11 chữ số cũ',
    ],
  ])('%s: read, with a warning', (_why, cell, expected, said) => {
    const r = readPhoneCell(cell);
    expect(r.value).toBe(expected);
    expect(r.warning).toContain(said);
    expect(r.warning).not.toContain(expected);
  });

  it.each([
    ['a label before it', 'ĐT: 0912 345 678'],
    ['a mobile label', 'DĐ: 0912.345.678'],
    ['SĐT without a colon', 'SĐT 0912345678'],
    ['Tel.', 'Tel. 0912345678'],
    ['whose number it is, in brackets', '0912345678 (chồng)'],
    ['(+84) in brackets', '(+84) 912 345 678'],
  ])('reads a number written with %s', (_why, cell) => {
    expect(readPhoneCell(cell)).toEqual({ value: '0912345678' });
  });

  it.each([
    ['a slash', '0912 345 678 / 0987654321'],
    ['a spaced dash', '0912345678 - 0987654321'],
    ['a dash alone', '0912345678-0987654321'],
    ['a semicolon', '0912345678;0987654321'],
    ['a comma', '0912345678, 0987654321'],
    ['"hoặc"', '0912345678 hoặc 0987654321'],
  ])('keeps the first of two numbers split by %s, and says the other was not kept', (_why, cell) => {
    const r = readPhoneCell(cell);
    expect(r.value).toBe('0912345678');
    expect(r.warning).toContain('ô có 2 số: đã lưu số đầu 091****678; số 098****321 chưa được lưu');
  });

  it.each([
    ['scientific notation', '9.12346E+08', 'lũy thừa'],
    ['too short', '12345', 'không phải số điện thoại'],
    ['letters', 'không có', 'chỉ gồm chữ số'],
    ['a date', new Date(Date.UTC(2020, 0, 1)), 'ngày tháng'],
  ])('refuses %s', (_why, cell, said) => {
    const r = readPhoneCell(cell);
    expect(r.value).toBeNull();
    expect(r.problem).toContain(said);
  });
});
