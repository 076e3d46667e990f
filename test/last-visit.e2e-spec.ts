import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Role } from '../src/access/role.js';
import { periodContaining } from '../src/common/dates/period.js';
import { createDtnUnits } from './support/dtn-units.js';
import { CLEAN, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, REGISTER_HEADER, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào,Ngày sinh hoạt gần nhất';
const QUERY = `{ sinceLastVisit { since newSuspects pendingReviews reportsComputed } }`;

interface Since {
  since: string | null;
  newSuspects: number;
  pendingReviews: number | null;
  reportsComputed: number;
}

/**
 * "Since your last visit": a Hội Nông dân secretariat sees the suspects raised after her previous
 * log-in (not the ones found before it, which the next run finds again), the reports computed since;
 * another organization's secretariat sees none of hers; the Ban Dân vận also sees the pairs waiting.
 */
describe('what changed since her last visit', () => {
  let t: TestApp;
  let b: TestBrowser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-last-visit-'));
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), ...args], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
      encoding: 'utf8',
    });
  /** A register extract is whole: each one lists every death so far. */
  const register = async (...lines: string[]) => {
    const extract = path.join(dir, `dan-cu-${Date.now()}.csv`);
    fs.writeFileSync(extract, [REGISTER_HEADER, ...lines].join('\n'));
    await cli('import-residents', extract);
  };
  const since = async (token: string) => (await t.gql<{ sinceLastVisit: Since }>(QUERY, {}, { token })).data!.sinceLastVisit;

  beforeAll(async () => {
    t = await createTestApp();
    fs.chmodSync(dir, 0o755);
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts the suspects raised and the reports computed after her previous log-in, within her rights', async () => {
    await t.importRoster('HND', HEADER, [
      'OLD-DEAD,Lò Thị Phương,13/11/1966,Nữ,001166394928,,00008,B1,Đang sinh hoạt,01/08/2017,01/10/2026',
      'NEW-DEAD,Quàng Văn Mất,05/05/1950,Nam,001050555555,,00008,B1,Đang sinh hoạt,01/05/2000,01/10/2026',
    ]);
    await t.importRoster('HPN', HEADER, ['PN-1,Lường Thị Xuân,02/02/1980,Nữ,001180222222,,00008,C1,Đang sinh hoạt,01/05/2000,01/10/2026']);
    const oldDeath = 'Lò Thị Phương,13/11/1966,Nữ,001166394928,00008,Đã mất,16/03/2023';
    await register(oldDeath);
    await cli('link');

    // Their first visits: the enrolment's log-in.
    const hnd = await t.createUser('xa-hnd', Role.SECRETARIAT, 'HND');
    const hpn = await t.createUser('xa-hpn', Role.SECRETARIAT, 'HPN');
    const danVan = await t.createUser('dan-van', Role.DAN_VAN);
    const hndInBrowser = await t.createUser('xa-hnd-2', Role.SECRETARIAT, 'HND');
    const [{ at: firstVisit }] = await t.sql<{ at: Date }>(
      `SELECT max(at) AS at FROM audit_event WHERE actor_name = 'xa-hnd' AND action = 'LOGIN'`,
    );

    // While she is away: a second member dies, the linker runs again, a report is computed.
    await register(oldDeath, 'Quàng Văn Mất,05/05/1950,Nam,001050555555,00008,Đã mất,01/11/2026');
    await cli('link');
    const report = await t.gql(`mutation { runReport(period: "2026-Q4") { id } }`);
    expect(report.errors).toBeUndefined();

    const hndToken = await t.logIn(hnd);
    const back = await since(hndToken);
    expect(new Date(back.since!).getTime()).toBe(new Date(firstVisit).getTime());
    // Only the new death: the old one, found again by the second run, keeps the time it was first raised.
    expect(back).toMatchObject({ newSuspects: 1, pendingReviews: null, reportsComputed: 1 });
    const [raised] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM record_flag f JOIN member_record r ON r.id = f.record_id
        WHERE r.external_id = 'OLD-DEAD' AND f.code = 'DECEASED' AND f.raised_at < $1`,
      [firstVisit],
    );
    expect(raised.n).toBe(1);
    // Cảnh báo lists those the count counts, by the same moment.
    const listed = await t.gql<{ flaggedRecords: { externalId: string }[] }>(
      `query($s: DateTime!) { flaggedRecords(raisedSince: $s) { externalId } }`,
      { s: back.since },
      { token: hndToken },
    );
    expect(listed.data!.flaggedRecords.map((r) => r.externalId)).toEqual(['NEW-DEAD']);
    // Another organization's secretariat: not hers.
    expect(await since(await t.logIn(hpn))).toMatchObject({ newSuspects: 0, reportsComputed: 1 });

    // The Ban Dân vận reads across organizations and decides the pairs waiting.
    const officer = await since(await t.logIn(danVan));
    expect(officer.newSuspects).toBe(1);
    expect(officer.pendingReviews).toEqual(expect.any(Number));
    // In the console: the same, as links to where she acts on them (no reviews: not hers to decide).
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, hndInBrowser);
    const note = page.getByRole('alert').filter({ hasText: 'Từ lần đăng nhập trước' });
    await note.waitFor();
    // Not a report computed (she has no Báo cáo screen to read it), nor pairs to review (not hers to decide).
    expect(await note.innerText()).not.toContain('báo cáo mới được tính');
    expect(await note.innerText()).not.toContain('chờ rà soát');
    expect(await review(page)).toEqual(CLEAN);
    await note.getByRole('link', { name: '1 hồ sơ mới bị nghi ảo' }).click();
    await page.getByRole('row').filter({ hasText: 'Quàng Văn Mất' }).getByText('Đã mất', { exact: true }).waitFor();
    // The one she was told of, not the suspects she had already seen: said so, and all of them a click away.
    const onlyNew = page.getByTestId('since-filter');
    expect(await onlyNew.innerText()).toContain('Chỉ hồ sơ mới bị nghi ảo từ');
    expect(await page.getByRole('row').filter({ hasText: 'Lò Thị Phương' }).count()).toBe(0);
    expect(await review(page)).toEqual(CLEAN);
    await onlyNew.getByRole('button', { name: 'Xem tất cả' }).click();
    await page.getByRole('row').filter({ hasText: 'Lò Thị Phương' }).first().waitFor();
    expect(page.url()).not.toContain('moi-tu');
    await note.getByRole('button', { name: 'Đã xem' }).click();
    await note.waitFor({ state: 'detached' });
    await context.close();
    // A service token has no visits.
    expect(await since(await t.serviceToken(Role.DAN_VAN))).toMatchObject({ since: null, newSuspects: 0, reportsComputed: 0 });
  });

  it('does not tell her of a report she computed herself, but tells the others', async () => {
    const period = periodContaining('MONTH', new Date()).key;
    const her = await t.createUser('xa-hnd-bao-cao', Role.SECRETARIAT, 'HND');
    const other = await t.createUser('dan-van-2', Role.DAN_VAN);
    const token = await t.logIn(her);
    const ran = await t.gql(`mutation($p: String!) { runReport(period: $p, scope: "org:HND") { id } }`, { p: period }, { token });
    expect(ran.errors).toBeUndefined();
    const [made] = await t.sql<{ computed_by: string }>(`SELECT computed_by FROM report_snapshot WHERE period = $1 AND scope = 'org:HND'`, [
      period,
    ]);
    expect(made.computed_by).toBe('xa-hnd-bao-cao');
    // Since her previous log-in (the enrolment's), by her own session: her own report is not news.
    expect(await since(token)).toMatchObject({ reportsComputed: 0 });
    expect(await since(await t.logIn(other))).toMatchObject({ reportsComputed: 1 });
  });

  it('tells the receiving secretariat at log-in that a transfer waits for her, and takes her to it', async () => {
    await createDtnUnits(t);
    const sender = await t.logIn(await t.createUser('vp.a', Role.SECRETARIAT, 'DTN', 'A'));
    const created = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
      { i: { organization: 'DTN', externalId: 'DTN-CHUYEN', fullName: 'Hà Văn Chuyển', unit: 'A', birthDate: '2002' } },
      { token: sender },
    );
    const sent = await t.gql(
      `mutation($i: TransferMemberRecordInput!) { transferMemberRecord(input: $i) { id } }`,
      { i: { id: created.data!.createMemberRecord.id, unit: 'B', date: '15/11/2026', reason: 'Chuyển nơi cư trú' } },
      { token: sender },
    );
    expect(sent.errors).toBeUndefined();
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('vp.b', Role.SECRETARIAT, 'DTN', 'B'));
    const note = page.getByRole('alert').filter({ hasText: 'chuyển đến' });
    await note.getByRole('link', { name: '1 hồ sơ chuyển đến đang chờ bạn tiếp nhận' }).click();
    await page.getByRole('button', { name: 'Nhận vào đơn vị' }).first().waitFor();
    expect(await page.getByText('Hà Văn Chuyển').count()).toBeGreaterThan(0);
    expect(await review(page)).toEqual(CLEAN);
    // Once she has taken him in, nothing waits: the banner says so at once (not "1 … đang chờ" above "none waiting").
    await page.getByRole('button', { name: 'Nhận vào đơn vị' }).first().click();
    await note.getByText('1 hồ sơ chuyển đến đang chờ bạn tiếp nhận').waitFor({ state: 'detached' });
    await context.close();
  });
});
