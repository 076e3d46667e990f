import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { totpCode } from '../src/accounts/totp.js';
import { accessibilityProblems, launchBrowser, visibleEnglish, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp, type TestUser } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Hà', 'Hạnh', 'Lan', 'Mai', 'Nam', 'Phúc'];
/** Sorted by tên, she comes after the 80 others: never on the first page of 50. */
const TARGET = { code: 'HND-XUAN', name: 'Lò Thị Xuân', id: '011190012345', phone: '0912345678' };

/** 80 members of one Hội Nông dân branch, and the one a secretary looks for. */
function roster(): string[] {
  const rows = FAMILY.flatMap((f, i) =>
    GIVEN.map((g, j) => {
      const n = i * GIVEN.length + j;
      return `HND-${n},${f} Văn ${g},0${(n % 28) + 1}/0${(n % 9) + 1}/19${60 + (n % 30)},Nam,,,00004,HND-CHI-1,Đang sinh hoạt`;
    }),
  );
  return [...rows, `${TARGET.code},${TARGET.name},12/05/1990,Nữ,${TARGET.id},${TARGET.phone},00004,HND-CHI-1,Đang sinh hoạt`];
}

describe('the web console, as a commune secretariat of the Hội Nông dân uses it', () => {
  let t: TestApp;
  let b: TestBrowser;
  const users: TestUser[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HND', HEADER, roster());
    for (const n of [1, 2, 3, 4]) users.push(await t.createUser(`xa-hnd-${n}`, Role.SECRETARIAT, 'HND'));
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  async function logIn(context: BrowserContext, user: TestUser, code = totpCode(user.totpSecret, Date.now())): Promise<Page> {
    const page = await context.newPage();
    await page.goto(t.url);
    await page.getByLabel('Tên đăng nhập').fill(user.username);
    await page.getByLabel('Mật khẩu').fill(user.password);
    await page.getByLabel('Mã xác thực').fill(code);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    return page;
  }

  it('logs her in with her password and authenticator code into her roster: 81 members, CCCD masked, the session an HttpOnly cookie', async () => {
    const context = await b.context();
    const page = await logIn(context, users[0]);
    await page.getByText('81 hồ sơ').waitFor();
    await expect(page.getByRole('heading', { level: 1 })).resolves.toBeDefined();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Hội Nông dân');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'lt_session', httpOnly: true, sameSite: 'Strict' });
    const [login] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'LOGIN' AND actor_name = $1`, [
      users[0].username,
    ]);
    expect(login.n).toBe(1);
    await context.close();
  });

  it('finds by a name typed without accents a member who is not on the first page, and opening her page is a logged read', async () => {
    const context = await b.context();
    const page = await logIn(context, users[1]);
    await page.getByText('81 hồ sơ').waitFor();
    expect(await page.getByRole('button', { name: TARGET.name }).count()).toBe(0);
    await page.getByRole('searchbox').fill('lo thi xuan');
    await page.getByText('1 hồ sơ', { exact: true }).waitFor();
    await page.getByRole('button', { name: TARGET.name }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('12/05/1990').waitFor();
    // Masked as the API masks it; the secretariat manages the record, so the phone is whole.
    expect(await drawer.innerText()).toContain('0111******45');
    expect(await drawer.innerText()).not.toContain(TARGET.id);
    const [record] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = $1`, [TARGET.code]);
    await eventually(async () => {
      const reads = await t.sql(`SELECT 1 FROM audit_event WHERE action = 'RECORD_READ' AND actor_name = $1 AND subject_id = $2`, [
        users[1].username,
        record.id,
      ]);
      expect(reads).toHaveLength(1);
    });
    // Nothing personal in the address or in the browser's storage.
    expect(page.url()).not.toMatch(/xuan|xuân|0111|0912/i);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await context.close();
  });

  it('finds a member by her phone number and by her whole CCCD', async () => {
    const context = await b.context();
    const page = await logIn(context, users[2]);
    await page.getByText('81 hồ sơ').waitFor();
    for (const typed of [TARGET.phone, TARGET.id]) {
      await page.getByRole('searchbox').fill(typed);
      await page.getByRole('button', { name: TARGET.name }).waitFor();
      await page.getByText('1 hồ sơ', { exact: true }).waitFor();
    }
    await context.close();
  });

  it('refuses a code already used, in Vietnamese, and gives no session', async () => {
    const code = totpCode(users[3].totpSecret, Date.now());
    const first = await fetch(`${t.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: users[3].username, password: users[3].password, totpCode: code }),
    });
    expect(first.status).toBe(200);
    const context = await b.context();
    const page = await logIn(context, users[3], code);
    await page
      .getByRole('alert')
      .getByText(/chờ mã mới/i)
      .waitFor();
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('shows every screen in Vietnamese, without serious accessibility problems, at 1366 px and on a 390-px phone', async () => {
    for (const size of ['desktop', 'phone'] as const) {
      const context = await b.context(size);
      const page = await context.newPage();
      await page.goto(t.url);
      await page.getByLabel('Mã xác thực').waitFor();
      const screens: Record<string, string[][]> = { 'đăng nhập': [await visibleEnglish(page), await accessibilityProblems(page)] };
      await page.close();
      const user = await t.createUser(`xa-hnd-${size}`, Role.SECRETARIAT, 'HND');
      const app = await logIn(context, user);
      await app.getByText('81 hồ sơ').waitFor();
      screens['danh sách'] = [await visibleEnglish(app), await accessibilityProblems(app)];
      // Nothing wider than the phone: the table scrolls inside its own box.
      if (size === 'phone') expect(await app.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await app.getByRole('button', { name: 'Nguyễn Văn An' }).click();
      await app.getByRole('dialog').getByText('Quá trình').waitFor();
      screens['hồ sơ'] = [await visibleEnglish(app), await accessibilityProblems(app)];
      await app.keyboard.press('Escape');
      await app.getByRole('menuitem', { name: 'Hướng dẫn' }).click();
      await app.getByRole('heading', { name: 'Hướng dẫn sử dụng' }).waitFor();
      screens['hướng dẫn'] = [await visibleEnglish(app), await accessibilityProblems(app)];
      expect({ size, screens }).toEqual({ size, screens: Object.fromEntries(Object.keys(screens).map((k) => [k, [[], []]])) });
      await context.close();
    }
  });

  it('ends the session on the server when she logs out', async () => {
    const context = await b.context();
    const user = await t.createUser('xa-hnd-ra', Role.SECRETARIAT, 'HND');
    const page = await logIn(context, user);
    await page.getByText('81 hồ sơ').waitFor();
    const [cookie] = await context.cookies();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Mã xác thực').waitFor();
    const after = await fetch(`${t.url}/session`, { headers: { cookie: `lt_session=${cookie.value}` } });
    expect(after.status).toBe(401);
    await context.close();
  });

  it('serves the console with a policy that runs only its own scripts and forbids framing; its files are cached', async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await res.text())![1];
    const js = await fetch(`${t.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
  });
});

async function eventually(check: () => Promise<void>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
