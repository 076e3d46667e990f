import { BUILT_IN_ORGANIZATIONS } from '../organizations/index.js';
import { readRosterRow } from './import/roster-row.js';
import { matchHeader, type HeaderMatch } from './roster-columns.js';

const org = (code: string) => BUILT_IN_ORGANIZATIONS.find((o) => o.code === code)!;
/** Column index → the field it was read as. */
const fields = (m: HeaderMatch | null) => (m ? Object.fromEntries([...m.fields].map(([i, c]) => [i, c.key])) : null);

describe('the header row of a roster', () => {
  it.each([
    ['a title row', ['DANH SÁCH HỘI VIÊN CHI HỘI 1', '', '', '']],
    ['a title naming one column only', ['Họ và tên', '', '']],
    ['a data row', ['HS-1', 'Nguyễn Văn An', '12/03/1970', 'Nam']],
    ['a blank row', ['', '', '']],
  ])('is not %s', (_why, cells) => {
    expect(matchHeader(cells, org('HND'))).toBeNull();
  });

  it('reads the template headers whatever their accents, case and spacing', () => {
    const m = matchHeader(
      ['Mã hồ sơ', 'HỌ VÀ TÊN', 'Ngay sinh', ' Giới  tính ', 'Số CCCD', 'Số điện thoại', 'Mã xã', 'Trạng thái'],
      org('HND'),
    );
    expect(fields(m)).toEqual({
      0: 'externalId',
      1: 'fullName',
      2: 'birthDate',
      3: 'sex',
      4: 'idNumber',
      5: 'phone',
      6: 'communeCode',
      7: 'status',
    });
    expect(m!.unknown).toEqual([]);
  });

  it('reads the other names a column is known by, snake_case included', () => {
    const m = matchHeader(
      ['ma_ho_so', 'ho_ten', 'Năm sinh', 'Phái', 'CCCD/CMND', 'SĐT', 'dan_toc', 'Mã chi hội', 'Ngày kết nạp'],
      org('HND'),
    );
    expect(fields(m)).toEqual({
      0: 'externalId',
      1: 'fullName',
      2: 'birthDate',
      3: 'sex',
      4: 'idNumber',
      5: 'phone',
      6: 'ethnicity',
      7: 'unit',
      8: 'joinDate',
    });
  });

  it('gives a column its own header over another column’s alias: DTN’s "Ngày vào Đoàn" is its own column', () => {
    const header = ['Mã hồ sơ', 'Họ và tên', 'Ngày vào Đoàn'];
    expect(fields(matchHeader(header, org('DTN')))).toEqual({ 0: 'externalId', 1: 'fullName', 2: 'profile.youthUnionJoinDate' });
    // Elsewhere it is only a name for Ngày vào.
    expect(fields(matchHeader(header, org('HND')))).toEqual({ 0: 'externalId', 1: 'fullName', 2: 'joinDate' });
    expect(fields(matchHeader(['Mã hồ sơ', 'Ngày vào', 'Ngày vào Đoàn'], org('DTN')))).toEqual({
      0: 'externalId',
      1: 'joinDate',
      2: 'profile.youthUnionJoinDate',
    });
  });

  it('reads a header with what it adds in brackets, or with alternatives naming one column; not alternatives naming two', () => {
    const m = matchHeader(
      ['STT', 'Họ và tên', 'Ngày sinh (ngày/tháng/năm)', 'Số ĐDCN/CCCD', 'Địa chỉ (thôn/xóm)', 'SĐT; Zalo', 'Họ tên/Ngày sinh'],
      org('HPN'),
    );
    expect(fields(m)).toEqual({ 1: 'fullName', 2: 'birthDate', 3: 'idNumber', 4: 'address', 5: 'phone' });
    expect(m!.unknown).toEqual(['Họ tên/Ngày sinh']);
  });

  it('reads a Công đoàn roster’s "Ngày vào Công đoàn" as its join date', () => {
    expect(fields(matchHeader(['STT', 'Họ và tên', 'Ngày vào Công đoàn'], org('CD')))).toEqual({ 1: 'fullName', 2: 'joinDate' });
  });

  it('lists the headers it does not know, and a second column for a field already read', () => {
    // STT is known (the row number, never listed); Ghi chú and Quê quán are read now (issue 16).
    const m = matchHeader(['STT', 'Mã hồ sơ', 'Họ và tên', 'Ghi chú', '', 'Họ tên', 'Quê quán', 'Số thẻ BHYT'], org('CCB'));
    expect(fields(m)).toEqual({ 1: 'externalId', 2: 'fullName', 3: 'note', 6: 'address' });
    expect(m!.unknown).toEqual(['Họ tên', 'Số thẻ BHYT']);
    expect(m!.rowNumber).toBe(0);
  });

  it('reads a name split into Họ và tên đệm and Tên', () => {
    const m = matchHeader(['STT', 'Họ và tên đệm', 'Tên', 'Ngày sinh', 'Xã/Phường'], org('HPN'));
    expect(fields(m)).toEqual({ 1: 'familyMiddle', 2: 'givenName', 3: 'birthDate', 4: 'communeName' });
    expect(m!.unknown).toEqual([]);
    expect(fields(matchHeader(['ho_dem', 'ten', 'gioi_tinh'], org('HPN')))).toEqual({ 0: 'familyMiddle', 1: 'givenName', 2: 'sex' });
  });

  it.each([
    [['Họ', 'Chữ đệm', 'Tên'], 'Hà Thị Tuyết Vân'],
    [['Họ', 'Tên đệm', 'Tên'], 'Hà Thị Tuyết Vân'],
    [['Họ', 'Đệm', 'Tên'], 'Hà Thị Tuyết Vân'],
    [['Họ', 'Họ đệm', 'Tên'], 'Hà Thị Tuyết Vân'],
  ])('reads a name split into %j, the middle name kept', (header, name) => {
    const m = matchHeader(['STT', ...header, 'Năm sinh'], org('CCB'))!;
    expect(Object.values(fields(m)!)).toEqual(['familyMiddle', 'middleName', 'givenName', 'birthDate']);
    const row = readRosterRow({ cells: ['1', 'Hà', 'Thị Tuyết', 'Vân', '1956'] }, m, { today: '2026-12-01' })!;
    expect([row.problems, row.fields.fullName]).toEqual([[], name]);
  });
});
