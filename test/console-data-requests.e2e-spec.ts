import fs from 'node:fs';
import { Role } from '../src/access/role.js';
import { todayInVietnam } from '../src/common/dates/partial-date.js';
import { addDays } from '../src/membership/member-record/personal-data-requests.service.js';
import {
  chooseOption,
  CLEAN,
  launchBrowser,
  logInThroughPage,
  review,
  unlabelledDialogFields,
  type TestBrowser,
} from './support/browser.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào';

/**
 * The administrator's queue of data subjects' requests in the console: two requests recorded with the
 * day each was received, the one due soonest on top; the copy downloaded, the erasure carried out,
 * each answering its request on the server.
 */
describe('the console: data subjects’ requests with their deadline', () => {
  let t: TestApp;
  let b: TestBrowser;
  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HND', HEADER, [
      'HND-A,Lò Văn An,01/01/1970,Nam,001070111111,0911000001,00008,B1,Đang sinh hoạt,01/01/2000',
      'HND-B,Cầm Thị Bình,02/02/1972,Nữ,001172222222,0911000002,00008,B1,Đang sinh hoạt,01/01/2000',
    ]);
    // Bà Bình in the Hội Phụ nữ too (her CCCD: certainly her), and in the Công đoàn without one (the model alone joins it).
    await t.importRoster('HPN', HEADER, ['HPN-B,Cầm Thị Bình,02/02/1972,Nữ,001172222222,0911000002,00008,P1,Đang sinh hoạt,01/01/2005']);
    await t.importRoster('CD', HEADER, ['CD-B,Cầm Thị Bình,02/02/1972,Nữ,,0911000002,00008,C1,Đang sinh hoạt,01/01/1995']);
    await t.app.get(LinkerService).link();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('records two requests, lists the one due soonest first, and answers each: the copy downloaded, the data erased', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('qt-rq', Role.ADMIN));
    await page.getByRole('navigation').getByRole('link', { name: 'Quản trị' }).click();
    await page.getByText('Yêu cầu về dữ liệu cá nhân').click();
    const choose = (label: string, option: string) => chooseOption(page, page.getByRole('combobox', { name: label }), option);
    await choose('Tổ chức của hồ sơ', 'Hội Nông dân');
    // A code that is not there: said so, nothing recorded.
    await page.getByLabel('Mã hồ sơ').fill('HND-Z');
    await page.getByRole('button', { name: 'Ghi nhận yêu cầu' }).click();
    await page.getByRole('alert').filter({ hasText: 'Không tìm thấy hồ sơ mã HND-Z' }).waitFor();
    await page.getByLabel('Mã hồ sơ').fill('HND-A');
    await page.getByRole('button', { name: 'Ghi nhận yêu cầu' }).click();
    const rows = page.locator('.ant-table-row');
    await rows.filter({ hasText: 'HND-A' }).waitFor();
    await choose('Loại yêu cầu', 'Xóa dữ liệu cá nhân');
    await page.getByLabel('Mã hồ sơ').fill('HND-B');
    // The day as she writes it, day first (the field reads dd/mm/yyyy).
    const received = page.getByLabel('Ngày nhận đề nghị');
    await received.click();
    await received.fill(addDays(todayInVietnam(), -18).split('-').reverse().join('/'));
    await received.press('Enter');
    await page.getByRole('button', { name: 'Ghi nhận yêu cầu' }).click();
    await rows.filter({ hasText: 'HND-B' }).waitFor();
    expect(await rows.first().innerText()).toContain('Còn 2 ngày');
    expect(await rows.nth(1).innerText()).toContain('Còn 20 ngày');
    // The record's organization by its name, not its code.
    expect(await rows.filter({ hasText: 'HND-A' }).innerText()).toContain('Hội Nông dân Việt Nam · HND-A');
    expect(await review(page)).toEqual(CLEAN);

    await rows.filter({ hasText: 'HND-A' }).getByRole('button', { name: 'Xuất dữ liệu' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Lý do/).waitFor();
    // What her file will hold, said before she exports it.
    await dialog.getByText('Tệp gồm mọi hồ sơ của người này mà bạn được xem').waitFor();
    expect(await review(page)).toEqual(CLEAN);
    expect(await unlabelledDialogFields(page)).toEqual([]);
    await dialog.getByLabel(/Lý do/).fill('Đơn đề nghị ngày hôm nay của ông An');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Xuất dữ liệu' }).click()]);
    // Her copy as she reads it: Vietnamese, a field a line, the number in full, none of the system's own names.
    expect(download.suggestedFilename()).toBe('du-lieu-ca-nhan-HND-A.txt');
    const copy = fs.readFileSync(await download.path(), 'utf8');
    expect(copy.startsWith('\ufeffBẢN SAO DỮ LIỆU CÁ NHÂN')).toBe(true);
    for (const line of [
      'Họ và tên: Lò Văn An',
      'Số định danh (CCCD/CMND): 001070111111',
      'Ngày sinh: 01/01/1970',
      'Số điện thoại: 0911000001',
      'Trạng thái: Đang sinh hoạt',
    ])
      expect(copy).toContain(line);
    expect(copy).not.toMatch(/nameFolded|familyKey|communeCandidates|idIssues|[a-z]+[A-Z][a-zA-Z]*/);

    await rows.filter({ hasText: 'HND-B' }).getByRole('button', { name: 'Xóa dữ liệu' }).click();
    // Before she erases, what will go: her records in each organization by name, and the one only the model joins, to tick.
    // She asked the Hội Nông dân; her live membership of the Hội Phụ nữ stays unless she ticks it.
    await dialog.getByText('Sẽ xóa ở 1 hồ sơ').waitFor();
    const asked = dialog.getByRole('checkbox', {
      name: /Hội Nông dân Việt Nam — HND-B — Cầm Thị Bình \(Đang sinh hoạt; hồ sơ được đề nghị xóa\)/,
    });
    expect([await asked.isChecked(), await asked.isDisabled()]).toEqual([true, true]);
    const elsewhere = dialog.getByRole('checkbox', {
      name: /Hội Liên hiệp Phụ nữ Việt Nam — HPN-B — Cầm Thị Bình \(Đang sinh hoạt; giữ lại\)/,
    });
    expect(await elsewhere.isChecked()).toBe(false);
    // Her Hội Nông dân membership is still running: erasing does not end it, and she is told so.
    await dialog.getByText('xóa dữ liệu không kết thúc sinh hoạt').waitFor();
    await dialog.getByText('Người này còn sinh hoạt ở tổ chức khác').waitFor();
    await elsewhere.check();
    await dialog.getByText('Sẽ xóa ở 2 hồ sơ').waitFor();
    await dialog.getByRole('checkbox', { name: /HPN-B — Cầm Thị Bình \(Đang sinh hoạt; sẽ xóa\)/ }).waitFor();
    await dialog.getByRole('checkbox', { name: /HPN-B/ }).uncheck();
    await dialog.getByText('Sẽ xóa ở 1 hồ sơ').waitFor();
    // The reason stays in the log: the form says not to name her there.
    await dialog.getByText('không ghi họ tên, số CCCD hay số điện thoại của người này').waitFor();
    const onlyModel = dialog.getByRole('checkbox', { name: /Công đoàn Việt Nam — CD-B — Cầm Thị Bình/ });
    expect(await onlyModel.isChecked()).toBe(false);
    expect(await review(page)).toEqual(CLEAN);
    await onlyModel.check();
    await dialog.getByText('Sẽ xóa ở 2 hồ sơ').waitFor();
    await dialog.getByLabel(/Lý do/).fill('Đơn đề nghị xóa dữ liệu ngày hôm nay');
    await dialog.getByRole('button', { name: 'Xóa dữ liệu' }).click();
    // Erased, the record keeps no code of hers (XOA-…): the request shows answered.
    const answered = rows.filter({ hasText: 'Xóa dữ liệu cá nhân' }).filter({ hasText: 'Đã trả lời' });
    await answered.waitFor();
    // …said as what it is, not by that code.
    expect(await answered.innerText()).toContain('Hội Nông dân Việt Nam · hồ sơ đã xóa dữ liệu cá nhân');
    expect(await answered.innerText()).not.toContain('XOA-');

    const erased = await t.sql(`SELECT 1 FROM member_record WHERE erased_at IS NOT NULL AND external_id LIKE 'XOA-%'`);
    expect(erased).toHaveLength(2);
    // Her Hội Phụ nữ membership is as it was.
    expect(await t.sql(`SELECT full_name, erased_at FROM member_record WHERE external_id = 'HPN-B'`)).toEqual([
      { full_name: 'Cầm Thị Bình', erased_at: null },
    ]);
    const open = await t.sql(`SELECT 1 FROM personal_data_request WHERE done_at IS NULL`);
    expect(open).toHaveLength(0);
    const actions = await t.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE actor_name = 'qt-rq' AND action LIKE 'PERSONAL_DATA_%' ORDER BY id`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'PERSONAL_DATA_REQUESTED',
      'PERSONAL_DATA_REQUESTED',
      'PERSONAL_DATA_EXPORTED',
      'PERSONAL_DATA_ERASED',
      'PERSONAL_DATA_ERASED',
    ]);
    await context.close();
  });

  it('asks the Hội Nông dân’s office before she adds back a person erased at her request, and saves her only when told she agreed', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('xa-hnd-rq', Role.SECRETARIAT, 'HND'));
    page.setDefaultTimeout(8000);
    await page.getByRole('button', { name: 'Thêm hội viên' }).click();
    const form = page.getByRole('dialog', { name: 'Thêm hội viên' });
    await form.getByLabel('Họ và tên').fill('Cầm Thị Bình');
    await form.getByLabel(/^Ngày sinh/).fill('02/02/1972');
    await form.getByLabel(/^Số CCCD/).fill('001172222222');
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    // Not "send again with confirmErasedPerson": a question she can answer, as the duplicate check asks.
    const asked = page.getByRole('dialog', { name: 'Người này đã yêu cầu xóa dữ liệu cá nhân' });
    await asked
      .getByText(/^Người này \(trùng số CCCD\) đã yêu cầu tổ chức này xóa dữ liệu cá nhân ngày .*người đó đã đồng ý chưa\?$/)
      .waitFor();
    expect(await review(page)).toEqual(CLEAN);
    const hers = async () =>
      (await t.sql(`SELECT 1 FROM member_record WHERE organization_code = 'HND' AND full_name = 'Cầm Thị Bình'`)).length;
    await asked.getByRole('button', { name: 'Không lưu, xem lại' }).click();
    await asked.waitFor({ state: 'hidden' });
    expect(await hers()).toBe(0);
    await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await asked.getByRole('button', { name: 'Vẫn lưu' }).click();
    await page.getByRole('dialog', { name: 'Cầm Thị Bình' }).waitFor();
    expect(await hers()).toBe(1);
    const [logged] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'ERASED_PERSON_RECREATED'`);
    expect(logged.n).toBe(1);
    await context.close();
  });
});
