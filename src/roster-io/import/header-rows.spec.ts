import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { matchHeader, type HeaderMatch } from '../roster-columns.js';
import { isColumnNumberRow, twoRowHeader } from './header-rows.js';

const hpn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HPN')!;
const fields = (m: HeaderMatch | null) => (m ? Object.fromEntries([...m.fields].map(([i, c]) => [i, c.key])) : null);

describe('a header of two rows, merged cells carried over their sub-columns', () => {
  // A merged range keeps its value in its top-left cell only: the cells to its right are empty.
  const cases: { name: string; top: string[]; sub: string[]; fields: Record<number, string> | null; unknown?: string[] }[] = [
    {
      name: 'Năm sinh over Nam | Nữ, Địa chỉ over Thôn, bản | Xã, STT and Ghi chú spanning both rows',
      top: ['STT', 'Họ và tên', 'Năm sinh', '', 'Địa chỉ', '', 'Số CCCD', 'Ghi chú'],
      sub: ['', '', 'Nam', 'Nữ', 'Thôn, bản', 'Xã', '', ''],
      fields: { 1: 'fullName', 2: 'bySexMale', 3: 'bySexFemale', 4: 'village', 5: 'address', 6: 'idNumber', 7: 'note' },
      unknown: [],
    },
    {
      name: 'Địa chỉ over Thôn/xóm | Xã (cũ): the old commune read as the address, the village kept',
      top: ['STT', 'Họ và tên', 'Ngày sinh', 'Địa chỉ', '', 'Ghi chú'],
      sub: ['', '', '', 'Thôn/xóm', 'Xã (cũ)', ''],
      fields: { 1: 'fullName', 2: 'birthDate', 3: 'village', 4: 'address', 5: 'note' },
      unknown: [],
    },
    {
      name: "a ward's Địa chỉ over Tổ dân phố | Phường, beside the Chi đoàn column",
      top: ['STT', 'Họ và tên', 'Ngày sinh', 'Địa chỉ', '', 'Chi đoàn', 'Ghi chú'],
      sub: ['', '', '', 'Tổ dân phố', 'Phường', '', ''],
      fields: { 1: 'fullName', 2: 'birthDate', 3: 'village', 4: 'address', 5: 'unit', 6: 'note' },
      unknown: [],
    },
    {
      name: 'Họ và tên over Họ đệm | Tên, Giới tính over Nam | Nữ (marks)',
      top: ['TT', 'Họ và tên', '', 'Giới tính', '', 'Ngày tháng năm sinh', 'Ngày vào Hội'],
      sub: ['', 'Họ đệm', 'Tên', 'Nam', 'Nữ', '', ''],
      fields: { 1: 'familyMiddle', 2: 'givenName', 3: 'bySexMale', 4: 'bySexFemale', 5: 'birthDate', 6: 'joinDate' },
      unknown: [],
    },
    {
      name: 'Họ và tên over Họ | Chữ đệm | Tên: the middle name its own part',
      top: ['STT', 'Họ và tên', '', '', 'Năm sinh'],
      sub: ['', 'Họ', 'Chữ đệm', 'Tên', ''],
      fields: { 1: 'familyMiddle', 2: 'middleName', 3: 'givenName', 4: 'birthDate' },
      unknown: [],
    },
    {
      name: 'Quê quán over Thôn | Xã | Huyện | Tỉnh: the commune read, the rest listed (a village of birth is no village she lives in)',
      top: ['Họ và tên khai sinh', 'Quê quán', '', '', '', 'Số điện thoại'],
      sub: ['', 'Thôn', 'Xã', 'Huyện', 'Tỉnh', ''],
      fields: { 0: 'fullName', 2: 'address', 5: 'phone' },
      unknown: ['Quê quán: Thôn', 'Quê quán: Huyện', 'Quê quán: Tỉnh'],
    },
    {
      name: 'Quê quán beside Địa chỉ over Thôn, bản | Xã: where she lives is read, where she comes from left (a CCB roster)',
      top: [
        'STT',
        'Họ và tên',
        'Ngày, tháng, năm sinh',
        'Giới tính',
        '',
        'Số CCCD',
        'Số điện thoại',
        'Quê quán',
        'Địa chỉ',
        '',
        'Ngày vào Hội',
        'Chi hội',
        'Ghi chú',
      ],
      sub: ['', '', '', 'Nam', 'Nữ', '', '', '', 'Thôn, bản', 'Xã', '', '', ''],
      fields: {
        1: 'fullName',
        2: 'birthDate',
        3: 'bySexMale',
        4: 'bySexFemale',
        5: 'idNumber',
        6: 'phone',
        8: 'village',
        9: 'address',
        10: 'joinDate',
        11: 'unit',
        12: 'note',
      },
      unknown: ['Quê quán'],
    },
    {
      name: 'the first member row under a header is no second header row',
      top: ['STT', 'Họ và tên', 'Năm sinh', '', 'Số CCCD'],
      sub: ['1', 'Lò Thị Mai', '', '1985', '011185012345'],
      fields: null,
    },
    {
      name: 'the column-number row is no second header row',
      top: ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính'],
      sub: ['(1)', '(2)', '(3)', '(4)'],
      fields: null,
    },
  ];
  it.each(cases)('$name', ({ top, sub, fields: want, unknown }) => {
    const m = twoRowHeader(top, sub, hpn);
    expect(fields(m)).toEqual(want);
    if (unknown) expect(m!.unknown).toEqual(unknown);
  });

  it('a one-row header still reads alone, its STT known', () => {
    const m = matchHeader(['STT', 'Họ và tên', 'Năm sinh', 'Quê quán', 'Chức vụ'], hpn);
    expect(fields(m)).toEqual({ 1: 'fullName', 2: 'birthDate', 3: 'address', 4: 'profile.position' });
    expect(m!.rowNumber).toBe(0);
  });

  it('reads Quê quán as her address only when no column says where she lives', () => {
    expect(fields(matchHeader(['Họ và tên', 'Quê quán', 'Xã/Phường', 'Năm sinh'], hpn))).toEqual({
      0: 'fullName',
      2: 'communeName',
      3: 'birthDate',
    });
    expect(fields(matchHeader(['Họ và tên', 'Quê quán', 'Nơi ở hiện nay'], hpn))).toEqual({ 0: 'fullName', 2: 'address' });
    expect(fields(matchHeader(['Họ và tên', 'Mã xã', 'Quê quán'], hpn))).toEqual({ 0: 'fullName', 1: 'communeCode' });
    // A workplace's list (Công đoàn): where its workers come from says nothing of where they live — left for her to choose.
    const cd = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'CD')!;
    const m = matchHeader(['Họ và tên', 'Năm sinh', 'Quê quán', 'Tổ công đoàn'], cd);
    expect(Object.values(fields(m)!)).not.toContain('address');
    expect(m!.unknown).toContain('Quê quán');
  });
});

describe('the column-number row', () => {
  it.each([
    [['(1)', '(2)', '(3)', '(4)', '', '(6)'], true],
    [['1', '2', '3', '4', '5'], true],
    [['1', 'Lò Thị Mai', '1985'], false],
    [['14', '', ''], false],
    [['', '', ''], false],
  ])('%j → %s', (cells, want) => expect(isColumnNumberRow(cells)).toBe(want));
});
