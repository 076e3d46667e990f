import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { totpCode } from '../src/accounts/totp.js';
import { todayInVietnam } from '../src/common/dates/partial-date.js';
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
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

/**
 * A Đoàn secretariat adds a member in the console: the duplicate warning finds the same young woman in
 * the Hội Phụ nữ while she types, the organization's age rule warns before saving, the commune is
 * found by its old name without accents; then she edits the record (a colleague's edit in between is
 * a conflict, not lost), ends the membership and takes it back. Each step checked in the database.
 */
describe('the console: add, edit, end and reinstate a member', () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    // The deployment serves Hà Nội: its communes first in a picker, namesakes elsewhere named with their province.
    t = await createTestApp({ PROVINCE: '01' });
    await t.importRoster('HPN', HEADER, ['HPN-1,Trần Thị Mai,12/03/1998,Nữ,,0912000111,00004,,Đang sinh hoạt']);
    await t.importRoster('DTN', HEADER, [
      'DTN-1,Nguyễn Văn Bình,01/02/2004,Nam,,,00004,,Đang sinh hoạt',
      'DTN-2,Phạm Văn Cường,03/04/2003,Nam,001203012345,,00004,,Đang sinh hoạt',
    ]);
    // The same young man in the Hội Nông dân: one person behind two organizations' records.
    await t.importRoster('HND', HEADER, ['HND-7,Phạm Văn Cường,03/04/2003,Nam,001203012345,,00004,,Đang sinh hoạt']);
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const record = async (name: string) =>
    (
      await t.sql<{
        id: string;
        status: string;
        ethnicity: string | null;
        village: string | null;
        commune_code: string | null;
        external_id: string;
      }>(`SELECT id, status, ethnicity, village, commune_code, external_id FROM member_record WHERE full_name = $1`, [name])
    )[0];
  const audited = async (action: string, id: string) =>
    (await t.sql(`SELECT 1 FROM audit_event WHERE action = $1 AND subject_id = $2 AND actor_name = 'xa-dtn'`, [action, id])).length;

  /** An option of the open drop-down list, as she clicks it. */
  const pick = (page: Page, text: string | RegExp) => page.locator('.ant-select-item-option').filter({ hasText: text }).click();

  /** The open drop-down list's choices that are cut off (an ellipsis) or past the screen's right edge. */
  const optionsCut = async (page: Page) => {
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    const cut = `[...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-content')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth).map((e) => e.textContent)`;
    return page.evaluate<string[]>(cut);
  };

  async function addMember(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    const form = page.getByRole('dialog', { name: 'Thêm đoàn viên' });
    // The form opens where she starts typing: on the name (not on the panel, Tab after Tab from its close button).
    const nameId = await form.getByLabel('Họ và tên').getAttribute('id');
    await eventually(async () => expect(await page.evaluate<string>(`document.activeElement?.id ?? ''`)).toBe(nameId));
    // Esc with what she typed unsaved asks first; "Nhập tiếp" keeps it. Untouched, Esc closes at once.
    await form.getByLabel('Họ và tên').fill('Tran Thi Mai');
    await page.keyboard.press('Escape');
    const asked = page.getByRole('dialog', { name: 'Bỏ những gì đã nhập?' });
    await asked.getByRole('button', { name: 'Nhập tiếp' }).click();
    await asked.waitFor({ state: 'hidden' });
    expect(await form.getByLabel('Họ và tên').inputValue()).toBe('Tran Thi Mai');
    await page.keyboard.press('Escape');
    await asked.getByRole('button', { name: 'Bỏ, đóng lại' }).click();
    await asked.waitFor({ state: 'hidden' });
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    await form.getByLabel('Họ và tên').fill('Tran Thi Mai');
    await form.getByLabel(/^Ngày sinh/).fill('12/03/1998');
    // Another organization's member: her name is not shown, the evidence is.
    const warning = form.getByTestId('duplicate-warning');
    await warning.getByText(/Thành viên của Hội Liên hiệp Phụ nữ Việt Nam/).waitFor();
    expect(await warning.innerText()).toMatch(/cùng ngày sinh.*\n?.*cùng họ tên|cùng họ tên.*cùng ngày sinh/s);
    // Each field's evidence a line of its own (run together, a tester could not tell where one ended).
    const lines = await warning.locator('li').allInnerTexts();
    expect(lines.some((l) => /^cùng họ tên/.test(l)) && lines.some((l) => /^cùng ngày sinh/.test(l))).toBe(true);
    // Only another organization's member: adding her to the Đoàn is right, and the warning says so.
    expect(await warning.innerText()).toContain('Vẫn thêm được vào tổ chức của bạn');
    expect(await warning.innerText()).not.toContain('đừng thêm mới');
    await form.getByLabel(/^Ngày sinh/).fill('1960');
    await form.getByText('Lưu ý về điều kiện vào tổ chức').waitFor();
    expect(await review(page)).toEqual(CLEAN);

    await form.getByLabel('Họ và tên').fill('Lê Văn Tới');
    await form.getByLabel(/^Ngày sinh/).fill('05/06/2003');
    await form.getByText('Không thấy hồ sơ nào gần giống').waitFor();
    expect(await form.getByText('Lưu ý về điều kiện vào tổ chức').count()).toBe(0);
    // A name many provinces have: Hà Nội's first, by its name; each other one with its province.
    await form.getByRole('combobox', { name: /^Xã \/ phường/ }).fill('binh minh');
    const listed = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await eventually(async () => expect(await listed.first().innerText()).toBe('Xã Bình Minh (10126)'));
    await listed.filter({ hasText: 'Xã Bình Minh — Tỉnh Ninh Bình (14623)' }).waitFor();
    expect(await listed.filter({ hasText: /^Xã Bình Minh \(/ }).count()).toBe(1);
    await form.getByRole('combobox', { name: /^Xã \/ phường/ }).fill('truc bach');
    await pick(page, /Ba Đình/);
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await page.getByRole('dialog', { name: 'Lê Văn Tới' }).getByText('05/06/2003').waitFor();
  }

  it('adds a member with the duplicate and age warnings as she types; the record, its history and the audit row are there', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn', Role.SECRETARIAT, 'DTN'));
    await page.getByText('2 hồ sơ').waitFor();
    // Her flag filter's choices read whole at 1366 px ("Ghi chú trong tệp nhập c…" was cut).
    await page.getByRole('combobox', { name: 'Cảnh báo' }).click();
    expect(await optionsCut(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await addMember(page);
    const added = await record('Lê Văn Tới');
    expect(added).toMatchObject({ status: 'ACTIVE', commune_code: '00004' });
    expect(added.external_id).toMatch(/^DTN-\d{6}-[0-9A-F]{6}$/);
    const history = await t.sql<{ kind: string }>(`SELECT kind FROM membership_event WHERE record_id = $1`, [added.id]);
    expect(history.map((h) => h.kind)).toEqual(['ADMITTED']);
    await eventually(async () => expect(await audited('RECORD_CREATED', added.id)).toBe(1));
    await page.getByText('3 hồ sơ').waitFor();

    // Edit; then a colleague saves first: her save is refused as a conflict, the colleague's value stays.
    const drawer = page.getByRole('dialog', { name: 'Lê Văn Tới' });
    await drawer.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    let form = page.getByRole('dialog', { name: /^Sửa hồ sơ/ });
    await form.getByLabel('Dân tộc').fill('Tày');
    await form.getByLabel('Thôn, bản, xóm hoặc tổ dân phố').fill('  Thôn   Đông ');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await form.waitFor({ state: 'hidden' });
    await eventually(async () => expect(await record('Lê Văn Tới')).toMatchObject({ ethnicity: 'Tày', village: 'Thôn Đông' }));
    await drawer.getByRole('row', { name: /Thôn\/bản\s+Thôn Đông/ }).waitFor();
    await drawer.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    form = page.getByRole('dialog', { name: /^Sửa hồ sơ/ });
    await form.getByLabel('Dân tộc').fill('Nùng');
    await t.gql(`mutation($id: ID!) { updateMemberRecord(id: $id, input: { ethnicity: "Kinh" }) { id } }`, { id: added.id });
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await form.getByText(/vừa được người khác sửa/).waitFor();
    expect((await record('Lê Văn Tới')).ethnicity).toBe('Kinh');
    await form.getByRole('button', { name: 'Tải lại hồ sơ' }).click();

    // End the membership, then take it back: statuses, history and audit rows.
    await drawer.getByRole('button', { name: 'Kết thúc sinh hoạt' }).click();
    let dialog = page.getByRole('dialog', { name: /^Kết thúc sinh hoạt của/ });
    // "Đã chuyển sinh hoạt" is told from "Chuyển sinh hoạt" (a move to a unit the product keeps) where she chooses it.
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Lý do kết thúc' }), 'Đã chuyển sinh hoạt');
    await dialog.getByText(/dùng nút "Chuyển sinh hoạt"/).waitFor();
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Lý do kết thúc' }), 'Đã ra khỏi tổ chức');
    await dialog.getByText(/dùng nút "Chuyển sinh hoạt"/).waitFor({ state: 'detached' });
    expect(await review(page)).toEqual(CLEAN);
    expect(await unlabelledDialogFields(page)).toEqual([]);
    await dialog.getByLabel(/^Căn cứ/).fill('Đơn xin ra khỏi tổ chức');
    // A month alone: refused, saying what to type; nothing ends.
    await dialog.getByLabel(/^Ngày có hiệu lực/).fill('3/2024');
    await dialog.getByRole('button', { name: 'Kết thúc sinh hoạt' }).click();
    await dialog.getByRole('alert').getByText("Ngày kết thúc '3/2024' thiếu ngày: nhập đủ ngày/tháng/năm, ví dụ 01/03/2024").waitFor();
    expect((await record('Lê Văn Tới')).status).toBe('ACTIVE');
    await dialog.getByLabel(/^Ngày có hiệu lực/).fill('01/03/2024');
    await dialog.getByRole('button', { name: 'Kết thúc sinh hoạt' }).click();
    await drawer.getByRole('button', { name: 'Cho sinh hoạt lại' }).waitFor();
    expect((await record('Lê Văn Tới')).status).toBe('LEFT');
    await eventually(async () => expect(await audited('MEMBERSHIP_ENDED', added.id)).toBe(1));
    await drawer.getByRole('button', { name: 'Cho sinh hoạt lại' }).click();
    dialog = page.getByRole('dialog', { name: /sinh hoạt lại$/ });
    await dialog.getByLabel(/^Lý do/).waitFor();
    expect(await review(page)).toEqual(CLEAN);
    expect(await unlabelledDialogFields(page)).toEqual([]);
    await dialog.getByLabel(/^Lý do/).fill('Ghi nhầm: vẫn sinh hoạt');
    // The day of return, today unless she types another; none to give for a mistaken ending (voided from its own day).
    expect(await dialog.getByLabel(/^Ngày sinh hoạt lại/).inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    // The ending was a mistake: taken back as such, her quarter's report counts neither a departure nor a return.
    await dialog.getByRole('checkbox', { name: /^Lần kết thúc này là nhầm/ }).check();
    await dialog.getByLabel(/^Ngày sinh hoạt lại/).waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: 'Cho sinh hoạt lại' }).click();
    await drawer.getByRole('button', { name: 'Kết thúc sinh hoạt' }).waitFor();
    expect((await record('Lê Văn Tới')).status).toBe('ACTIVE');
    const steps = await t.sql<{ id: string; kind: string; reason: string | null; day: string | null; voids: string | null }>(
      `SELECT id, kind, reason, effective_date::text AS day, voids FROM membership_event WHERE record_id = $1 ORDER BY recorded_at, id`,
      [added.id],
    );
    expect(steps.map((s) => s.kind)).toEqual(['ADMITTED', 'ENDED', 'STATUS_CHANGED']);
    expect(steps[2]).toMatchObject({ reason: 'Ghi nhầm: vẫn sinh hoạt', voids: steps[1].id, day: '2024-03-01' });
    // Her page's history says how the membership ended and that it was taken back, not "Đổi trạng thái".
    const timeline = drawer.locator('.ant-timeline');
    await timeline.getByText(/Kết thúc sinh hoạt: Đã ra khỏi tổ chức — nhầm, đã hủy \(Đơn xin ra khỏi tổ chức\)/).waitFor();
    await timeline.getByText(/Hủy lần kết thúc nhầm, sinh hoạt như trước \(Ghi nhầm: vẫn sinh hoạt\)/).waitFor();
    expect(await timeline.innerText()).not.toContain('Đổi trạng thái');
    // Her next ending starts afresh: nothing of this one's reason, grounds or day (it ended the next member on them), today's date.
    await drawer.getByRole('button', { name: 'Kết thúc sinh hoạt' }).click();
    dialog = page.getByRole('dialog', { name: /^Kết thúc sinh hoạt của/ });
    await dialog.getByLabel(/^Căn cứ/).waitFor();
    const today = todayInVietnam();
    expect({
      date: await dialog.getByLabel(/^Ngày có hiệu lực/).inputValue(),
      grounds: await dialog.getByLabel(/^Căn cứ/).inputValue(),
      reason: await dialog.locator('.ant-select-selection-item').count(),
    }).toEqual({ date: `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`, grounds: '', reason: 0 });
    // He does leave, and comes back a week later; she records his return afterwards, on the day he came back.
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Lý do kết thúc' }), 'Đã ra khỏi tổ chức');
    await dialog.getByLabel(/^Căn cứ/).fill('Đi làm ăn xa');
    await dialog.getByLabel(/^Ngày có hiệu lực/).fill('01/03/2024');
    await dialog.getByRole('button', { name: 'Kết thúc sinh hoạt' }).click();
    await drawer.getByRole('button', { name: 'Cho sinh hoạt lại' }).click();
    dialog = page.getByRole('dialog', { name: /sinh hoạt lại$/ });
    await dialog.getByLabel(/^Lý do/).fill('Đã trở về địa phương');
    await dialog.getByLabel(/^Ngày sinh hoạt lại/).fill('08/03/2024');
    await dialog.getByRole('button', { name: 'Cho sinh hoạt lại' }).click();
    await drawer.getByRole('button', { name: 'Kết thúc sinh hoạt' }).waitFor();
    const [back] = await t.sql<{ day: string }>(
      `SELECT effective_date::text AS day FROM membership_event WHERE record_id = $1 AND kind = 'STATUS_CHANGED' AND voids IS NULL`,
      [added.id],
    );
    expect(back.day).toBe('2024-03-08');
    await context.close();
  });

  it("shows on a member's page that the same person is a member elsewhere, without what her rights do not cover; the read is logged", async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn-3', Role.SECRETARIAT, 'DTN'));
    await page.getByRole('searchbox').fill('pham van cuong');
    await page.getByRole('button', { name: 'Phạm Văn Cường' }).click();
    const drawer = page.getByRole('dialog', { name: 'Phạm Văn Cường' });
    await drawer.getByText('Cùng một người ở các tổ chức').waitFor();
    // The other organization and the commune by their names, not HND and 00004.
    const elsewhere = drawer.getByText(/^Hội Nông dân Việt Nam: /);
    await elsewhere.waitFor();
    expect(await elsewhere.innerText()).toBe('Hội Nông dân Việt Nam: hồ sơ ngoài quyền xem của bạn — Đang sinh hoạt, Phường Ba Đình');
    // The commune as her list wrote it: by its name, its code beside it.
    const entered = drawer.getByRole('row').filter({ hasText: 'Xã như đã ghi khi nhập' });
    await entered.getByText('Phường Ba Đình').waitFor();
    expect(await entered.locator('code').innerText()).toBe('00004');
    expect(await review(page)).toEqual(CLEAN);
    // Editing his record, his Hội Nông dân record is no duplicate of hers: no warning.
    await drawer.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    const form = page.getByRole('dialog', { name: /^Sửa hồ sơ/ });
    await form.getByText('Không thấy hồ sơ nào khác gần giống trong tổ chức của bạn').waitFor();
    expect(await form.getByTestId('duplicate-warning').count()).toBe(0);
    await form.getByRole('button', { name: 'Hủy' }).click();
    const { id } = await record('Phạm Văn Cường');
    const [{ person_id }] = await t.sql<{ person_id: string }>(`SELECT person_id FROM record_person WHERE record_id = $1`, [id]);
    await eventually(async () =>
      expect(
        await t.sql(`SELECT 1 FROM audit_event WHERE subject_type = 'PERSON' AND subject_id = $1 AND actor_name = 'xa-dtn-3'`, [person_id]),
      ).toHaveLength(1),
    );
    await context.close();
  });

  it('shows one member’s full CCCD for a written reason, in a dialog only, the reading logged with the reason', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn-xem-so', Role.SECRETARIAT, 'DTN'));
    await page.getByRole('button', { name: 'Phạm Văn Cường' }).click();
    const drawer = page.getByRole('dialog', { name: 'Phạm Văn Cường' });
    await drawer.getByText('0012******45').waitFor();
    await drawer.getByRole('button', { name: 'Xem số đầy đủ' }).click();
    const ask = page.getByRole('dialog', { name: 'Xem số CCCD đầy đủ của Phạm Văn Cường' });
    await ask.getByLabel(/^Lý do xem/).fill('đối chiếu');
    expect(await ask.getByRole('button', { name: 'Xem số' }).isDisabled()).toBe(true);
    await ask.getByLabel(/^Lý do xem/).fill('Đối chiếu với thẻ CCCD khi sinh hoạt chi đoàn');
    expect(await review(page)).toEqual(CLEAN);
    await ask.getByRole('button', { name: 'Xem số' }).click();
    await ask.getByText('001203012345').waitFor();
    await ask.getByText('Lần xem này đã được ghi nhật ký.').waitFor();
    // Never in the address; gone from the screen once she closes it.
    expect(page.url()).not.toContain('001203012345');
    await ask.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    await ask.waitFor({ state: 'detached' });
    expect(await page.locator('body').innerText()).not.toContain('001203012345');
    const logged = await t.sql<{ text: string }>(
      `SELECT n.text FROM audit_event e JOIN audit_note n ON n.id = e.note_id WHERE e.action = 'ID_NUMBER_REVEALED' AND e.actor_name = 'xa-dtn-xem-so'`,
    );
    expect(logged).toEqual([{ text: 'Đối chiếu với thẻ CCCD khi sinh hoạt chi đoàn' }]);
    await context.close();
  });

  it("shows what her list's Ghi chú said of a member (died, moved away) for her to take or not: taken, its flag is raised; not, why is kept", async () => {
    await t.importRoster('HPN', `${HEADER},Ghi chú`, [
      'HPN-GC-1,Lò Thị Ón,05/05/1950,Nữ,,,00004,,Đang sinh hoạt,đã mất tháng 3/2026',
      'HPN-GC-2,Cà Thị Xuyến,06/06/1980,Nữ,,,00004,,Đang sinh hoạt,đã chuyển đi Mường Ảng',
    ]);
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-hpn-notes', Role.SECRETARIAT, 'HPN'));
    // The roster's flag filter lists the members whose imported notes she has not answered.
    await chooseOption(page, page.getByRole('combobox', { name: 'Cảnh báo' }), 'Ghi chú trong tệp nhập chưa xử lý');
    await eventually(async () =>
      expect((await page.locator('tbody tr.ant-table-row').allInnerTexts()).map((r) => r.split('\t')[1].trim()).sort()).toEqual([
        'Cà Thị Xuyến',
        'Lò Thị Ón',
      ]),
    );
    await page.getByRole('button', { name: 'Lò Thị Ón' }).click();
    let drawer = page.getByRole('dialog', { name: 'Lò Thị Ón' });
    const notes = drawer.getByRole('listitem').filter({ hasText: 'Ghi chú: "đã mất tháng 3/2026"' });
    await notes.getByText('Chờ xem xét').waitFor();
    expect(await notes.innerText()).toContain('Đã mất');
    expect(await review(page)).toEqual(CLEAN);
    await drawer.getByText(/Chưa có gì được áp dụng/).waitFor();
    await notes.getByRole('button', { name: 'Nhận', exact: true }).click();
    await page.getByRole('button', { name: 'Nhận', exact: true }).last().click();
    // Taken, the ending the note says happened is offered at once, as the note says it: hers to check, date and save — or not.
    const ending = page.getByRole('dialog', { name: 'Kết thúc sinh hoạt của Lò Thị Ón' });
    await ending.waitFor();
    expect(await ending.getByRole('combobox', { name: 'Lý do kết thúc' }).locator('..').innerText()).toContain('Đã mất');
    expect(await ending.getByLabel(/^Căn cứ/).inputValue()).toBe('Ghi chú: "đã mất tháng 3/2026"');
    // Only the month is known: no day filled in (today's would date her death wrong); she is told to ask.
    expect(await ending.getByLabel(/^Ngày có hiệu lực/).inputValue()).toBe('');
    await ending.getByText('Căn cứ chỉ ghi 03/2026, chưa đủ ngày').waitFor();
    expect(await review(page)).toEqual(CLEAN);
    await ending.getByRole('button', { name: 'Hủy' }).click();
    await ending.waitFor({ state: 'detached' });
    await notes.getByText(/^Đã nhận — xa-hpn-notes, /).waitFor();
    // Decided, the section no longer says nothing was applied.
    await drawer
      .getByText('Những điều cột Ghi chú của tệp đã nhập cho biết về hội viên này, và quyết định đã ghi cho từng điều.')
      .waitFor();
    expect(await drawer.getByText(/Chưa có gì được áp dụng/).count()).toBe(0);
    // Its flag is on her page at once; the membership itself is hers to end.
    await drawer.getByText(/Đã mất Ghi chú trên danh sách: người này đã mất, tháng 3\/2026; xa-hpn-notes đã chấp nhận/).waitFor();
    expect(await notes.innerText()).toContain('Thời điểm: 03/2026');
    const [ón] = await t.sql<{ status: string; flags: string[] }>(
      `SELECT r.status, p.flags FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE r.external_id = 'HPN-GC-1'`,
    );
    expect(ón.status).toBe('ACTIVE');
    await page.getByRole('button', { name: 'Đóng' }).first().click();

    await page.getByRole('searchbox').fill('ca thi xuyen');
    await page.getByRole('button', { name: 'Cà Thị Xuyến' }).click();
    drawer = page.getByRole('dialog', { name: 'Cà Thị Xuyến' });
    const moved = drawer.getByRole('listitem').filter({ hasText: 'Đã chuyển đi' });
    await moved.getByRole('button', { name: 'Không nhận' }).click();
    const ask = page.getByRole('dialog', { name: 'Không nhận ghi chú này' });
    await ask.getByLabel(/^Lý do/).fill('Đã hỏi chi hội: vẫn ở thôn');
    expect(await review(page)).toEqual(CLEAN);
    await ask.getByRole('button', { name: 'Lưu' }).click();
    await moved.getByText(/Không nhận — xa-hpn-notes, .*\(Đã hỏi chi hội: vẫn ở thôn\)/).waitFor();
    const decided = await t.sql<{ kind: string; status: string }>(
      `SELECT s.kind, s.status FROM record_suggestion s JOIN member_record r ON r.id = s.record_id
        WHERE r.external_id IN ('HPN-GC-1', 'HPN-GC-2') ORDER BY r.external_id`,
    );
    expect(decided).toEqual([
      { kind: 'DIED', status: 'ACCEPTED' },
      { kind: 'MOVED_AWAY', status: 'DISMISSED' },
    ]);
    await context.close();
  });

  it('filters her roster by a flag, and the form fits a phone', async () => {
    const bình = await record('Nguyễn Văn Bình');
    await t.sql(`UPDATE record_person SET flags = '{DECEASED}', ao = true WHERE record_id = $1`, [bình.id]);
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn-2', Role.SECRETARIAT, 'DTN'));
    await page.getByText(/^\d hồ sơ$/).waitFor();
    // On a phone the filters wait behind "Lọc", above her members.
    await page.getByRole('button', { name: /^Lọc/ }).click();
    // Every choice read whole on her phone: wrapped, never cut off.
    await page.getByRole('combobox', { name: 'Cảnh báo' }).click();
    expect(await optionsCut(page)).toEqual([]);
    await chooseOption(page, page.getByRole('combobox', { name: 'Cảnh báo' }), /^Đã mất: 1 hồ sơ có cảnh báo/);
    await page.getByText('1 hồ sơ', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Nguyễn Văn Bình' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    const form = page.getByRole('dialog', { name: 'Thêm đoàn viên' });
    await form.getByLabel('Họ và tên').waitFor();
    expect(await review(page)).toEqual(CLEAN);
    // The duplicate warning on her phone: the candidates and their evidence within the screen's width, nothing cut.
    // Two candidates: her own organization's (named, with the button to open it) and the Hội Nông dân's.
    await form.getByLabel('Họ và tên').fill('Pham Van Cuong');
    await form.getByLabel(/^Ngày sinh/).fill('03/04/2003');
    const warning = form.getByTestId('duplicate-warning');
    await warning
      .getByText(/Phạm Văn Cường/)
      .first()
      .waitFor();
    await warning.getByText(/Thành viên của Hội Nông dân Việt Nam/).waitFor();
    await warning.getByRole('button', { name: 'Mở hồ sơ này' }).waitFor();
    // One of them is hers: do not add a second record. Hers is said to be hers, without the linker's chance for two
    // organizations' records (nor "one organization" as evidence against).
    expect(await warning.innerText()).toContain('đừng thêm mới');
    await warning.getByText(/^Phạm Văn Cường, sinh 03\/04\/2003 — đã có trong tổ chức của bạn, /).waitFor();
    expect(await warning.locator('.ant-list-item-meta').first().innerText()).not.toMatch(/%|cùng một tổ chức/);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const box = (await warning.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // Each candidate's name and evidence take most of the warning's width, not a narrow column beside its button.
    for (const meta of await warning.locator('.ant-list-item-meta').all())
      expect((await meta.boundingBox())!.width).toBeGreaterThan(box.width * 0.6);
    // No line of it wider than its box (a name or a sentence that would need sideways scrolling).
    // (In the page, as text: these tests are typed without the browser's DOM.)
    const wider = `(() => {
      const el = document.querySelector('[data-testid=duplicate-warning]');
      return [el, ...el.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className);
    })()`;
    expect(await page.evaluate<string[]>(wider)).toEqual([]);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('checks for duplicates with a birth date typed with dots or dashes, as secretaries write it (12.3.1998)', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn-cham', Role.SECRETARIAT, 'DTN'));
    await page.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    const form = page.getByRole('dialog', { name: 'Thêm đoàn viên' });
    await form.getByLabel('Họ và tên').fill('Tran Thi Mai');
    for (const typed of ['12.3.1998', '12-03-1998']) {
      await form.getByLabel(/^Ngày sinh/).fill(typed);
      // The same young woman of the Hội Phụ nữ is found, not "type a birth date" under the date she typed.
      await form
        .getByTestId('duplicate-warning')
        .getByText(/Thành viên của Hội Liên hiệp Phụ nữ Việt Nam/)
        .waitFor();
      expect(await form.getByText('Nhập họ tên và ngày sinh').count()).toBe(0);
      await form.getByLabel(/^Ngày sinh/).fill('');
      await form.getByText('Nhập họ tên và ngày sinh').waitFor();
    }
    await context.close();
  });

  it("shows a member's name on one line of her phone, the buttons under it", async () => {
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn-dt', Role.SECRETARIAT, 'DTN'));
    // The roster does not move once drawn: the header's and the title's names are known before it is
    // (they made the header a line taller a moment later, and a tap on a name then opened nothing).
    const search = page.getByRole('searchbox');
    await search.waitFor();
    const drawnAt = (await search.boundingBox())!.y;
    await page
      .getByRole('banner')
      .getByText(/Đoàn TNCS Hồ Chí Minh/)
      .waitFor();
    await page.getByRole('heading', { name: /Đoàn TNCS Hồ Chí Minh/ }).waitFor();
    expect((await search.boundingBox())!.y).toBe(drawnAt);
    await search.fill('pham van cuong');
    await page.getByText('1 hồ sơ', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Phạm Văn Cường' }).click();
    const drawer = page.getByRole('dialog', { name: 'Phạm Văn Cường' });
    const title = drawer.locator('.ant-drawer-title');
    await title.waitFor();
    await drawer.getByRole('button', { name: 'Sửa hồ sơ' }).waitFor();
    // One line of text (not "Phạm / Văn / Cường" beside the buttons), and both buttons on the screen.
    // (A line of the drawer's title is 24 px high; three words one under another, 72.)
    expect((await title.boundingBox())!.height).toBeLessThan(36);
    // Measured once the drawer has slid in (while it slides, its buttons are still past the edge).
    await eventually(async () => {
      for (const name of ['Sửa hồ sơ', 'Chuyển sinh hoạt', 'Kết thúc sinh hoạt']) {
        const box = (await drawer.getByRole('button', { name }).boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
    });
    expect(await review(page)).toEqual(CLEAN);
    // The ending's dialog: its title (her whole name) wraps before the × (it ran under it), all within the screen.
    await drawer.getByRole('button', { name: 'Kết thúc sinh hoạt' }).click();
    const ending = page.getByRole('dialog', { name: 'Kết thúc sinh hoạt của Phạm Văn Cường' });
    const heading = ending.locator('.ant-modal-title');
    await heading.waitFor();
    await eventually(async () => {
      const [said, close] = [(await heading.boundingBox())!, (await ending.locator('.ant-modal-close').boundingBox())!];
      expect(said.x + said.width).toBeLessThanOrEqual(close.x);
      expect(close.x + close.width).toBeLessThanOrEqual(390);
    });
    await context.close();
  });

  it('dates her admission in the history as her join date is known: a month as 01/2020, a year as 2015; none, not "Kết nạp" on the import day', async () => {
    await t.importRoster('CCB', 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Ngày vào Hội,Trạng thái', [
      'CCB-1,Lò Văn Tâm,1960,Nam,00004,01/2020,Đang sinh hoạt',
      'CCB-2,Quàng Văn Sơn,1962,Nam,00004,2015,Đang sinh hoạt',
      'CCB-3,Lường Văn Ơn,1958,Nam,00004,,Đang sinh hoạt',
    ]);
    // What the server keeps: the first day of the month or year, and how much of it is known.
    const kept = await t.sql<{ external_id: string; join_date_precision: string; effective_date: string }>(
      `SELECT r.external_id, r.join_date_precision, to_char(e.effective_date, 'YYYY-MM-DD') AS effective_date
         FROM member_record r JOIN membership_event e ON e.record_id = r.id AND e.kind = 'ADMITTED'
        WHERE r.organization_code = 'CCB' ORDER BY r.external_id`,
    );
    expect(kept).toEqual([
      { external_id: 'CCB-1', join_date_precision: 'MONTH', effective_date: '2020-01-01' },
      { external_id: 'CCB-2', join_date_precision: 'YEAR', effective_date: '2015-01-01' },
      { external_id: 'CCB-3', join_date_precision: null, effective_date: null },
    ]);
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-ccb', Role.SECRETARIAT, 'CCB'));
    for (const [name, date] of [
      ['Lò Văn Tâm', '01/2020'],
      ['Quàng Văn Sơn', '2015'],
    ]) {
      await page.getByRole('button', { name }).click();
      const timeline = page.getByRole('dialog', { name }).locator('.ant-timeline');
      await timeline.getByText(/Kết nạp/).waitFor();
      const line = await timeline.innerText();
      expect(line.split(' — ')[0]).toBe(date);
      expect(line).not.toContain('01/01/');
      expect(await review(page)).toEqual(CLEAN);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name }).waitFor({ state: 'hidden' });
    }
    // Listed by her file with no join date: he was admitted long ago, not on the day she imported him.
    await page.getByRole('button', { name: 'Lường Văn Ơn' }).click();
    const timeline = page.getByRole('dialog', { name: 'Lường Văn Ơn' }).locator('.ant-timeline');
    await timeline.getByText(/Vào danh sách \(chưa ghi ngày vào\)/).waitFor();
    expect(await timeline.innerText()).not.toContain('Kết nạp');
    await context.close();
  });

  it('asks before saving a second record of one CCCD in her organization; saved anyway, both are flagged at once', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn-cccd', Role.SECRETARIAT, 'DTN'));
    page.setDefaultTimeout(8000);
    const fill = async () => {
      await page.getByRole('button', { name: 'Thêm đoàn viên' }).click();
      const form = page.getByRole('dialog', { name: 'Thêm đoàn viên' });
      await form.getByLabel('Họ và tên').fill('Phạm Văn Cương');
      await form.getByLabel(/^Ngày sinh/).fill('03/04/2003');
      await form.getByLabel(/^Số CCCD/).fill('001203012345');
      await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
      const asked = page.getByRole('dialog', { name: 'Đã có hồ sơ cùng số CCCD trong tổ chức' });
      // The record she already has, by code, name and unit; the number masked.
      await asked.getByText(/^Đã có hồ sơ DTN-2 — Phạm Văn Cường .*cùng số CCCD 0012\*+45 trong tổ chức — vẫn lưu\?/).waitFor();
      expect(await asked.innerText()).not.toContain('001203012345');
      return { form, asked };
    };
    const cccdRecords = async () =>
      (
        await t.sql(
          `SELECT 1 FROM member_record WHERE organization_code = 'DTN' AND external_id <> 'DTN-2' AND full_name = 'Phạm Văn Cương'`,
        )
      ).length;
    // She looks again: nothing is saved.
    const first = await fill();
    expect(await review(page)).toEqual(CLEAN);
    await first.asked.getByRole('button', { name: 'Không lưu, xem lại' }).click();
    await first.asked.waitFor({ state: 'hidden' });
    expect(await cccdRecords()).toBe(0);
    await first.form.getByRole('button', { name: 'Hủy' }).click();
    // What she typed is not thrown away unasked.
    const discard = page.getByRole('dialog', { name: 'Bỏ những gì đã nhập?' });
    await discard.getByRole('button', { name: 'Bỏ, đóng lại' }).click();
    await discard.waitFor({ state: 'hidden' });
    await first.form.waitFor({ state: 'hidden' });
    // She saves anyway: the new record and DTN-2 are both flagged "Trùng trong tổ chức" at once, no link run needed.
    const again = await fill();
    await again.asked.getByRole('button', { name: 'Vẫn lưu' }).click();
    await page.getByRole('dialog', { name: 'Phạm Văn Cương' }).getByText('03/04/2003').waitFor();
    const flagged = await t.sql<{ external_id: string; evidence: { raisedBy: string } }>(
      `SELECT r.external_id, f.evidence FROM record_flag f JOIN member_record r ON r.id = f.record_id
        WHERE f.code = 'DUPLICATE_IN_ORG' AND r.organization_code = 'DTN' ORDER BY r.external_id = 'DTN-2' DESC`,
    );
    expect(flagged).toHaveLength(2);
    expect(flagged[0]).toMatchObject({ external_id: 'DTN-2', evidence: { raisedBy: 'FORM' } });
    expect(flagged[1].evidence).toMatchObject({ raisedBy: 'FORM', otherListings: [{ externalId: 'DTN-2' }] });
    // In Cảnh báo, confirming the duplicate says the other way out: a number typed wrong is corrected on the record.
    await page.goto(`${t.url}/#/canh-bao`);
    const duplicate = page.getByRole('row').filter({ hasText: 'Phạm Văn Cương' }).locator('div', { hasText: 'Trùng trong tổ chức' }).last();
    await duplicate.getByRole('button', { name: 'Xác nhận' }).click();
    const decision = page.getByRole('dialog').filter({ hasText: 'số CCCD của một người ghi nhầm: đừng xác nhận ở đây' });
    await decision.waitFor();
    await decision.getByRole('button', { name: 'Hủy', exact: true }).last().click();
    await decision.waitFor({ state: 'hidden' });
    await context.close();
  });

  it('saves what she typed when she logged in again in another tab meanwhile: the page takes the new session in', async () => {
    const user = await t.createUser('xa-dtn-hai-the', Role.SECRETARIAT, 'DTN');
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, user);
    page.setDefaultTimeout(8000);
    await page.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    const form = page.getByRole('dialog', { name: 'Thêm đoàn viên' });
    await form.getByLabel('Họ và tên').fill('Lò Văn Hai Thẻ');
    await form.getByLabel(/^Ngày sinh/).fill('04/05/2002');
    // Meanwhile, in another tab, she logged out and in again: the cookie is now another session, with another token.
    const again = await fetch(`${t.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password, totpCode: totpCode(user.totpSecret, Date.now() + 30_000) }),
    });
    expect(again.status).toBe(200);
    const value = /lt_session=([^;]+)/.exec(again.headers.get('set-cookie') ?? '')![1];
    // (As the browser keeps it: the one cookie of the site, replaced at once — not cleared first, which left a moment
    // without a session for the duplicate check she had set off to fall in: seen red in CI.)
    await context.addCookies([{ name: 'lt_session', value, url: t.url, httpOnly: true, sameSite: 'Strict' }]);
    expect((await context.cookies(t.url)).filter((c) => c.name === 'lt_session').map((c) => c.value)).toEqual([value]);
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await page.getByRole('dialog', { name: 'Lò Văn Hai Thẻ' }).waitFor();
    expect(await t.sql(`SELECT 1 FROM member_record WHERE full_name = 'Lò Văn Hai Thẻ'`)).toHaveLength(1);
    expect(await page.getByText(/CSRF|đăng nhập lại/).count()).toBe(0);
    await context.close();
  });

  it('asks before adding a member her organization already lists by name and birth day (no CCCD to tell); saved anyway only when she says so', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn-trung-ten', Role.SECRETARIAT, 'DTN'));
    page.setDefaultTimeout(8000);
    await page.getByRole('button', { name: 'Thêm đoàn viên' }).click();
    const form = page.getByRole('dialog', { name: 'Thêm đoàn viên' });
    // Typed as she would, without the accents: the same person as DTN-1.
    await form.getByLabel('Họ và tên').fill('Nguyen Van Binh');
    await form.getByLabel(/^Ngày sinh/).fill('01/02/2004');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    const asked = page.getByRole('dialog', { name: 'Có thể đã có hồ sơ của người này trong tổ chức' });
    await asked.getByText(/^Tổ chức đã có hồ sơ DTN-1 — Nguyễn Văn Bình, sinh 01\/02\/2004/).waitFor();
    expect(await review(page)).toEqual(CLEAN);
    await asked.getByRole('button', { name: 'Không lưu, xem lại' }).click();
    await asked.waitFor({ state: 'hidden' });
    const bình = async () =>
      (await t.sql(`SELECT 1 FROM member_record WHERE organization_code = 'DTN' AND name_folded = 'nguyen van binh'`)).length;
    expect(await bình()).toBe(1);
    // A namesake born the same day is a real possibility: "Vẫn lưu" keeps both.
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await asked.getByRole('button', { name: 'Vẫn lưu' }).click();
    await eventually(async () => expect(await bình()).toBe(2));
    await context.close();
  });

  it("asks too when she edits a member's CCCD to one another record has; an edit that leaves the CCCD alone is not asked", async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn-sua-cccd', Role.SECRETARIAT, 'DTN'));
    page.setDefaultTimeout(8000);
    await page.getByRole('button', { name: 'Nguyễn Văn Bình' }).click();
    const drawer = page.getByRole('dialog', { name: 'Nguyễn Văn Bình' });
    await drawer.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    const form = page.getByRole('dialog', { name: /^Sửa hồ sơ/ });
    await form.getByLabel(/^Số CCCD/).fill('001203012345');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    const asked = page.getByRole('dialog', { name: 'Đã có hồ sơ cùng số CCCD trong tổ chức' });
    // DTN-2, and the record the test before saved anyway with the same number.
    await asked.getByText(/^Đã có hồ sơ DTN-2 — Phạm Văn Cường\b.*cùng số CCCD 0012\*+45 trong tổ chức — vẫn lưu\?/).waitFor();
    const dtn1 = async () =>
      (
        await t.sql<{ id: string; hash: Buffer | null; flags: number }>(
          `SELECT r.id, r.id_number_hash AS hash, (SELECT count(*)::int FROM record_flag f WHERE f.record_id = r.id AND f.code = 'DUPLICATE_IN_ORG') AS flags
             FROM member_record r WHERE r.organization_code = 'DTN' AND r.external_id = 'DTN-1'`,
        )
      )[0];
    expect((await dtn1()).hash).toBeNull();
    await asked.getByRole('button', { name: 'Vẫn lưu' }).click();
    await form.waitFor({ state: 'hidden' });
    await eventually(async () => expect(await dtn1()).toMatchObject({ hash: expect.any(Buffer) as unknown, flags: 1 }));
    // Her ethnicity changed on DTN-2, whose CCCD is the same as before: saved at once, nothing asked.
    const dtn2 = (await t.sql<{ id: string; version: number }>(`SELECT id, version FROM member_record WHERE external_id = 'DTN-2'`))[0];
    const edited = await t.gql(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { ethnicity: "Mường", idNumber: "001203012345" }) { id } }`,
      {
        id: dtn2.id,
      },
    );
    expect(edited.errors).toBeUndefined();
    await context.close();
  });

  it('shows the age warning of a member imported today at once, before any link run (an over-age member)', async () => {
    await t.importRoster('DTN', HEADER, ['DTN-OLD,Vì Thị Nhung,05/05/1985,Nữ,,,00004,,Đang sinh hoạt']);
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'DTN-OLD'`);
    // As after an import too large to link at once: the record waits for the next run.
    await t.sql(`DELETE FROM record_person WHERE record_id = $1`, [id]);
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-dtn-chua', Role.SECRETARIAT, 'DTN'));
    await page.getByRole('searchbox').fill('vi thi nhung');
    await page.getByRole('button', { name: 'Vì Thị Nhung' }).click();
    const drawer = page.getByRole('dialog', { name: 'Vì Thị Nhung' });
    // Raised by the import itself (the organization's rule), not left for the next run.
    await drawer
      .getByText('Không đủ/quá tuổi', { exact: true })
      .first()
      .waitFor({ timeout: 15_000 })
      // (Once seen red on a loaded CI machine, not again: what the page showed instead, for the next time.)
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\nThe page showed: ${(await page.locator('body').innerText()).slice(0, 3000)}`);
      });
    expect(await drawer.getByText('Không có cảnh báo', { exact: true }).count()).toBe(0);
    expect(await drawer.getByText(/quá độ tuổi tối đa 35/).count()).toBeGreaterThan(0);
    await context.close();
  });
});
