import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review, unlabelledDialogFields, type TestBrowser } from './support/browser.js';
import { createDtnMembers, createDtnUnits } from './support/dtn-units.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * "Chuyển sinh hoạt" from a member's page, as the Ba Đình secretariat (unit-scoped) does it from her
 * roster: one member to a branch of hers (moved at once), one to Ngọc Hà (a request Ngọc Hà must
 * accept); checked in the database (unit, history, request, audit). A reader is not offered it.
 */
describe('the console: a transfer from the member’s page', () => {
  let t: TestApp;
  let b: TestBrowser;
  const ids: Record<string, string> = {};

  const unitOf = async (id: string) =>
    (await t.sql<{ code: string }>(`SELECT u.code FROM member_record r JOIN unit u ON u.id = r.unit_id WHERE r.id = $1`, [id]))[0].code;
  const lastEvent = async (id: string) =>
    (
      await t.sql<{ kind: string; from: string; to: string }>(
        `SELECT e.kind, f.code AS from, u.code AS to FROM membership_event e
           LEFT JOIN unit f ON f.id = e.from_unit_id LEFT JOIN unit u ON u.id = e.to_unit_id
          WHERE e.record_id = $1 ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1`,
        [id],
      )
    )[0];
  const audits = (action: string, actor: string) =>
    t.sql(`SELECT subject_id FROM audit_event WHERE action = $1 AND actor_name = $2 ORDER BY id`, [action, actor]);
  /** Her member's page, opened from her roster. */
  const openMember = async (page: Page, name: string) => {
    await page.getByRole('row').filter({ hasText: name }).getByRole('button', { name }).click();
    const drawer = page.getByRole('dialog', { name });
    await drawer.getByText('Quá trình').waitFor();
    return drawer;
  };
  /** The receiving unit typed without accents and chosen (again, if a busy page lost the choice). */
  const pick = async (page: Page, name: string, typed: string) => {
    const dialog = page.getByRole('dialog', { name: /^Chuyển sinh hoạt/ });
    await eventually(async () => {
      await dialog.getByLabel('Đơn vị nhận').fill(typed);
      await page.locator('.ant-select-item-option', { hasText: name }).click({ timeout: 2000 });
      await dialog.locator('.ant-select', { hasText: name }).waitFor({ timeout: 1000 });
    }, 8000);
    return dialog;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await createDtnUnits(t);
    // Two communes each with a "Chi đoàn Thôn 1": the dialog must tell them apart.
    for (const [code, parent] of [
      ['A-T1', 'A'],
      ['B-T1', 'B'],
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, {
        i: { organization: 'DTN', code, name: 'Chi đoàn Thôn 1', kind: 'BRANCH', parent },
      });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    Object.assign(
      ids,
      await createDtnMembers(t, [
        ['an', 'Nguyễn Văn An'],
        ['binh', 'Trần Thị Bình'],
      ]),
    );
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('moves a member to a branch of hers at once, from her page: her unit, history and audit', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.badinh', Role.SECRETARIAT, 'DTN', 'A'));
    page.setDefaultTimeout(8000);
    const drawer = await openMember(page, 'Nguyễn Văn An');
    await drawer.getByRole('button', { name: 'Chuyển sinh hoạt' }).click();
    // Same-named branches of two communes, each named with its parent unit; found by the commune typed without accents.
    const target = page.getByRole('dialog', { name: /^Chuyển sinh hoạt/ }).getByLabel('Đơn vị nhận');
    const offered = async (typed: string) => {
      await target.fill(typed);
      return page.locator('.ant-select-item-option:visible').allInnerTexts();
    };
    await eventually(async () =>
      expect(await offered('thon 1')).toEqual([
        'Chi đoàn Thôn 1 (A-T1) — Đoàn phường Ba Đình',
        'Chi đoàn Thôn 1 (B-T1) — Đoàn phường Ngọc Hà',
      ]),
    );
    await eventually(async () =>
      expect(await offered('ngoc ha')).toEqual([
        'Chi đoàn Thôn 1 (B-T1) — Đoàn phường Ngọc Hà',
        'Đoàn phường Ngọc Hà (B) — Tỉnh đoàn, Phường Ngọc Hà',
      ]),
    );
    // The unit whose own name she types comes first, before its branches whose labels end with it.
    await eventually(async () =>
      expect(await offered('doan phuong ngoc ha')).toEqual([
        'Đoàn phường Ngọc Hà (B) — Tỉnh đoàn, Phường Ngọc Hà',
        'Chi đoàn Thôn 1 (B-T1) — Đoàn phường Ngọc Hà',
      ]),
    );
    const dialog = await pick(page, 'Chi đoàn khu phố 1', 'khu pho 1');
    expect(await review(page)).toEqual(CLEAN);
    expect(await unlabelledDialogFields(page)).toEqual([]);
    await dialog.getByLabel('Lý do').fill('Chuyển nơi cư trú');
    await dialog.getByRole('button', { name: 'Chuyển sinh hoạt' }).click();
    await drawer.getByRole('status').filter({ hasText: 'Đã chuyển 1 đoàn viên.' }).waitFor();
    // Her page shows her new unit, and the move in her history.
    await drawer
      .locator('tr', { has: page.locator('th', { hasText: /^Đơn vị$/ }) })
      .getByText('Chi đoàn khu phố 1')
      .waitFor();
    expect(await unitOf(ids.an)).toBe('A1');
    expect(await lastEvent(ids.an)).toEqual({ kind: 'TRANSFERRED', from: 'A', to: 'A1' });
    await eventually(async () => expect(await audits('RECORD_TRANSFERRED', 'vp.badinh')).toEqual([{ subject_id: ids.an }]));
    expect(await t.sql(`SELECT 1 FROM transfer_request WHERE record_id = $1`, [ids.an])).toEqual([]);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('sends a member to another commune’s unit as a request it must accept; she stays until then', async () => {
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.badinh.2', Role.SECRETARIAT, 'DTN', 'A'));
    page.setDefaultTimeout(8000);
    const drawer = await openMember(page, 'Trần Thị Bình');
    await drawer.getByRole('button', { name: 'Chuyển sinh hoạt' }).click();
    const dialog = await pick(page, 'Đoàn phường Ngọc Hà (B)', 'ngoc ha');
    await dialog.getByRole('button', { name: 'Chuyển sinh hoạt' }).click();
    await drawer.getByRole('status').filter({ hasText: 'Đã gửi 1 yêu cầu, chờ đơn vị nhận đồng ý.' }).waitFor();
    await drawer.getByText('Chờ Đoàn phường Ngọc Hà nhận').waitFor();
    // Waiting: not sent twice.
    expect(await drawer.getByRole('button', { name: 'Chuyển sinh hoạt' }).count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await review(page)).toEqual(CLEAN);
    expect(await unitOf(ids.binh)).toBe('A');
    const requests = await t.sql<{ state: string; to: string; requested_by: string }>(
      `SELECT r.state, u.code AS to, r.requested_by FROM transfer_request r JOIN unit u ON u.id = r.to_unit_id WHERE r.record_id = $1`,
      [ids.binh],
    );
    expect(requests).toEqual([{ state: 'PENDING', to: 'B', requested_by: 'vp.badinh.2' }]);
    await eventually(async () => expect(await audits('TRANSFER_REQUESTED', 'vp.badinh.2')).toEqual([{ subject_id: ids.binh }]));
    await context.close();
  });

  it('is not offered to a reader who may not transfer (Ban Dân vận)', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv', Role.DAN_VAN));
    page.setDefaultTimeout(8000);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto(`${t.url}/#/danh-sach?to-chuc=DTN`);
    const drawer = await openMember(page, 'Nguyễn Văn An');
    await drawer.getByText('Chi đoàn khu phố 1').first().waitFor();
    expect(await drawer.getByRole('button', { name: 'Chuyển sinh hoạt' }).count()).toBe(0);
    await context.close();
  });
});
