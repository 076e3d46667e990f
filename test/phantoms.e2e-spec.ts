import { LinkerService } from '../src/linker/linker.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào,Ngày sinh hoạt gần nhất';

/**
 * Each phantom flag through the real pipeline (import, register, `link`), with a record that
 * raises it and one that does not. The register covers commune 00008 only.
 */
describe('phantom flags on a real PostgreSQL', () => {
  let t: TestApp;
  const flags = new Map<string, { flags: string[]; ao: boolean }>();
  const roster = (org: string, rows: string[]) => t.importRoster(org, HEADER, rows);

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRegister([
      'Hà Văn Thọ,02/02/1940,Nam,001040066666,00008,Đã mất,15/06/2025',
      'Lò Thị Sống,03/03/1965,Nữ,001165011111,00008,Còn sống,',
    ]);
    await roster('HND', [
      'DEAD,Hà Văn Thọ,02/02/1940,Nam,001040066666,0911000001,00008,B1,Đang sinh hoạt,01/01/1990,',
      'ALIVE,Lò Thị Sống,03/03/1965,Nữ,001165011111,0911000002,00008,B1,Đang sinh hoạt,01/01/1990,',
      'UNKNOWN,Phạm Văn Lạ,04/04/1970,Nam,001070022222,0911000003,00008,B1,Đang sinh hoạt,01/01/1990,',
      'ELSEWHERE,Phạm Văn Xa,04/04/1970,Nam,001070033333,0911000004,00004,B2,Đang sinh hoạt,01/01/1990,',
      'IDLE,Vi Văn Nghỉ,05/05/1960,Nam,001060044444,0911000005,00004,B2,Đang sinh hoạt,01/01/1990,01/01/2023',
      'BUSY,Vi Văn Làm,05/05/1961,Nam,001061055555,0911000006,00004,B2,Đang sinh hoạt,01/01/1990,01/10/2026',
      'NOPAPERS,Đèo Văn Trống,1962,Nam,,,00004,B2,Đang sinh hoạt,01/01/1990,',
      'BADID,Quàng Văn Sai,06/06/1963,Nam,001063066666,0911000008,00004,B2,Đang sinh hoạt,01/01/1990,',
      'MISMATCH,Quàng Văn Lệch,07/07/1964,Nam,001164077777,0911000009,00004,B2,Đang sinh hoạt,01/01/1990,',
      'TWICE-1,Mùa A Hai,08/08/1966,Nam,001066088888,0911000010,00004,B2,Đang sinh hoạt,01/01/1990,',
      'TWICE-2,Mùa A Hai,08/08/1966,Nam,001066088888,0911000010,00004,B3,Đang sinh hoạt,01/01/2000,',
      'TEMP-1,Mùa A Tạm,09/09/1967,Nam,001067099999,0911000011,00004,B2,Đang sinh hoạt,01/01/1990,',
      'TEMP-2,Mùa A Tạm,09/09/1967,Nam,001067099999,0911000011,00004,B3,Sinh hoạt tạm thời,01/01/2025,',
      // One phone for five people (a branch leader's), one for two (a couple).
      ...['Lan', 'Mai', 'Cúc', 'Trúc', 'Đào'].map(
        (g, k) =>
          `PHONE-${k},Lý Thị ${g},0${k + 1}/01/197${k},Nữ,00117${k}1${String(k).padStart(5, '0')},0922000000,00004,B4,Đang sinh hoạt,01/01/1995,`,
      ),
      'COUPLE-1,Lý Văn Chồng,01/02/1970,Nam,001070100001,0933000000,00004,B4,Đang sinh hoạt,01/01/1995,',
      'COUPLE-2,Lý Thị Vợ,01/03/1971,Nữ,001171100002,0933000000,00004,B4,Đang sinh hoạt,01/01/1995,',
      // Eight bare records in one branch within a week (a burst), seven in another (not one).
      ...Array.from(
        { length: 8 },
        (_, k) => `BURST-${k},Lò Văn Mới ${'ABCDEFGH'[k]},01/01/198${k},Nam,,,00008,B5,Đang sinh hoạt,0${1 + (k % 7)}/03/2025,`,
      ),
      ...Array.from(
        { length: 7 },
        (_, k) => `CALM-${k},Lò Văn Vừa ${'ABCDEFG'[k]},01/01/198${k},Nam,,,00004,B6,Đang sinh hoạt,0${1 + k}/03/2025,`,
      ),
      // Eight bare records of an old roster whose join dates are years alone: a year says nothing of the week.
      ...Array.from(
        { length: 8 },
        (_, k) => `OLDLIST-${k},Quàng Văn Cũ ${'ABCDEFGH'[k]},01/01/196${k},Nam,,,00008,B7,Đang sinh hoạt,2025,`,
      ),
    ]);
    await roster('CD', ['MULTI,Vi Văn Làm,05/05/1961,Nam,001061055555,0911000006,00004,C1,Đang sinh hoạt,01/01/1990,']);
    await roster('NCT', [
      'YOUNG,Lương Văn Trẻ,01/01/1990,Nam,001090111111,0944000001,00004,N1,Đang sinh hoạt,01/01/2020,',
      'OLD,Lương Văn Già,01/01/1950,Nam,001050122222,0944000002,00004,N1,Đang sinh hoạt,01/01/2012,',
    ]);
    await roster('HPN', [
      'MAN,Lù Văn Nam,01/01/1970,Nam,001070133333,0944000003,00004,P1,Đang sinh hoạt,01/01/2000,',
      'WOMAN,Lù Thị Nữ,01/01/1970,Nữ,001170144444,0944000004,00004,P1,Đang sinh hoạt,01/01/2000,',
    ]);
    await roster('DTN', [
      'OLDER,Sùng A Lớn,01/01/1993,Nam,001093155555,0944000005,00004,D1,Đang sinh hoạt,01/01/2010,',
      'YOUNGER,Sùng A Nhỏ,01/01/2001,Nam,001201166666,0944000006,00004,D1,Đang sinh hoạt,01/01/2018,',
    ]);
    // A number no card carries (province 099) is refused at import now (parseIdNumber); one stored before that keeps its issue.
    await t.sql(`UPDATE member_record SET id_issues = '{UNKNOWN_PROVINCE}' WHERE external_id = 'BADID'`);
    await t.app.get(LinkerService).link();
    for (const r of await t.sql<{ external_id: string; flags: string[]; ao: boolean }>(
      `SELECT r.external_id, p.flags, p.ao FROM member_record r JOIN record_person p ON p.record_id = r.id`,
    ))
      flags.set(r.external_id, { flags: r.flags, ao: r.ao });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['DECEASED', 'DEAD', 'ALIVE'],
    ['NOT_IN_REGISTER', 'UNKNOWN', 'ELSEWHERE'],
    ['INELIGIBLE_AGE', 'YOUNG', 'OLD'],
    ['INELIGIBLE_SEX', 'MAN', 'WOMAN'],
    ['AGED_OUT', 'OLDER', 'YOUNGER'],
    ['INACTIVE', 'IDLE', 'BUSY'],
    ['NO_IDENTITY', 'NOPAPERS', 'ALIVE'],
    ['INVALID_ID', 'BADID', 'ALIVE'],
    ['ID_MISMATCH', 'MISMATCH', 'ALIVE'],
    ['SHARED_PHONE', 'PHONE-0', 'COUPLE-1'],
    ['BULK_ENTRY', 'BURST-0', 'CALM-0'],
    ['BULK_ENTRY', 'BURST-7', 'OLDLIST-0'],
    ['DUPLICATE_IN_ORG', 'TWICE-1', 'TEMP-1'],
    ['MULTI_ORG', 'BUSY', 'IDLE'],
  ])('%s: raised on %s, not on %s', (code, raises, doesNot) => {
    expect(flags.get(raises)?.flags).toContain(code);
    expect(flags.get(doesNot)?.flags).not.toContain(code);
  });

  it('suspects the dead, the ineligible, the inactive and the bare burst — not the warnings alone', () => {
    for (const code of ['DEAD', 'YOUNG', 'MAN', 'IDLE', 'BURST-0']) expect([code, flags.get(code)?.ao]).toEqual([code, true]);
    for (const code of ['ALIVE', 'OLDER', 'NOPAPERS', 'BADID', 'MISMATCH', 'PHONE-0', 'TWICE-1', 'BUSY', 'CALM-0'])
      expect([code, flags.get(code)?.ao]).toEqual([code, false]);
  });
});
