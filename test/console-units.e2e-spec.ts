import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import {
  chooseOption,
  CLEAN,
  eventually,
  launchBrowser,
  logInThroughPage,
  review,
  unlabelledDialogFields,
  type TestBrowser,
} from './support/browser.js';
import { createDtnMembers, createDtnUnits } from './support/dtn-units.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * The units screen as the Ba Đình secretariat (unit-scoped) uses it: her tree with counts, a new
 * branch, a rename, two members moved between her units; one member sent to Ngọc Hà, whose
 * secretariat accepts on her phone; two more sent and taken back before anyone decides (from the
 * units screen and from the member's page). Each step is checked in the database: unit, history, audit.
 */
describe('the console: her units, moves between them, a transfer another commune accepts', () => {
  let t: TestApp;
  let b: TestBrowser;
  const ids: Record<string, string> = {};
  /** The branch she adds without a code: Ba Đình's commune code, then the name. */
  const A2 = '00004-CHI-DOAN-KHU-PHO-2';

  const history = (id: string) =>
    t.sql<{ kind: string; from: string; to: string }>(
      `SELECT e.kind, f.code AS from, u.code AS to FROM membership_event e
         LEFT JOIN unit f ON f.id = e.from_unit_id LEFT JOIN unit u ON u.id = e.to_unit_id
        WHERE e.record_id = $1 ORDER BY e.recorded_at, e.id`,
      [id],
    );
  const audits = (action: string, actor: string) =>
    t.sql(`SELECT subject_id FROM audit_event WHERE action = $1 AND actor_name = $2 ORDER BY id`, [action, actor]);
  const unitOf = async (id: string) =>
    (await t.sql<{ code: string }>(`SELECT u.code FROM member_record r JOIN unit u ON u.id = r.unit_id WHERE r.id = $1`, [id]))[0].code;
  const openUnits = async (page: Page) => {
    page.setDefaultTimeout(8000);
    // As her organization says it: a Đoàn's chi đoàn, a Hội's chi hội.
    await page.getByRole('link', { name: /^Chi (đoàn|hội) \/ đơn vị$/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Chi (đoàn|hội) \/ đơn vị$/ }).waitFor();
  };
  /** The receiving unit, typed (with or without accents) and chosen from the list as she would. */
  const pick = async (page: Page, name: string, typed = name) => {
    await page.getByRole('dialog').getByLabel('Đơn vị nhận').fill(typed);
    await page.locator('.ant-select-item-option', { hasText: name }).click();
  };
  /** A branch of the tree by its code (shown beside its name, for operators). */
  const treeNode = (page: Page, code: string) =>
    page.locator('.ant-tree-title').filter({ has: page.locator('code', { hasText: new RegExp(`^${code}$`) }) });
  /** Her selected members sent to Ngọc Hà's unit: a request each. */
  const sendToNgocHa = async (page: Page, name: string, typed = 'ngoc ha') => {
    await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: 'Chuyển 1 đoàn viên đã chọn' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, 'Ngọc Hà', typed);
    await dialog.getByRole('button', { name: 'Chuyển 1 đoàn viên đã chọn' }).click();
    await page.getByText('Đã gửi 1 yêu cầu, chờ đơn vị nhận đồng ý.').waitFor();
  };
  /** The open dialog as she and her screen reader meet it: Vietnamese, no serious problem, every field's label in sight. */
  const reviewDialog = async (page: Page) => {
    await page.getByRole('dialog').waitFor();
    expect(await review(page)).toEqual(CLEAN);
    expect(await unlabelledDialogFields(page)).toEqual([]);
  };
  const requests = (id: string) =>
    t.sql<{ state: string; decided_by: string | null }>(`SELECT state, decided_by FROM transfer_request WHERE record_id = $1`, [id]);

  beforeAll(async () => {
    t = await createTestApp();
    await createDtnUnits(t);
    Object.assign(
      ids,
      await createDtnMembers(t, [
        ['an', 'Nguyễn Văn An'],
        ['binh', 'Trần Thị Bình'],
        ['cuong', 'Lê Văn Cường'],
      ]),
    );
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** Adds a base unit in Phường Ba Đình from the units screen (`checkDialog`: what to check of the open dialog first). */
  const addBaseUnit = async (page: Page, name: string, checkDialog: () => Promise<void> = async () => {}) => {
    await page.getByRole('button', { name: 'Thêm đơn vị cơ sở (xã, phường)' }).click();
    const dialog = page.getByRole('dialog');
    await checkDialog();
    await dialog.getByLabel('Tên đơn vị').fill(name);
    await dialog.getByRole('combobox', { name: /^Xã, phường của đơn vị cơ sở/ }).fill('ba dinh');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Phường Ba Đình — Thành phố Hà Nội (00004)' })
      .click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
  };

  it('shows her tree with counts; she adds and renames a branch and moves two members into it', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.badinh', Role.SECRETARIAT, 'DTN', 'A'));
    await openUnits(page);
    // Her three are in the ward's unit itself, in none of its chi đoàn: said, as the chi đoàn's counts add up to less.
    await treeNode(page, 'A').filter({ hasText: '3 đoàn viên, trong đó 3 chưa vào đơn vị nào bên dưới' }).waitFor();
    await treeNode(page, 'A1').filter({ hasText: '0 đoàn viên' }).waitFor();
    // Her subtree only: not the other commune's unit.
    expect(await treeNode(page, 'B').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Nguyễn Văn An' }).waitFor();

    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    let dialog = page.getByRole('dialog');
    await reviewDialog(page);
    // No code to invent: left empty, the server makes it from the ward's code and the name.
    await dialog.getByLabel('Tên đơn vị').fill('Chi đoàn khu phố 2');
    expect(await dialog.getByLabel('Mã đơn vị').inputValue()).toBe('');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await treeNode(page, A2).waitFor();
    await treeNode(page, A2).click();
    await page.getByRole('button', { name: 'Đổi tên' }).click();
    dialog = page.getByRole('dialog');
    await reviewDialog(page);
    await dialog.getByLabel('Tên đơn vị').fill('Chi đoàn Khu phố Hai');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await treeNode(page, A2).filter({ hasText: 'Chi đoàn Khu phố Hai' }).waitFor();
    const [a2] = await t.sql<{ id: string; name: string; parent: string }>(
      `SELECT u.id, u.name, p.code AS parent FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.code = '${A2}'`,
    );
    expect(a2).toMatchObject({ name: 'Chi đoàn Khu phố Hai', parent: 'A' });
    await eventually(async () => expect(await audits('UNIT_RENAMED', 'vp.badinh')).toEqual([{ subject_id: a2.id }]));

    await treeNode(page, 'A').click();
    await page.getByRole('checkbox', { name: 'Nguyễn Văn An' }).check();
    await page.getByRole('checkbox', { name: 'Trần Thị Bình' }).check();
    await page.getByRole('button', { name: 'Chuyển 2 đoàn viên đã chọn' }).click();
    dialog = page.getByRole('dialog');
    await pick(page, 'Khu phố Hai');
    await reviewDialog(page);
    await dialog.getByLabel('Lý do').fill('Chuyển nơi cư trú');
    await dialog.getByRole('button', { name: 'Chuyển 2 đoàn viên đã chọn' }).click();
    await page.getByText('Đã chuyển 2 đoàn viên.').waitFor();
    await treeNode(page, A2).filter({ hasText: '2 đoàn viên' }).waitFor();
    // Ba Đình counts its branches' members too: still 3.
    await treeNode(page, 'A').filter({ hasText: 'Đoàn phường Ba Đình' }).filter({ hasText: '3 đoàn viên' }).waitFor();
    for (const id of [ids.an, ids.binh]) {
      expect(await unitOf(id)).toBe(A2);
      expect((await history(id)).at(-1)).toEqual({ kind: 'TRANSFERRED', from: 'A', to: A2 });
    }
    expect(await audits('RECORD_TRANSFERRED', 'vp.badinh')).toEqual(
      expect.arrayContaining([{ subject_id: ids.an }, { subject_id: ids.binh }]),
    );

    // One tick takes the page she sees, her branches' members too: the dialog says where they all are now.
    const all = page.getByRole('checkbox', { name: 'Chọn mọi đoàn viên chuyển được trên trang này' });
    await all.check();
    await page.getByRole('button', { name: 'Chuyển 3 đoàn viên đã chọn' }).click();
    dialog = page.getByRole('dialog');
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Những người đã chọn đang ở 2 nơi khác nhau: Chi đoàn Khu phố Hai (2), Đoàn phường Ba Đình (1).' })
      .waitFor();
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await all.uncheck();
    expect(await page.getByRole('button', { name: /Chuyển \d+ đoàn viên đã chọn/ }).isDisabled()).toBe(true);

    // To the other commune's unit: a request, the member marked as waiting.
    await sendToNgocHa(page, 'Lê Văn Cường');
    await page.getByText('Chờ Đoàn phường Ngọc Hà nhận').first().waitFor();
    expect(await unitOf(ids.cuong)).toBe('A');
    expect(await review(page)).toEqual(CLEAN);
    // Her roster marks him too.
    await page.getByRole('link', { name: 'Danh sách đoàn viên' }).click();
    await page.getByRole('row').filter({ hasText: 'Lê Văn Cường' }).getByText('Chờ Đoàn phường Ngọc Hà nhận').waitFor();
    await context.close();
  });

  it('is accepted by the Ngọc Hà secretariat on her phone: the member moves, with history and audit', async () => {
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.ngocha', Role.SECRETARIAT, 'DTN', 'B'));
    await openUnits(page);
    await page.getByText(/Lê Văn Cường \(CUONG\): Đoàn phường Ba Đình → Đoàn phường Ngọc Hà/).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await review(page)).toEqual(CLEAN);
    // Declining asks why, in a dialog of its own: looked at, then left unanswered.
    await page.getByRole('button', { name: 'Từ chối' }).click();
    await reviewDialog(page);
    await page.getByRole('dialog').getByLabel('Lý do từ chối').fill('Chưa');
    await page.getByRole('dialog').getByRole('button', { name: 'Hủy', exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Nhận vào đơn vị' }).click();
    await treeNode(page, 'B').filter({ hasText: '1 đoàn viên' }).waitFor();
    expect(await unitOf(ids.cuong)).toBe('B');
    // He lives, and is counted, in Ngọc Hà now.
    expect((await t.sql(`SELECT commune_code FROM member_record WHERE id = $1`, [ids.cuong]))[0]).toEqual({ commune_code: '00008' });
    expect((await history(ids.cuong)).at(-1)).toEqual({ kind: 'TRANSFERRED', from: 'A', to: 'B' });
    expect(await audits('RECORD_TRANSFERRED', 'vp.ngocha')).toEqual([{ subject_id: ids.cuong }]);
    const [request] = await t.sql<{ state: string; decided_by: string }>(`SELECT state, decided_by FROM transfer_request`);
    expect(request).toEqual({ state: 'ACCEPTED', decided_by: 'vp.ngocha' });
    await context.close();
  });

  it('lets her take back a request nobody has decided, from the units screen or the member page: the member stays', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.badinh.2', Role.SECRETARIAT, 'DTN', 'A'));
    await openUnits(page);
    // What her office sent, and that Ngọc Hà took him in.
    const accepted = page.getByRole('listitem').filter({ hasText: /Lê Văn Cường \(CUONG\): Đoàn phường Ba Đình → Đoàn phường Ngọc Hà/ });
    await accepted.getByText('Đã nhận', { exact: true }).waitFor();
    await accepted.getByText(/Đoàn phường Ngọc Hà đã nhận \(vp\.ngocha, /).waitFor();
    await treeNode(page, A2).click();
    await sendToNgocHa(page, 'Nguyễn Văn An');
    await page.getByRole('listitem').filter({ hasText: 'Nguyễn Văn An (AN)' }).getByText('Đang chờ nhận').waitFor();
    const sent = page
      .getByRole('listitem')
      .filter({ hasText: /Nguyễn Văn An \(AN\): Chi đoàn Khu phố Hai \(Phường Ba Đình\) → Đoàn phường Ngọc Hà/ });
    await sent.getByRole('button', { name: 'Hủy yêu cầu' }).click();
    await page.getByText('Hủy yêu cầu chuyển Nguyễn Văn An sang Đoàn phường Ngọc Hà?').waitFor();
    expect(await review(page)).toEqual(CLEAN);
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Hủy yêu cầu' }).click();
    await sent.waitFor({ state: 'detached' });
    expect(await requests(ids.an)).toEqual([{ state: 'CANCELLED', decided_by: 'vp.badinh.2' }]);
    expect(await unitOf(ids.an)).toBe(A2);
    await eventually(async () => expect(await audits('TRANSFER_CANCELLED', 'vp.badinh.2')).toEqual([{ subject_id: ids.an }]));

    // From the member's page in her roster.
    // Found by the ward's name before the 2025 merger (Liễu Giai went wholly into Ngọc Hà), as she still says it.
    await sendToNgocHa(page, 'Trần Thị Bình', 'lieu giai');
    await page.getByRole('link', { name: 'Danh sách đoàn viên' }).click();
    await page.getByRole('row').filter({ hasText: 'Trần Thị Bình' }).getByRole('button', { name: 'Trần Thị Bình' }).click();
    const drawer = page.getByRole('dialog', { name: 'Trần Thị Bình' });
    await drawer.getByText('Chờ Đoàn phường Ngọc Hà nhận').waitFor();
    await drawer.getByRole('button', { name: 'Hủy yêu cầu' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Hủy yêu cầu' }).click();
    await drawer.getByText('Chờ Đoàn phường Ngọc Hà nhận').waitFor({ state: 'detached' });
    expect(await requests(ids.binh)).toEqual([{ state: 'CANCELLED', decided_by: 'vp.badinh.2' }]);
    expect((await history(ids.binh)).at(-1)).toEqual({ kind: 'TRANSFERRED', from: 'A', to: A2 });
    await context.close();
  });

  it('orders her branches the Vietnamese way, counts each with its subtree, and finds one by name typed without accents', async () => {
    for (const [code, name] of [
      ['B10', 'Chi đoàn Thôn 10'],
      ['B2', 'Chi đoàn Thôn 2'],
      ['B3', 'Chi đoàn Ấp Bắc'],
      ['B4', 'Chi đoàn Đồng Tâm'],
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, {
        i: { organization: 'DTN', code, name, kind: 'BRANCH', parent: 'B' },
      });
      expect(r.errors).toBeUndefined();
    }
    const r = await t.gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
      i: { organization: 'DTN', externalId: 'DUNG', fullName: 'Phạm Văn Dũng', unit: 'B10', birthDate: '2002' },
    });
    expect(r.errors).toBeUndefined();
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_record WHERE organization_code = 'DTN' AND status NOT IN ('TRANSFERRED', 'LEFT', 'STRUCK_OFF', 'EXPELLED', 'MATURED', 'DECEASED')`,
    );
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.dtn', Role.SECRETARIAT, 'DTN'));
    await openUnits(page);
    // The province counts every member; Ngọc Hà its own (Cường) and Thôn 10's (Dũng).
    await treeNode(page, 'TINH')
      .filter({ hasText: `${n} đoàn viên` })
      .waitFor();
    await treeNode(page, 'B').filter({ hasText: '2 đoàn viên' }).waitFor();
    await treeNode(page, 'B10').filter({ hasText: '1 đoàn viên' }).waitFor();
    // Siblings as a Vietnamese list sorts them: Ấ among the A's, Đ after D, Thôn 2 before Thôn 10.
    const underB = (await page.locator('.ant-tree-title code').allInnerTexts()).filter((c) => /^B\d/.test(c));
    expect(underB).toEqual(['B3', 'B4', 'B2', 'B10']);
    const bases = (await page.locator('.ant-tree-title code').allInnerTexts()).filter((c) => c === 'A' || c === 'B');
    expect(bases).toEqual(['A', 'B']);

    const search = page.getByRole('searchbox', { name: 'Tìm đơn vị theo tên' });
    await search.fill('thon 1');
    await treeNode(page, 'B2').waitFor({ state: 'detached' });
    // The match, with the units above it to show where it is; nothing else.
    expect(await page.locator('.ant-tree-title code').allInnerTexts()).toEqual(['TINH', 'B', 'B10']);
    await treeNode(page, 'B10').click();
    await page.getByRole('heading', { name: 'Đoàn viên của Chi đoàn Thôn 10' }).waitFor();
    await page.getByRole('button', { name: 'Phạm Văn Dũng' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await review(page)).toEqual(CLEAN);
    await search.fill('xom moi');
    await page.getByText('Không có đơn vị nào có tên chứa "xom moi"').waitFor();
    await search.fill('');
    await treeNode(page, 'A1').waitFor();
    // Her roster's unit filter lists them in the same order.
    await page.getByRole('link', { name: 'Danh sách đoàn viên' }).click();
    // On a phone the filters wait behind "Lọc".
    await page.getByRole('button', { name: /^Lọc/ }).click();
    await page.getByRole('combobox', { name: 'Chi đoàn / đơn vị' }).click();
    const listed = page.locator('.ant-select-item-option');
    await listed.filter({ hasText: 'Chi đoàn Thôn 10' }).waitFor();
    const order = (await listed.allInnerTexts()).filter((o) => /Ấp|Đồng|Thôn/.test(o));
    expect(order).toEqual(['Chi đoàn Ấp Bắc', 'Chi đoàn Đồng Tâm', 'Chi đoàn Thôn 2', 'Chi đoàn Thôn 10']);
    await context.close();
  });

  it("lets a secretariat with no unit yet add her ward's base unit, its code made from the ward and the name", async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.nct', Role.SECRETARIAT, 'NCT'));
    await openUnits(page);
    await page.getByRole('status').filter({ hasText: 'Chưa có đơn vị nào. Thêm đơn vị cơ sở của xã, phường trước' }).waitFor();
    await addBaseUnit(page, 'Hội Người cao tuổi phường Ba Đình', () => reviewDialog(page));
    await treeNode(page, '00004-HOI-NGUOI-CAO-TUOI-PHUONG').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Chưa có đơn vị nào' }).count()).toBe(0);
    await context.close();
  });

  it('lets the administrator choose whose units she sees and adds: a base unit added for the Hội Nông dân is the Hội Nông dân’s', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('quantri.units', Role.ADMIN));
    await openUnits(page);
    await chooseOption(page, page.getByRole('combobox', { name: 'Tổ chức' }), /^Hội Nông dân Việt Nam$/);
    await addBaseUnit(page, 'Hội Nông dân phường Ba Đình');
    await treeNode(page, '00004-HOI-NONG-DAN-PHUONG-BA').waitFor();
    const made = await t.sql<{ organization_code: string }>(
      `SELECT organization_code FROM unit WHERE code = '00004-HOI-NONG-DAN-PHUONG-BA'`,
    );
    expect(made).toEqual([{ organization_code: 'HND' }]);
    await context.close();
  });

  it('fits a phone with real-looking names and codes: an incoming request and her members, no sideways scrolling', async () => {
    const units = [
      { organization: 'HPN', code: 'HPN-03295', name: 'Cơ sở Xã Quài Tở', kind: 'BASE', communeCode: '03295' },
      { organization: 'HPN', code: 'HPN-03295-01', name: 'Chi hội Bản Co Mận', kind: 'BRANCH', parent: 'HPN-03295' },
      { organization: 'HPN', code: 'HPN-03316', name: 'Cơ sở Xã Nà Tấu', kind: 'BASE', communeCode: '03316' },
      { organization: 'HPN', code: 'HPN-03316-01', name: 'Chi hội Bản Nà Tấu Trong', kind: 'BRANCH', parent: 'HPN-03316' },
    ];
    for (const u of units) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    const add = async (externalId: string, fullName: string, unit: string) =>
      (
        await t.gql<{ createMemberRecord: { id: string } }>(
          `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
          { i: { organization: 'HPN', externalId, fullName, unit, birthDate: '1985' } },
        )
      ).data!.createMemberRecord.id;
    const leaving = await add('HPN8168420', 'Quàng Thị Thanh Hương', 'HPN-03295-01');
    await add('HPN5728233', 'Nguyễn Thị Thanh Hằng', 'HPN-03316-01');
    await add('HPN0818642', 'Phạm Thị Thúy Quyên', 'HPN-03316-01');
    const sent = await t.gql(
      `mutation { transferMemberRecord(input: { id: "${leaving}", unit: "HPN-03316", reason: "Chuyển nơi cư trú về xã Nà Tấu" }) { id } }`,
      {},
      { token: await t.serviceToken(Role.SECRETARIAT, 'HPN', 'HPN-03295') },
    );
    expect(sent.errors).toBeUndefined();

    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.natau', Role.SECRETARIAT, 'HPN', 'HPN-03316'));
    await openUnits(page);
    const request = page.getByText(/Quàng Thị Thanh Hương \(HPN8168420\)/);
    await request.waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // The request reads across the screen, its buttons under it, not squeezed into a column beside them.
    expect((await request.boundingBox())!.width).toBeGreaterThan(250);
    const accept = (await page.getByRole('button', { name: 'Nhận vào đơn vị' }).boundingBox())!;
    expect(accept.x + accept.width).toBeLessThanOrEqual(390);
    await treeNode(page, 'HPN-03316-01').click();
    await page.getByRole('button', { name: 'Nguyễn Thị Thanh Hằng' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('says, beside a unit’s list that shows the ended too, that its count in the tree leaves them out', async () => {
    const made = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation { createMemberRecord(input: { organization: "DTN", fullName: "Đinh Văn Hết", birthDate: "2000", unit: "A" }) { id } }`,
    );
    const ended = await t.gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`, {
      i: { id: made.data!.createMemberRecord.id, status: 'LEFT', date: '01/11/2026', reason: 'Xin ra khỏi Đoàn' },
    });
    expect(ended.errors).toBeUndefined();
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.badinh.het', Role.SECRETARIAT, 'DTN', 'A'));
    await openUnits(page);

    await treeNode(page, 'A').click();
    await page.getByRole('row').filter({ hasText: 'Đinh Văn Hết' }).waitFor();
    await page
      .getByText(/^Danh sách này gồm cả người đã kết thúc sinh hoạt .* số đoàn viên ở cây đơn vị chỉ đếm người chưa kết thúc\.$/)
      .waitFor();
    await context.close();
  });

  it('keeps the menu on one line at 1366 px for a secretariat of a unit with a long name', async () => {
    const unit = {
      organization: 'DTN',
      code: 'A-DAI',
      name: 'Chi đoàn Khu dân cư số 5, tổ dân phố Mường Thanh (phường Điện Biên Phủ cũ)',
      kind: 'BRANCH',
      parent: 'A',
    };
    expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: unit })).errors).toBeUndefined();
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.khu-dan-cu-so-5', Role.SECRETARIAT, 'DTN', 'A-DAI'));
    await openUnits(page);
    const links = await page.getByRole('navigation').getByRole('link').all();
    const tops = new Set(await Promise.all(links.map(async (l) => Math.round((await l.boundingBox())!.y))));
    expect(tops.size).toBe(1);
    // Her unit is still there, whole, for whoever points at it.
    expect(await page.locator('.ant-layout-header').innerText()).toContain('Mường Thanh (phường Điện Biên Phủ cũ)');
    await context.close();
  });
});
