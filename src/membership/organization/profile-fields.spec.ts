import { parseProfileValue } from './profile-fields.js';

describe('an organization’s own field read from a form or a roster cell', () => {
  const year = { key: 'enlistmentYear', label: 'Năm nhập ngũ', type: 'YEAR' as const };

  it.each([
    ['1970', 1970],
    ['02/1970', 1970], // a roster's "Ngày nhập ngũ"
    ['15/02/1970', 1970],
    ['1970-02-15', 1970], // an Excel date cell, as the reader writes it
  ])('reads %s for a year as %s', (cell, expected) => {
    expect(parseProfileValue(year, cell)).toEqual({ ok: true, value: expected });
  });

  it.each(['72', 'không rõ', '1850', '31/02/1970'])('refuses %s for a year, saying so', (cell) => {
    expect(parseProfileValue(year, cell)).toMatchObject({ ok: false, reason: `'${cell}' không phải năm (yyyy)` });
  });
});
