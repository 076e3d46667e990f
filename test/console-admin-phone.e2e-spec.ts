import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

/**
 * The administrator on a 390-px phone: the accounts and the link runs fit the screen (the page is
 * never wider than the phone), and what she acts with — reset, disable, start a run — is within reach.
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
    const box = (await page.getByRole('button', { name }).first().boundingBox())!;
    expect({ name, left: box.x >= 0, right: box.x + box.width <= 390 }).toEqual({ name, left: true, right: true });
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
});
