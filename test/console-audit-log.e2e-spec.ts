import { Role } from '../src/access/role.js';
import { AuthService } from '../src/accounts/auth.service.js';
import { EnrolmentService } from '../src/accounts/enrolment.service.js';
import { periodContaining } from '../src/common/dates/period.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { CLI_PRINCIPAL, createTestApp, enrol, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị,Trạng thái';

type Line = { action: string; subjectType: string | null; subjectId: string | null; subjectCode: string | null };

/**
 * The administrator reads what a Ban Dân vận officer did (issue: audit log wording): a pair decided
 * "hai người khác nhau" is not a split, one decided "cùng một người" not a merge, a report downloaded
 * not a list exported; and she finds a member's lines by the Mã hồ sơ she has on paper, the record's
 * lines and its person's, each record named by its Mã hồ sơ.
 */
describe('the console: the audit log names what was done and finds a record by its Mã hồ sơ', () => {
  let t: TestApp;
  let b: TestBrowser;
  const idOf = async (code: string) => (await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = $1`, [code]))[0].id;
  const lines = async (subject: string) => {
    const r = await t.gql<{ auditEvents: { nodes: Line[] } }>(
      `query($s: String) { auditEvents(subjectId: $s, first: 500) { nodes { action subjectType subjectId subjectCode } } }`,
      { s: subject },
    );
    expect(r.errors).toBeUndefined();
    return r.data!.auditEvents.nodes;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('CCB', HEADER, [
      'CCB1076271,Hoàng Văn Thụ,01/01/1952,Nam,00004,CCB-CHI-1,Đang sinh hoạt',
      'CCB1076272,Nguyễn Văn Cừ,05/07/1950,Nam,00004,CCB-CHI-1,Đang sinh hoạt',
    ]);
    await t.importRoster('HND', HEADER, [
      'HND-1,Hoàng Văn Thụ,01/01/1952,Nam,00004,HND-CHI-1,Đang sinh hoạt',
      'HND-2,Nguyễn Văn Cừ,1950,Nam,00004,HND-CHI-1,Đang sinh hoạt',
    ]);
    await t.app.get(LinkerService).link();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('logs a review decision and a report download as what they are, and shows them in her words', async () => {
    const officer = await t.logIn(await t.createUser('bdv-nhat-ky', Role.DAN_VAN));
    const decide = (a: string, b: string, decision: string) =>
      t.gql(
        `mutation($a: ID!, $b: ID!, $d: ReviewDecision!) { decideLink(recordA: $a, recordB: $b, decision: $d, reason: "Chi hội xác nhận") }`,
        { a, b, d: decision },
        { token: officer },
      );
    // Put off first, with her doubt ("chưa chắc"), then decided.
    const deferred = await t.gql(
      `mutation($a: ID!, $b: ID!) { deferLinkPair(recordA: $a, recordB: $b, reason: "Hai ông cùng tên, chờ chi hội") }`,
      { a: await idOf('CCB1076271'), b: await idOf('HND-1') },
      { token: officer },
    );
    expect(deferred.errors).toBeUndefined();
    expect((await decide(await idOf('CCB1076271'), await idOf('HND-1'), 'REJECT')).errors).toBeUndefined();
    // Asking the secretariat to look at a flag: a flag decision, named by what it asked.
    const [flag] = await t.sql<{ record_id: string; code: string }>(`SELECT record_id, code FROM record_flag ORDER BY code LIMIT 1`);
    const attention = await t.gql(
      `mutation($id: ID!, $c: String!) { resolveFlag(recordId: $id, code: $c, resolution: "ATTENTION", note: "Đề nghị Hội kiểm tra") }`,
      { id: flag.record_id, c: flag.code },
      { token: officer },
    );
    expect(attention.errors).toBeUndefined();
    expect((await decide(await idOf('CCB1076272'), await idOf('HND-2'), 'CONFIRM')).errors).toBeUndefined();
    const run = await t.gql<{ runReport: { id: string } }>(`mutation($p: String!) { runReport(period: $p) { id } }`, {
      p: periodContaining('QUARTER', new Date()).key,
    });
    expect(run.errors).toBeUndefined();
    const res = await fetch(`${t.url}/reports/${run.data!.runReport.id}.xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();

    // The server: each action under its own name.
    const pairs = await t.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE subject_type = 'RECORD_PAIR' AND actor_name = 'bdv-nhat-ky' ORDER BY id`,
    );
    expect(pairs.map((p) => p.action)).toEqual(['REVIEW_DEFERRED', 'REVIEW_TWO_PEOPLE', 'REVIEW_SAME_PERSON']);
    const reports = await t.sql<{ action: string }>(`SELECT action FROM audit_event WHERE subject_type = 'REPORT' AND subject_id = $1`, [
      run.data!.runReport.id,
    ]);
    expect(reports.map((r) => r.action)).toContain('REPORT_DOWNLOADED');
    expect(reports.map((r) => r.action)).not.toContain('EXPORT');

    // A log-in with a wrong password: logged with why, which the console says in words.
    const wrong = await t.gql(
      `mutation { logIn(input: { username: "bdv-nhat-ky", password: "khong-dung-mat-khau", totpCode: "000000" }) { token } }`,
    );
    expect(wrong.errors?.[0].message).toContain('Đăng nhập không thành công');
    // Her enrolment password used a second time (she kept the paper): logged with why, in words too.
    const made = await t.app
      .get(AuthService)
      .createUser({ username: 'vp-lan-dau', role: Role.SECRETARIAT, organization: 'HND' }, CLI_PRINCIPAL);
    await enrol(t.app.get(EnrolmentService), 'vp-lan-dau', made.enrolmentPassword);
    const again = await t.gql(
      `mutation($p: String!) { startEnrolment(input: { username: "vp-lan-dau", enrolmentPassword: $p }) { otpauthUri } }`,
      { p: made.enrolmentPassword },
      { token: null },
    );
    expect(again.errors?.[0].message).toContain('Mật khẩu lần đầu này đã được dùng');

    // The console: in her words.
    const admin = await t.createUser('qt-nhat-ky', Role.ADMIN);
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, admin);
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.locator('label', { hasText: 'Nhật ký' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(async () => {
      const texts = await rows.allInnerTexts();
      expect(texts.some((r) => r.includes('Quyết định rà soát: hai người khác nhau'))).toBe(true);
      // A pair by both its records' Mã hồ sơ, not an id.
      expect(texts.some((r) => r.includes('Cặp hồ sơ CCB1076271 và HND-1'))).toBe(true);
      expect(texts.some((r) => r.includes('Quyết định rà soát: cùng một người'))).toBe(true);
      // The report by its period and area, and in which form it went out; not by an id.
      expect(texts.some((r) => /Tải báo cáo.*Báo cáo Quý [IV]+\/\d{4} — Toàn tỉnh \(Excel\)/s.test(r))).toBe(true);
      expect(texts.some((r) => r.includes('Rà soát: chưa chắc, để sau') && r.includes('Hai ông cùng tên, chờ chi hội'))).toBe(true);
      expect(texts.some((r) => r.includes('Cảnh báo: Ban Dân vận đề nghị chú ý') && r.includes('Đề nghị Hội kiểm tra'))).toBe(true);
      expect(texts.some((r) => /Tách người|Gộp người/.test(r))).toBe(false);
      expect(texts.some((r) => r.includes('bdv-nhat-ky') && r.includes('Sai mật khẩu'))).toBe(true);
      expect(texts.some((r) => r.includes('vp-lan-dau') && r.includes('Mật khẩu lần đầu đã dùng rồi'))).toBe(true);
      expect(texts.some((r) => r.includes('ENROLMENT_USED'))).toBe(false);
    }, 10_000);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('finds a member’s lines by the Mã hồ sơ (its record and its person), and names the record by it', async () => {
    const id = await idOf('CCB1076271');
    const read = await t.gql(`query($id: ID!) { memberRecord(id: $id) { id } }`, { id });
    expect(read.errors).toBeUndefined();
    // An edit, as the console sends it (the changed fields, her reason): its line says which fields it changed.
    const edit = `mutation($id: ID!) { updateMemberRecord(id: $id, input: { phone: "0912000111", village: "Bản Mới", reason: "Theo đơn của hội viên" }) { id } }`;
    expect((await t.gql(edit, { id })).errors).toBeUndefined();
    const [{ person_id: personId }] = await t.sql<{ person_id: string }>(`SELECT person_id FROM record_person WHERE record_id = $1`, [id]);
    const viewed = await t.gql(`query($id: ID!) { person(id: $id) { id } }`, { id: personId });
    expect(viewed.errors).toBeUndefined();

    // Typed as on paper, in any case: the record's read and its person's view, nothing of the other records.
    const found = await lines('ccb1076271');
    expect(found).toContainEqual({ action: 'RECORD_READ', subjectType: 'MEMBER_RECORD', subjectId: id, subjectCode: 'CCB1076271' });
    expect(found).toContainEqual({ action: 'RECORD_UPDATED', subjectType: 'MEMBER_RECORD', subjectId: id, subjectCode: 'CCB1076271' });
    // A person's line is named by its records' Mã hồ sơ (kept apart from the HND's namesake above: this one alone), not by its id.
    expect(found).toContainEqual(expect.objectContaining({ subjectType: 'PERSON', subjectId: personId, subjectCode: 'CCB1076271' }));
    expect(found.every((l) => l.subjectId === id || l.subjectId === personId)).toBe(true);
    // A raw id and a username still find theirs.
    expect(await lines(id)).toEqual(found.filter((l) => l.subjectId === id));
    const [{ id: userId }] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'bdv-nhat-ky'`);
    expect((await lines('bdv-nhat-ky')).every((l) => l.subjectId === userId)).toBe(true);

    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('qt-nhat-ky-2', Role.ADMIN));
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.locator('label', { hasText: 'Nhật ký' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByLabel('Mã đối tượng').fill('CCB1076271');
    await eventually(async () => {
      const texts = await rows.allInnerTexts();
      expect(texts.length).toBe(found.length);
      expect(texts.some((r) => r.includes('Hồ sơ CCB1076271'))).toBe(true);
      expect(texts.some((r) => r.includes('Người CCB1076271'))).toBe(true);
      expect(texts.some((r) => r.includes(id) || r.includes(personId))).toBe(false);
      expect(texts.some((r) => r.includes('Theo đơn của hội viên (sửa: Số điện thoại, Thôn/bản)'))).toBe(true);
    }, 10_000);
    expect(await review(page)).toEqual(CLEAN);
    // Whose lines: a few letters of the account, then the account picked from those that hold them.
    await page.getByLabel('Mã đối tượng').fill('');
    await page.getByLabel('Người thực hiện').fill('qt-nhat');
    const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await eventually(async () => expect(await offered.allInnerTexts()).toEqual(['qt-nhat-ky', 'qt-nhat-ky-2']));
    await offered.filter({ hasText: /^qt-nhat-ky-2$/ }).click();
    await eventually(async () => {
      const texts = await rows.allInnerTexts();
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((r) => r.includes('qt-nhat-ky-2'))).toBe(true);
    }, 10_000);
    await context.close();
  });

  it('an erased record is shown by its id as before, and its old Mã hồ sơ no longer finds it', async () => {
    const id = await idOf('CCB1076271');
    const erased = await t.gql(`mutation($id: ID!) { erasePersonalData(id: $id, reason: "Đơn yêu cầu xóa ngày 01/12/2026") { id } }`, {
      id,
    });
    expect(erased.errors).toBeUndefined();
    const byId = await lines(id);
    expect(byId.some((l) => l.action === 'RECORD_READ')).toBe(true);
    expect(byId.every((l) => l.subjectCode === null)).toBe(true);
    expect(await lines('CCB1076271')).toEqual([]);
  });
});
