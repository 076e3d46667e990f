import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { vietnamTime } from '../src/common/dates/vietnam-time.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { pdfText } from './support/pdf-text.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào,Ngày sinh hoạt gần nhất';
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

/**
 * The Báo cáo screen: a Ban Dân vận officer runs the province's report now and downloads it as
 * .xlsx (numbers as numbers, times in Vietnam time) and .pdf (the deployment's official form); an
 * auditor, on a phone, sees the list and downloads too but is offered no run.
 */
describe('the console: reports, run now and downloaded', () => {
  let t: TestApp;
  let b: TestBrowser;
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
    t = await createTestApp({ REPORT_FORM_FILE: form });
    await t.importRoster('HPN', HEADER, [
      'R-1,Nguyễn Thị An,01/02/1980,Nữ,,0911000001,00004,CH-A,Đang sinh hoạt,01/01/2010,',
      'R-2,Trần Thị Bình,03/04/1975,Nữ,,0911000002,00008,CH-B,Đang sinh hoạt,01/01/2012,',
    ]);
    await t.importRoster('NCT', HEADER, ['R-3,Vũ Văn Phú,11/12/1950,Nam,,0911000003,00004,CH-C,Đang sinh hoạt,01/01/2010,']);
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a Ban Dân vận officer runs the report now; the server has it; the .xlsx and the .pdf download', async () => {
    expect(await stored()).toEqual([]);
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-tinh', Role.DAN_VAN));
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByText('Chưa có báo cáo nào').waitFor();
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
    expect(String(values[2][1])).toContain(`Lập lúc ${vietnamTime(report.computedAt)} (giờ Việt Nam)`);
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
      const exports = await t.sql(`SELECT 1 FROM audit_event WHERE action = 'EXPORT' AND actor_name = 'bdv-tinh' AND subject_id = $1`, [
        report.id,
      ]);
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
      const exports = await t.sql(`SELECT 1 FROM audit_event WHERE action = 'EXPORT' AND actor_name = 'kiem-toan' AND subject_id = $1`, [
        report.id,
      ]);
      expect(exports).toHaveLength(1);
    });
    await context.close();
  });
});
