import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { totpCode } from '../src/accounts/totp.js';
import { chooseOption, CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp, type TestUser } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị,Trạng thái';
const ROWS = [
  'HPN-1,Nguyễn Thị An,01/02/1980,Nữ,00004,HPN-CHI-1,Đang sinh hoạt',
  'HPN-2,Trần Thị Bình,03/04/1985,Nữ,00004,HPN-CHI-1,Đang sinh hoạt',
  'HPN-3,Lê Thị Cúc,05/06/1990,Nữ,00004,HPN-CHI-2,Đang sinh hoạt',
];
const NEW_USER = 'chi1-hpn';
const NEW_PASSWORD = 'Sông Đà mười hai bến nước';

/**
 * The administrator's screen (issue 21, item 6): she creates a secretariat account kept to one
 * unit, hands over the one-time password read off the page, and the new user enrols by QR code and
 * lands on her unit's roster; a reset ends the user's session at once, a disabled account no longer
 * logs in; the audit log, filtered by action, shows each of these.
 */
describe('the console: administration (users, audit log)', () => {
  let t: TestApp;
  let b: TestBrowser;
  let admin: TestUser;
  let adminPage: Page;
  /** The new user's browser, enrolled in the first test. */
  let hers: BrowserContext;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HPN', HEADER, ROWS);
    const renamed = await t.gql(
      `mutation { renameUnit(input: { organization: "HPN", code: "HPN-CHI-1", name: "Chi hội Phụ nữ Thôn Nà Sang, bản Co Mị (Mường Phăng cũ)" }) { code } }`,
    );
    expect(renamed.errors).toBeUndefined();
    admin = await t.createUser('qt-web', Role.ADMIN);
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** An option of the open drop-down list, as she clicks it. */
  const pick = (page: Page, text: string | RegExp) => page.locator('.ant-select-item-option:visible').filter({ hasText: text }).click();
  /** "Đồng ý" in the confirmation that is open. */
  const confirm = (page: Page) => page.locator('.ant-popover:visible').getByRole('button', { name: 'Đồng ý' }).click();
  const auditOf = (action: string, subject: string) =>
    t.sql<{ actor_name: string; actor_role: string }>(
      `SELECT actor_name, actor_role FROM audit_event WHERE action = $1 AND subject_id = $2 ORDER BY id`,
      [action, subject],
    );
  const userRow = async (username: string) =>
    (
      await t.sql<{
        id: string;
        role: string;
        organization_code: string;
        unit: string | null;
        disabled: boolean;
        password_hash: string | null;
      }>(
        `SELECT u.id, u.role, u.organization_code, un.code AS unit, u.disabled_at IS NOT NULL AS disabled, u.password_hash
           FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE u.username = $1`,
        [username],
      )
    )[0];
  /** The one-time password in the hand-over dialog, then the dialog closed. */
  /**
   * "Đã trao, đóng", until the dialog is gone: under load a click that lands while the dialog is still
   * opening can be lost (CI red once: the open dialog then covered the next button for 30 s).
   */
  async function closeHandOver(page: Page): Promise<void> {
    const dialog = page.getByRole('dialog');
    await eventually(async () => {
      if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Đã trao, đóng' }).click({ timeout: 2000 });
      await dialog.waitFor({ state: 'hidden', timeout: 2000 });
    }, 20_000);
  }

  async function handedOver(page: Page): Promise<string> {
    const dialog = page.getByRole('dialog');
    const password = (await dialog.getByTestId('enrolment-password').innerText()).trim();
    await dialog.getByText('Dùng được một lần, trong 72 giờ', { exact: false }).waitFor();
    await dialog.getByText('Kích hoạt tài khoản', { exact: false }).waitFor();
    return password;
  }

  it('creates a secretariat kept to one unit; she enrols by QR code with the password read off the page', async () => {
    const context = await b.context();
    adminPage = await logInThroughPage(context, t.url, admin);
    await adminPage.getByRole('link', { name: 'Quản trị' }).click();
    await adminPage.getByRole('cell', { name: 'qt-web' }).waitFor();
    expect(await review(adminPage)).toEqual(CLEAN);

    await adminPage.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const form = adminPage.getByRole('dialog');
    await form.getByLabel('Tên đăng nhập').fill(NEW_USER);
    // A secretariat keeps a roster: the Mặt trận, whose members are organizations, is not offered.
    const offered = adminPage.locator('.ant-select-dropdown:visible .ant-select-item-option');
    // Read once the list is in (it may open while the organizations are still loading, under load).
    await eventually(async () => {
      if (!(await adminPage.locator('.ant-select-dropdown:visible').count())) await form.getByLabel('Tổ chức', { exact: true }).click();
      const texts = await offered.allInnerTexts();
      expect(texts).toEqual(expect.arrayContaining([expect.stringContaining('(HPN)')]));
      expect(texts.filter((o) => o.includes('(MTTQ)'))).toEqual([]);
    });
    // …and why, in words beside the field.
    expect(await form.getByText('Mặt trận không giữ danh sách hội viên cá nhân: cán bộ Mặt trận dùng vai trò Ban Dân vận.').count()).toBe(
      1,
    );
    await chooseOption(adminPage, form.getByLabel('Tổ chức', { exact: true }), '(HPN)');
    // Units as a tree reads: the unit the chi hội sit under comes before them, not last by its name.
    const [above] = await t.sql<{ code: string }>(`SELECT p.code FROM unit c JOIN unit p ON p.id = c.parent_id WHERE c.code = 'HPN-CHI-1'`);
    await form.getByLabel('Đơn vị', { exact: false }).click();
    await eventually(async () => {
      const units = await offered.allInnerTexts();
      const at = (code: string) => units.findIndex((u) => u.endsWith(`(${code})`));
      expect(at(above.code)).toBeGreaterThanOrEqual(0);
      expect(at(above.code)).toBeLessThan(at('HPN-CHI-1'));
    });
    // Typed as she knows it — the commune's name, without accents — the chi hội of that commune are offered.
    const [{ commune }] = await t.sql<{ commune: string }>(
      `SELECT c.name AS commune FROM unit p JOIN commune c ON c.code = p.commune_code WHERE p.code = $1`,
      [above.code],
    );
    const typed = commune
      .replace(/^(Xã|Phường|Thị trấn|Đặc khu) /, '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .toLowerCase();
    await form.getByLabel('Đơn vị', { exact: false }).fill(typed);
    await eventually(async () =>
      expect(await offered.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('(HPN-CHI-1)')])),
    );
    await chooseOption(adminPage, form.getByLabel('Đơn vị', { exact: false }), '(HPN-CHI-1)');
    // Once the drop-down list has closed.
    await eventually(async () => expect(await review(adminPage)).toEqual(CLEAN));
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const password = await handedOver(adminPage);
    expect(await review(adminPage)).toEqual(CLEAN);
    await closeHandOver(adminPage);
    await adminPage.getByRole('cell', { name: NEW_USER }).waitFor();
    // Her scope by the organization's and the unit's names.
    await adminPage
      .getByRole('row')
      .filter({ hasText: NEW_USER })
      .getByText('Hội Liên hiệp Phụ nữ Việt Nam · Chi hội Phụ nữ Thôn Nà Sang, bản Co Mị (Mường Phăng cũ)')
      .waitFor();

    // The server: her row with role and scope, created by this administrator in the audit log.
    const row = await userRow(NEW_USER);
    expect(row).toMatchObject({ role: 'SECRETARIAT', organization_code: 'HPN', unit: 'HPN-CHI-1', disabled: false, password_hash: null });
    await eventually(async () => expect(await auditOf('USER_CREATED', row.id)).toEqual([{ actor_name: 'qt-web', actor_role: 'ADMIN' }]));

    // Her first log-in, in her own browser, as console-enrolment tests it.
    hers = await b.context();
    const page = await hers.newPage();
    await page.goto(t.url);
    await page.getByRole('button', { name: 'Kích hoạt tài khoản' }).click();
    await page.getByLabel('Tên đăng nhập').fill(NEW_USER);
    await page.getByLabel('Mật khẩu lần đầu').fill(password);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }).waitFor();
    const secret = (await page.locator('code').innerText()).replace(/\s/g, '');
    await page.getByLabel('Mật khẩu mới', { exact: false }).first().fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByLabel('Mã 6 số', { exact: false }).fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
    // Her unit only: two of the organization's three records.
    await page.getByText('2 hồ sơ').waitFor();
    expect(await page.getByText('Lê Thị Cúc').count()).toBe(0);
    expect((await userRow(NEW_USER)).password_hash).not.toBeNull();
  });

  it('a reset gives a new one-time password and ends her session at once; a disabled account no longer logs in', async () => {
    const [cookie] = await hers.cookies();
    const sessionNow = () => fetch(`${t.url}/session`, { headers: { cookie: `lt_session=${cookie.value}` } }).then((r) => r.status);
    expect(await sessionNow()).toBe(200);
    const other = await t.createUser('xa-nghi', Role.SECRETARIAT, 'HPN');
    await adminPage.reload();
    const herRow = adminPage.getByRole('row').filter({ hasText: NEW_USER });
    await herRow.getByRole('button', { name: 'Cấp lại mật khẩu lần đầu' }).click();
    await confirm(adminPage);
    const again = await handedOver(adminPage);
    expect(again).toMatch(/\S{8,}/);
    await closeHandOver(adminPage);
    expect(await sessionNow()).toBe(401);
    expect((await userRow(NEW_USER)).password_hash).toBeNull();
    // Her state says she must enrol again (she had logged in before: not "never logged in", not "in use").
    await herRow.getByText('Chờ đăng nhập lại bằng mật khẩu lần đầu mới').waitFor();
    // A long scope (an organization and its unit's name) wraps in its cell: her row's actions stay on the 1366-px screen.
    const lock = adminPage.getByRole('row').filter({ hasText: 'xa-nghi' }).getByRole('button', { name: 'Khóa tài khoản' });
    for (const button of [herRow.getByRole('button', { name: 'Cấp lại mật khẩu lần đầu' }), lock]) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1366);
    }
    // The administrator is not offered to lock herself out.
    const ownRow = adminPage.getByRole('row').filter({ hasText: 'qt-web' });
    await ownRow.getByRole('button', { name: 'Cấp lại mật khẩu lần đầu' }).waitFor();
    expect(await ownRow.getByRole('button', { name: 'Khóa tài khoản' }).count()).toBe(0);

    const otherRow = adminPage.getByRole('row').filter({ hasText: 'xa-nghi' });
    await otherRow.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await confirm(adminPage);
    await otherRow.getByText('Đã khóa').waitFor();
    expect(await review(adminPage)).toEqual(CLEAN);
    expect((await userRow('xa-nghi')).disabled).toBe(true);
    await expect(t.logIn(other)).rejects.toThrow(/log-in of xa-nghi failed/);
    // Locked by mistake (or back from leave): unlocked, she logs in again as she did.
    await otherRow.getByRole('button', { name: 'Mở khóa' }).click();
    await confirm(adminPage);
    await otherRow.getByRole('button', { name: 'Khóa tài khoản' }).waitFor();
    expect((await userRow('xa-nghi')).disabled).toBe(false);
    await t.logIn(other);
    const ids = { her: (await userRow(NEW_USER)).id, other: (await userRow('xa-nghi')).id };
    await eventually(async () => {
      expect(await auditOf('USER_RESET', ids.her)).toEqual([{ actor_name: 'qt-web', actor_role: 'ADMIN' }]);
      expect(await auditOf('USER_DISABLED', ids.other)).toEqual([{ actor_name: 'qt-web', actor_role: 'ADMIN' }]);
      expect(await auditOf('USER_ENABLED', ids.other)).toEqual([{ actor_name: 'qt-web', actor_role: 'ADMIN' }]);
    });
    await hers.close();
  });

  it('moves a secretariat to another organization: the dialog starts from hers, says her sessions end; the table and the server say the new scope', async () => {
    const moved = await t.createUser('xa-chuyen', Role.SECRETARIAT, 'HPN');
    // She is at work in her own browser.
    const herContext = await b.context();
    const herPage = await logInThroughPage(herContext, t.url, moved);
    await herPage.getByText('3 hồ sơ').waitFor();
    await adminPage.reload();
    const row = adminPage.getByRole('row').filter({ hasText: 'xa-chuyen' });
    await row.getByRole('button', { name: 'Đổi vai trò, phạm vi' }).click();
    const dialog = adminPage.getByRole('dialog');
    await dialog.getByText('Đổi vai trò, phạm vi của xa-chuyen').waitFor();
    await dialog.getByText('các phiên đang mở của người này kết thúc ngay', { exact: false }).waitFor();
    // Her role and organization as they are.
    await dialog.getByText('Văn phòng tổ chức').waitFor();
    await dialog.getByText('(HPN)').waitFor();
    await chooseOption(adminPage, dialog.getByLabel('Tổ chức', { exact: true }), '(DTN)');
    await eventually(async () => expect(await review(adminPage)).toEqual(CLEAN));
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await adminPage.getByRole('status').filter({ hasText: 'Đã đổi vai trò, phạm vi của xa-chuyen. Các phiên đang mở' }).waitFor();
    await row.getByText('Đoàn TNCS Hồ Chí Minh').waitFor();
    expect(await userRow('xa-chuyen')).toMatchObject({ role: 'SECRETARIAT', organization_code: 'DTN', unit: null });
    // Her next click takes her to the log-in, which says why her session ended — not an error under every click.
    await herPage.getByRole('link', { name: 'Nhập danh sách' }).click();
    await herPage
      .getByText(
        'Quản trị viên đã đổi vai trò, phạm vi của tài khoản này: đăng nhập lại để làm việc với quyền mới. Những gì đang sửa dở (nếu có) chưa được lưu.',
        { exact: false },
      )
      .waitFor();
    await herPage.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    expect(await review(herPage)).toEqual(CLEAN);
    await herContext.close();
    const id = (await userRow('xa-chuyen')).id;
    await eventually(async () => expect(await auditOf('USER_SCOPE_CHANGED', id)).toEqual([{ actor_name: 'qt-web', actor_role: 'ADMIN' }]));
    // Not offered for her own account.
    const ownRow = adminPage.getByRole('row').filter({ hasText: 'qt-web' });
    await ownRow.getByRole('button', { name: 'Cấp lại mật khẩu lần đầu' }).waitFor();
    expect(await ownRow.getByRole('button', { name: 'Đổi vai trò, phạm vi' }).count()).toBe(0);
  });

  it('the audit log filtered by action shows the creation and the reset, in Vietnam time; a service token and an association; on a phone', async () => {
    const page = adminPage;
    await page.locator('label', { hasText: 'Nhật ký' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByLabel('Hành động').fill('Tạo tài khoản');
    await pick(page, /^Tạo tài khoản$/);
    // The created user's and the fixtures' (created by the command line): only creations.
    await eventually(async () => {
      const texts = await rows.allInnerTexts();
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((r) => r.includes('Tạo tài khoản'))).toBe(true);
      expect(texts.some((r) => r.includes('qt-web (Người dùng)'))).toBe(true);
    });
    expect((await rows.first().innerText()).match(/\d\d\/\d\d\/\d{4} \d\d:\d\d/)).not.toBeNull();
    // Once the drop-down list has closed.
    await eventually(async () => expect(await review(page)).toEqual(CLEAN));
    await page.getByLabel('Người thực hiện').fill('qt-web');
    await page.getByLabel('Hành động').fill('Cấp lại');
    await pick(page, /^Cấp lại mật khẩu lần đầu$/);
    await eventually(async () => {
      const texts = await rows.allInnerTexts();
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('Cấp lại mật khẩu lần đầu');
      // The organization by its name, not its code.
      expect(texts[0]).toContain('Hội Liên hiệp Phụ nữ Việt Nam');
    });
    // The same through the API.
    const api = await t.gql<{ auditEvents: { nodes: { action: string; actorName: string }[] } }>(
      '{ auditEvents(action: USER_RESET, actor: "qt-web") { nodes { action actorName } } }',
    );
    expect(api.data!.auditEvents.nodes).toEqual([{ action: 'USER_RESET', actorName: 'qt-web' }]);

    await page.locator('label', { hasText: 'Khóa kết nối' }).click();
    await page.getByLabel('Tên khóa').fill('dong-bo-bao-cao');
    await page.getByRole('button', { name: 'Tạo khóa kết nối' }).click();
    const token = (await page.getByRole('status').locator('code').innerText()).trim();
    // Once the button's spinner has gone.
    await eventually(async () => expect(await review(page)).toEqual(CLEAN));
    const me = () => t.gql<{ me: { name: string; role: string } }>('{ me { name role } }', {}, { token });
    expect((await me()).data!.me).toEqual({ name: 'dong-bo-bao-cao', role: 'AUDITOR' });
    await page.getByRole('row').filter({ hasText: 'dong-bo-bao-cao' }).getByRole('button', { name: 'Thu hồi' }).click();
    await confirm(page);
    await page.getByRole('row').filter({ hasText: 'dong-bo-bao-cao' }).getByText('Đã thu hồi').waitFor();
    expect((await me()).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // A secretariat's token kept to one chi hội (as `token create --unit` makes it): it reads that chi hội alone.
    const tokenForm = page.locator('form').filter({ has: page.getByLabel('Tên khóa') });
    await page.getByLabel('Tên khóa').fill('dong-bo-chi-hoi');
    await chooseOption(page, tokenForm.getByLabel('Vai trò'), 'Văn phòng tổ chức');
    await chooseOption(page, tokenForm.getByLabel('Tổ chức', { exact: true }), '(HPN)');
    await chooseOption(page, tokenForm.getByLabel('Đơn vị', { exact: false }), '(HPN-CHI-1)');
    await page.getByRole('button', { name: 'Tạo khóa kết nối' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'dong-bo-chi-hoi' })
      .getByText(/Chi hội Phụ nữ Thôn Nà Sang/)
      .waitFor();
    const unitToken = (await page.getByRole('status').locator('code').innerText()).trim();
    const scoped = await t.gql<{ me: { role: string; organization: string; unit: string } }>(
      '{ me { role organization unit } }',
      {},
      { token: unitToken },
    );
    expect(scoped.data!.me).toEqual({ role: 'SECRETARIAT', organization: 'HPN', unit: 'HPN-CHI-1' });
    await eventually(async () => expect(await review(page)).toEqual(CLEAN));

    await page.locator('label', { hasText: 'Tổ chức, hội' }).click();
    await page.getByLabel('Mã', { exact: true }).fill('CTD');
    await page.getByLabel('Tên tổ chức, hội').fill('Hội Chữ thập đỏ');
    await page.getByRole('button', { name: 'Thêm hội' }).click();
    await page.getByRole('status').getByText('Đã thêm Hội Chữ thập đỏ.').waitFor();
    await page.getByRole('cell', { name: 'CTD', exact: true }).waitFor();
    await eventually(async () => expect(await review(page)).toEqual(CLEAN));
    const orgs = await t.gql<{ organizations: { code: string; memberTerm: string }[] }>('{ organizations { code memberTerm } }');
    expect(orgs.data!.organizations).toContainEqual({ code: 'CTD', memberTerm: 'hội viên' });
    await eventually(async () =>
      expect(await t.sql(`SELECT actor_name FROM audit_event WHERE action = 'ASSOCIATION_CREATED'`)).toEqual([{ actor_name: 'qt-web' }]),
    );

    const phone = await b.context('phone');
    const small = await logInThroughPage(phone, t.url, await t.createUser('qt-phone', Role.ADMIN));
    await small.getByLabel('Mã xác thực').waitFor({ state: 'detached' });
    await small.goto(`${t.url}/#/quan-tri`);
    await small.getByRole('cell', { name: 'qt-phone' }).waitFor();
    expect(await review(small)).toEqual(CLEAN);
    const overflow = await small.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
