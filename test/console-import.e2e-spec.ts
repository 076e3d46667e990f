import path from 'node:path';
import { Role } from '../src/access/role.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

/** A real-looking Hội Phụ nữ roster saved by LibreOffice: title rows, a two-row header, totals, signatures; 14 members. */
const ROSTER = path.join(import.meta.dirname, 'fixtures', 'rosters', 'hpn-thanh-nua.libreoffice.xlsx');

describe("the console's import wizard, as a Hội Phụ nữ secretariat imports her commune's Excel roster", () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    // The roster's communes are in Điện Biên.
    t = await createTestApp({ PROVINCE: '11' });
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const members = async () =>
    (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM member_record WHERE organization_code = 'HPN'`))[0].n;
  const jobs = () => t.sql<{ id: string; status: string }>(`SELECT id, status FROM import_job WHERE organization_code = 'HPN'`);
  const audited = async (action: string, subject: string) =>
    (await t.sql(`SELECT 1 FROM audit_event WHERE action = $1 AND actor_name = 'xa-hpn' AND subject_id = $2`, [action, subject])).length;

  it('previews the file without writing, imports exactly that plan on her confirmation, and undoes it with a reason', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-hpn', Role.SECRETARIAT, 'HPN'));
    await page.getByRole('link', { name: 'Nhập danh sách' }).click();
    await page.locator('input[type=file]').setInputFiles(ROSTER);

    // The preview: every member row to be created, the title, totals and signature lines set aside; nothing written.
    await page.getByText('Thêm mới: 14').waitFor();
    await page.getByText(/Không phải dòng hội viên: \d+/).waitFor();
    expect(await page.getByRole('cell', { name: 'Họ và tên' }).count()).toBeGreaterThan(0);
    expect(await members()).toBe(0);
    const [job] = await jobs();
    expect(job.status).toBe('PREVIEW');
    expect(await review(page)).toEqual(CLEAN);

    await page.getByRole('button', { name: 'Nhập vào danh sách' }).click();
    await page.getByText('Đã nhập xong tệp hpn-thanh-nua.libreoffice.xlsx').waitFor();
    expect(await members()).toBe(14);
    expect(await jobs()).toEqual([{ id: job.id, status: 'DONE' }]);
    await eventually(async () => expect(await audited('IMPORT', job.id)).toBeGreaterThan(0));
    expect(await review(page)).toEqual(CLEAN);

    await page.getByRole('button', { name: 'Hoàn tác lượt nhập' }).click();
    const dialog = page.getByRole('dialog');
    const undo = dialog.getByRole('button', { name: 'Hoàn tác lượt nhập' });
    expect(await undo.isDisabled()).toBe(true);
    await dialog.getByLabel('Lý do hoàn tác').fill('Nhập nhầm tệp của thôn khác');
    await undo.click();
    await page.getByText('Đã hoàn tác lượt nhập này').waitFor();
    expect(await members()).toBe(0);
    expect(await jobs()).toEqual([{ id: job.id, status: 'UNDONE' }]);
    await eventually(async () => expect(await audited('IMPORT_UNDO', job.id)).toBe(1));
    await context.close();
  });

  it('reads an empty Mã hồ sơ cell as a member without a code, not as an error', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-hpn-3', Role.SECRETARIAT, 'HPN'));
    await page.getByRole('link', { name: 'Nhập danh sách' }).click();
    const csv = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính\nHPN-MOI-1,Lò Thị Ỏn,12/03/1985,Nữ\n,Quàng Thị Xíu,05/06/1990,Nữ\n';
    await page.locator('input[type=file]').setInputFiles({ name: 'bo-sung.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('Thêm mới: 2').waitFor();
    await page.getByText('Bị từ chối: 0').waitFor();
    await context.close();
  });

  it('refuses a file that is no roster, saying why in Vietnamese, and writes nothing', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-hpn-2', Role.SECRETARIAT, 'HPN'));
    const before = { members: await members(), jobs: (await jobs()).length };
    await page.getByRole('link', { name: 'Nhập danh sách' }).click();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000', 'hex') });
    const alert = page.getByRole('alert').filter({ hasText: 'Không đọc được tệp' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/tệp/i);
    expect({ members: await members(), jobs: (await jobs()).length }).toEqual(before);
    await context.close();
  });
});
