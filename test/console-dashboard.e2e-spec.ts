import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { vietnamTime } from '../src/common/dates/vietnam-time.js';
import { chooseOption, CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { pdfText } from './support/pdf-text.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào,Ngày sinh hoạt gần nhất';
/** Two women in both organizations (same CCCD: one person each after `link`), the rest in one. */
const HPN = [
  'HPN-1,Nguyễn Thị Lan,12/03/1980,Nữ,001180000001,0911000001,00004,B1,Đang sinh hoạt,01/08/2017,01/10/2026',
  'HPN-2,Trần Thị Mai,05/06/1975,Nữ,001175000002,0911000002,00004,B1,Đang sinh hoạt,01/05/2010,01/10/2026',
  'HPN-3,Lê Thị Hồng,20/01/1990,Nữ,001190000003,0911000003,00008,B2,Đang sinh hoạt,01/05/2026,01/10/2026',
];
const HND = [
  'HND-1,Nguyễn Thị Lan,12/03/1980,Nữ,001180000001,0911000001,00004,B1,Đang sinh hoạt,01/08/2015,01/10/2026',
  'HND-2,Trần Thị Mai,05/06/1975,Nữ,001175000002,0911000002,00004,B1,Đang sinh hoạt,01/05/2012,01/10/2026',
  'HND-3,Phạm Văn Tuấn,02/02/1968,Nam,001068000004,0911000004,00008,B2,Đang sinh hoạt,01/05/2000,01/10/2026',
  'HND-4,Hoàng Văn Nam,03/03/1972,Nam,001072000005,0911000005,00008,B2,Đang sinh hoạt,01/06/2026,01/10/2026',
];
const NAMES = ['Nguyễn Thị Lan', 'Trần Thị Mai', 'Lê Thị Hồng', 'Phạm Văn Tuấn', 'Hoàng Văn Nam'];

interface Live {
  memberships: number;
  people: number;
  peopleNotSuspected: number;
  suspectedPhantoms: number;
  confirmedPhantoms: number;
  peopleByOrgCount: { one: number; two: number; three: number; fourOrMore: number };
}

const FORM = {
  parentBody: 'Tỉnh ủy Thử Nghiệm',
  issuingBody: 'Ban Dân vận',
  symbol: 'BDVTN',
  place: 'Thành phố Thử',
  signer: { authority: 'TM. Ban Thường vụ', title: 'Trưởng ban', name: 'Hà Văn Ký' },
  recipients: ['Thường trực Tỉnh ủy;', 'Lưu: VT.'],
};

interface StoredReport {
  id: string;
  scope: string;
  computedAt: string;
  computedBy: string;
  totals: { memberships: number };
}

/** The Ban Dân vận's two screens, each on its own server and data, in one browser. */
describe('the console: dashboard and reports', () => {
  let b: TestBrowser;
  beforeAll(async () => {
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  /**
   * The dashboard of the Ban Dân vận and of an auditor, on a small province imported and linked by the
   * real `link` run: its figures are the API's for the same scope, a commune drills down, the overlap's
   * cells are `overlap`'s, the export holds the same numbers as numbers; the auditor sees no name.
   */
  describe('the dashboard', () => {
    let t: TestApp;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-console-dashboard-'));

    beforeAll(async () => {
      t = await createTestApp();
      fs.chmodSync(dir, 0o755);
      await t.importRoster('HPN', HEADER, HPN);
      await t.importRoster('HND', HEADER, HND);
      await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'link'], {
        env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
      });
      // Two stored periods: the trend and the change since the last one.
      for (const period of ['2026-10', '2026-11']) {
        const r = await t.gql(`mutation { runReport(period: "${period}") { id } }`);
        expect(r.errors).toBeUndefined();
      }
    });
    afterAll(async () => {
      await t?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const live = async (scope: string): Promise<Live> => {
      const r = await t.gql<{ liveFigures: Live }>(
        `query($s: String) { liveFigures(scope: $s) { memberships people peopleNotSuspected suspectedPhantoms confirmedPhantoms
         peopleByOrgCount { one two three fourOrMore } } }`,
        { s: scope },
      );
      return r.data!.liveFigures;
    };
    /** The figures as the page shows them (their visible text, 1.234 read as 1234). */
    const shown = async (page: Page) => {
      const read = (text: string) => Number(text.replace(/\D/g, ''));
      const figure = async (id: string) => read(await page.getByTestId(id).locator('[data-figure]').first().innerText());
      const buckets = (await page.getByTestId('buckets').locator('[data-figure]').allInnerTexts()).map(read);
      return {
        memberships: await figure('memberships'),
        people: await figure('people'),
        peopleNotSuspected: await figure('not-suspected'),
        suspectedPhantoms: await figure('suspected'),
        confirmedPhantoms: await figure('confirmed'),
        peopleByOrgCount: { one: buckets[0], two: buckets[1], three: buckets[2], fourOrMore: buckets[3] },
      };
    };

    it('shows a Ban Dân vận officer the API figures of the province and of a commune, the overlap, and exports them', async () => {
      const context = await b.context();
      const page = await logInThroughPage(context, t.url, await t.createUser('bdv', Role.DAN_VAN));
      // Her home screen.
      await page.getByTestId('as-of').waitFor();
      expect(page.url()).not.toContain('danh-sach');
      const province = await live('province');
      expect(province).toMatchObject({ memberships: 7, people: 5 });
      expect(await shown(page)).toEqual(province);
      // Printed on A4 (Ctrl+P) to take to a meeting: the figures from the first page, without the menu; the bars in their colours.
      const printed = (await pdfText(await page.pdf({ format: 'A4' }))).split('\n');
      expect([printed[0].includes('Tổng quan — Toàn tỉnh'), printed[0].includes('Đăng xuất'), printed[0].includes('Số lượt')]).toEqual([
        true,
        false,
        true,
      ]);
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate<string>(`getComputedStyle(document.body).printColorAdjust`)).toBe('exact');
      await page.emulateMedia({ media: null });
      // As of now, and the link run its persons and suspicions come from (the one this suite ran), to the minute.
      const [run] = await t.sql<{ at: string }>(
        `SELECT to_char(max(finished_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI') AS at FROM link_run WHERE status = 'DONE'`,
      );
      expect(await page.getByTestId('as-of').innerText()).toMatch(
        new RegExp(`^Số liệu đến \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d · số người và hồ sơ nghi ảo theo lần liên kết lúc ${run.at}$`),
      );

      // The overlap's cells carry `overlap`'s numbers.
      const { data } = await t.gql<{ overlap: { matrix: { a: string; b: string; persons: number }[] } }>(
        `{ overlap(scope: "province") { matrix { a b persons } } }`,
      );
      expect(data!.overlap.matrix.find((c) => c.a !== c.b)?.persons).toBe(2);
      for (const c of data!.overlap.matrix)
        expect(await page.locator(`[data-testid=overlap] td[data-a="${c.a}"][data-b="${c.b}"]`).innerText()).toBe(String(c.persons));
      // Its rows by the organizations' names (the code beside, the columns' key), not by bare codes.
      const orgNames = new Map(
        (await t.gql<{ organizations: { code: string; name: string }[] }>(`{ organizations { code name } }`)).data!.organizations.map(
          (o) => [o.code, o.name],
        ),
      );
      const rowHeads = await page.locator('[data-testid=overlap] tbody th').allInnerTexts();
      expect(rowHeads.length).toBeGreaterThan(1);
      for (const head of rowHeads) expect(head).toBe(`${orgNames.get(head.split(' ').at(-1)!)} ${head.split(' ').at(-1)}`);

      // Every commune, each as its own scope counts it (the women in two organizations there counted once).
      const listed = await t.gql<{ liveCommunes: { communes: ({ code: string } & Record<string, number>)[] } }>(
        `{ liveCommunes(scope: "province") { communes { code memberships people peopleNotSuspected suspectedPhantoms } } }`,
      );
      for (const { code, ...figures } of listed.data!.liveCommunes.communes) {
        const own = await live(`commune:${code}`);
        expect(figures).toEqual({
          memberships: own.memberships,
          people: own.people,
          peopleNotSuspected: own.peopleNotSuspected,
          suspectedPhantoms: own.suspectedPhantoms,
        });
      }
      // An organization's and a unit's communes add up to their own figures (each person lives in one commune here).
      for (const scope of ['org:HND', 'unit:HND/B2']) {
        const r = await t.gql<{ liveCommunes: { communes: { memberships: number; people: number }[] } }>(
          `query($s: String) { liveCommunes(scope: $s) { communes { memberships people } } }`,
          { s: scope },
        );
        const sum = (k: 'memberships' | 'people') => r.data!.liveCommunes.communes.reduce((n, c) => n + c[k], 0);
        const own = await live(scope);
        expect({ scope, memberships: sum('memberships'), people: sum('people') }).toEqual({
          scope,
          memberships: own.memberships,
          people: own.people,
        });
      }
      // …then on the page, and a commune's own figures.
      const communes = page.getByTestId('communes').locator('tbody tr.ant-table-row');
      expect(await communes.count()).toBe(2);
      // Its headings go down one level at a time (a screen reader's outline of the page): the sections under the title are h2.
      const levels = await page.evaluate<number[]>(
        `[...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5')].map((h) => Number(h.tagName[1]))`,
      );
      expect(levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1)).toEqual([]);
      expect(levels.filter((l) => l === 2).length).toBeGreaterThanOrEqual(3);
      // Who is in two organizations or more in each commune, as the API counts them: the cross-check the Ban Dân vận asks for.
      const counted = await t.gql<{ liveCommunes: { communes: { code: string; name: string; peopleInSeveralOrgs: number }[] } }>(
        `{ liveCommunes { communes { code name peopleInSeveralOrgs } } }`,
      );
      const here = counted.data!.liveCommunes.communes.find((c) => c.code === '00004')!;
      expect(here.peopleInSeveralOrgs).toBeGreaterThan(0);
      await page.getByRole('columnheader', { name: 'Ở từ 2 tổ chức trong xã' }).waitFor();
      const cells = communes.filter({ hasText: here.name }).locator('td');
      expect((await cells.nth(4).innerText()).trim()).toBe(here.peopleInSeveralOrgs.toLocaleString('vi-VN'));
      await page
        .getByRole('button', { name: /^Xem tổng quan của/ })
        .first()
        .click();
      await page.getByRole('heading', { level: 1, name: /Tổng quan — (Xã|Phường)/ }).waitFor();
      const commune = await live('commune:00004');
      expect(commune).toMatchObject({ memberships: 4, people: 2 });
      await page.getByTestId('memberships').locator('[data-figure="4"]').waitFor();
      expect(await shown(page)).toEqual(commune);
      expect(await page.getByRole('link', { name: /^Xem danh sách hội viên của/ }).getAttribute('href')).toBe('#/danh-sach?xa=00004');
      expect(await review(page)).toEqual(CLEAN);

      // The export of what is on screen: the commune's numbers, as numbers.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Xuất Excel/ }).click()]);
      // Named in her words, by the commune's code (not "commune:00004", not "province").
      expect(download.suggestedFilename()).toBe('tong-quan-xa-00004.xlsx');
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const row = (sheet: string, label: string) =>
        book
          .getWorksheet(sheet)!
          .getSheetValues()
          .find((r) => Array.isArray(r) && r[1] === label) as unknown[];
      // The same moment as on screen, in Vietnam time (the figures are shared until a commit changes them).
      const [asOf, linked] = (await page.getByTestId('as-of').innerText()).replace('Số liệu đến ', '').split(' · ');
      expect(book.getWorksheet('Tổng quan')!.getCell('A2').value).toBe(`Số liệu đến ${asOf} (giờ Việt Nam); ${linked}.`);
      expect(row('Tổng quan', 'Số lượt')[2]).toBe(commune.memberships);
      expect(row('Tổng quan', 'Số người (sau liên kết)')[2]).toBe(commune.people);
      expect(row('Tổng quan', 'Số người không nghi ảo (ước tính)')[2]).toBe(commune.peopleNotSuspected);
      // The overlap's columns headed by the organizations' names, as its rows.
      const overlapHead = row('Trùng giữa tổ chức', 'Tổ chức').slice(2);
      expect(overlapHead.length).toBeGreaterThan(1);
      for (const head of overlapHead) expect([...orgNames.values()]).toContain(head);
      // …in the organizations' own order, as the screen's table (not by code: CCB before CĐ).
      expect(overlapHead).toEqual([...orgNames.values()].filter((n) => overlapHead.includes(n)));
      expect(row('Theo xã', '00004').slice(3, 6)).toEqual([commune.memberships, commune.people, commune.peopleNotSuspected]);
      // Then those in two organizations or more there, and the records suspected.
      expect(typeof row('Theo xã', '00004')[6]).toBe('number');
      expect(row('Theo xã', '00004')[7]).toBe(commune.suspectedPhantoms);
      // Why the two "in several organizations" figures may differ, said beside the province-wide one.
      expect(String(row('Tổng quan', 'Số người ở từ 2 tổ chức')[5])).toContain('Tính trong toàn tỉnh');
      // Her roster of that commune: the filter says the commune's name, not the link's code.
      await page.getByRole('link', { name: /^Xem danh sách hội viên của/ }).click();
      const filter = page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: 'Xã / phường' }) });
      await filter
        .filter({ hasText: 'Phường Ba Đình' })
        .waitFor()
        .catch(async (e: Error) => {
          throw new Error(`${e.message}\n--- the filters showed:\n${await page.locator('section').first().innerHTML()}`.slice(0, 6000));
        });
      // Reviewed once her roster has come (not the empty table greyed while it loads: CI red once on its contrast):
      // the organization with most members in the commune, never the Mặt trận (which keeps no members' records).
      await page
        .getByText(/^[1-9]\d* hồ sơ$/)
        .first()
        .waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).not.toContain('Mặt trận');
      expect(await review(page)).toEqual(CLEAN);
      // One roster at a time: the other organizations with members in the commune are named beside it.
      expect(await page.getByTestId('other-organizations').innerText()).toMatch(/^Ở xã này còn có hội viên của: .+\(\d+\)/);
      // The address keeps what she sees: a reload shows the same organization's roster of the commune…
      const heading = await page.getByRole('heading', { level: 1 }).innerText();
      expect(page.url()).toMatch(/#\/danh-sach\?xa=00004&to-chuc=[A-Z]+$/);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      // …and Back returns to the commune's figures she came from, not the province's.
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: /Tổng quan — (Xã|Phường)/ }).waitFor();
      expect(page.url()).toContain('#/tong-quan?pham-vi=commune:00004');
      await context.close();
    });

    it('shows an auditor the dashboard and no name anywhere; nothing wider than a phone', async () => {
      const context = await b.context('phone');
      const page = await logInThroughPage(context, t.url, await t.createUser('kiem-toan', Role.AUDITOR));
      await page.getByTestId('as-of').waitFor();
      await page.getByTestId('communes').locator('tbody tr.ant-table-row').first().waitFor();
      expect(await shown(page)).toEqual(await live('province'));
      const names = async () => {
        const text = await page.locator('body').innerText();
        return NAMES.filter((n) => text.includes(n));
      };
      expect(await names()).toEqual([]);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await review(page)).toEqual(CLEAN);
      await page
        .getByRole('button', { name: /^Xem tổng quan của/ })
        .last()
        .click();
      await page.getByTestId('memberships').locator('[data-figure="3"]').waitFor();
      expect(await names()).toEqual([]);
      // No roster link for her: she may not read records.
      expect(await page.getByRole('link', { name: /^Xem danh sách hội viên/ }).count()).toBe(0);
      await context.close();
    });

    it('says nothing of the stored periods while they load (not "no report"), and the people in several organizations as Rà soát names them', async () => {
      const context = await b.context();
      // The stored reports held back, as on a slow provincial line, until the live figures are on screen.
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      await context.route('**/graphql', async (route) => {
        if ((route.request().postData() ?? '').includes('DashboardReports')) await held;
        await route.continue();
      });
      const page = await logInThroughPage(context, t.url, await t.createUser('bdv-cham', Role.DAN_VAN));
      await page.getByTestId('as-of').waitFor();
      await page.getByTestId('buckets').waitFor();
      const body = () => page.locator('body').innerText();
      expect(await body()).not.toContain('Chưa có báo cáo của kỳ nào');
      expect(await body()).not.toContain('Chưa có kỳ trước để so sánh');
      release();
      await page
        .getByTestId('people')
        .getByText(/so với cuối Tháng 11\/2026/)
        .waitFor();
      expect(await body()).not.toContain('Chưa có báo cáo của kỳ nào');
      // Each figure's change right under its own number: the confirmed phantoms beside the estimate come after it.
      const estimate = await page.getByTestId('not-suspected').innerText();
      expect(estimate.indexOf('so với cuối Tháng 11/2026')).toBeGreaterThan(0);
      expect(estimate.indexOf('so với cuối Tháng 11/2026')).toBeLessThan(estimate.indexOf('Hồ sơ đã rà soát, kết thúc sinh hoạt'));

      // 2 + 3 + 4+ organizations, under the name Rà soát liên kết and the report's files give it.
      const { peopleByOrgCount: c } = await live('province');
      const several = page.getByTestId('several-orgs');
      expect(await several.innerText()).toMatch(/^Số người ở từ 2 tổ chức\s+2$/);
      expect(Number(await several.locator('[data-figure]').getAttribute('data-figure'))).toBe(c.two + c.three + c.fourOrMore);
      expect(await review(page)).toEqual(CLEAN);
      await context.close();
    });
  });

  /**
   * The Báo cáo screen: a Ban Dân vận officer runs the province's report now and downloads it as
   * .xlsx (numbers as numbers, times in Vietnam time) and .pdf (the deployment's official form); an
   * auditor, on a phone, sees the list and downloads too but is offered no run.
   */
  describe('reports, run now and downloaded', () => {
    let t: TestApp;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-console-reports-'));
    const stored = async () =>
      (await t.gql<{ reports: StoredReport[] }>(`{ reports { id scope computedAt computedBy totals { memberships } } }`)).data!.reports;
    const save = async (page: Page, name: RegExp): Promise<string> => {
      const [download]: [Download, void] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name }).first().click(),
      ]);
      const file = path.join(dir, `${Date.now()}-${download.suggestedFilename()}`);
      await download.saveAs(file);
      return file;
    };

    beforeAll(async () => {
      const form = path.join(dir, 'mau-bao-cao.json');
      fs.writeFileSync(form, JSON.stringify(FORM));
      // Hà Nội's, where 00004 (Phường Ba Đình) is: Thanh Hóa has a Xã Ba Đình too.
      t = await createTestApp({ REPORT_FORM_FILE: form, PROVINCE: '01' });
      await t.importRoster('HPN', HEADER, [
        'R-1,Nguyễn Thị An,01/02/1980,Nữ,,0911000001,00004,CH-A,Đang sinh hoạt,01/01/2010,',
        'R-2,Trần Thị Bình,03/04/1975,Nữ,,0911000002,00008,CH-B,Đang sinh hoạt,01/01/2012,',
      ]);
      await t.importRoster('NCT', HEADER, ['R-3,Vũ Văn Phú,11/12/1950,Nam,,0911000003,00004,CH-C,Đang sinh hoạt,01/01/2010,']);
    });
    afterAll(async () => {
      await t?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a Ban Dân vận officer runs the report now; the server has it; the .xlsx and the .pdf download', async () => {
      expect(await stored()).toEqual([]);
      const context = await b.context();
      const page = await logInThroughPage(context, t.url, await t.createUser('bdv-tinh', Role.DAN_VAN));
      await page.getByRole('link', { name: 'Báo cáo' }).click();
      await page.getByText('Chưa có báo cáo nào').waitFor();
      // Every organization that keeps members is offered as a scope; the Mặt trận, which keeps none, is not.
      await page.getByRole('combobox', { name: 'Phạm vi' }).click();
      const scopes = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await eventually(async () =>
        expect(await scopes.allInnerTexts()).toEqual(expect.arrayContaining(['Toàn tỉnh', 'Hội Nông dân Việt Nam'])),
      );
      expect((await scopes.allInnerTexts()).filter((o) => o.startsWith('Ủy ban Mặt trận') || o.startsWith('Mặt trận'))).toEqual([]);
      await page.keyboard.press('Escape');
      // One commune's: of her province only — another province's namesake would be listed as hers, counting no one.
      await chooseOption(page, page.getByRole('combobox', { name: 'Phạm vi' }), 'Một xã, phường…');
      await page.getByRole('combobox', { name: 'Gõ tên xã, phường' }).fill('ba dinh');
      const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await eventually(async () => expect(await offered.allInnerTexts()).toContainEqual(expect.stringMatching(/^Phường Ba Đình/)), 5000);
      expect((await offered.allInnerTexts()).filter((o) => /Ba Đình/.test(o))).toEqual([
        expect.stringMatching(/^Phường Ba Đình \(00004\)$/),
      ]);
      await page.keyboard.press('Escape');
      await chooseOption(page, page.getByRole('combobox', { name: 'Phạm vi' }), 'Toàn tỉnh');
      await page.getByRole('button', { name: 'Lập báo cáo' }).click();
      await page.getByText(/Đã lập báo cáo .* — Toàn tỉnh .*: 3 lượt, 3 người/).waitFor();

      const [report] = await stored();
      expect(report).toMatchObject({ scope: 'province', computedBy: 'bdv-tinh', totals: { memberships: 3 } });
      await eventually(async () => {
        const audit = await t.sql(
          `SELECT 1 FROM audit_event WHERE action = 'REPORT_COMPUTED' AND actor_name = 'bdv-tinh' AND subject_id = $1`,
          [report.id],
        );
        expect(audit).toHaveLength(1);
      });
      // The list shows it, with its state and the day its figures are as of.
      const row = page.getByRole('row').filter({ hasText: 'Toàn tỉnh' });
      await row.getByText('Tạm tính').waitFor();
      expect(await review(page)).toEqual(CLEAN);

      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await save(page, /dạng Excel/));
      const summary = book.getWorksheet('Tổng hợp')!;
      const values = summary.getSheetValues() as unknown[][];
      const memberships = values.find((r) => r?.[1] === 'Số lượt (hồ sơ đang sinh hoạt)')!;
      expect(memberships[2]).toBe(3);
      expect(values.some((r) => String(r?.[1]).includes(`Lập lúc ${vietnamTime(report.computedAt)} (giờ Việt Nam)`))).toBe(true);
      // On the deployment's official form, as the PDF below.
      expect(values[1]).toEqual(expect.arrayContaining(['TỈNH ỦY THỬ NGHIỆM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']));
      const communes = book.getWorksheet('Theo xã')!.getSheetValues() as unknown[][];
      const counted = communes.filter((r) => r?.[3] === 'HPN' || r?.[3] === 'NCT');
      expect(counted).toHaveLength(3);
      for (const r of counted) expect([typeof r[4], typeof r[5]]).toEqual(['number', 'number']);

      const pdf = await save(page, /dạng PDF/);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(pdf);
      for (const phrase of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'TỈNH ỦY THỬ NGHIỆM',
        'Số: …/BC-BDVTN',
        'Hà Văn Ký',
      ])
        expect(text).toContain(phrase);
      await eventually(async () => {
        const exports = await t.sql(
          `SELECT 1 FROM audit_event WHERE action = 'REPORT_DOWNLOADED' AND actor_name = 'bdv-tinh' AND subject_id = $1`,
          [report.id],
        );
        expect(exports).toHaveLength(2);
      });
      await context.close();
    });

    it('an auditor on a phone sees the list and downloads, and is offered no run', async () => {
      const [report] = await stored();
      const context = await b.context('phone');
      const page = await logInThroughPage(context, t.url, await t.createUser('kiem-toan', Role.AUDITOR));
      await page.getByRole('link', { name: 'Báo cáo' }).click();
      // On a phone each report is a card: everything in view without scrolling sideways.
      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /— Toàn tỉnh/ }) });
      await card.getByText('Tạm tính').waitFor();
      expect(await card.innerText()).toContain('Số liệu đến');
      expect(await page.getByRole('button', { name: 'Lập báo cáo' }).count()).toBe(0);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await review(page)).toEqual(CLEAN);
      const file = await save(page, /dạng Excel/);
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
      await eventually(async () => {
        const exports = await t.sql(
          `SELECT 1 FROM audit_event WHERE action = 'REPORT_DOWNLOADED' AND actor_name = 'kiem-toan' AND subject_id = $1`,
          [report.id],
        );
        expect(exports).toHaveLength(1);
      });
      await context.close();
    });
  });
});
