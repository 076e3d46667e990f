import { Role } from '../src/access/role.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

/** Her organization's own fields on a member's page: the Chức vụ her list's Ghi chú gave, the Ngày vào Đoàn. */
describe("the console: a member's own fields", () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HPN', 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Ghi chú', ['P1,Vì Thị Xiêm,1975,Nữ,00004,Chi hội trưởng']);
    // A Đoàn list gives her Ngày vào Đoàn only: it is her Ngày vào too.
    await t.importRoster('DTN', 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Ngày vào Đoàn', [
      'D1,Lò Văn Khiêm,2004,Nam,00004,26/03/2020',
    ]);
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

    // Elected Chi hội phó: she changes it in the form, and the server keeps it (nothing else changes).
    await drawer.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    const form = page.getByRole('dialog', { name: /^Sửa hồ sơ/ });
    expect(await form.getByLabel('Chức vụ').inputValue()).toBe('Chi hội trưởng');
    await form.getByLabel('Chức vụ').fill('Chi hội phó');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await form.waitFor({ state: 'hidden' });
    await drawer.getByRole('row').filter({ hasText: 'Chức vụ' }).filter({ hasText: 'Chi hội phó' }).waitFor();
    const saved = await t.gql<{ memberRecords: { nodes: { profile: { key: string; value: string }[]; birthDate: string }[] } }>(
      `{ memberRecords(organization: "HPN", first: 5) { nodes { birthDate profile { key value } } } }`,
    );
    expect(saved.data!.memberRecords.nodes).toEqual([{ birthDate: '1975', profile: [{ key: 'position', value: 'Chi hội phó' }] }]);
    // The roster shows it as a column she may choose.
    await drawer.getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('button', { name: 'Chọn cột' }).click();
    await page.getByRole('checkbox', { name: 'Chức vụ' }).check();
    await page.getByRole('row', { name: /Vì Thị Xiêm.*Chi hội phó/ }).waitFor();
    // Her printed roster has it too, as she chose to show it.
    await page.getByRole('link', { name: 'In danh sách' }).click();
    const sheet = page.getByRole('article', { name: /^DANH SÁCH HỘI VIÊN/ });
    await sheet.getByRole('columnheader', { name: 'Chức vụ' }).waitFor();
    expect(await sheet.getByRole('row').filter({ hasText: 'Vì Thị Xiêm' }).innerText()).toContain('Chi hội phó');
    await context.close();
  });

  it('shows a Đoàn member\'s Ngày vào Đoàn once, under its own name (not a second "Ngày vào" of the same day)', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.dtn.nv', Role.SECRETARIAT, 'DTN'));
    await page.getByRole('button', { name: 'Lò Văn Khiêm' }).click();
    const drawer = page.getByRole('dialog', { name: 'Lò Văn Khiêm' });
    await drawer.getByRole('row').filter({ hasText: 'Ngày vào Đoàn' }).filter({ hasText: '26/03/2020' }).waitFor();
    await eventually(async () => expect(await drawer.getByRole('row').filter({ hasText: '26/03/2020' }).count()).toBe(1));
    await drawer.getByRole('button', { name: 'Đóng' }).click();

    // Added by hand: one field, "Ngày vào Đoàn" (not a "Ngày vào" beside it), and the same one line on her page.
    await page.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    const form = page.getByRole('dialog', { name: 'Thêm đoàn viên' });
    await form.getByLabel('Họ và tên').fill('Quàng Thị Mai');
    await form.getByLabel(/^Ngày sinh/).fill('20/08/1990');
    expect(await form.getByLabel(/^Ngày vào/).count()).toBe(1);
    await form.getByLabel(/^Ngày vào Đoàn/).fill('15/05/2006');
    // Past 35, a rank-and-file member is warned; as Bí thư chi đoàn she may stay, and the warning goes as she types it.
    await form.getByText(/quá độ tuổi tối đa 35/).waitFor();
    await form.getByLabel('Chức vụ').fill('Bí thư chi đoàn');
    await form.getByText(/quá độ tuổi tối đa 35/).waitFor({ state: 'hidden' });
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    const mai = page.getByRole('dialog', { name: 'Quàng Thị Mai' });
    await mai.getByRole('row').filter({ hasText: 'Ngày vào Đoàn' }).filter({ hasText: '15/05/2006' }).waitFor();
    await eventually(async () => expect(await mai.getByRole('row').filter({ hasText: '15/05/2006' }).count()).toBe(1));
    expect(await review(page)).toEqual(CLEAN);
    const [saved] = await t.sql<{ join_date: string; profile: Record<string, string> }>(
      `SELECT join_date::text, profile FROM member_record WHERE full_name = 'Quàng Thị Mai'`,
    );
    expect(saved).toEqual({ join_date: '2006-05-15', profile: { position: 'Bí thư chi đoàn', youthUnionJoinDate: '2006-05-15' } });
    await context.close();
  });

  it("adds a veteran with the Cựu chiến binh's own fields (Năm nhập ngũ, a month kept as its year), and refuses a year that is not one, saying which", async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.ccb.cv', Role.SECRETARIAT, 'CCB'));
    await page.getByRole('button', { name: 'Thêm hội viên' }).click();
    const form = page.getByRole('dialog', { name: 'Thêm hội viên' });
    await form.getByLabel('Họ và tên').fill('Lò Văn Pằn');
    await form.getByLabel(/^Ngày sinh/).fill('1955');
    await form.getByLabel('Năm nhập ngũ').fill('72');
    await form.getByLabel('Chức vụ').fill('Chi hội trưởng');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await form.getByText("Năm nhập ngũ: '72' không phải năm (yyyy)").waitFor();
    // A month, as her papers write it, is kept as its year.
    await form.getByLabel('Năm nhập ngũ').fill('7/1972');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await form.waitFor({ state: 'hidden' });
    const saved = await t.gql<{ memberRecords: { nodes: { fullName: string; profile: { key: string; value: string }[] }[] } }>(
      `{ memberRecords(organization: "CCB", first: 5) { nodes { fullName profile { key value } } } }`,
    );
    expect(saved.data!.memberRecords.nodes).toEqual([
      {
        fullName: 'Lò Văn Pằn',
        profile: [
          { key: 'position', value: 'Chi hội trưởng' },
          { key: 'enlistmentYear', value: '1972' },
        ],
      },
    ]);
    await context.close();
  });
});
