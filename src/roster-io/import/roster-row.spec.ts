import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { matchHeader } from '../roster-columns.js';
import { readRosterRow } from './roster-row.js';

const dtn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'DTN')!;
const header = matchHeader(['STT', 'Họ và tên', 'Ngày sinh', 'Ngày vào Đoàn'], dtn)!;
const read = (joined: unknown) =>
  readRosterRow({ cells: ['1', 'Lò Văn Hùng', '12/03/2001', String(joined)], values: ['1', 'Lò Văn Hùng', '12/03/2001', joined] }, header, {
    today: '2026-12-01',
  })!;

/** DTN's `Ngày vào Đoàn` is a profile date: read as the membership dates are, never a reason to refuse the row. */
describe('a profile date cell (Ngày vào Đoàn)', () => {
  it.each([
    ['a year alone (number)', 2016, '2016', null],
    ['a year alone (text)', '2016', '2016', null],
    ['a month (text, kept as typed)', 'T3/2016', 'T3/2016', null],
    ['a full date', '26/03/2016', '26/03/2016', null],
    ['a real Excel date', new Date(Date.UTC(2016, 2, 26)), '2016-03-26', null],
  ] as const)('%s is kept', (_, cell, stored, warning) => {
    const row = read(cell);
    expect(row.problems).toEqual([]);
    expect(row.fields.profile).toEqual([{ key: 'youthUnionJoinDate', value: stored }]);
    expect(row.warnings.map((w) => w.message)).toEqual(warning ? [expect.stringMatching(warning)] : []);
  });

  it.each([
    ['Ngày sinh hoạt gần nhất', 'lastActivityDate'],
    ['Ngày đóng phí gần nhất', 'lastDuesDate'],
    ['Ngày vào', 'joinDate'],
  ] as const)('%s given as a year or a month is kept as given, with nothing to warn of', (column, field) => {
    const hpn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HPN')!;
    const h = matchHeader(['Họ và tên', column], hpn)!;
    for (const [cell, given] of [
      [2025, '2025'],
      ['3/2025', '3/2025'],
      ['tháng 3/2025', 'tháng 3/2025'],
    ] as const) {
      const row = readRosterRow({ cells: ['Lò Thị Mai', String(cell)], values: ['Lò Thị Mai', cell] }, h, { today: '2026-12-01' })!;
      expect([row.fields[field], row.warnings]).toEqual([given, []]);
    }
  });

  it.each([
    ['Ngày sinh', 'birthDate'],
    ['Ngày vào', 'joinDate'],
  ] as const)('%s written in words, as on a certificate, is stored as the date it says', (column, field) => {
    const hpn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HPN')!;
    const h = matchHeader(['Họ và tên', column], hpn)!;
    const row = readRosterRow({ cells: ['Lò Thị Mai', 'ngày 16 tháng 4 năm 1971'] }, h, { today: '2026-12-01' })!;
    expect([row.problems, row.warnings, row.fields[field]]).toEqual([[], [], '1971-04-16']);
  });

  it.each([
    [
      'Ngày sinh hoạt gần nhất',
      'lastActivityDate',
      '01/2027',
      'Ngày sinh hoạt gần nhất: ngày ở tương lai — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ',
    ],
    ['Ngày vào', 'joinDate', '2027', 'Ngày vào: ngày ở tương lai — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ'],
    ['Ngày sinh', 'birthDate', '1899', 'Ngày sinh: năm sinh 1899 trước 1900 — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ'],
  ] as const)('%s the record refuses (%s %s) is left empty with a warning, the member kept', (column, field, cell, said) => {
    const hpn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HPN')!;
    const row = readRosterRow({ cells: ['Lò Thị Mai', cell] }, matchHeader(['Họ và tên', column], hpn)!, { today: '2026-12-01' })!;
    expect([row.problems, row.fields[field]]).toEqual([[], undefined]);
    expect(row.warnings).toEqual([{ column, value: cell, message: said, field }]);
  });

  it('an unreadable one is left empty with a warning, the member kept', () => {
    const row = read('31/02/2016');
    expect([row.problems, row.fields.profile]).toEqual([[], undefined]);
    expect(row.warnings).toEqual([expect.objectContaining({ column: 'Ngày vào Đoàn' })]);
  });
});

/** A list without a Chức vụ column says her office in Ghi chú or in brackets after her name. */
describe('the office a Ghi chú or a bracket after the name gives', () => {
  const hpn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HPN')!;
  const row = (titles: string[], cells: string[]) =>
    readRosterRow({ cells, values: cells }, matchHeader(titles, hpn)!, { today: '2026-12-01' })!;

  it('reads "Chi hội trưởng" in Ghi chú as her Chức vụ, with the note’s facts still suggested', () => {
    const r = row(['Họ và tên', 'Ngày sinh', 'Ghi chú'], ['Lò Thị Xuân', '1980', 'Chi hội trưởng, cùng là hội viên Hội ND']);
    expect(r.fields.profile).toEqual([{ key: 'position', value: 'Chi hội trưởng' }]);
    expect(r.notes.map((n) => n.kind)).toEqual(['ALSO_MEMBER']);
  });

  it('reads "(Tổ phó)" after her name as her Chức vụ, and says so', () => {
    const r = row(['Họ và tên', 'Ngày sinh'], ['Cà Thị Lan (Tổ phó)', '1985']);
    expect([r.fields.fullName, r.fields.profile]).toEqual(['Cà Thị Lan', [{ key: 'position', value: 'Tổ phó' }]]);
    expect(r.warnings.map((w) => w.message)).toEqual(["Họ và tên: đã bỏ ghi chú trong ngoặc '(Tổ phó)' khỏi họ tên, ghi vào Chức vụ"]);
  });

  it('suggests what a bracket after the name says happened, as a Ghi chú would: "(Chi hội trưởng) (đã mất)"', () => {
    const r = row(['Họ và tên', 'Ngày sinh', 'Ghi chú'], ['Lò Văn Sáu (Chi hội trưởng) (đã mất)', '1950', 'cùng là hội viên Hội ND']);
    expect(r.fields.fullName).toBe('Lò Văn Sáu');
    expect(r.notes.map((n) => n.kind).sort()).toEqual(['ALSO_MEMBER', 'DIED']);
    // Her deputy's "(P.Bí thư)" is no secretary's office.
    expect(row(['Họ và tên', 'Ngày sinh'], ['Lò Thị Bảy (P.Bí thư)', '1990']).fields.profile).toEqual([
      { key: 'position', value: 'Phó Bí thư' },
    ]);
  });

  it('keeps her Chức vụ column over her note, and reads no office into a note that holds none', () => {
    expect(row(['Họ và tên', 'Chức vụ', 'Ghi chú'], ['Lò Thị Xuân', 'Hội viên', 'Chi hội trưởng']).fields.profile).toEqual([
      { key: 'position', value: 'Hội viên' },
    ]);
    expect(row(['Họ và tên', 'Ghi chú'], ['Lò Thị Xuân', 'Hộ nghèo']).fields.profile).toBeUndefined();
  });
});

/** A phone cell with a note or a label: the record is given the number read, never the note (which it would refuse). */
describe('a phone written with a note', () => {
  const hnd = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HND')!;
  const phoneHeader = matchHeader(['Họ và tên', 'Số điện thoại'], hnd)!;
  it.each([
    ['whose number it is, in brackets', '0912 345 673 (con trai)', '0912345673'],
    ['a label before it', 'ĐT: 0912.345.673', '0912345673'],
    ['spaces alone: kept as typed', '0912 345 673', '0912 345 673'],
  ])('%s', (_, cell, stored) => {
    const row = readRosterRow({ cells: ['Lò Thị Xiên', cell] }, phoneHeader, { today: '2026-12-01' })!;
    expect([row.fields.phone, row.problems]).toEqual([stored, []]);
  });
});

/** A veterans' roster's bare `Đơn vị` is where each served: no branch of ours, the sheet or title then says which. */
describe("a veteran's army unit under a bare Đơn vị", () => {
  const ccb = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'CCB')!;
  const unitOfRow = (headerText: string, cell: string) => {
    // Her headers as the sheet reader gives them (the messages name her column).
    const header = {
      ...matchHeader(['Họ và tên', headerText], ccb)!,
      texts: new Map([
        [0, 'Họ và tên'],
        [1, headerText],
      ]),
    };
    const row = readRosterRow({ cells: ['Lò Văn Thắng', cell] }, header, { today: '2026-12-01' })!;
    return [row.unit, row.problems.length, row.warnings.map((w) => w.message)];
  };
  it.each(['E148 F316', 'Trung đoàn 98', 'F355', 'Bộ đội Biên phòng', 'Sư đoàn 316, Quân khu 2'])(
    '%s is said, not read as a chi hội',
    (cell) =>
      expect(unitOfRow('Đơn vị', cell)).toEqual([
        null,
        0,
        [expect.stringContaining('là đơn vị quân đội (nơi từng phục vụ), không phải chi hội')],
      ]),
  );
  it.each([
    ['a branch under Đơn vị', 'Đơn vị', 'Chi hội thôn Đồng Tâm'],
    ['a trade union branch of an army office', 'Đơn vị', 'Công đoàn Bộ CHQS tỉnh'],
    ['a unit code', 'Đơn vị', 'CHI-03'],
    ['any text under Chi hội', 'Chi hội', 'Trung đoàn 98'],
  ])('%s is read as the unit', (_, headerText, cell) => expect(unitOfRow(headerText, cell)).toEqual([cell, 0, []]));
});
