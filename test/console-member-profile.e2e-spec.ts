import { Role } from '../src/access/role.js';
import { CLEAN, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

/** Her organization's own fields on a member's page: the Chức vụ her list's Ghi chú gave, the Ngày vào Đoàn. */
describe("the console: a member's own fields", () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HPN', 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Ghi chú', ['P1,Vì Thị Xiêm,1975,Nữ,00004,Chi hội trưởng']);
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('shows the Chức vụ on her page', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.hpn.cv', Role.SECRETARIAT, 'HPN'));
    await page.getByRole('button', { name: 'Vì Thị Xiêm' }).click();
    const drawer = page.getByRole('dialog', { name: 'Vì Thị Xiêm' });
    await drawer.getByRole('row').filter({ hasText: 'Chức vụ' }).filter({ hasText: 'Chi hội trưởng' }).waitFor();
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });
});
