import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { totpCode } from '../src/accounts/totp.js';
import { archiveName } from '../src/backups/backups.service.js';
import { CLEAN, chooseOption, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { serverEnv, startBuiltServer, stopBuiltServer, type BuiltServer } from './support/built-server.js';

/**
 * Quản trị → Sao lưu and Liên kết hồ sơ on the built server with its own DATA_DIR, as an operator
 * runs it: the administrator starts a backup from the console; the archive is in BACKUP_DIR (beside
 * DATA_DIR), without the key, and `lienthong restore` makes a working DATA_DIR of it; the backup and
 * one taken with `lienthong backup` are listed with who took them and each left a BACKUP_TAKEN line,
 * read in Nhật ký; each link run says who started it (the CLI, then her).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/lienthong.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-console-backup-'));
const source = path.join(work, 'data');
const backups = path.join(work, 'backups');
const restored = path.join(work, 'restored');
const ADMIN = 'qt-sao-luu';
const OS_USER = os.userInfo().username;

const cli = (dataDir: string, args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { env: serverEnv(dataDir, 0), encoding: 'utf8' });

/** The CLI without blocking this process while the server runs (a blocked test leaves its idle HTTP connections to be closed under it). */
const cliAsync = (dataDir: string, args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: serverEnv(dataDir, 0) });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });

interface Backup {
  id: string;
  status: string;
  startedByKind: string;
  startedBy: string;
  file: string;
  bytes: number | null;
  withKey: boolean;
  restoreCommand: string | null;
}

describe('the console: backups and who started a link run (Quản trị)', () => {
  let server: BuiltServer | null = null;
  let b: TestBrowser;
  let token: string;
  let admin: { username: string; password: string; totpSecret: string };
  /** Her page, logged in once (a second log-in within the same 30 s would reuse the code). */
  let page: Page;

  async function gql<T>(query: string, variables: object = {}, bearer = token): Promise<T> {
    const res = await fetch(`http://127.0.0.1:${server!.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }

  beforeAll(async () => {
    // Two records and a link run from the command line before the server starts.
    const madeToken = cli(source, ['token', 'create', '--name', 'kiem-tra-sao-luu', '--role', 'ADMIN']);
    expect(madeToken.status).toBe(0);
    token = madeToken.stdout.trim().split('\n').pop()!;
    const created = cli(source, ['user', 'create', '--username', ADMIN, '--role', 'ADMIN']);
    expect(created.status).toBe(0);
    const enrolmentPassword = /^enrolment-password\t(.+)$/m.exec(created.stdout)![1];
    server = await startBuiltServer(source);
    for (const [externalId, fullName] of [
      ['SL-1', 'Lò Văn Lưu'],
      ['SL-2', 'Quàng Thị Giữ'],
    ])
      await gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
        i: { organization: 'HND', externalId, fullName },
      });
    expect((await cliAsync(source, ['link'])).status).toBe(0);
    // Her first log-in, over the API: the code of the previous step, so the current one is left for the page.
    const { startEnrolment } = await gql<{ startEnrolment: { totpSecret: string } }>(
      `mutation($i: EnrolmentInput!) { startEnrolment(input: $i) { totpSecret } }`,
      { i: { username: ADMIN, enrolmentPassword } },
    );
    admin = { username: ADMIN, password: 'Sao lưu mỗi tuần một lần', totpSecret: startEnrolment.totpSecret };
    await gql(`mutation($i: CompleteEnrolmentInput!) { completeEnrolment(input: $i) { token } }`, {
      i: { username: ADMIN, enrolmentPassword, newPassword: admin.password, totpCode: totpCode(admin.totpSecret, Date.now() - 30_000) },
    });
    b = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    if (server) await stopBuiltServer(server, 'SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  });

  const openPart = (page: Page, name: string) => page.locator('label.ant-radio-button-wrapper').filter({ hasText: name }).click();
  const backupList = async () =>
    (
      await gql<{ backups: { directory: string; runs: Backup[] } }>(
        `{ backups { directory runs { id status startedByKind startedBy file bytes withKey restoreCommand } } }`,
      )
    ).backups;

  it('takes a backup from Sao lưu that restores, lists it with the CLI one, each audited and read in Nhật ký', async () => {
    page = await logInThroughPage(await b.context(), `http://127.0.0.1:${server!.port}`, admin);
    await page.goto(`http://127.0.0.1:${server!.port}/#/quan-tri`);
    await openPart(page, 'Sao lưu');
    // The key is kept apart, said before anything is done; the folder is the one the server writes to.
    await page.getByText('KHÔNG chứa khóa dữ liệu cá nhân', { exact: false }).waitFor();
    await page.locator('code').filter({ hasText: backups }).first().waitFor();
    expect(
      await page
        .locator('code')
        .filter({ hasText: path.join(source, 'lienthong.key') })
        .count(),
    ).toBe(1);
    await page.getByText('Chưa có bản sao lưu nào.').waitFor();
    expect(await review(page)).toEqual(CLEAN);

    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: 'Sao lưu' }).click();
    const row = page.locator('.ant-table-row').first();
    await row.getByText('Đã xong').waitFor({ timeout: 60_000 });
    const [taken] = (await backupList()).runs;
    expect(taken).toMatchObject({ status: 'DONE', startedByKind: 'USER', startedBy: ADMIN, withKey: false });
    expect(taken.file).toMatch(/^lienthong-\d{4}-\d{2}-\d{2}-\d{6}\.tar\.gz$/);
    const archive = path.join(backups, taken.file);
    expect(fs.statSync(archive).size).toBe(taken.bytes);
    expect(fs.statSync(archive).mode & 0o077).toBe(0);
    // What she reads is the server's: who, the size, no key, the file; and the restore line to copy.
    const shown = await row.innerText();
    for (const part of [`${ADMIN} (Người dùng)`, 'Không có khóa', taken.file]) expect(shown).toContain(part);
    const command = page.locator('pre code');
    expect((await command.innerText()).trim()).toBe(taken.restoreCommand);
    // Run as copied, from the application's folder (a bare `lienthong` is not on a server's PATH).
    expect(taken.restoreCommand).toBe(`node ${process.cwd()}/bin/lienthong.js restore ${archive} --data-dir THƯ_MỤC_MỚI --key TỆP_KHÓA`);
    expect(await review(page)).toEqual(CLEAN);

    // A real backup: its members, no key in it, and restored (with the key kept apart) it holds the records.
    const members = spawnSync('tar', ['tzf', archive], { encoding: 'utf8' }).stdout.split('\n');
    expect(members).toEqual(expect.arrayContaining(['lienthong-backup.json', 'pg/backup_label', 'pg/PG_VERSION']));
    expect(members).not.toContain('lienthong.key');
    const restore = await cliAsync(restored, ['restore', archive, '--data-dir', restored, '--key', path.join(source, 'lienthong.key')]);
    expect(restore.stderr).toContain('đã khôi phục');
    expect(restore.stdout).toMatch(/^hồ sơ\t2$/m);

    // `lienthong backup` while the server runs: listed too, by the command line.
    const byCli = await cliAsync(source, ['backup', '--out', path.join(work, 'dong-lenh.tar.gz')]);
    expect(byCli.status).toBe(0);
    const [cliBackup] = (await backupList()).runs;
    expect(cliBackup).toMatchObject({ status: 'DONE', startedByKind: 'CLI', startedBy: `cli:${OS_USER}`, file: 'dong-lenh.tar.gz' });

    // One BACKUP_TAKEN line each, by whom, the backup's id as subject.
    const { auditEvents } = await gql<{ auditEvents: { nodes: { actorName: string; actorKind: string; subjectId: string }[] } }>(
      `{ auditEvents(action: BACKUP_TAKEN) { nodes { actorName actorKind subjectId } } }`,
    );
    expect(auditEvents.nodes).toEqual([
      { actorName: `cli:${OS_USER}`, actorKind: 'CLI', subjectId: cliBackup.id },
      { actorName: ADMIN, actorKind: 'USER', subjectId: taken.id },
    ]);
    await openPart(page, 'Nhật ký');
    const action = page.getByRole('combobox', { name: 'Hành động' });
    await action.click();
    await action.fill('sao luu');
    await chooseOption(page, action, 'Sao lưu cơ sở dữ liệu');
    const lines = page.locator('.ant-table-row');
    await eventually(async () => expect(await lines.count()).toBe(2), 10_000);
    expect(await lines.nth(0).innerText()).toContain(`cli:${OS_USER} (Dòng lệnh)`);
    expect(await lines.nth(1).innerText()).toContain(`${ADMIN} (Người dùng)`);
    expect(await lines.nth(1).innerText()).toContain(`Bản sao lưu ${taken.id}`);
    expect(await review(page)).toEqual(CLEAN);

    // One at a time: a second start while one runs is refused, saying why.
    const start = () =>
      fetch(`http://127.0.0.1:${server!.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation { startBackup { id status } }' }),
      }).then((r) => r.json() as Promise<{ data?: { startBackup: { id: string; status: string } }; errors?: { message: string }[] }>);
    const first = await start();
    const second = await start();
    expect(first.data!.startBackup.status).toBe('RUNNING');
    expect(second.errors![0].message).toBe('Một bản sao lưu đang chạy trên máy chủ này: chờ nó xong rồi sao lưu lại.');
    await eventually(
      async () => expect((await backupList()).runs[0]).toMatchObject({ id: first.data!.startBackup.id, status: 'DONE' }),
      60_000,
    );
  }, 180_000);

  it('says who started each link run: the command line, then her from the console', async () => {
    await openPart(page, 'Liên kết hồ sơ');
    await page.getByRole('button', { name: 'Chạy liên kết ngay' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: 'Chạy' }).click();
    const rows = page.locator('.ant-table-row');
    await eventually(async () => {
      expect(await rows.count()).toBe(2);
      expect(await rows.first().innerText()).toContain('Đã xong');
    }, 60_000);
    const { linkRuns } = await gql<{ linkRuns: { status: string; startedByKind: string | null; startedBy: string | null }[] }>(
      `{ linkRuns { status startedByKind startedBy } }`,
    );
    expect(linkRuns).toEqual([
      { status: 'DONE', startedByKind: 'USER', startedBy: ADMIN },
      { status: 'DONE', startedByKind: 'CLI', startedBy: `cli:${OS_USER}` },
    ]);
    expect(await rows.nth(0).innerText()).toContain(`${ADMIN} (Người dùng)`);
    expect(await rows.nth(1).innerText()).toContain(`cli:${OS_USER} (Dòng lệnh)`);
    expect(await review(page)).toEqual(CLEAN);
  }, 120_000);

  it('keeps serving when the backup disk is full, and says why in the list and on the command line', async () => {
    // Every write of the archive fails for want of space, as on a full disk: its file, whatever second the backup
    // starts in, is /dev/full.
    fs.mkdirSync(backups, { recursive: true });
    const partials = Array.from({ length: 60 }, (_, i) => path.join(backups, `${archiveName(new Date(Date.now() + i * 1000))}.partial`));
    for (const p of partials) fs.symlinkSync('/dev/full', p);
    const failures = async () =>
      (
        await gql<{ backups: { runs: { id: string; status: string; startedByKind: string; failure: string | null }[] } }>(
          `{ backups { runs { id status startedByKind failure } } }`,
        )
      ).backups.runs;
    try {
      const { startBackup } = await gql<{ startBackup: { id: string } }>('mutation { startBackup { id status } }');
      await eventually(async () => expect((await failures()).find((r) => r.id === startBackup.id)?.status).toBe('FAILED'), 60_000);
      expect((await failures()).find((r) => r.id === startBackup.id)!.failure).toContain('Hết chỗ trống trên đĩa của thư mục sao lưu');
      // The server goes on: its health answered, a backup can be started again.
      expect(server!.exited()).toBe(false);
      expect((await fetch(`http://127.0.0.1:${server!.port}/health`)).status).toBe(200);
      // Nothing half-written left beside the good archives.
      expect(fs.readdirSync(backups).filter((f) => f.endsWith('.partial')).length).toBe(partials.length - 1);
    } finally {
      for (const p of partials) fs.rmSync(p, { force: true });
    }

    // The command line on the same full disk: its words, no stack trace, nothing left, and the failure listed.
    const out = path.join(work, 'day-du.tar.gz');
    fs.symlinkSync('/dev/full', `${out}.partial`);
    const r = await cliAsync(source, ['backup', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Hết chỗ trống trên đĩa của thư mục sao lưu');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
    expect(() => fs.lstatSync(`${out}.partial`)).toThrow();
    expect((await failures())[0]).toMatchObject({ status: 'FAILED', startedByKind: 'CLI' });
  }, 120_000);
});
