import http from 'node:http';
import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { totpCode } from '../src/accounts/totp.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review as reviewPage, type TestBrowser } from './support/browser.js';
import { AFTER_ENROLMENT, createTestApp, type TestApp, type TestUser } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Hà', 'Hạnh', 'Lan', 'Mai', 'Nam', 'Phúc'];
/** Sorted by tên, she comes after the 80 others: never on the first page of 50. */
const TARGET = { code: 'HND-X9071', name: 'Lò Thị Xuân', id: '011190012345', phone: '0912345678' };

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
  let secretary: TestUser;
  /** Her session at 1366×768, kept from one step of her day to the next. */
  let desk: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HND', HEADER, roster());
    secretary = await t.createUser('xa-hnd', Role.SECRETARIAT, 'HND');
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const logIn = (context: BrowserContext, user: TestUser, code?: string) => logInThroughPage(context, t.url, user, code);
  const review = reviewPage;
  const clean = CLEAN;

  it('shows the log-in page in Vietnamese, without serious accessibility problems', async () => {
    const context = await b.context();
    const page = await context.newPage();
    await page.goto(t.url);
    await page.getByLabel('Mã xác thực').waitFor();
    expect(await review(page)).toEqual(clean);
    // The field she types in is outlined in blue, not in the red an error has.
    const username = page.getByLabel('Tên đăng nhập');
    await username.focus();
    expect(await page.evaluate<string>('getComputedStyle(document.activeElement).borderColor')).toBe('rgb(11, 87, 208)');
    await context.close();
  });

  it('logs her in with her password and authenticator code into her roster: 81 members, the session an HttpOnly cookie', async () => {
    const context = await b.context();
    const page = await logIn(context, secretary);
    await page.getByText('81 hồ sơ').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Hội Nông dân');
    // Her header names her organization as she says it, not by its code.
    await eventually(async () => expect(await page.getByRole('banner').innerText()).toContain('xa-hnd · Hội Nông dân Việt Nam'), 10_000);
    expect(await page.getByRole('banner').innerText()).not.toMatch(/\bHND\b/);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'lt_session', httpOnly: true, sameSite: 'Strict' });
    const [login] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'LOGIN' AND actor_name = $1 AND ${AFTER_ENROLMENT}`,
      [secretary.username],
    );
    expect(login.n).toBe(1);
    expect(await review(page)).toEqual(clean);
    desk = { context, page };
  });

  it('names the chi hội a secretariat is kept to, in her header and over her roster, by its name', async () => {
    const renamed = await t.gql(
      `mutation { renameUnit(input: { organization: "HND", code: "HND-CHI-1", name: "Chi hội Nông dân thôn Đông" }) { name } }`,
    );
    expect(renamed.errors).toBeUndefined();
    const user = await t.createUser('chi-hnd-dong', Role.SECRETARIAT, 'HND', 'HND-CHI-1');
    // What the server keeps her to: that unit of the Hội Nông dân.
    const [scope] = await t.sql<{ code: string; name: string }>(
      `SELECT u.code, u.name FROM app_user a JOIN unit u ON u.id = a.unit_id WHERE a.username = $1`,
      [user.username],
    );
    expect(scope).toEqual({ code: 'HND-CHI-1', name: 'Chi hội Nông dân thôn Đông' });
    const context = await b.context();
    const page = await logIn(context, user);
    await page.getByText('81 hồ sơ').waitFor();
    await eventually(
      async () =>
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
          'Danh sách Hội Nông dân Việt Nam — Chi hội Nông dân thôn Đông',
        ),
      10_000,
    );
    await eventually(
      async () =>
        expect(await page.getByRole('banner').innerText()).toContain('chi-hnd-dong · Hội Nông dân Việt Nam · Chi hội Nông dân thôn Đông'),
      10_000,
    );
    expect(await page.getByRole('banner').innerText()).not.toMatch(/\bHND\b/);
    expect(await review(page)).toEqual(clean);
    await context.close();
  });

  it('finds by a name typed without accents a member who is not on the first page, and opening her page is a logged read', async () => {
    const { page } = desk;
    expect(await page.getByRole('button', { name: TARGET.name }).count()).toBe(0);
    await page.getByRole('searchbox').fill('lo thi xuan');
    await page.getByText('1 hồ sơ', { exact: true }).waitFor();
    await page.getByRole('button', { name: TARGET.name }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('12/05/1990').waitFor();
    // Masked as the API masks it.
    expect(await drawer.innerText()).toContain('0111******45');
    expect(await drawer.innerText()).not.toContain(TARGET.id);
    expect(await review(page)).toEqual(clean);
    const [record] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = $1`, [TARGET.code]);
    await eventually(async () => {
      const reads = await t.sql(`SELECT 1 FROM audit_event WHERE action = 'RECORD_READ' AND actor_name = $1 AND subject_id = $2`, [
        secretary.username,
        record.id,
      ]);
      expect(reads).toHaveLength(1);
    });
    // Nothing personal in the address or in the browser's storage.
    expect(page.url()).not.toMatch(/xuan|xuân|0111|0912/i);
    expect(await page.evaluate('localStorage.length + sessionStorage.length')).toBe(0);
    await drawer.getByRole('button', { name: 'Đóng' }).click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('finds a member by her phone number, by her whole CCCD and by part of her Mã hồ sơ', async () => {
    const { page } = desk;
    for (const typed of [TARGET.phone, TARGET.id, 'x907']) {
      await page.getByRole('searchbox').fill('');
      await page.getByText('81 hồ sơ').waitFor();
      await page.getByRole('searchbox').fill(typed);
      await page.getByText('1 hồ sơ', { exact: true }).waitFor();
      await page.getByRole('button', { name: TARGET.name }).waitFor();
    }
    // Part of her CCCD finds nobody (the numbers are sealed, found whole): she is told to type it all.
    await page.getByRole('searchbox').fill(TARGET.id.slice(0, 7));
    await page.getByText('Số CCCD cần gõ đủ 12 chữ số', { exact: false }).waitFor();
    // A name that matches nobody is not told about numbers.
    await page.getByRole('searchbox').fill('khong co ai ten nay');
    await page.getByText('Không có hồ sơ nào khớp', { exact: true }).waitFor();
  });

  it('has the user guide one click away, in Vietnamese', async () => {
    const { page } = desk;
    await page.getByRole('link', { name: 'Hướng dẫn' }).click();
    await page.getByRole('heading', { name: 'Hướng dẫn sử dụng' }).waitFor();
    // The dashboard compares with the end of the last period over whose report is stored, as its figures say.
    const guide = await page.locator('article').innerText();
    expect(guide).toContain('so với cuối kỳ gần nhất đã kết thúc có báo cáo đã lưu (ví dụ "so với cuối Quý III/2026")');
    expect(guide).not.toContain('kỳ báo cáo gần nhất');
    // A secretariat reads her own work first; the Ban Dân vận's and the administrator's parts come after, under their heading.
    const at = (text: string) => guide.indexOf(text);
    expect(at('Nhập danh sách từ Excel')).toBeGreaterThan(-1);
    expect(at('Nhập danh sách từ Excel')).toBeLessThan(at('Các phần dành cho vai trò khác'));
    expect(at('Cảnh báo và hồ sơ nghi ảo')).toBeLessThan(at('Các phần dành cho vai trò khác'));
    expect(at('Xuất danh sách ra Excel (văn phòng tổ chức)')).toBeLessThan(at('Các phần dành cho vai trò khác'));
    expect(at('Tổng quan (Ban Dân vận')).toBeGreaterThan(at('Các phần dành cho vai trò khác'));
    expect(at('Quản trị (chỉ quản trị viên)')).toBeGreaterThan(at('Các phần dành cho vai trò khác'));
    expect(await review(page)).toEqual(clean);
  });

  it("speaks to a Đoàn and a Công đoàn secretariat in their organization's words, not the Hội's", async () => {
    const seen = async (user: TestUser, words: { roster: string; units: string; add: string; count: RegExp }) => {
      const context = await b.context();
      const page = await logIn(context, user);
      await page.getByRole('link', { name: words.roster }).waitFor();
      await page.getByRole('button', { name: words.add }).waitFor();
      const roster = await page.locator('main').first().innerText();
      await page.getByRole('link', { name: words.units }).click();
      await page.getByRole('heading', { level: 1, name: words.units }).waitFor();
      await page.locator('.ant-tree-title').filter({ hasText: words.count }).first().waitFor();
      const units = await page.locator('main').first().innerText();
      const help = await page
        .getByRole('link', { name: 'Hướng dẫn' })
        .click()
        .then(() => page.locator('main').first().innerText());
      await context.close();
      return [roster, units, help].join('\n').match(/hội viên|chi hội|hội phí/gi) ?? [];
    };
    await t.importRoster('DTN', HEADER, ['DTN-1,Lò Văn Tuấn,02/03/2001,Nam,,,00004,CHI-DOAN-1,Đang sinh hoạt']);
    await t.importRoster('CD', HEADER, ['CD-1,Cà Thị Hoa,04/05/1985,Nữ,,,00004,TO-CD-1,Đang sinh hoạt']);
    const dtn = await seen(await t.createUser('xa-dtn', Role.SECRETARIAT, 'DTN'), {
      roster: 'Danh sách đoàn viên',
      units: 'Chi đoàn / đơn vị',
      add: 'Thêm đoàn viên',
      count: /\d+ đoàn viên/,
    });
    const cd = await seen(await t.createUser('xa-cd', Role.SECRETARIAT, 'CD'), {
      roster: 'Danh sách đoàn viên công đoàn',
      units: 'Tổ công đoàn / đơn vị',
      add: 'Thêm đoàn viên công đoàn',
      count: /\d+ đoàn viên công đoàn/,
    });
    // Of another organization's members she reads "thành viên", never her own word for them.
    expect({ dtn, cd }).toEqual({ dtn: [], cd: [] });
    const { page } = desk;
    await page.getByRole('link', { name: 'Danh sách hội viên' }).waitFor();
  });

  it("never shows a status's bare value (ACTIVE) while the statuses' names load", async () => {
    const context = await b.context();
    let release = () => undefined as void;
    const held = new Promise<void>((r) => (release = r));
    await context.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('memberStatuses')) await held;
      await route.continue();
    });
    // Her own account: the secretary's code of this half-minute may have been used by the tests before (a code is used once).
    const page = await logIn(context, await t.createUser('xa-hnd-trang-thai', Role.SECRETARIAT, 'HND'));
    const loading = page.locator('.ant-select').filter({ hasText: 'Đang tải trạng thái…' });
    await loading.waitFor();
    expect(await page.locator('main').first().innerText()).not.toContain('ACTIVE');
    release();
    await page
      .locator('.ant-select')
      .filter({ hasText: /^Đang sinh hoạt$/ })
      .waitFor();
    expect(await loading.count()).toBe(0);
    await context.close();
  });

  it('ends the session on the server when she logs out', async () => {
    const { context, page } = desk;
    const [cookie] = await context.cookies();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Mã xác thực').waitFor();
    const after = await fetch(`${t.url}/session`, { headers: { cookie: `lt_session=${cookie.value}` } });
    expect(after.status).toBe(401);
    await context.close();
  });

  it('starts the next person on the computer at her own home, not at the screen the last one left open', async () => {
    const context = await b.context();
    const page = await logIn(context, await t.createUser('bdv-may-chung', Role.DAN_VAN));
    // Her guide does not tell her of the export the roster screen does not offer her: that part is the offices'.
    await page.getByRole('link', { name: 'Hướng dẫn' }).click();
    await page.getByRole('heading', { name: 'Hướng dẫn sử dụng' }).waitFor();
    const guide = await page.locator('article').innerText();
    expect(guide.indexOf('Xuất danh sách ra Excel (văn phòng tổ chức)')).toBeGreaterThan(guide.indexOf('Các phần dành cho vai trò khác'));
    await page.goto(`${t.url}/#/lien-ket`);
    await page.getByRole('heading', { level: 1, name: /Rà soát liên kết/ }).waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Mã xác thực').waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    // And an address naming a screen she does not have is put right, not left saying another screen.
    await page.goto(`${t.url}/#/quan-tri`);
    const user = await t.createUser('xa-hnd-may-chung', Role.SECRETARIAT, 'HND');
    await page.getByLabel('Tên đăng nhập').fill(user.username);
    await page.getByLabel('Mật khẩu').fill(user.password);
    await page.getByLabel('Mã xác thực').fill(totpCode(user.totpSecret, Date.now()));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Thêm hội viên' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    await context.close();
  });

  it('refuses a code already used, in Vietnamese, and gives no session', async () => {
    const user = await t.createUser('xa-hnd-2', Role.SECRETARIAT, 'HND');
    const code = totpCode(user.totpSecret, Date.now());
    const first = await fetch(`${t.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password, totpCode: code }),
    });
    expect(first.status).toBe(200);
    const context = await b.context();
    const page = await logIn(context, user, code);
    await page
      .getByRole('alert')
      .getByText(/chờ mã mới/i)
      .waitFor();
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('fits a 390-px phone: nothing wider than the screen, the roster and a member readable, in Vietnamese', async () => {
    const context = await b.context('phone');
    const page = await logIn(context, await t.createUser('xa-hnd-dt', Role.SECRETARIAT, 'HND'));
    await page.getByText('81 hồ sơ').waitFor();
    // The table scrolls inside its own box.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await review(page)).toEqual(clean);
    await page.getByRole('button', { name: 'Nguyễn Văn An' }).click();
    await page.getByRole('dialog').getByText('Quá trình').waitFor();
    expect(await review(page)).toEqual(clean);
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
    // Sent compressed to a browser that accepts it (brotli, else gzip; the same bytes once unpacked), as is to one that does not.
    const raw = (encoding: string | null) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
        http
          .get(`${t.url}${asset}`, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
            const parts: Buffer[] = [];
            res.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
          })
          .on('error', reject),
      );
    const plain = await raw(null);
    expect([plain.headers['content-encoding'], plain.headers['content-type'], plain.headers.vary]).toEqual([
      undefined,
      'text/javascript; charset=utf-8',
      'Accept-Encoding',
    ]);
    const br = await raw('gzip, deflate, br');
    expect([br.headers['content-encoding'], br.headers['content-type'], br.headers['cache-control']]).toEqual([
      'br',
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ]);
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    const gz = await raw('gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });
});
