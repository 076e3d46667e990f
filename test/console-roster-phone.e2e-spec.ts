import { Role } from '../src/access/role.js';
import { chooseOption, CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createDtnUnits } from './support/dtn-units.js';
import { createTestApp, type TestApp } from './test-app.js';

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Vũ Thị Giang', 'Đặng Văn Hải'];

/**
 * The roster on a 390×844 phone, as the Đoàn's secretariat opens it: her members on the first
 * screen (the search box above them, the other filters behind "Lọc"), and a status filter chosen
 * through that panel giving the rows the database holds with that status.
 */
describe('the console: her roster on a phone', () => {
  let t: TestApp;
  let b: TestBrowser;
  let left: string;

  beforeAll(async () => {
    t = await createTestApp();
    await createDtnUnits(t);
    for (const [i, fullName] of NAMES.entries()) {
      const r = await t.gql<{ createMemberRecord: { id: string } }>(
        `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
        { i: { organization: 'DTN', externalId: `DV${i}`, fullName, unit: 'A', birthDate: '2001' } },
      );
      if (i === 0) left = r.data!.createMemberRecord.id;
    }
    const ended = await t.gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`, {
      i: { id: left, status: 'LEFT', date: '01/03/2026', reason: 'Chuyển vào Nam làm việc' },
    });
    expect(ended.errors).toBeUndefined();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('shows her first members on the first screen, and filters by status through the "Lọc" panel', async () => {
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.dtn', Role.SECRETARIAT, 'DTN'));
    page.setDefaultTimeout(8000);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await page.getByText('6 hồ sơ').waitFor();
    // How many, said above her members too (the foot is fifty rows down on a phone).
    expect(await page.getByTestId('roster-count').innerText()).toBe('Tổng số hồ sơ: 6');
    // Without scrolling: the first row's top (and the search box above it) in the 844-px screen.
    expect(await page.evaluate('window.scrollY')).toBe(0);
    const first = (await rows.first().boundingBox())!;
    // Her members fill the screen: the first one starts in its upper half (below seven controls it started at 597 px).
    expect(first.y).toBeGreaterThanOrEqual(0);
    expect(first.y).toBeLessThanOrEqual(844 / 2);
    expect(first.y + first.height).toBeLessThanOrEqual(844);
    expect(await page.getByRole('searchbox', { name: /Tìm theo tên/ }).isVisible()).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await review(page)).toEqual(CLEAN);
    // The frame above her roster is short (it was five lines: 165 px), and every screen's link is in sight:
    // wrapped, not on a line that scrolled sideways ("Cảnh bá…" cut, "Tổng quan" past the edge, two testers found).
    const header = (await page.locator('header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(130);
    const nav = page.getByRole('navigation');
    const links = nav.getByRole('link');
    expect(await links.count()).toBeGreaterThanOrEqual(5);
    for (const link of await links.all()) {
      const box = (await link.boundingBox())!;
      expect({ link: await link.innerText(), left: box.x >= 0, right: box.x + box.width <= 390 }).toMatchObject({
        left: true,
        right: true,
      });
    }
    await nav.getByRole('link', { name: 'Hướng dẫn' }).click();
    const guide = page.getByRole('heading', { name: /Hướng dẫn/ }).first();
    await guide.waitFor();
    await page.goBack();
    await page.getByText('6 hồ sơ').waitFor();

    // The panel says how many filters are on (the status one, from the start) and opens by keyboard.
    const toggle = page.getByRole('button', { name: 'Lọc (1 đang bật)' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = page.getByRole('region', { name: 'Bộ lọc' });
    for (const label of ['Trạng thái', 'Chi đoàn / đơn vị', 'Xã / phường', 'Cảnh báo'])
      await panel.getByRole('combobox', { name: label }).waitFor();
    expect(await review(page)).toEqual(CLEAN);

    const statuses = await t.gql<{ memberStatuses: { code: string; label: string }[] }>(`{ memberStatuses { code label } }`);
    const leftLabel = statuses.data!.memberStatuses.find((s) => s.code === 'LEFT')!.label;
    await chooseOption(page, panel.getByRole('combobox', { name: 'Trạng thái' }), leftLabel);
    await page.getByText('1 hồ sơ').waitFor();
    // What the database holds with that status: the one who left, no one else.
    const inDb = await t.sql<{ full_name: string }>(
      `SELECT full_name FROM member_record WHERE organization_code = 'DTN' AND status = 'LEFT'`,
    );
    expect(inDb).toEqual([{ full_name: 'Nguyễn Văn An' }]);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Nguyễn Văn An');
    // Scrolled sideways to the status and flags, the row still says whose they are: the name stays at the left.
    await page.evaluate(`document.querySelector('.ant-table-content').scrollLeft = 10000`);
    await page.waitForTimeout(200);
    const name = (await rows.first().getByRole('button', { name: 'Nguyễn Văn An' }).boundingBox())!;
    expect(name.x).toBeGreaterThanOrEqual(0);
    expect(name.x + 20).toBeLessThanOrEqual(390);
    const status = (await rows.first().getByText(leftLabel).boundingBox())!;
    expect(status.x + status.width).toBeLessThanOrEqual(390);
    expect(await review(page)).toEqual(CLEAN);
    // Every status, a choice of its own (the clear icon shows only under a mouse): the 6 active and the one who left.
    await chooseOption(page, panel.getByRole('combobox', { name: 'Trạng thái' }), 'Mọi trạng thái');
    await page.getByText('7 hồ sơ').waitFor();
    await page.getByRole('button', { name: 'Lọc', exact: true }).waitFor();
    await chooseOption(page, panel.getByRole('combobox', { name: 'Trạng thái' }), leftLabel);
    await page.getByText('1 hồ sơ').waitFor();
    // Her printouts and báo cáo under her members, the filters' panel closed: not hidden behind "Lọc".
    await page.getByRole('button', { name: /^Lọc/ }).click();
    expect(await panel.isHidden()).toBe(true);
    const outputs = page.getByRole('group', { name: 'Xuất, in danh sách và báo cáo' });
    for (const name of ['Báo cáo tăng, giảm', 'In danh sách', 'Xuất Excel (CCCD che một phần)']) {
      const button = outputs.getByRole('link', { name }).or(outputs.getByRole('button', { name }));
      await button.scrollIntoViewIfNeeded();
      expect(await button.isVisible()).toBe(true);
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await outputs
      .getByRole('link', { name: 'Báo cáo tăng, giảm' })
      .or(outputs.getByRole('button', { name: 'Báo cáo tăng, giảm' }))
      .click();
    await page.waitForURL(/#\/tang-giam\?org=DTN/);
    await context.close();
  });

  it('keeps the desktop roster as it was: every filter in sight, no "Lọc" button', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.dtn.2', Role.SECRETARIAT, 'DTN'));
    page.setDefaultTimeout(8000);
    await page.getByText('6 hồ sơ').waitFor();
    for (const label of ['Trạng thái', 'Chi đoàn / đơn vị', 'Xã / phường', 'Cảnh báo'])
      expect(await page.getByRole('combobox', { name: label }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^Lọc/ }).count()).toBe(0);
    // A chi đoàn's long name is read whole in the list of units, not cut to look like another's.
    const long = 'Chi đoàn khu phố 2 phường Ba Đình (sáp nhập từ phường Quán Thánh cũ)';
    const made = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, {
      i: { organization: 'DTN', code: 'A2', name: long, kind: 'BRANCH', parent: 'A' },
    });
    expect(made.errors).toBeUndefined();
    await page.reload();
    await page.getByText('6 hồ sơ').waitFor();
    await page.getByRole('combobox', { name: 'Chi đoàn / đơn vị' }).click();
    const option = page.locator('.ant-select-item-option').filter({ hasText: long });
    await option.waitFor();
    const whole = await page.evaluate<boolean>(`(() => {
      const el = [...document.querySelectorAll('.ant-select-item-option')].find((e) => e.textContent.includes(${JSON.stringify(long)}));
      const content = el.querySelector('.ant-select-item-option-content') ?? el;
      return content.scrollWidth <= content.clientWidth + 1;
    })()`);
    expect(whole).toBe(true);
    await page.keyboard.press('Escape');
    // The columns she chooses are hers the next time she opens the roster in this browser.
    const headers = () => page.locator('.ant-table-thead th').allInnerTexts();
    expect(await headers()).not.toContain('Mã hồ sơ');
    await page.getByRole('button', { name: 'Chọn cột' }).click();
    await page.getByRole('checkbox', { name: 'Mã hồ sơ' }).check();
    await eventually(async () => expect(await headers()).toContain('Mã hồ sơ'));
    await page.reload();
    await page.getByText('6 hồ sơ').waitFor();
    expect(await headers()).toContain('Mã hồ sơ');
    expect(await page.evaluate(`window.localStorage.getItem('lienthong.roster-columns')`)).not.toMatch(/Nguy|DTN-/);
    await context.close();
  });
});
