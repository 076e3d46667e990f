import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { AuthService } from '../src/accounts/auth.service.js';
import { totpCode } from '../src/accounts/totp.js';
import { CLEAN, eventually, launchBrowser, review, type TestBrowser } from './support/browser.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị,Trạng thái';
const ROWS = [
  'HPN-1,Nguyễn Thị An,01/02/1980,Nữ,00004,HPN-CHI-1,Đang sinh hoạt',
  'HPN-2,Trần Thị Bình,03/04/1985,Nữ,00004,HPN-CHI-1,Đang sinh hoạt',
];
const NEW_PASSWORD = 'Sông Hồng chảy qua 2026';

/**
 * Her first log-in in the console (issue 20, item 1): the administrator creates her account, she
 * enters the enrolment password, scans the QR code generated then (here: reads the secret off the
 * page and computes the code), sets her password and lands on her roster; a reset ends her session
 * at once; an expired enrolment password is refused in Vietnamese.
 */
describe('the console: first log-in (enrolment) of a commune secretariat', () => {
  let t: TestApp;
  let b: TestBrowser;
  let enrolmentPassword: string;
  /** Her browser session after enrolling, and a bearer token of hers, for the reset to end. */
  let open: { context: BrowserContext; bearer: string };

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HPN', HEADER, ROWS);
    // As `lienthong user create --username xa-hpn --role SECRETARIAT --org HPN` does.
    enrolmentPassword = (
      await t.app.get(AuthService).createUser({ username: 'xa-hpn', role: Role.SECRETARIAT, organization: 'HPN' }, CLI_PRINCIPAL)
    ).enrolmentPassword;
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const gqlLogIn = (password: string, code: string) =>
    t.gql<{ logIn: { token: string } }>(
      'mutation($i: LogInInput!) { logIn(input: $i) { token } }',
      { i: { username: 'xa-hpn', password, totpCode: code } },
      { token: null },
    );
  const startOverApi = (password: string) =>
    t.gql(
      'mutation($i: EnrolmentInput!) { startEnrolment(input: $i) { totpSecret } }',
      { i: { username: 'xa-hpn', enrolmentPassword: password } },
      { token: null },
    );
  const auditOf = () =>
    t.sql<{ action: string; reason: string | null; enrolled: string | null }>(
      `SELECT action, detail->>'reason' AS reason, detail->>'enrolled' AS enrolled FROM audit_event
        WHERE actor_name = 'xa-hpn' AND action IN ('ENROLMENT_STARTED', 'LOGIN', 'LOGIN_FAILED') ORDER BY id`,
    );

  /** The first step: "Kích hoạt tài khoản", her name and the enrolment password. */
  async function firstStep(context: BrowserContext, password: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(t.url);
    await page.getByRole('button', { name: 'Kích hoạt tài khoản' }).click();
    await page.getByLabel('Tên đăng nhập').fill('xa-hpn');
    await page.getByLabel('Mật khẩu lần đầu').fill(password);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    return page;
  }

  it('enrols her: QR code and secret shown, her own password, a code of her app, and she is on her roster', async () => {
    const context = await b.context();
    const page = await firstStep(context, enrolmentPassword);
    await page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }).waitFor();
    expect(await review(page)).toEqual(CLEAN);
    // What she would type into the app when the camera fails: the secret, in groups of four.
    const secret = (await page.locator('code').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // On the one phone that shows the QR code: a link that opens her authenticator with this same key.
    const appLink = page.getByRole('link', { name: /mở ứng dụng xác thực và thêm tài khoản/ });
    const href = (await appLink.getAttribute('href'))!;
    expect(href).toMatch(/^otpauth:\/\/totp\//);
    expect(new URL(href).searchParams.get('secret')).toBe(secret);
    // Its sentence whole inside its button, wrapped, not spilling past it.
    const box = await appLink.evaluate((el: { scrollWidth: number; clientWidth: number; getBoundingClientRect(): { height: number } }) => ({
      spills: el.scrollWidth > el.clientWidth,
      wrapped: el.getBoundingClientRect().height > 40,
    }));
    expect(box).toEqual({ spills: false, wrapped: true });
    // Generated at this moment and kept (sealed) as pending until a code of it confirms it.
    const [pending] = await t.sql<{ pending: boolean; enrolled: boolean }>(
      `SELECT totp_pending_sealed IS NOT NULL AS pending, totp_secret_sealed IS NOT NULL AS enrolled FROM app_user WHERE username = 'xa-hpn'`,
    );
    expect(pending).toEqual({ pending: true, enrolled: false });
    await page.getByLabel('Mật khẩu mới', { exact: false }).first().fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByLabel('Mã 6 số', { exact: false }).fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
    await page.getByText('2 hồ sơ').waitFor();
    expect((await context.cookies())[0]).toMatchObject({ name: 'lt_session', httpOnly: true, sameSite: 'Strict' });

    // The server: enrolled, logged like a log-in, the enrolment password spent.
    await eventually(async () =>
      expect(await auditOf()).toEqual([
        { action: 'ENROLMENT_STARTED', reason: null, enrolled: null },
        { action: 'LOGIN', reason: null, enrolled: 'true' },
      ]),
    );
    const again = await startOverApi(enrolmentPassword);
    expect(again.errors![0].message).toContain('đã được dùng');
    // Her password and her app's next code log her in (the code just used is spent: the next step's).
    const bearer = await gqlLogIn(NEW_PASSWORD, totpCode(secret, Date.now() + 30_000));
    expect(bearer.errors).toBeUndefined();
    open = { context, bearer: bearer.data!.logIn.token };
  });

  it('a reset by the administrator ends her browser session and her token at once', async () => {
    const [cookie] = await open.context.cookies();
    const sessionNow = () => fetch(`${t.url}/session`, { headers: { cookie: `lt_session=${cookie.value}` } }).then((r) => r.status);
    expect(await sessionNow()).toBe(200);
    const reset = await t.gql<{ resetUser: { enrolmentPassword: string } }>(
      'mutation { resetUser(username: "xa-hpn") { enrolmentPassword enrolmentExpiresAt } }',
    );
    expect(reset.errors).toBeUndefined();
    enrolmentPassword = reset.data!.resetUser.enrolmentPassword;
    expect(await sessionNow()).toBe(401);
    const me = await t.gql('{ me { name } }', {}, { token: open.bearer });
    expect(me.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // The page finds out at its next request: back to the log-in.
    const [page] = open.context.pages();
    await page.reload();
    await page.getByRole('button', { name: 'Kích hoạt tài khoản' }).waitFor();
    await open.context.close();
    // Her old password no longer opens anything.
    expect((await gqlLogIn(NEW_PASSWORD, '000000')).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const [row] = await t.sql(`SELECT password_hash, totp_secret_sealed FROM app_user WHERE username = 'xa-hpn'`);
    expect(row).toEqual({ password_hash: null, totp_secret_sealed: null });
  });

  it('refuses an expired enrolment password in Vietnamese, on a phone', async () => {
    await t.sql(`UPDATE app_user SET enrolment_expires_at = now() - interval '1 minute' WHERE username = 'xa-hpn'`);
    const context = await b.context('phone');
    const page = await firstStep(context, enrolmentPassword);
    await page.getByRole('alert').getByText('đã hết hạn', { exact: false }).waitFor();
    // Once the button's spinner has gone.
    await eventually(async () => expect(await review(page)).toEqual(CLEAN));
    await eventually(async () =>
      expect((await auditOf()).at(-1)).toEqual({ action: 'LOGIN_FAILED', reason: 'ENROLMENT_EXPIRED', enrolled: null }),
    );
    // Within its 72 hours the same password shows her QR code, on the phone too.
    await t.sql(`UPDATE app_user SET enrolment_expires_at = now() + interval '1 hour' WHERE username = 'xa-hpn'`);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }).waitFor();
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });
});
