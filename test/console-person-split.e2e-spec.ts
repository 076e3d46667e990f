import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Role } from '../src/access/role.js';
import { chooseOption, CLEAN, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

/**
 * The Ban Dân vận officer splits a person from a member's page (Cảnh báo → the member → her person):
 * the page behind says at once that the member is in no other organization now — not the old
 * "also in Công đoàn" until she reloads.
 */
describe('the console: a person split from a member’s page', () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HND', HEADER, ['H8,Đinh Văn Tú,20/10/1985,Nam,,0911000001,00004,B1,Đang sinh hoạt']);
    await t.importRoster('CD', HEADER, ['C8,Đinh Văn Tú,1985,Nam,,,00004,C1,Đang sinh hoạt']);
    await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'link'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
    });
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('shows the member alone once the other record is split off, and the person’s records with their birth dates', async () => {
    const persons = await t.sql<{ n: number }>(`SELECT count(DISTINCT person_id)::int AS n FROM record_person`);
    expect(persons).toEqual([{ n: 1 }]); // the run linked them: one person in two organizations
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-tach', Role.DAN_VAN));
    page.setDefaultTimeout(8000);
    await page.getByRole('link', { name: 'Cảnh báo', exact: true }).click();
    // In two organizations is no problem to list by itself: asked for by its kind.
    await chooseOption(page, page.getByRole('combobox', { name: 'Loại cảnh báo' }), /^Ở nhiều tổ chức/);
    await page.getByRole('row').filter({ hasText: 'H8' }).getByRole('button', { name: 'Đinh Văn Tú' }).click();
    const member = page.getByRole('dialog').filter({ hasText: 'Cùng một người ở các tổ chức' });
    await member.getByText(/Công đoàn Việt Nam/).waitFor();
    await member.getByRole('button', { name: 'Xem, tách hoặc gộp người này' }).click();
    const person = page.getByRole('dialog').filter({ has: page.getByText('Một người ở các tổ chức', { exact: true }) });
    await person.getByText('2 hồ sơ').waitFor();
    expect(await person.getByRole('row').filter({ hasText: 'H8' }).innerText()).toContain('20/10/1985');
    // Each record's warnings within the drawer at 1366 px, not cut at its edge.
    const drawer = (await person.locator('.ant-drawer-body').boundingBox())!;
    const tags = person.locator('.ant-table .ant-tag');
    expect(await tags.count()).toBeGreaterThan(0);
    for (const tag of await tags.all()) {
      const box = (await tag.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(drawer.x + drawer.width);
    }
    await person.getByLabel('Chọn để tách: Công đoàn Việt Nam C8').check();
    await person.getByLabel('Lý do', { exact: true }).fill('Hai người trùng tên, khác cha mẹ (chi hội xác minh)');
    await person.getByRole('button', { name: 'Tách các hồ sơ đã chọn thành người khác' }).click();
    await person.getByText(/^Đã tách/).waitFor();
    await person.getByRole('button', { name: 'Đóng' }).click();
    await person.waitFor({ state: 'hidden' });
    // The member's page behind: read again, not as it was before the split.
    await member.getByText('Không thấy người này ở tổ chức nào khác.').waitFor();
    expect(await member.getByText(/Công đoàn Việt Nam/).count()).toBe(0);
    expect(await review(page)).toEqual(CLEAN);

    // The chi hội finds it was one man after all: she merges him back, picking the other by what the check shows, not by an id.
    await member.getByRole('button', { name: 'Xem, tách hoặc gộp người này' }).click();
    await person.getByText('1 hồ sơ').waitFor();
    await person.getByText('Những người có thể là người này (kiểm tra trùng)').waitFor();
    // The split is on the person, with who, when and why — and the other is not offered as "almost surely the same".
    const decisions = person.getByTestId('person-decisions');
    await decisions.getByText('Hai người khác nhau', { exact: false }).waitFor();
    expect(await decisions.innerText()).toContain('bdv-tach');
    expect(await decisions.innerText()).toContain('Lý do: Hai người trùng tên, khác cha mẹ (chi hội xác minh)');
    const other = person
      .getByRole('listitem')
      .filter({ hasText: /Đinh Văn Tú — Công đoàn Việt Nam: bdv-tach đã xác định là hai người khác nhau/ });
    const mergeAnyway = other.getByRole('button', { name: 'Vẫn gộp (đã xác định là hai người)' });
    expect(await mergeAnyway.isDisabled()).toBe(true); // no reason yet
    await person.getByLabel('Lý do', { exact: true }).fill('Chi hội xác minh lại: cùng một người');
    await mergeAnyway.click();
    await person.getByText('Đã gộp hai người làm một.').waitFor();
    await person.getByText('2 hồ sơ').waitFor();
    // The merge took the split back: one decision now, "one person", with the merge's reason.
    await decisions.getByText('Cùng một người', { exact: false }).waitFor();
    expect(await decisions.innerText()).not.toContain('Hai người khác nhau');
    expect(await decisions.innerText()).toContain('Lý do: Chi hội xác minh lại: cùng một người');
    expect(await t.sql(`SELECT count(DISTINCT person_id)::int AS n FROM record_person`)).toEqual([{ n: 1 }]);
    const audit = await t.sql<{ reason: string }>(
      `SELECT n.text AS reason FROM audit_event e JOIN audit_note n ON n.id = e.note_id WHERE e.action = 'MERGE'`,
    );
    expect(audit).toEqual([{ reason: 'Chi hội xác minh lại: cùng một người' }]);
    await context.close();
  });

  it('lists a person a review said is another even when the duplicate check does not find him (another name), to merge back if that was wrong', async () => {
    await t.importRoster('HND', HEADER, ['H9,Lò Văn Sáng,01/02/1970,Nam,,0911000009,00004,B1,Đang sinh hoạt']);
    await t.importRoster('CD', HEADER, ['C9,Cầm Văn Khoa,1955,Nam,,,00008,C1,Đang sinh hoạt']);
    await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'link'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
    });
    const [h9] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'H9'`);
    const [c9] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'C9'`);
    const [a, b2] = [h9.id, c9.id].sort();
    await t.sql(
      `INSERT INTO link_review (record_a, record_b, decision, reason, decided_by) VALUES ($1, $2, 'REJECT', 'Hai người khác nhau', 'bdv-khac')`,
      [a, b2],
    );
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-gop-lai', Role.DAN_VAN));
    await page.goto(`${t.url}/#/danh-sach?to-chuc=HND`);
    await page.getByRole('button', { name: 'Lò Văn Sáng' }).click();
    await page.getByRole('dialog', { name: 'Lò Văn Sáng' }).getByRole('button', { name: 'Xem, tách hoặc gộp người này' }).click();
    const person = page.getByRole('dialog').filter({ has: page.getByText('Một người ở các tổ chức', { exact: true }) });
    await person
      .getByTestId('person-decisions')
      .getByText(/Hai người khác nhau/)
      .waitFor();
    // Not "no one like this person" under a decision about Cầm Văn Khoa: he is listed, said so, with "Vẫn gộp".
    const other = person
      .getByRole('listitem')
      .filter({ hasText: /Cầm Văn Khoa — Công đoàn Việt Nam: bdv-khac đã xác định là hai người khác nhau/ });
    await other.getByRole('button', { name: 'Vẫn gộp (đã xác định là hai người)' }).waitFor();
    expect(await person.getByText('Kiểm tra trùng không thấy người nào khác giống người này.').count()).toBe(0);
    await context.close();
  });

  it('gives a secretariat the decisions on her member’s person, the other organization’s record only where it is listed', async () => {
    const hnd = await t.serviceToken(Role.SECRETARIAT, 'HND');
    const [h8] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'H8'`);
    const r = await t.gql<{ memberRecord: { person: { decisions: { decision: string; own: object; other: object }[] } } }>(
      `query($id: ID!) { memberRecord(id: $id) { person { decisions { decision decidedBy own { organization externalId fullName } other { organization externalId fullName } } } } }`,
      { id: h8.id },
      { token: hnd },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.memberRecord.person.decisions).toEqual([
      {
        decision: 'CONFIRM',
        decidedBy: 'bdv-tach',
        own: { organization: 'HND', externalId: 'H8', fullName: 'Đinh Văn Tú' },
        other: { organization: 'CD', externalId: null, fullName: null },
      },
    ]);
  });
});
