import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { periodContaining, previousPeriod } from '../src/common/dates/period.js';
import { NOT_COVERED_HERE } from '../src/reports/figures/commune-report.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { CLEAN, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào';

interface CommuneReport {
  reportId: string;
  scope: string;
  period: string;
  ended: boolean;
  totals: { memberships: number; people: number | null; peopleInSeveralOrgs: number | null; joiners: number; leavers: number };
  organizations: {
    code: string;
    memberships: number;
    joiners: number;
    reach: { known: boolean; eligible?: number | null; reached?: number | null; rate?: number | null; why: string | null };
  }[];
}

/**
 * A commune's officer opened her commune's Tổng quan and read "Chưa có báo cáo của kỳ nào đã kết
 * thúc cho phạm vi này": the server reports on the province, and its report counts every commune.
 * A commune's past periods are now its part of the province's report (its rows and its people),
 * or its own report where one was made — on screen and in the screen's Excel.
 */
describe("a commune's past periods, from the province's report", () => {
  let b: TestBrowser;
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-commune-periods-'));
  const previous = previousPeriod(periodContaining('QUARTER', new Date()));
  // Admitted in the quarter that ended (its first day, dd/mm/yyyy).
  const inPrevious = previous.firstDay.split('-').reverse().join('/');
  const read = async (commune: string): Promise<CommuneReport[]> => {
    const r = await t.gql<{ communeReports: CommuneReport[] }>(
      `query($c: String!) { communeReports(commune: $c) { reportId scope period ended
         totals { memberships people peopleInSeveralOrgs joiners leavers }
         organizations { code memberships joiners reach { known eligible reached rate why } } } }`,
      { c: commune },
    );
    expect(r.errors).toBeUndefined();
    return r.data!.communeReports;
  };

  beforeAll(async () => {
    b = await launchBrowser();
    t = await createTestApp();
    fs.chmodSync(dir, 0o755);
    // In 00004: Lan in HPN and HND (both admitted in the quarter that ended), Hà in HPN (long ago). In 00008: Tuấn in HND.
    await t.importRoster('HPN', HEADER, [
      `P-1,Nguyễn Thị Lan,12/03/1980,Nữ,001180000001,0911000001,00004,B1,Đang sinh hoạt,${inPrevious}`,
      'P-2,Đỗ Thị Hà,05/06/1975,Nữ,001175000002,0911000002,00004,B1,Đang sinh hoạt,01/05/2010',
    ]);
    await t.importRoster('HND', HEADER, [
      `N-1,Nguyễn Thị Lan,12/03/1980,Nữ,001180000001,0911000001,00004,B1,Đang sinh hoạt,${inPrevious}`,
      `N-2,Phạm Văn Tuấn,02/02/1968,Nam,001068000004,0911000004,00008,B2,Đang sinh hoạt,${inPrevious}`,
    ]);
    // The register covers 00004 (three women of 18 or more: Lan, Hà, and Mai, who is in no organization), not 00008.
    await t.importRegister([
      'Nguyễn Thị Lan,12/03/1980,Nữ,001180000001,00004,Còn sống,',
      'Đỗ Thị Hà,05/06/1975,Nữ,001175000002,00004,Còn sống,',
      'Vũ Thị Mai,09/09/1990,Nữ,001190000009,00004,Còn sống,',
    ]);
    await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'link'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
    });
    // The server's schedule: the province only.
    await t.app.get(ReportsService).run(previous.key, null, { now: new Date() });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads a commune's figures from the province's report: its rows, its people once, the reach there", async () => {
    const [province] = await t.sql<{ id: string }>(`SELECT id FROM report_snapshot WHERE scope = 'province' AND period = $1`, [
      previous.key,
    ]);
    const [c4] = await read('00004');
    expect(c4).toMatchObject({ reportId: province.id, scope: 'province', period: previous.key, ended: true });
    // Joiners of the period there: Lan twice (HPN and HND), not Hà; Tuấn is in 00008.
    expect(c4.totals.joiners).toBe(2);
    expect(c4.organizations.find((o) => o.code === 'HPN')!.joiners).toBe(1);
    expect(c4.organizations.find((o) => o.code === 'HND')!.joiners).toBe(1);
    // The same as the report's rows of the commune, and its people as the report counted them there.
    const rows = await t.gql<{
      reportRows: { nodes: { organizationCode: string; memberships: number; joiners: number; leavers: number }[] };
    }>(`query($r: ID!) { reportRows(report: $r, commune: "00004") { nodes { organizationCode memberships joiners leavers } } }`, {
      r: province.id,
    });
    const nodes = rows.data!.reportRows.nodes;
    expect(c4.totals.memberships).toBe(nodes.reduce((s, n) => s + n.memberships, 0));
    expect(c4.totals.leavers).toBe(nodes.reduce((s, n) => s + n.leavers, 0));
    const people = await t.gql<{ report: { peopleByCommune: { code: string; people: number; peopleInSeveralOrgs: number }[] } }>(
      `query($id: ID!) { report(id: $id) { peopleByCommune { code people peopleInSeveralOrgs } } }`,
      { id: province.id },
    );
    const there = people.data!.report.peopleByCommune.find((c) => c.code === '00004') ?? { people: 0, peopleInSeveralOrgs: 0 };
    expect([c4.totals.people, c4.totals.peopleInSeveralOrgs]).toEqual([there.people, there.peopleInSeveralOrgs]);
    // The reach of the Hội Phụ nữ there: its people against the register's women of 18 or more in the commune.
    const hpn = c4.organizations.find((o) => o.code === 'HPN')!;
    const hpnRow = (
      await t.gql<{ reportRows: { nodes: { eligible: number; reached: number; rate: number }[] } }>(
        `query($r: ID!) { reportRows(report: $r, commune: "00004", organization: "HPN") { nodes { eligible reached rate } } }`,
        { r: province.id },
      )
    ).data!.reportRows.nodes[0];
    expect(hpnRow.eligible).toBe(3);
    expect(hpn.reach).toEqual({ known: true, eligible: 3, reached: hpnRow.reached, rate: hpnRow.rate, why: null });
    // The register does not cover 00008: the reach there is not known, and says why.
    const [c8] = await read('00008');
    expect(c8.totals.joiners).toBe(1);
    expect(c8.organizations.find((o) => o.code === 'HPN')!.reach).toMatchObject({ known: false, why: NOT_COVERED_HERE });
    // A commune the province's report does not count gets nothing made up, and a bad code is told.
    const bad = await t.gql(`{ communeReports(commune: "4") { period } }`);
    expect(bad.errors?.[0].message).toContain('mã xã 5 chữ số');
  });

  it('prefers the commune’s own report of a period where one was made', async () => {
    const own = await t.app.get(ReportsService).run(previous.key, 'commune:00004', { now: new Date() });
    const [c4] = await read('00004');
    expect(c4).toMatchObject({ reportId: own.id, scope: 'commune:00004', period: previous.key });
    expect(c4.totals.joiners).toBe(own.data.totals.joiners);
    expect(c4.totals.memberships).toBe(own.data.totals.memberships);
    expect(c4.totals.people).toBe(own.data.totals.people);
    // The other commune still reads the province's.
    expect((await read('00008'))[0].scope).toBe('province');
  });

  it("shows a commune's joiners of the quarter that ended on its Tổng quan and in its Excel, from the province's report", async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-xa', Role.DAN_VAN));
    await page.goto(`${t.url}/#/tong-quan?pham-vi=commune:00008`);
    const joiners = page.getByTestId('joiners');
    await joiners.getByText(`Theo báo cáo toàn tỉnh kỳ ${previous.label} đã lưu (phần của xã này)`).waitFor();
    expect(await joiners.locator('[data-figure]').first().getAttribute('data-figure')).toBe('1');
    expect(await page.getByText('Chưa có báo cáo của kỳ nào đã kết thúc').count()).toBe(0);
    expect(await review(page)).toEqual(CLEAN);
    // Another commune found by the name it had before the 2025 merger, and the option says why it is offered.
    await page.getByRole('combobox', { name: 'Chọn xã, phường (gõ tên)' }).click();
    await page.keyboard.type('lieu giai');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /Phường Ngọc Hà.*trước đây gồm Phường Liễu Giai/ })
      .waitFor();
    await page.keyboard.press('Escape');
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Xuất Excel/ }).click()]);
    const file = path.join(dir, d.suggestedFilename());
    await d.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const summary = book.getWorksheet('Tổng quan')!.getSheetValues() as unknown[][];
    // The quarter's joiners under "Báo cáo gần nhất", not beside today's figures.
    const joined = summary.find((r) => String(r?.[1]).startsWith('Kết nạp'))!;
    expect([joined[2] ?? null, joined[3]]).toEqual([null, 1]);
    const trend = book.getWorksheet('Qua các kỳ')!.getSheetValues() as unknown[][];
    expect(trend.flat().join(' ')).toContain(previous.label);
    await context.close();
  });
});
