import { readIdCell } from './id-cell.js';

const year = { currentYear: 2026 };

describe('readIdCell: ID numbers as Excel leaves them', () => {
  it.each([
    ['a CCCD typed as text', '011185012345', {}, '011185012345'],
    ['spaces inside', '011188 777888', {}, '011188777888'],
    ['dots inside', '011.188.777.888', {}, '011188777888'],
    ['a CMND of 9 digits as a number', 145678901, {}, '145678901'],
    ['a CMND typed as text', '040123456', {}, '040123456'],
    ['an empty cell', '', {}, null],
    ['a formula result', { formula: 'A1', result: '011185012345' }, {}, '011185012345'],
  ])('%s', (_why, cell, row, expected) => {
    const r = readIdCell(cell, { ...year, ...row });
    expect(r).toEqual({ value: expected });
  });

  it.each([
    ['CCCD number lost its 0 (11 digits)', 11185012345, { birthYear: 1985, sex: 'FEMALE' as const }, '011185012345', '1 số 0'],
    ['the same digits as text', '11185012345', { birthYear: 1985 }, '011185012345', '1 số 0'],
    ['Hà Nội 001 lost two zeros (10 digits)', 1090012345, { sex: 'MALE' as const }, '001090012345', '2 số 0'],
    ['a female born 2003 in Tây Ninh', 72303001122, { birthYear: 2003, sex: 'FEMALE' as const }, '072303001122', '1 số 0'],
    ['CMND 040123456 became 40123456', 40123456, {}, '040123456', '1 số 0'],
  ])('restores %s, with a warning', (_why, cell, row, expected, zeros) => {
    const r = readIdCell(cell, { ...year, ...row });
    expect(r.value).toBe(expected);
    expect(r.problem).toBeUndefined();
    expect(r.warning).toContain(zeros);
    expect(r.warning).toContain('Định dạng ô → Văn bản');
    expect(r.warning).not.toContain(expected); // the number is masked in a stored message
  });

  it.each([
    ['scientific notation as text', '1.11179E+10', 'lũy thừa'],
    ['scientific notation, Vietnamese decimal comma', '1,11185E+11', 'lũy thừa'],
    ['a number of 12 digits without its 0: Excel rounded it', 111790000000, 'lũy thừa'],
    ['a fraction', 11185012345.5, 'lũy thừa'],
    ['province 003 does not exist', 3185012345, 'mã tỉnh 003'],
    ['province 099 does not exist', 99185012345, 'mã tỉnh 099'],
    ['a century digit 8', 11885012345, 'không thể có'],
    ['a date cell', new Date(Date.UTC(1985, 2, 12)), 'ngày tháng'],
    ['letters', '0111850123AB', 'chỉ gồm chữ số'],
    ['7 digits', '1234567', '7 chữ số'],
    ['13 digits', '0111850123456', '13 chữ số'],
  ])('refuses %s', (_why, cell, reason) => {
    const r = readIdCell(cell, { ...year, birthYear: 1985, sex: 'FEMALE' });
    expect(r.value).toBeNull();
    expect(r.problem).toContain(reason);
    expect(r.problem).toMatch(/[Hh]ãy/);
  });

  it.each([
    ['birth year in another century', 11205012345, { birthYear: 1905 }, 'sinh năm 2005'],
    ['sex contradicts the century/sex digit', 11185012345, { sex: 'MALE' as const }, 'giới tính Nữ'],
  ])('does not restore when %s', (_why, cell, row, reason) => {
    const r = readIdCell(cell, { ...year, ...row });
    expect(r.value).toBeNull();
    expect(r.problem).toContain(reason);
  });

  it('tells what to do when Excel changed the number', () => {
    expect(readIdCell('1.11179E+10', year).problem).toBe(
      "Số CCCD '1.11179E+10': Excel đã đổi số này sang dạng lũy thừa (E+) và làm mất các chữ số cuối, không thể khôi phục. " +
        'Hãy định dạng cột này là Văn bản (chuột phải → Định dạng ô → Văn bản; Format Cells → Text) rồi gõ lại Số CCCD cho đủ',
    );
  });

  it.each([
    ['no province 111 (text)', '111790123456', 'mã tỉnh 111 không tồn tại'],
    ['no province 003 (text)', '003185012345', 'mã tỉnh 003'],
    ['a century digit 4: born in the 2100s (text)', '011485012345', 'năm sinh 2185'],
    ['born after this year (text)', '011230012345', 'năm sinh 2030'],
  ])('leaves a 12-digit text no card can carry empty: %s', (_why, cell, reason) => {
    const r = readIdCell(cell, year);
    expect(r.value).toBeNull();
    expect(r.problem).toContain(reason);
    expect(r.problem).toContain('Hãy đối chiếu với thẻ');
    expect(r.problem).toContain(`'${cell.slice(0, 4)}******${cell.slice(10)}'`); // the value, masked
  });

  it.each([
    ['as a number', 111790123456],
    ['as text', '111790123456'],
  ])('gives a 12-digit number no card carries parseIdNumber’s reason, not the E+ one (tester’s A row 15): %s', (_why, cell) => {
    const r = readIdCell(cell, { ...year, birthYear: 2004, sex: 'FEMALE' });
    expect(r.value).toBeNull();
    expect(r.problem).toBe(
      "Số CCCD: '1117******56' không phải số CCCD có thể có: mã tỉnh 111 không tồn tại (001–096). " +
        'Hãy đối chiếu với thẻ căn cước rồi nhập lại đủ 12 chữ số. Hãy đối chiếu với thẻ rồi sửa lại',
    );
  });

  it.each([
    ['12 digits, text', '011190004567', 'năm sinh 1990 trong số, dòng này ghi năm sinh 1985'],
    ['11 digits, its 0 put back (tester’s A row 9)', 11190004567, 'năm sinh 1990 trong số, dòng này ghi năm sinh 1985'],
    ['a man’s digit for a woman', '011085012345', 'giới tính Nam trong số, dòng này ghi Nữ'],
  ])('keeps a number whose digits disagree with the row, with a warning: %s', (_why, cell, said) => {
    const r = readIdCell(cell, { ...year, birthYear: 1985, sex: 'FEMALE' });
    expect(r.value).toMatch(/^0\d{11}$/);
    expect(r.problem).toBeUndefined();
    expect(r.warning).toContain(said);
    expect(r.warning).toContain('không khớp với dòng');
    expect(r.warning).not.toContain(r.value);
  });

  it.each<[string, 'MALE' | 'FEMALE' | null, 'MALE' | 'FEMALE' | null, string | undefined]>([
    ['a man’s digit, no sex on the row, Thị in her name', null, 'FEMALE', "giới tính Nam trong số, tên có chữ đệm 'Thị'"],
    ['a man’s digit, Văn in his name', null, 'MALE', undefined],
    ['a man’s digit, no middle word to say', null, null, undefined],
    // The row's sex is what the number is checked against when it gives one (said as such above).
    ['a man’s digit, Nam on the row, Thị in the name', 'MALE', 'FEMALE', undefined],
  ])('doubts a number whose sex digit her name’s middle word contradicts, on a row without a sex: %s', (_why, sex, nameSex, said) => {
    const r = readIdCell('011085012345', { ...year, birthYear: 1985, sex, nameSex });
    expect(r.value).toBe('011085012345');
    if (said) expect(r.warning).toContain(said);
    else expect(r.warning).toBeUndefined();
  });

  it('masks the number in a refusal', () => {
    expect(readIdCell('3185012345', year).problem).toContain("'318*****45'");
  });
});
