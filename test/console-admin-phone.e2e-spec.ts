import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { todayInVietnam } from '../src/common/dates/partial-date.js';
import { chooseOption, CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

/**
 * The administrator on a 390-px phone: every part of Quản trị fits the screen (the page is never wider
 * than the phone, no table to swipe sideways), and what she acts with — reset, disable, start a run,
 * filter the log, create and revoke a token, add an association, record and answer a request — is
 * within reach; what she does there is on the server.
 */
describe('the console: administration on a phone', () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HND', HEADER, [
      'HND-1,Lò Văn Páo,03/02/1961,Nam,,0912000001,03199,CHI-1,Đang sinh hoạt',
      'HND-2,Quàng Thị Ín,06/05/1970,Nữ,,0912000002,03199,CHI-1,Đang sinh hoạt',
    ]);
    // A unit-bound secretariat (the widest scope text) and a finished link run with its counts.
    await t.createUser('van-phong-hoi-nong-dan-xa', Role.SECRETARIAT, 'HND', 'CHI-1');
    // A short name leaves its column narrow and the buttons' column wide: seen cut at the screen's edge.
    await t.createUser('bdv', Role.DAN_VAN);
    const run = await t.gql<{ startLinkRun: { id: string } }>(`mutation { startLinkRun { id } }`);
    expect(run.errors).toBeUndefined();
    await eventually(async () => {
      const r = await t.gql<{ linkRuns: { status: string }[] }>(`{ linkRuns { status } }`);
      expect(r.data!.linkRuns[0].status).toBe('DONE');
    }, 60_000);
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** The page's own width: never wider than the phone. */
  const pageWidth = (page: Page) => page.evaluate<number>('Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)');
  /** The tables' content wider than its card, to be swiped sideways (nothing should hide off to the right). */
  const swiped = (page: Page) =>
    page.evaluate<number>(
      `[...document.querySelectorAll('.ant-table-content, .ant-table-body')].filter((e) => e.scrollWidth > e.clientWidth + 1).length`,
    );
  /** The button on the screen as it opens, all of it, without swiping the table sideways. */
  const inSight = async (page: Page, name: string) => {
    for (const button of await page.getByRole('button', { name }).all()) {
      const box = (await button.boundingBox())!;
      expect({ name, left: box.x >= 0, right: box.x + box.width <= 390 }).toEqual({ name, left: true, right: true });
    }
  };

  /** A part of Quản trị, chosen by its button. */
  const openPart = (page: Page, name: string) => page.locator('label.ant-radio-button-wrapper').filter({ hasText: name }).click();
  /** Fits the phone: the page no wider, no table to swipe, and nothing drawn past its right edge. */
  const fits = async (page: Page, part: string) => {
    const cut = await page.evaluate<string[]>(
      `[...document.querySelectorAll('section *')].filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > 390.5).map((e) => e.tagName + '.' + e.className).slice(0, 5)`,
    );
    const width = await pageWidth(page);
    expect({ part, narrow: width <= 390, swiped: await swiped(page), cut }).toEqual({ part, narrow: true, swiped: 0, cut: [] });
  };

  it('fits Người dùng and Liên kết hồ sơ on a 390-px phone, their buttons within reach', async () => {
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('qt-dt', Role.ADMIN));
    await page.goto(`${t.url}#/quan-tri`);
    const users = page.getByRole('row').filter({ hasText: 'van-phong-hoi-nong-dan-xa' });
    await users.waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await swiped(page)).toBe(0);
    await inSight(page, 'Cấp lại mật khẩu lần đầu');
    await inSight(page, 'Khóa tài khoản');
    // Her scope and role are still there (beneath the name).
    expect(await users.innerText()).toContain('Văn phòng tổ chức');
    expect(await users.innerText()).toContain('Hội Nông dân');
    expect(await review(page)).toEqual(CLEAN);

    await page.getByText('Liên kết hồ sơ', { exact: true }).click();
    const done = page.getByRole('row').filter({ hasText: 'Đã xong' }).first();
    await done.waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await swiped(page)).toBe(0);
    await inSight(page, 'Chạy liên kết ngay');
    // The run's counts as the API has them, each with its label, in sight.
    const [last] = (
      await t.gql<{ linkRuns: { records: number; persons: number; suspectedPhantoms: number }[] }>(
        `{ linkRuns { records persons suspectedPhantoms } }`,
      )
    ).data!.linkRuns;
    const figures = await done.innerText();
    expect(figures).toContain(`Hồ sơ nghi ảo`);
    for (const n of [last.records, last.persons]) expect(figures).toContain(String(n));
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('fits Sao lưu on a phone: the backups with who took them, the key kept apart, the restore line whole on the screen', async () => {
    // A backup by the command line and one that failed from the console, as the server lists them (this test server's
    // database is external, so the console cannot take one here: it says so, and the server refuses it too).
    await t.sql(
      `INSERT INTO backup_run (started_at, finished_at, status, started_by_kind, started_by, file, bytes, with_key, failure) VALUES
         (now() - interval '2 hours', now() - interval '2 hours', 'DONE', 'CLI', 'cli:lienthong', $1, 734003200, false, null),
         (now() - interval '1 hour', now() - interval '1 hour', 'FAILED', 'USER', 'qt-dt', $2, null, false, $3)`,
      [
        '/srv/lienthong-dien-bien/sao-luu-hang-tuan/lienthong-2026-11-30-020000.tar.gz',
        '/srv/lienthong-dien-bien/sao-luu-hang-tuan/lienthong-2026-12-01-090000.tar.gz',
        'Hết chỗ trống trên đĩa của thư mục sao lưu: giải phóng chỗ (hoặc đặt BACKUP_DIR ở đĩa khác) rồi sao lưu lại.',
      ],
    );
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('qt-sao-luu-dt', Role.ADMIN));
    await page.goto(`${t.url}#/quan-tri`);
    await page.getByRole('row').filter({ hasText: 'van-phong-hoi-nong-dan-xa' }).waitFor();
    await openPart(page, 'Sao lưu');
    const done = page.locator('.ant-table-row').filter({ hasText: 'Đã xong' });
    await done.waitFor();
    await fits(page, 'Sao lưu');
    expect(await review(page)).toEqual(CLEAN);
    expect(await done.innerText()).toContain('cli:lienthong (Dòng lệnh)');
    expect(await done.innerText()).toContain('700,0 MB');
    expect(await done.innerText()).toContain('Không có khóa');
    const failed = page.locator('.ant-table-row').filter({ hasText: 'Không thành công' });
    expect(await failed.innerText()).toContain('qt-dt (Người dùng)');
    expect(await failed.innerText()).toContain('Hết chỗ trống trên đĩa');
    // The restore line of the backup that was written, wrapped within the phone's width.
    const line = page.locator('pre code');
    expect((await line.innerText()).replace(/\s+/g, ' ').trim()).toBe(
      `node ${process.cwd()}/bin/lienthong.js restore /srv/lienthong-dien-bien/sao-luu-hang-tuan/lienthong-2026-11-30-020000.tar.gz --data-dir THƯ_MỤC_MỚI --key TỆP_KHÓA`,
    );
    const box = (await page.locator('pre').boundingBox())!;
    expect({ left: box.x >= 0, right: box.x + box.width <= 390 }).toEqual({ left: true, right: true });
    await inSight(page, 'Chép lệnh');
    // Not here: the button says so by being off, the reason is on the screen, and the server refuses it the same way.
    expect(await page.getByRole('button', { name: 'Sao lưu ngay' }).isDisabled()).toBe(true);
    await page.getByText('Liên Thông không sao lưu được nó từ đây', { exact: false }).waitFor();
    const refused = await t.gql(`mutation { startBackup { id } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain('DATABASE_URL');
    await context.close();
  });

  it('fits Nhật ký, Khóa kết nối, Tổ chức, hội and Yêu cầu về dữ liệu cá nhân on a phone, each used there as on a desk', async () => {
    const admin = await t.createUser('qt-dien-thoai', Role.ADMIN);
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, admin);
    await page.goto(`${t.url}#/quan-tri`);
    await page.getByRole('row').filter({ hasText: 'van-phong-hoi-nong-dan-xa' }).waitFor();

    // Khóa kết nối: a token for the Hội Nông dân's office, valid 30 days, reading only (a system that syncs the roster), created on the phone.
    await openPart(page, 'Khóa kết nối');
    const name = 'dong-bo-so-lieu-hoi-nong-dan-tinh-dien-bien';
    await page.getByLabel('Tên khóa').fill(name);
    await chooseOption(page, page.getByRole('combobox', { name: 'Vai trò' }), 'Văn phòng tổ chức');
    await chooseOption(page, page.getByRole('combobox', { name: 'Tổ chức', exact: true }), 'Hội Nông dân Việt Nam (HND)');
    await page.getByLabel(/Số ngày hiệu lực/).fill('30');
    await page.getByRole('checkbox', { name: /Chỉ đọc/ }).check();
    await page.getByRole('button', { name: 'Tạo khóa kết nối' }).click();
    const shown = (await page.locator('code').filter({ hasText: 'lt_svc_' }).innerText()).trim();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    await fits(page, 'Khóa kết nối');
    await inSight(page, 'Thu hồi');
    expect(await row.innerText()).toContain('Văn phòng tổ chức (chỉ đọc) · Hội Nông dân Việt Nam');
    expect(await review(page)).toEqual(CLEAN);
    type Token = {
      id: string;
      name: string;
      role: string;
      organization: string | null;
      expiresAt: string | null;
      revokedAt: string | null;
    };
    const tokens = async () =>
      (await t.gql<{ serviceTokens: Token[] }>(`{ serviceTokens { id name role organization expiresAt revokedAt } }`)).data!.serviceTokens;
    const made = (await tokens()).find((k) => k.name === name)!;
    expect(made).toMatchObject({ role: 'SECRETARIAT', organization: 'HND', revokedAt: null });
    expect(new Date(made.expiresAt!).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    // The token shown once is the one the server knows: it reads the organization's roster…
    const read = `{ memberRecords(organization: "HND", first: 1) { nodes { externalId } } }`;
    expect((await t.gql(read, undefined, { token: shown })).errors).toBeUndefined();
    // …and changes nothing.
    const write = `mutation { createUnit(input: { organization: "HND", code: "HND-TU-DONG", name: "Chi hội tự động", kind: BRANCH, parent: "HND-X" }) { code } }`;
    expect((await t.gql(write, undefined, { token: shown })).errors![0].message).toContain('khóa kết nối này chỉ được đọc');
    // …until revoked on the phone.
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    const confirm = page.getByRole('tooltip');
    await confirm.getByRole('button', { name: 'Đồng ý' }).waitFor();
    const asks = (await confirm.boundingBox())!;
    expect({ left: asks.x >= 0, right: asks.x + asks.width <= 390 }).toEqual({ left: true, right: true });
    await confirm.getByRole('button', { name: 'Đồng ý' }).click();
    await row.getByText('Đã thu hồi').waitFor();
    expect((await tokens()).find((k) => k.name === name)!.revokedAt).not.toBeNull();
    expect((await t.gql(read, undefined, { token: shown })).errors).toBeDefined();

    // Nhật ký: filtered by action and by who did it; the lines are the server's, each whole on the screen.
    await openPart(page, 'Nhật ký');
    await page.getByRole('row').nth(1).waitFor();
    await fits(page, 'Nhật ký');
    expect(await review(page)).toEqual(CLEAN);
    // Typed as on a phone's keyboard, without accents: the list is long.
    const action = page.getByRole('combobox', { name: 'Hành động' });
    await action.click();
    await action.fill('thu hoi khoa');
    await chooseOption(page, action, 'Thu hồi khóa kết nối');
    await page.getByLabel('Người thực hiện').fill('qt-dien-thoai');
    const lines = page.locator('.ant-table-row');
    await eventually(async () => {
      const api = await t.gql<{ auditEvents: { nodes: { subjectId: string }[] } }>(
        `{ auditEvents(action: TOKEN_REVOKED, actor: "qt-dien-thoai") { nodes { subjectId } } }`,
      );
      expect(api.data!.auditEvents.nodes.map((e) => e.subjectId)).toEqual([made.id]);
      expect(await lines.count()).toBe(1);
      expect(await lines.first().innerText()).toContain(`Khóa kết nối ${made.id}`);
    }, 10_000);
    expect(await lines.first().innerText()).toContain('Thu hồi khóa kết nối');
    expect(await lines.first().innerText()).toContain('qt-dien-thoai (Người dùng)');
    await fits(page, 'Nhật ký, đã lọc');
    // The days, from today: the calendar opened on the phone fits it; the line is still the server's one.
    await page.getByLabel('Từ ngày').click();
    const calendar = page.locator('.ant-picker-dropdown:visible');
    await calendar.waitFor();
    const shownBox = (await calendar.boundingBox())!;
    expect({ left: shownBox.x >= 0, right: shownBox.x + shownBox.width <= 390 }).toEqual({ left: true, right: true });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.getByLabel('Từ ngày').fill(todayInVietnam().split('-').reverse().join('/'));
    await page.getByLabel('Từ ngày').press('Enter');
    await calendar.waitFor({ state: 'hidden' });
    const since = await t.gql<{ auditEvents: { nodes: { id: string }[] } }>(
      `query($from: DateTime) { auditEvents(action: TOKEN_REVOKED, actor: "qt-dien-thoai", from: $from) { nodes { id } } }`,
      { from: `${todayInVietnam()}T00:00:00.000+07:00` },
    );
    expect(since.data!.auditEvents.nodes).toHaveLength(1);
    await eventually(async () => expect(await lines.count()).toBe(1));
    expect(await lines.first().innerText()).toContain(`Khóa kết nối ${made.id}`);
    await fits(page, 'Nhật ký, từ hôm nay');
    expect(await review(page)).toEqual(CLEAN);

    // Tổ chức, hội: an association added on the phone is one of the server's organizations.
    await openPart(page, 'Tổ chức, hội');
    await page.getByLabel('Mã', { exact: true }).fill('KHH');
    await page.getByLabel('Tên tổ chức, hội').fill('Hội Khuyến học tỉnh Điện Biên');
    await page.getByRole('button', { name: 'Thêm hội' }).click();
    await page.getByRole('row').filter({ hasText: 'Hội Khuyến học tỉnh Điện Biên' }).waitFor();
    await fits(page, 'Tổ chức, hội');
    expect(await review(page)).toEqual(CLEAN);
    const orgs = (await t.gql<{ organizations: { code: string; name: string }[] }>(`{ organizations { code name } }`)).data!.organizations;
    expect(orgs).toContainEqual({ code: 'KHH', name: 'Hội Khuyến học tỉnh Điện Biên' });

    // Yêu cầu về dữ liệu cá nhân: a request recorded on the phone, due in 20 days, answered from its row.
    await openPart(page, 'Yêu cầu về dữ liệu cá nhân');
    await chooseOption(page, page.getByRole('combobox', { name: 'Tổ chức của hồ sơ' }), 'Hội Nông dân');
    await page.getByLabel('Mã hồ sơ').fill('HND-2');
    await page.getByRole('button', { name: 'Ghi nhận yêu cầu' }).click();
    const request = page.locator('.ant-table-row').filter({ hasText: 'HND-2' });
    await request.waitFor();
    await fits(page, 'Yêu cầu về dữ liệu cá nhân');
    await inSight(page, 'Xuất dữ liệu');
    expect(await request.innerText()).toContain('Còn 20 ngày');
    expect(await review(page)).toEqual(CLEAN);
    const asked = await t.gql<{ personalDataRequests: { externalId: string; kind: string; daysLeft: number; doneAt: string | null }[] }>(
      `{ personalDataRequests { externalId kind daysLeft doneAt } }`,
    );
    expect(asked.data!.personalDataRequests).toEqual([{ externalId: 'HND-2', kind: 'EXPORT', daysLeft: 20, doneAt: null }]);
    await request.getByRole('button', { name: 'Xuất dữ liệu' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Lý do/).waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await dialog.getByLabel(/Lý do/).fill('Đơn đề nghị của bà Ín ngày hôm nay');
    await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Xuất dữ liệu' }).click()]);
    await request.getByText(/Đã trả lời/).waitFor();
    const answered = await t.gql<{ personalDataRequests: { doneAt: string | null }[] }>(
      `{ personalDataRequests(includeDone: true) { doneAt } }`,
    );
    expect(answered.data!.personalDataRequests[0].doneAt).not.toBeNull();
    await fits(page, 'Yêu cầu đã trả lời');
    await context.close();
  });
});
