import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { todayInVietnam } from '../src/common/dates/partial-date.js';
import {
  chooseOption,
  CLEAN,
  eventually,
  launchBrowser,
  logInThroughPage,
  review,
  unlabelledDialogFields,
  type TestBrowser,
} from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Ngày vào';
const REASON = 'Đối chiếu với Công an phường theo công văn 15/CV-CA';

/**
 * A Đoàn secretariat's roster out of the console: the .xlsx export opened as Excel would, the export
 * with the full CCCD numbers behind a reason (logged), and the printable roster on A4 landscape.
 */
describe('the console: her roster exported, with the full numbers, and printed', () => {
  let t: TestApp;
  let b: TestBrowser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-console-export-'));

  beforeAll(async () => {
    t = await createTestApp();
    const unit = { organization: 'DTN', code: 'A', name: 'Đoàn phường Ba Đình', kind: 'BASE', communeCode: '00004' };
    const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: unit });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    await t.importRoster('DTN', HEADER, [
      'D-1,Nguyễn Văn An,06/05/2001,Nam,001201012345,0912000001,00004,A,26/03/2016',
      'D-2,Trần Thị Bình,2003,Nữ,001303054321,,00004,A,03/2019',
    ]);
    // Sinh hoạt tạm thời: not on the roster's default view (đang sinh hoạt), counted apart where listed.
    await t.importRoster('DTN', `${HEADER},Trạng thái`, ['D-3,Lê Thị Cúc,2004,Nữ,,,00004,A,2022,Sinh hoạt tạm thời']);
    // A Hội Phụ nữ chi hội, whose list its chi hội trưởng signs.
    await t.createUnits([
      { organization: 'HPN', code: 'H', name: 'Hội LHPN phường Ba Đình', kind: 'BASE', communeCode: '00004' },
      { organization: 'HPN', code: 'H1', name: 'Chi hội tổ dân phố 7', kind: 'BRANCH', parent: 'H' },
    ]);
    await t.importRoster('HPN', HEADER, ['P-1,Đỗ Thị Hoa,1980,Nữ,,,00004,H1,2005']);
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The file a click downloads, opened with a real reader. */
  const downloaded = async (page: Page, click: () => Promise<void>) => {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    return { name: download.suggestedFilename(), ws: book.worksheets[0] };
  };
  const cellsOf = (ws: ExcelJS.Worksheet) => ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : []));

  it('downloads the filed .xlsx, then the full numbers for a written reason (logged), then prints it on A4 landscape (and at phone width)', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.dtn', Role.SECRETARIAT, 'DTN'));
    await page.getByText('2 hồ sơ').waitFor();

    // The export of what she sees (Đang sinh hoạt: not the member sinh hoạt tạm thời): title, STT, frozen header, CCCD masked.
    const masked = await downloaded(page, () => page.getByRole('link', { name: /Xuất Excel/ }).click());
    expect(masked.name).toBe('DTN.xlsx');
    expect(masked.ws.getCell('A3').value).toBe('DANH SÁCH ĐOÀN VIÊN');
    expect(masked.ws.views[0]).toMatchObject({ state: 'frozen' });
    expect(cellsOf(masked.ws)).toEqual(expect.arrayContaining(['STT', 'Nguyễn Văn An', 'Phường Ba Đình', '0012******45']));
    expect(cellsOf(masked.ws)).not.toContain('001201012345');
    expect(cellsOf(masked.ws)).toEqual(
      expect.arrayContaining(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Tổng số: 2 đoàn viên; trong đó: Đang sinh hoạt: 2; nữ: 1.', 'BÍ THƯ']),
    );
    expect(cellsOf(masked.ws)).not.toContain('Lê Thị Cúc');

    // The full numbers: the dialog asks the reason; the file has them; the audit row has the reason and the count.
    await page.getByRole('button', { name: 'Xuất kèm số CCCD đầy đủ' }).click();
    const dialog = page.getByRole('dialog');
    const go = dialog.getByRole('button', { name: 'Xuất tệp' });
    await dialog.getByLabel(/Lý do xuất/).fill('cần');
    expect(await go.isDisabled()).toBe(true);
    expect(await review(page)).toEqual(CLEAN);
    expect(await unlabelledDialogFields(page)).toEqual([]);
    await dialog.getByLabel(/Lý do xuất/).fill(REASON);
    const clear = await downloaded(page, () => go.click());
    expect(clear.name).toBe('DTN-cccd.xlsx');
    expect(cellsOf(clear.ws)).toEqual(expect.arrayContaining(['001201012345', '001303054321']));
    await dialog.waitFor({ state: 'detached' });
    // The keyboard's focus is back on the button she pressed, not lost to the page.
    expect(await page.evaluate<string>(`document.activeElement?.textContent ?? ''`)).toBe('Xuất kèm số CCCD đầy đủ');
    const logged = await t.sql<{ rows: number; text: string }>(
      `SELECT (e.detail->>'rows')::int AS rows, n.text FROM audit_event e JOIN audit_note n ON n.id = e.note_id
        WHERE e.action = 'EXPORT' AND e.actor_name = 'vp.dtn' AND e.detail->>'clearIdNumbers' = 'true'`,
    );
    expect(logged).toEqual([{ rows: 2, text: REASON }]);

    // The printable roster: title block, a row, place and date, signatures; no CCCD at all.
    await page.getByRole('link', { name: 'In danh sách' }).click();
    const sheet = page.getByRole('article', { name: 'DANH SÁCH ĐOÀN VIÊN' });
    await sheet.getByRole('row').filter({ hasText: 'Nguyễn Văn An' }).waitFor();
    const text = await sheet.innerText();
    expect(text).toContain('ĐOÀN TNCS HỒ CHÍ MINH');
    // The official form: the Quốc hiệu at the top right, as of when, the count, who signs (Đoàn's Bí thư).
    expect(await page.locator('.sheet-nation').innerText()).toMatch(/^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\s+Độc lập - Tự do - Hạnh phúc$/);
    expect(text).toMatch(/Tính đến ngày \d{2}\/\d{2}\/\d{4}/);
    expect(text).toContain('Tổng số: 2 đoàn viên; trong đó: Đang sinh hoạt: 2; nữ: 1.');
    expect(text).toMatch(/TM\. BAN CHẤP HÀNH\s+BÍ THƯ/);
    expect(await sheet.getByRole('heading', { level: 1 }).innerText()).toBe('DANH SÁCH ĐOÀN VIÊN');
    expect(await sheet.getByRole('row').nth(1).innerText()).toMatch(
      /^1\s+Nguyễn Văn An\s+06\/05\/2001\s+Nam\s+Phường Ba Đình\s+Đoàn phường Ba Đình\s+Đang sinh hoạt$/,
    );
    expect(text).toMatch(/Phường Ba Đình, ngày \d{2} tháng \d{2} năm \d{4}/);
    expect(text).toContain('NGƯỜI LẬP BIỂU');
    expect(text).toContain('TM. BAN CHẤP HÀNH');
    expect(text).not.toMatch(/0012|001201012345/);
    expect(await review(page)).toEqual(CLEAN);
    // The server logged the print view's read of the roster like any other.
    await eventually(async () => {
      expect(await t.sql(`SELECT 1 FROM audit_event WHERE action = 'ROSTER_READ' AND actor_name = 'vp.dtn'`)).not.toHaveLength(0);
    });

    // As printed: A4 landscape, only the sheet (no menu, no buttons), the table's header on every page.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate<{ size: string; header: string; toolbar: string; thead: string }>(`(() => {
      const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules]);
      const pageRule = rules.find((r) => r instanceof CSSPageRule);
      const shown = (sel) => getComputedStyle(document.querySelector(sel)).display;
      return { size: pageRule ? pageRule.style.getPropertyValue('size') : '', header: shown('.ant-layout-header'), toolbar: shown('.no-print'), thead: shown('.roster-sheet thead') };
    })()`);
    expect(printed).toEqual({ size: 'a4 landscape', header: 'none', toolbar: 'none', thead: 'table-header-group' });
    expect(await sheet.isVisible()).toBe(true);

    // On a phone (390 px): the table scrolls inside the sheet, the page does not.
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 390, height: 844 });
    await sheet.getByRole('row').filter({ hasText: 'Trần Thị Bình' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await review(page)).toEqual(CLEAN);

    // The title block names the organization and the commune in words, even when no row says it (none has left).
    const issuer = page.locator('.sheet-issuer');
    await page.goto(`${t.url}/#/in?org=DTN&commune=00004&status=LEFT`);
    await page.reload();
    await sheet.getByText('Tổng số: 0 đoàn viên.').waitFor();
    expect(await issuer.innerText()).toMatch(/^ĐOÀN TNCS HỒ CHÍ MINH\s+PHƯỜNG BA ĐÌNH\b/);
    expect(await sheet.innerText()).toMatch(/Phường Ba Đình, ngày \d{2} tháng \d{2} năm \d{4}/);
    // A unit's sheet: the unit by its name, its commune beneath; never a code.
    await page.goto(`${t.url}/#/in?org=DTN&unit=A`);
    await page.reload();
    await sheet.getByRole('row').filter({ hasText: 'Nguyễn Văn An' }).waitFor();
    expect(await issuer.innerText()).toMatch(/^ĐOÀN TNCS HỒ CHÍ MINH\s+ĐOÀN PHƯỜNG BA ĐÌNH\s+Phường Ba Đình\b/);
    expect(await issuer.innerText()).not.toMatch(/\b(DTN|00004)\b/);
    // Every status: each counted under its own label, not all as "đang sinh hoạt".
    await sheet.getByText('Tổng số: 3 đoàn viên; trong đó: Đang sinh hoạt: 2, Sinh hoạt tạm thời: 1; nữ: 2.').waitFor();
    expect(await review(page)).toEqual(CLEAN);
    // One of them died: the list of every status counts records, and never the dead among the members.
    await t.sql(`UPDATE member_record SET status = 'DECEASED' WHERE full_name = 'Nguyễn Văn An'`);
    await page.reload();
    await sheet
      .getByText('Tổng số: 3 hồ sơ: 2 đoàn viên (Đang sinh hoạt: 1, Sinh hoạt tạm thời: 1) và 1 hồ sơ đã kết thúc (Đã mất: 1).')
      .waitFor();
    await t.sql(`UPDATE member_record SET status = 'ACTIVE' WHERE full_name = 'Nguyễn Văn An'`);
    // Her members' villages, once her list gives them, in a column of their own.
    expect(await sheet.getByRole('columnheader', { name: 'Thôn/bản' }).count()).toBe(0);
    await t.sql(`UPDATE member_record SET village = 'Tổ dân phố 7' WHERE full_name = 'Nguyễn Văn An'`);
    await page.reload();
    await sheet.getByRole('row').filter({ hasText: 'Nguyễn Văn An' }).filter({ hasText: 'Tổ dân phố 7' }).waitFor();
    await sheet.getByRole('columnheader', { name: 'Thôn/bản' }).waitFor();
    await t.sql(`UPDATE member_record SET village = NULL WHERE full_name = 'Nguyễn Văn An'`);
    // Opened with no list chosen (a bookmark): what to do, not the server's "no organization ''".
    await page.goto(`${t.url}/#/in`);
    await page.reload();
    await page.getByText(/^Chưa chọn danh sách để in: vào màn hình Danh sách/).waitFor();
    expect(await page.locator('body').innerText()).not.toContain("mã ''");
    await context.close();
  });

  it("prints a chi hội's list for its chi hội trưởng to sign, the base's for its Ban Chấp hành", async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.hpn', Role.SECRETARIAT, 'HPN'));
    // Logged in (her roster) before going anywhere else: else the address changes under the log-in's request (red in CI).
    await page.getByText('1 hồ sơ').waitFor();
    const sheet = page.getByRole('article', { name: 'DANH SÁCH HỘI VIÊN' });
    const signer = page.locator('.sheet-sign > div').last();
    for (const [unit, signs] of [
      ['H1', /^CHI HỘI TRƯỞNG\s+\(Ký tên, đóng dấu\)$/],
      ['H', /^TM\. BAN CHẤP HÀNH\s+CHỦ TỊCH\s+\(Ký tên, đóng dấu\)$/],
    ] as const) {
      await page.goto(`${t.url}/#/in?org=HPN&unit=${unit}`);
      await page.reload();
      await sheet.getByRole('row').filter({ hasText: 'Đỗ Thị Hoa' }).waitFor();
      await eventually(async () => expect(await signer.innerText()).toMatch(signs));
    }
    await context.close();
  });

  it('exports only the commune she filtered the roster by (the link from Tổng quan), and refuses an unknown commune in words', async () => {
    await t.importRoster('DTN', HEADER, ['D-9,Phạm Văn Xa,2002,Nam,,,00008,,2020']);
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.dtn.xa', Role.SECRETARIAT, 'DTN'));
    await page.goto(`${t.url}/#/danh-sach?xa=00004&to-chuc=DTN`);
    await page.getByText('2 hồ sơ').waitFor();
    const only = await downloaded(page, () => page.getByRole('link', { name: /Xuất Excel/ }).click());
    // Named by what it holds: two filtered downloads are not two copies of one name.
    expect(only.name).toBe('DTN-00004.xlsx');
    expect(cellsOf(only.ws)).toEqual(expect.arrayContaining(['Nguyễn Văn An', 'Trần Thị Bình']));
    expect(cellsOf(only.ws)).not.toContain('Phạm Văn Xa');
    // A chi đoàn's roster names the ward's Đoàn above it, not the national organization alone.
    const branch = { organization: 'DTN', code: 'A-CD1', name: 'Chi đoàn Tổ 1', kind: 'BRANCH', parent: 'A' };
    expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: branch })).errors).toBeUndefined();
    await t.importRoster('DTN', HEADER, ['D-10,Lò Văn Tổ,2001,Nam,,,00004,A-CD1,2019']);
    const ofBranch = await page.request.get(`${t.url}/exports/DTN.xlsx?unit=A-CD1`);
    expect(ofBranch.headers()['content-disposition']).toContain('DTN-A-CD1.xlsx');
    const book = new ExcelJS.Workbook();
    fs.writeFileSync(path.join(dir, 'chi-doan.xlsx'), await ofBranch.body());
    await book.xlsx.readFile(path.join(dir, 'chi-doan.xlsx'));
    expect([book.worksheets[0].getCell('A1').value, book.worksheets[0].getCell('A2').value]).toEqual([
      'ĐOÀN PHƯỜNG BA ĐÌNH',
      'CHI ĐOÀN TỔ 1',
    ]);
    // The same address with a commune nobody has: a Vietnamese refusal, not an empty roster.
    const res = await page.request.get(`${t.url}/exports/DTN.xlsx?commune=99999`);
    expect(res.status()).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("Không có xã/phường mã '99999'");
    await context.close();
  });

  it('files her báo cáo tăng, giảm for a quarter: by unit, admitted and gone, each row adding up, a total, on the filed form', async () => {
    // A ward's Đoàn of its own, two chi đoàn; in Quý III/2026 one admitted (his join date), one who left (the day it took effect).
    for (const u of [
      { organization: 'DTN', code: 'BC', name: 'Đoàn phường Ngọc Hà', kind: 'BASE', communeCode: '00008' },
      { organization: 'DTN', code: 'BC-T10', name: 'Chi đoàn Thôn 10', kind: 'BRANCH', parent: 'BC' },
      { organization: 'DTN', code: 'BC-T2', name: 'Chi đoàn Thôn 2', kind: 'BRANCH', parent: 'BC' },
    ])
      expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u })).errors).toBeUndefined();
    await t.importRoster('DTN', HEADER, [
      'BC-1,Nguyễn Văn Một,2001,Nam,,,00008,BC-T2,26/03/2016',
      'BC-2,Trần Văn Hai,2002,Nam,,,00008,BC-T2,03/2019',
      'BC-3,Lê Văn Ba,2005,Nam,,,00008,BC-T10,15/08/2026',
      'BC-4,Phạm Văn Bốn,2000,Nam,,,00008,BC-T10,2010',
    ]);
    const [d2] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'BC-2'`);
    const ended = await t.gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`, {
      i: { id: d2.id, status: 'LEFT', date: '10/09/2026', reason: 'Xin ra khỏi Đoàn' },
    });
    expect(ended.errors).toBeUndefined();
    const statuses = await t.gql<{ memberStatuses: { code: string; ends: boolean }[] }>(
      `{ memberStatuses(organization: "DTN") { code ends } }`,
    );
    const endings = statuses.data!.memberStatuses.filter((s) => s.ends).map((s) => s.code);
    const gone = (left: number) => endings.map((c) => String(c === 'LEFT' ? left : 0));

    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.dtn.bc', Role.SECRETARIAT, 'DTN'));
    await page.getByRole('link', { name: 'Báo cáo tăng, giảm' }).click();
    await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).waitFor();
    await page.goto(`${t.url}/#/tang-giam?org=DTN&unit=BC&period=2026-Q3`);
    await page.reload();
    const sheet = page.getByRole('article', { name: 'BÁO CÁO TĂNG, GIẢM ĐOÀN VIÊN' });
    await sheet.getByText('Quý III/2026 (từ ngày 01/07/2026 đến ngày 30/09/2026)').waitFor();
    const rows = await page.evaluate<string[][]>(
      `[...document.querySelectorAll('.roster-sheet tbody tr')].map((tr) => [...tr.children].map((c) => c.innerText.trim()))`,
    );
    // In the order Vietnamese lists use (Thôn 2 before Thôn 10); đầu kỳ + tăng − giảm = cuối kỳ on every row.
    expect(rows).toEqual([
      ['1', 'Chi đoàn Thôn 2', '2', '0', '0', ...gone(1), '0', '1'],
      ['2', 'Chi đoàn Thôn 10', '1', '1', '0', ...gone(0), '0', '2'],
      ['', 'Tổng cộng', '3', '1', '0', ...gone(1), '0', '3'],
    ]);
    expect(await page.locator('.sheet-issuer').innerText()).toMatch(/^ĐOÀN TNCS HỒ CHÍ MINH\s+ĐOÀN PHƯỜNG NGỌC HÀ\s+Phường Ngọc Hà/);
    expect(await sheet.innerText()).toContain('TM. BAN CHẤP HÀNH');
    // A report as one is filed: its number's line under the issuer, its recipients at the foot; how it counts, on screen only.
    expect(await page.locator('.sheet-issuer').innerText()).toContain('Số: ……/BC-……');
    expect(await page.locator('.sheet-recipients').innerText()).toMatch(
      /^Nơi nhận:\s+- Cấp trên trực tiếp \(để báo cáo\);\s+- Đảng ủy phường Ngọc Hà/,
    );
    expect(await sheet.getByText(/^Đầu kỳ: số đoàn viên/).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.getByText(/^Đầu kỳ: số đoàn viên/).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await review(page)).toEqual(CLEAN);
    // Another period, chosen from the list: this year, counted up to today.
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date());
    await chooseOption(page, page.getByRole('combobox', { name: 'Kỳ báo cáo' }), `Năm ${year} (đang diễn ra`);
    await sheet.getByText(`Năm ${year} (từ ngày 01/01/${year} đến ngày`).waitFor();
    // A month, as a commune's Hội Nông dân files it: last month, whole.
    const [y, m] = todayInVietnam().split('-').map(Number);
    const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
    const lastDay = String(new Date(Date.UTC(ly, lm, 0)).getUTCDate());
    await chooseOption(page, page.getByRole('combobox', { name: 'Kỳ báo cáo' }), new RegExp(`^Tháng ${lm}/${ly}$`));
    const mm = String(lm).padStart(2, '0');
    await sheet.getByText(`Tháng ${lm}/${ly} (từ ngày 01/${mm}/${ly} đến ngày ${lastDay}/${mm}/${ly})`).waitFor();
    // On her phone: the table scrolls inside the sheet, the page does not.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // Told that it scrolls; scrolled to the last column, each row still says which chi đoàn it is.
    expect(await page.getByText('Bảng rộng: kéo sang ngang để xem hết các cột.').isVisible()).toBe(true);
    // (The narrower layout may lay the sheet out again: measured once it stands.)
    const firstUnit = page.locator('.roster-sheet tbody td.unit').first();
    await eventually(async () => {
      await firstUnit.waitFor({ state: 'visible' });
      await page.evaluate(`document.querySelector('.sheet-scroll').scrollLeft = 10000`);
      const unit = await firstUnit.boundingBox();
      expect(unit).not.toBeNull();
      expect(unit!.x).toBeGreaterThanOrEqual(0);
      expect(unit!.x + unit!.width).toBeLessThanOrEqual(390);
    });
    expect(await review(page)).toEqual(CLEAN);
    // Her ward's roster printed as she files it: chi đoàn by chi đoàn (Thôn 2 before Thôn 10), each under its heading.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${t.url}/#/in?org=DTN&unit=BC`);
    await page.reload();
    const roster = page.getByRole('article', { name: 'DANH SÁCH ĐOÀN VIÊN' });
    await roster.getByRole('row').filter({ hasText: 'Lê Văn Ba' }).waitFor();
    const printed = await page.evaluate<string[]>(
      `[...document.querySelectorAll('.roster-sheet tbody tr')].map((tr) => tr.className === 'section' ? '# ' + tr.innerText.trim() : tr.children[1].innerText.trim())`,
    );
    expect(printed).toEqual([
      '# Chi đoàn Thôn 2 (2 người)',
      // By name within it, as her roster sorts them (by the given name).
      'Trần Văn Hai',
      'Nguyễn Văn Một',
      '# Chi đoàn Thôn 10 (2 người)',
      'Lê Văn Ba',
      'Phạm Văn Bốn',
    ]);
    expect(await review(page)).toEqual(CLEAN);
    // A chi đoàn's own report: signed by its Bí thư, sent to the ward's Đoàn and the chi bộ, not to the Đảng ủy.
    await page.goto(`${t.url}/#/tang-giam?org=DTN&unit=BC-T2&period=2026-Q3`);
    await page.reload();
    await sheet.getByText('Quý III/2026 (từ ngày 01/07/2026 đến ngày 30/09/2026)').waitFor();
    expect(await page.locator('.sheet-recipients').innerText()).toMatch(
      /^Nơi nhận:\s+- Ban Chấp hành Đoàn phường Ngọc Hà \(để báo cáo\);\s+- Chi bộ \(để báo cáo\);\s+- Lưu\.$/,
    );
    expect(await page.locator('.sheet-sign').innerText()).toMatch(/TM\. BAN CHẤP HÀNH\s+BÍ THƯ/);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });
});
