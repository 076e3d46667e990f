import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * A Hội Cựu chiến binh roster as a commune's secretary keeps it: the army unit each served in
 * (`Đơn vị`: E141 - F312) before the `Chi hội` column, and `Ngày nhập ngũ` as her papers give it (a
 * month, an Excel date, now and then words). The chi hội is the member's unit, not the army unit;
 * the enlistment's year is kept; a cell that gives no year is a warning on the row, never a refusal.
 */
describe('a veterans’ roster with an army unit column and enlistment dates', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.createUnits([
      { organization: 'CCB', code: 'CCB-BD', name: 'Hội CCB phường Ba Đình', kind: 'BASE', communeCode: '00004' },
      { organization: 'CCB', code: 'CCB-BD-1', name: 'Chi hội Tổ 1', kind: 'BRANCH', parent: 'CCB-BD' },
      { organization: 'CCB', code: 'CCB-BD-2', name: 'Chi hội Tổ 2', kind: 'BRANCH', parent: 'CCB-BD' },
    ]);
    token = await t.logIn(await t.createUser('vp.ccb.bd', Role.SECRETARIAT, 'CCB', 'CCB-BD'));
  });
  afterAll(() => t?.close());

  it('puts each veteran in the chi hội his row names, keeps his enlistment year, and warns of a date that gives none', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('CCB');
    ws.addRow(['DANH SÁCH HỘI VIÊN HỘI CỰU CHIẾN BINH PHƯỜNG BA ĐÌNH']);
    ws.addRow(['STT', 'Họ và tên', 'Năm sinh', 'Đơn vị', 'Ngày nhập ngũ', 'Chi hội']);
    ws.addRow([1, 'Lò Văn Pằn', 1950, 'E141 - F312', '02/1970', 'Chi hội Tổ 1']);
    ws.addRow([2, 'Quàng Văn Ún', 1952, 'F316', new Date(Date.UTC(1973, 3, 10)), 'Chi hội Tổ 2']);
    ws.addRow([3, 'Cà Văn Lả', 1949, 'Bệnh xá Trung đoàn 741', 'không rõ', 'Chi hội Tổ 1']);
    const jobId = await uploadRoster(t, token, await wb.xlsx.writeBuffer(), 'ccb-ba-dinh.xlsx', 'organization=CCB&assignIds=true');
    await waitForJob(<T>(q: string, v?: Record<string, unknown>) => gqlAs<T>(t, token, q, v), jobId, 'DONE');

    const stored = await t.sql<{ full_name: string; unit: string; year: number | null; warnings: unknown }>(
      `SELECT r.full_name, u.code AS unit, (r.profile->>'enlistmentYear')::int AS year, r.import_warnings AS warnings
         FROM member_record r JOIN unit u ON u.id = r.unit_id WHERE r.organization_code = 'CCB' ORDER BY r.full_name`,
    );
    expect(stored.map((r) => [r.full_name, r.unit, r.year])).toEqual([
      ['Cà Văn Lả', 'CCB-BD-1', null],
      ['Lò Văn Pằn', 'CCB-BD-1', 1970],
      ['Quàng Văn Ún', 'CCB-BD-2', 1973],
    ]);
    // Named by her column as her file writes it (`Ngày nhập ngũ`), not by the template's `Năm nhập ngũ`.
    expect(stored[0].warnings).toContainEqual(
      expect.objectContaining({
        column: 'Ngày nhập ngũ',
        message: "Ngày nhập ngũ: 'không rõ' không phải năm (yyyy) — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ",
      }) as unknown,
    );
    // No chi hội was made of an army unit, and none was asked for.
    expect((await t.sql(`SELECT code FROM unit WHERE organization_code = 'CCB'`)).length).toBe(3);
  });
});
