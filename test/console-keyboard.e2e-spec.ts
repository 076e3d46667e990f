import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { totpCode } from '../src/accounts/totp.js';
import { eventually, launchBrowser, logInThroughPage, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp, type TestUser } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

/** What has the keyboard's focus: its role, accessible label or text (as a screen reader would say it). */
const focused = (page: Page) =>
  page.evaluate<string>(`(() => {
    const e = document.activeElement;
    if (!e) return '';
    const label = e.getAttribute('aria-label') ?? (e.labels && e.labels[0] ? e.labels[0].textContent : '') ?? '';
    return [e.getAttribute('role') ?? e.tagName.toLowerCase(), label, (e.textContent ?? '').trim()].join('|');
  })()`);

/** Tab (at most 60 times) until the focus is on what `matches` says: a keyboard user's way there. */
async function tabTo(page: Page, matches: RegExp): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (matches.test(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard never reached ${matches}: last focus ${await focused(page)}`);
}

/**
 * Without a mouse: log in, search, open a member's page and close it, change screens; and a session
 * that does not end under a secretary at work, with a warning before it ends when she is away.
 */
describe('the console by keyboard alone, and a session kept while she works', () => {
  let t: TestApp;
  let b: TestBrowser;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ SESSION_MINUTES: '20' });
    await t.importRoster('HND', HEADER, ['HND-1,Lò Văn Khăm,01/02/1970,Nam,,,00004,,Đang sinh hoạt']);
    user = await t.createUser('xa-hnd', Role.SECRETARIAT, 'HND');
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('logs in, finds a member, opens and closes her page and goes to another screen with the keyboard only', async () => {
    const context = await b.context();
    const page = await context.newPage();
    await page.goto(t.url);
    await page.getByLabel('Tên đăng nhập').waitFor();
    await tabTo(page, /^input\|Tên đăng nhập/);
    await page.keyboard.type(user.username);
    await tabTo(page, /^input\|Mật khẩu/);
    await page.keyboard.type(user.password);
    await tabTo(page, /^input\|Mã xác thực/);
    await page.keyboard.type(totpCode(user.totpSecret, Date.now()));
    await page.keyboard.press('Enter');
    await page.getByText('1 hồ sơ', { exact: true }).waitFor();
    // The first stop on every screen skips the menu to the screen itself.
    await tabTo(page, /^a\|\|Bỏ qua đến nội dung chính$/);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatch(/^region\|Danh sách hội viên\|/);
    expect(await page.title()).toBe('Danh sách hội viên — Liên Thông');

    await tabTo(page, /^input\|Tìm theo tên/);
    await page.keyboard.type('lo van kham');
    await page.getByRole('button', { name: 'Lò Văn Khăm' }).waitFor();
    await tabTo(page, /^button\|\|Lò Văn Khăm$/);
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Lò Văn Khăm' });
    await drawer.getByText('01/02/1970').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // "Chọn cột" by keyboard: the list opens with its first box focused, Space hides a column, Esc comes back to the button.
    await tabTo(page, /^button\|\|Chọn cột$/);
    const chooser = page.getByRole('button', { name: 'Chọn cột' });
    expect(await chooser.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await focused(page)).toMatch(/^input\|Mã hồ sơ/));
    expect(await chooser.getAttribute('aria-expanded')).toBe('true');
    const codeColumns = () => page.getByRole('columnheader', { name: 'Mã hồ sơ' }).count();
    const shown = await codeColumns();
    await page.keyboard.press('Space');
    await eventually(async () => expect(await codeColumns()).toBe(1 - shown));
    await page.keyboard.press('Space');
    await eventually(async () => expect(await codeColumns()).toBe(shown));
    // Her name cannot be hidden: it is what she opens a member by.
    expect(await page.getByRole('checkbox', { name: 'Họ và tên' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await focused(page)).toMatch(/^button\|\|Chọn cột$/));
    expect(await chooser.getAttribute('aria-expanded')).toBe('false');

    await tabTo(page, /^a\|\|Cảnh báo$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Cảnh báo/ }).waitFor();
    // The screen opened from the menu has the focus (its name said), and the window's title names it.
    expect(await focused(page)).toMatch(/^region\|Cảnh báo\|/);
    expect(await page.title()).toBe('Cảnh báo — Liên Thông');

    // Her file read, her import done: each step of the import takes the focus, named (the button she pressed is gone).
    await tabTo(page, /^a\|\|Nhập danh sách$/);
    await page.keyboard.press('Enter');
    // As on Cảnh báo: the screen takes the focus, then she goes on from it (not Tabbing ahead of it, as no person can).
    await page.getByRole('heading', { name: 'Nhập danh sách từ tệp Excel hoặc CSV' }).waitFor();
    await eventually(async () => expect(await focused(page)).toMatch(/^region\|Nhập danh sách\|/));
    // Her file chosen from the drop area by Space, as a button is pressed (Enter works as well).
    await tabTo(page, /^button\|\|Kéo tệp danh sách/);
    const fileDialog = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    const file = 'Họ và tên,Ngày sinh,Giới tính\nLò Văn Phím,1980,Nam\n';
    await (await fileDialog).setFiles({ name: 'them.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByText('Thêm mới: 1').waitFor();
    expect(await focused(page)).toMatch(/^region\|Xem trước\|/);
    await tabTo(page, /^button\|\|Nhập vào danh sách$/);
    await page.keyboard.press('Enter');
    await page.getByText('Đã nhập xong tệp them.csv').waitFor();
    expect(await focused(page)).toMatch(/^region\|Kết quả\|/);
    await context.close();
  });

  it('pages her roster by keyboard: at the last page the focus goes to "Trang đầu", back at the first to "Trang sau"', async () => {
    const given = ['An', 'Bình', 'Chi', 'Dung', 'Hoa', 'Lan', 'Mai', 'Nga', 'Oanh', 'Phương', 'Quyên', 'Sen', 'Thu'];
    const rows = Array.from({ length: 51 }, (_, i) => `HPN-${i + 1},Lò Thị ${given[i % 13]},${1950 + i},Nữ,00004,Đang sinh hoạt`);
    await t.importRoster('HPN', 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Trạng thái', rows);
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-hpn-trang', Role.SECRETARIAT, 'HPN'));
    await page.getByText('Tổng số hồ sơ: 51 (đang xem 1–50)').waitFor();
    await page.getByRole('button', { name: 'Trang sau' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Tổng số hồ sơ: 51 (đang xem 51–51)').waitFor();
    await eventually(async () => expect(await focused(page)).toMatch(/^button\|\|Trang đầu$/));
    await page.keyboard.press('Enter');
    await page.getByText('Tổng số hồ sơ: 51 (đang xem 1–50)').waitFor();
    await eventually(async () => expect(await focused(page)).toMatch(/^button\|\|Trang sau$/));
    await context.close();
  });

  /** Her session in a page whose clock we move (the server's runs on: keep the gap under her 20 minutes). */
  async function sessionWithClock(username: string) {
    const context = await b.context();
    await context.clock.install();
    // A secretary of her own: the first one's code of this half-minute is spent.
    const page = await logInThroughPage(context, t.url, await t.createUser(username, Role.SECRETARIAT, 'HND'));
    // Her roster shown (the first test imported a second member by keyboard: counted, whatever the count).
    await page.getByText(/^\d+ hồ sơ$/).waitFor();
    const renewals: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/session/extend')) renewals.push(r.status());
    });
    return { context, page, renewals };
  }

  it("opens a member's page and its form sliding in, and at once, no ripple, for a secretary whose system asks for less motion", async () => {
    /** Transitions and animations that end (a loading spinner turns until it is done) in the frames of the second after she opens the page and its form. */
    const motionWhenOpening = async (reducedMotion: 'reduce' | 'no-preference') => {
      const context = await b.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', reducedMotion });
      // Her own account for each (a code of her app is good for one log-in).
      const page = await logInThroughPage(context, t.url, await t.createUser(`xa-hnd-${reducedMotion}`, Role.SECRETARIAT, 'HND'));
      await page.getByRole('button', { name: 'Lò Văn Khăm' }).waitFor();
      await page.evaluate(`window.moving = 0; (function tick() {
        window.moving += document.getAnimations().filter((a) => Number(a.effect?.getTiming().duration) > 0 && a.effect?.getTiming().iterations !== Infinity).length;
        requestAnimationFrame(tick);
      })()`);
      await page.getByRole('button', { name: 'Lò Văn Khăm' }).click();
      const drawer = page.getByRole('dialog', { name: 'Lò Văn Khăm' });
      await drawer.waitFor();
      // A button she clicks: the library's ripple round it (two seconds of fading) is motion too.
      await drawer.getByRole('button', { name: 'Sửa hồ sơ' }).click();
      await page.getByRole('dialog', { name: /^Sửa hồ sơ/ }).waitFor();
      await page.waitForTimeout(1000);
      const moving = await page.evaluate<number>('window.moving');
      await context.close();
      return moving;
    };
    expect(await motionWhenOpening('no-preference')).toBeGreaterThan(0);
    expect(await motionWhenOpening('reduce')).toBe(0);
  });

  it('renews the session of a secretary at work before it ends, with no warning', async () => {
    const { context, page, renewals } = await sessionWithClock('xa-hnd-2');
    for (let minute = 0; minute < 6; minute += 2) {
      await page.getByRole('searchbox').press('a');
      await page.clock.runFor('02:00');
    }
    await eventually(() => Promise.resolve(expect(renewals).toContain(200)));
    expect(await page.getByText('Phiên làm việc sắp hết hạn').count()).toBe(0);
    await context.close();
  });

  it('warns a secretary who is away 5 minutes before her session ends; "Tiếp tục làm việc" renews it', async () => {
    const { context, page } = await sessionWithClock('xa-hnd-3');
    await page.clock.runFor('16:00');
    await page.getByText('Phiên làm việc sắp hết hạn').waitFor();
    await page.waitForTimeout(500); // the renewals asked in the quick minutes settle
    const [renewed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/session/extend')),
      page.getByRole('button', { name: 'Tiếp tục làm việc' }).click(),
    ]);
    expect(renewed.status()).toBe(200);
    await context.close();
  });

  it('ends the session of a secretary who walked away: never renewed without her, then the log-in screen', async () => {
    const { context, page, renewals } = await sessionWithClock('xa-hnd-4');
    await page.clock.runFor('16:00');
    await page.getByText('Phiên làm việc sắp hết hạn').waitFor();
    await page.clock.runFor('05:00');
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(renewals).toEqual([]);
    expect(await page.getByRole('button', { name: 'Lò Văn Khăm' }).count()).toBe(0);
    await context.close();
  });
});
