import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import { twoRowHeader } from './header-rows.js';
import { maskWarning } from './import-notes.js';
import { sexOfMembers } from './prepare-row.js';
import { matchHeader } from '../roster-columns.js';
import { readRosterRow } from './roster-row.js';

const hpn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HPN')!;
const today = '2026-12-01';

/**
 * The secretary's rows (tester's A-hpn-comman.xlsx row 19, probe p3.xlsx): `Năm sinh` over `Nam` | `Nữ`, a
 * year the record refuses is a warning on its cell as in a `Ngày sinh` column; the member and the sex kept.
 */
describe('Năm sinh over Nam | Nữ: a birth the record refuses', () => {
  const header = twoRowHeader(['STT', 'Họ và tên', 'Năm sinh', '', 'Ngày vào Hội'], ['', '', 'Nam', 'Nữ', ''], hpn)!;
  it.each([
    [
      '1890 under Nữ',
      ['11', 'MÙA THỊ SÁU', '', '1890', '2010'],
      'Nữ',
      'Nữ',
      'Năm sinh: năm sinh 1890 trước 1900 — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ',
    ],
    [
      'a day to come under Nữ',
      ['4', 'GIÀNG THỊ BỐN', '', '1/1/2030', '2010'],
      'Nữ',
      'Nữ',
      'Năm sinh: ngày sinh ở tương lai — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ',
    ],
    [
      '1890 under Nam',
      ['6', 'GIÀNG VĂN SÁU', '1890', '', '2010'],
      'Nam',
      'Nam',
      'Năm sinh: năm sinh 1890 trước 1900 — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ',
    ],
  ])('%s: the cell left empty with a warning, the sex kept', (_, cells, column, sex, message) => {
    const row = readRosterRow({ cells }, header, { today })!;
    expect(row.problems).toEqual([]);
    expect([row.fields.birthDate, row.fields.sex]).toEqual([undefined, sex]);
    expect(row.warnings).toEqual([{ column, value: cells[2] || cells[3], message, field: column === 'Nam' ? 'bySexMale' : 'bySexFemale' }]);
  });
});

/**
 * `Nam` | `Nữ` columns marked with x, ✓, 1 or the sex's word (tester's C-hpn-chacang.xlsx row 7: Lý Văn Sùng,
 * x under Nam, saved a woman by the HPN's default). Read here under `Giới tính`, the header reader's
 * way of naming them (header-rows.ts); a single-row header gives the same columns.
 */
describe('Nam | Nữ mark columns', () => {
  const header = twoRowHeader(['TT', 'Họ và tên', 'Ngày sinh', 'Giới tính', '', 'Phái'], ['', '', '', 'Nam', 'Nữ', ''], hpn)!;
  const read = (male: string | number, female: string | number, said = '') => {
    const cells = ['3', 'Lý Văn Sùng', '01/01/1988', String(male), String(female), said];
    return readRosterRow({ cells, values: ['3', 'Lý Văn Sùng', '01/01/1988', male, female, said] }, header, { today })!;
  };

  it.each([
    ['x under Nam', 'x', '', 'Nam'],
    ['X under Nam', 'X', '', 'Nam'],
    ['a tick under Nam', '✓', '', 'Nam'],
    ['1 (a number) under Nam', 1, '', 'Nam'],
    ['1 (text) under Nữ', '', '1', 'Nữ'],
    ['nam under Nam', 'nam', '', 'Nam'],
    ['Nữ under Nữ', '', 'Nữ', 'Nữ'],
  ])('%s gives the sex, and the HPN default never overrides it', (_, male, female, sex) => {
    const row = read(male, female);
    expect([row.fields.sex, row.warnings, row.fields.birthDate]).toEqual([sex, [], '01/01/1988']);
    expect(sexOfMembers(row, hpn)).toEqual({});
  });

  it.each([
    ['both marked', 'x', 'x', '', 'Nam', 'cả cột Nam và cột Nữ'],
    ['Nữ written under Nam', 'Nữ', '', '', 'Nam', "cột Nam ghi 'Nữ'"],
    ['x under Nam, Phái says Nữ', 'x', '', 'Nữ', 'Giới tính', "Giới tính 'Nữ' trái với cột Nam"],
  ])('%s: a warning, no sex from them, and no HPN default', (_, male, female, said, column, message) => {
    const row = read(male, female, said);
    expect(row.problems).toEqual([]);
    expect(row.fields.sex).toBeUndefined();
    expect(row.warnings.map((w) => w.column)).toEqual([column]);
    expect(row.warnings[0].message).toContain(message);
    expect(sexOfMembers(row, hpn)).toEqual({});
  });

  it('a mark agreeing with Phái is no doubt', () => {
    const row = read('x', '', 'Nam');
    expect([row.fields.sex, row.warnings]).toEqual(['Nam', []]);
  });

  it('a man marked under Nam is a man to the HPN eligibility rule', () => {
    const row = read('x', '');
    const sex = row.fields.sex === 'Nam' ? 'MALE' : null;
    const issues = hpn.checkEligibility({ birth: null, sex, joinDate: null, status: MemberStatus.ACTIVE, profile: {} }, today);
    expect(issues.map((i) => i.code)).toContain('INELIGIBLE_SEX');
  });
});

/** Tester's C-hpn-chacang.xlsx (SheetJS): `Nam` and `Nữ` in a one-row header, not listed as ignored, read as the sex. */
describe('Nam | Nữ columns in a one-row header', () => {
  const header = matchHeader(['TT', 'Họ và tên', 'Ngày sinh', 'Nam', 'Nữ', 'Ghi chú'], hpn)!;
  it('are known columns, and x under Nam is a man the HPN default does not touch', () => {
    expect(header.unknown).toEqual([]);
    const cells = ['7', 'Lý Văn Sùng', '01/01/1988', 'x', '', ''];
    const row = readRosterRow({ cells }, header, { today })!;
    expect(row.fields.sex).toBe('Nam');
    expect(sexOfMembers(row, hpn)).toEqual({});
  });
});

/** Eligibility messages say dates as the secretary writes them, and the masking of warnings leaves them be (tester's B row 9). */
describe('dates in eligibility warnings', () => {
  const dtn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'DTN')!;
  it.each([
    ['a day', '2016-03-26', 'Kết nạp ngày 26/03/2016 khi mới 15 tuổi, dưới 16'],
    ['a month', '2016-03', 'Kết nạp tháng 03/2016 khi mới 14–15 tuổi, dưới 16'],
    ['a year', '2015', 'Kết nạp năm 2015 khi mới 13–14 tuổi, dưới 16'],
  ])('%s', (_, joinDate, message) => {
    const birth = { year: 2001, month: 3, day: 12, precision: 'DAY' as const };
    const issues = dtn.checkEligibility({ birth, sex: 'MALE', joinDate, status: MemberStatus.ACTIVE, profile: {} }, today);
    expect(issues.map((i) => maskWarning(i.message))).toEqual([message]);
  });
});
