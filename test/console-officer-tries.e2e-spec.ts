import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { periodContaining, previousPeriod } from '../src/common/dates/period.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { CLEAN, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

/**
 * What a Ban Dân vận officer on a 1366 × 768 laptop and a secretary on a phone tripped on: the report
 * files off the screen's edge, only two quarters to choose (no trend to see), the Mặt trận offered on
 * Tổng quan (all zeros), "drag a file here" on a phone, and the báo cáo tăng, giảm not knowing her
 * organization when opened by its address.
 */
describe('the console as the officer and the phone secretary found it', () => {
  let t: TestApp;
  let b: TestBrowser;
  const current = periodContaining('QUARTER', new Date());

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('CCB', HEADER, ['C-1,Lò Văn Tiến,1962,Nam,,0911000001,00004,B1,Đang sinh hoạt']);
    await t.importRoster('DTN', HEADER, ['D-1,Quàng Văn Ơn,2001,Nam,,0911000002,00004,CD1,Đang sinh hoạt']);
    await t.app.get(ReportsService).run(current.key, null, { now: new Date() });
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('shows a report’s files without scrolling sideways, offers the quarters before the last, and no Mặt trận on Tổng quan', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-may', Role.DAN_VAN));
    // Tổng quan's scopes: the organizations with members of their own, not the Mặt trận.
    await page.getByRole('combobox', { name: 'Phạm vi' }).click();
    const scopes = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await scopes.filter({ hasText: 'Hội Cựu chiến binh' }).waitFor();
    expect(await scopes.filter({ hasText: 'Mặt trận' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    const link = page.getByRole('link', { name: new RegExp(`^Tải báo cáo ${current.label} — Toàn tỉnh dạng Excel`) });
    await link.waitFor();
    const box = (await link.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    // The workbook to send on, in view too: no sheet of names, and its file says so.
    const bare = page.getByRole('link', {
      name: new RegExp(`^Tải bản Excel không có họ tên \\(để gửi đi\\) của báo cáo ${current.label} — Toàn tỉnh`),
    });
    const bareBox = (await bare.boundingBox())!;
    expect(bareBox.x + bareBox.width).toBeLessThanOrEqual(1366);
    const [sent] = await Promise.all([page.waitForEvent('download'), bare.click()]);
    expect(sent.suggestedFilename()).toBe(`bao-cao-${current.key}-tinh-khong-ho-ten.xlsx`);
    const sheets = new ExcelJS.Workbook();
    await sheets.xlsx.readFile(await sent.path());
    expect(sheets.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo tổ chức', 'Theo xã', 'Số người theo xã', 'Trùng giữa tổ chức']);
    // …and the figures too: the last column's heading in view, no table wider than the screen.
    const last = page.getByRole('columnheader', { name: 'Hồ sơ nghi ảo' });
    const lastBox = (await last.boundingBox())!;
    expect(lastBox.x + lastBox.width).toBeLessThanOrEqual(1366);
    // Typed to find: the quarter before the last, and the same quarter a year before.
    const period = page.getByRole('combobox', { name: 'Kỳ báo cáo' });
    await period.click();
    const before = previousPeriod(previousPeriod(current));
    await page.keyboard.type(before.label.slice(0, -5)); // "Quý II" without the year
    const found = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await found.filter({ hasText: before.label }).first().waitFor();
    // Only quarters of that name: what she typed narrowed the list.
    expect((await found.allInnerTexts()).every((o) => o.startsWith(before.label.slice(0, -5)))).toBe(true);
    await page.keyboard.press('Escape');
    // A Đoàn member's page read by the officer (whose own words are a Hội's) says đoàn phí, not hội phí.
    await page.goto(`${t.url}/#/danh-sach?to-chuc=DTN`);
    await page.getByRole('button', { name: 'Quàng Văn Ơn' }).click();
    const member = page.getByRole('dialog', { name: 'Quàng Văn Ơn' });
    await member.getByText('Đóng đoàn phí gần nhất').waitFor();
    // Her ethnicity and village are the office's to see: said withheld, not shown as empty.
    expect(await member.getByText('(chỉ văn phòng của tổ chức xem được)').count()).toBe(2);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('tells a province-wide secretariat why a chi hội she asked to create was not, instead of "tick the box" again', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('ccb-tinh', Role.SECRETARIAT, 'CCB'));
    await page.goto(`${t.url}/#/nhap`);
    await page.getByRole('checkbox', { name: /Tạo các chi hội \(đơn vị\)/ }).check();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['STT', 'Họ và tên', 'Năm sinh', 'Giới tính']);
    ws.addRow(['Chi hội 5']);
    ws.addRow([1, 'Lò Văn Hặc', 1960, 'Nam']);
    await page.locator('input[type=file]').setInputFiles({
      name: 'chi-hoi-5.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await page.getByText(/Đã chọn tạo chi hội \(đơn vị\) mới, nhưng chi hội của các dòng này chưa tạo được/).waitFor();
    expect(
      await page
        .getByRole('alert')
        .or(page.getByRole('status'))
        .getByRole('checkbox', { name: /Tạo các chi hội/ })
        .count(),
    ).toBe(0);
    await context.close();
  });

  it('says "tap to choose" on a phone, and opens her báo cáo tăng, giảm on her organization', async () => {
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('ccb-xa', Role.SECRETARIAT, 'CCB'));
    await page.goto(`${t.url}/#/nhap`);
    await page.getByText('Chạm vào đây để chọn tệp danh sách').waitFor();
    expect(await page.getByText(/thả vào đây/).count()).toBe(0);
    await page.goto(`${t.url}/#/tang-giam`);
    await page.getByText('BÁO CÁO TĂNG, GIẢM HỘI VIÊN', { exact: false }).waitFor();
    expect(await page.getByText(/Chưa chọn tổ chức/).count()).toBe(0);
    await context.close();
  });
});
