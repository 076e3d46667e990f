import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { matchHeader } from '../roster-columns.js';
import { readRosterRow } from './roster-row.js';
import { rowKind } from './row-kind.js';

const hpn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HPN')!;
const header = matchHeader(['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Quê quán', 'Ngày vào Hội', 'Ghi chú'], hpn)!;
const kindOf = (cells: string[], ended = false) => {
  const row = readRosterRow({ cells }, header, { today: '2026-12-01' });
  if (!row) return 'blank';
  const k = rowKind(cells, row, header, ended);
  return k.kind === 'member' ? 'member' : k.reason.replace(/ \('.*$/, '');
};

describe('which rows under a header are members, by structure', () => {
  it.each([
    ['a member', ['1', 'Lò Thị Mai', '1985', '011185012345', 'Thanh Luông', '2005', ''], false, 'member'],
    ['a member with a bad date (kept: the cell is left empty)', ['2', 'Cà Thị Dung', '31/02/1992', '', '', '2010', ''], false, 'member'],
    ['a member with only a name, inside the list', ['3', 'Vì Thị Hương', '', '', '', '', ''], false, 'member'],
    ['no name but a member field: a member row refused for its name', ['4', '', '1985', '011185012345', '', '', ''], false, 'member'],
    ['a blank row', ['', '', '', '', '', '', ''], false, 'blank'],
    ['a row with only an STT', ['15', '', '', '', '', '', ''], false, 'bỏ qua: dòng chỉ có số thứ tự (STT), không có hội viên'],
    ['a totals line written across the STT column', ['Tổng cộng: 9 hội viên', '', '', '', '', '', ''], false, 'bỏ qua: dòng tổng cộng'],
    ['a row number with a dot', ['15.', '', '', '', '', '', ''], false, 'bỏ qua: dòng chỉ có số thứ tự (STT), không có hội viên'],
    ['the column numbers', ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'], false, 'bỏ qua: dòng đánh số cột (1), (2), (3)…'],
    ['a totals line', ['', 'Tổng cộng: 15 hội viên', '', '', '', '', ''], false, 'bỏ qua: dòng tổng cộng'],
    ['a COUNTA result alone', ['', '14', '', '', '', '', ''], false, 'bỏ qua: dòng tổng cộng'],
    // The second line of a member whose other cells are merged from the line above: not a total.
    ['a phone alone', ['', '', '', '', '', '', '0350 280 569'], false, 'bỏ qua: dòng chỉ có số điện thoại'],
    ['a place and date', ['', '', '', '', 'Thanh Nưa, ngày 15 tháng 10 năm 2026', '', ''], true, 'bỏ qua: dòng địa danh, ngày tháng'],
    ['signature titles', ['', 'NGƯỜI LẬP BIỂU', '', '', 'TM. BAN CHẤP HÀNH', '', ''], true, 'bỏ qua: dòng chữ ký hoặc tiêu đề'],
    ['a title alone', ['', '', '', '', 'CHỦ TỊCH', '', ''], true, 'bỏ qua: dòng chữ ký hoặc tiêu đề'],
    [
      'the signers’ names after the list ended',
      ['', 'Lò Thị Thanh', '', '', 'Nguyễn Thị Hà', '', ''],
      true,
      "bỏ qua: chỉ có họ tên 'Lò Thị Thanh' sau khi danh sách đã hết (tên người ký)",
    ],
    ['a member after the list ended still is one', ['16', 'Lò Thị Vân', '1990', '', '', '', ''], true, 'member'],
    // A footer line with a cell that reads as a member field is no member row to refuse.
    ['a title with a date under Ngày sinh', ['', 'Người lập biểu', '15/11/2026', '', '', '', ''], true, 'bỏ qua: dòng chữ ký hoặc tiêu đề'],
    ['the signature hint', ['', '(Ký, ghi rõ họ tên)', '', '', '', '', ''], true, 'bỏ qua: dòng chữ ký hoặc tiêu đề'],
    ['a total with a year under Ngày vào', ['', 'Tổng cộng', '', '', '', '2026', ''], false, 'bỏ qua: dòng tổng cộng'],
    [
      'a date line beside a date',
      ['', '', '', '', '', '15/11/2026', 'Bản Phủ, ngày 15 tháng 11 năm 2026'],
      false,
      'bỏ qua: dòng địa danh, ngày tháng',
    ],
    // A member's own cells never make her row a footer line: refused for her name, as before.
    ['no name, a position noted, a birth year', ['5', '', '1985', '', '', '', 'Chi hội trưởng'], false, 'member'],
    ['no name, a note "Công nhân", a birth year', ['6', '', '1985', '', '', '', 'Công nhân'], false, 'member'],
  ] as const)('%s', (_, cells, ended, want) => expect(kindOf([...cells], ended)).toBe(want));
});

describe('a line of one cell and no name', () => {
  it('is no member even when the address reader finds a commune in it (a place and date under Quê quán)', () => {
    const cells = ['', '', '', '', 'Thanh Nưa, ngày 15 tháng 11 năm 2026', '', ''];
    const row = readRosterRow({ cells }, header, { today: '2026-12-01', address: () => ({ communeCode: '03328' }) })!;
    expect(row.fields.communeCode).toBe('03328');
    const kind = rowKind(cells, row, header, true);
    expect(kind.kind === 'skipped' ? kind.reason : kind.kind).toContain('dòng địa danh, ngày tháng');
  });
});

describe('a signature block whose right-hand title or name sits under Mã xã', () => {
  const withCommune = matchHeader(['STT', 'Họ và tên', 'Ngày sinh', 'Mã xã', 'Ghi chú'], hpn)!;
  const kind = (cells: string[], ended: boolean) => {
    const k = rowKind(cells, readRosterRow({ cells }, withCommune, { today: '2026-12-01' })!, withCommune, ended);
    return k.kind === 'member' ? 'member' : k.reason.replace(/ \('.*$/, '');
  };
  it.each([
    [['', 'Người lập biểu', '', 'TM. BAN CHẤP HÀNH', ''], 'bỏ qua: dòng chữ ký hoặc tiêu đề'],
    [['', 'Nguyễn Thị Hoa', '', 'Lò Thị Thanh', ''], "bỏ qua: chỉ có họ tên 'Nguyễn Thị Hoa' sau khi danh sách đã hết (tên người ký)"],
    [['7', 'Lò Thị Vân', '', '03328', ''], 'member'],
  ])('%j', (cells, want) => expect(kind(cells, true)).toBe(want));
});
