import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Role } from '../src/access/role.js';
import { timeStep, totpCode } from '../src/accounts/totp.js';
import { vietnamTime } from '../src/common/dates/vietnam-time.js';
import { createTestApp, type TestApp } from './test-app.js';

const START = 'mutation($i: EnrolmentInput!) { startEnrolment(input: $i) { username totpSecret otpauthUri qrSvg expiresAt } }';
const COMPLETE = 'mutation($i: CompleteEnrolmentInput!) { completeEnrolment(input: $i) { token user { username } } }';
const NEW_PASSWORD = 'Mật khẩu riêng của tôi 2026';

interface Started {
  startEnrolment: { username: string; totpSecret: string; otpauthUri: string; qrSvg: string; expiresAt: string };
}

/**
 * The first log-in over the API and the CLI (issue 20, item 1): `user create` and `user reset` print
 * a one-time enrolment password valid 72 hours and no TOTP secret; startEnrolment generates the
 * secret then; completeEnrolment sets her password with a code of it; used, expired, wrong and
 * replayed attempts are refused in Vietnamese and logged.
 */
describe('enrolment: the first log-in over GraphQL, and the CLI that starts it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const cli = async (...args: string[]) =>
    promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), ...args], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
    });
  const fields = (stdout: string) =>
    Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t') as [string, string]),
    );
  const anon = <T>(query: string, i: Record<string, string>) => t.gql<T>(query, { i }, { token: null });
  const reasons = (username: string) =>
    t.sql<{ action: string; reason: string | null }>(
      `SELECT action, detail->>'reason' AS reason FROM audit_event WHERE actor_name = $1 AND action <> 'USER_CREATED' ORDER BY id`,
      [username],
    );

  it('user create prints the enrolment password and its expiry in Vietnam time, never a TOTP secret; the steps in Vietnamese', async () => {
    const { stdout, stderr } = await cli('user', 'create', '--username', 'vp.dtn', '--role', 'SECRETARIAT', '--org', 'DTN');
    const f = fields(stdout);
    expect(Object.keys(f)).toEqual(['username', 'enrolment-password', 'enrolment-expires']);
    expect(f['enrolment-password']).toMatch(/^[A-Za-z2-9]{20}$/);
    const [row] = await t.sql<{ enrolment_expires_at: Date; totp: boolean; password: boolean }>(
      `SELECT enrolment_expires_at, totp_secret_sealed IS NOT NULL AS totp, password_hash IS NOT NULL AS password FROM app_user WHERE username = 'vp.dtn'`,
    );
    expect(row).toMatchObject({ totp: false, password: false });
    expect(Math.abs(row.enrolment_expires_at.getTime() - Date.now() - 72 * 3_600_000)).toBeLessThan(60_000);
    expect(f['enrolment-expires']).toBe(vietnamTime(row.enrolment_expires_at));
    expect(stderr).toContain(`đến ${f['enrolment-expires']} (giờ Việt Nam)`);
    expect(stderr).toContain('"Kích hoạt tài khoản"');
    expect(stderr).toContain('quét mã QR');
    expect(`${stdout}${stderr}`).not.toMatch(/totp|otpauth/i);
  });

  it('startEnrolment generates the secret then (QR code as SVG); completeEnrolment checks her password and code, then logs her in', async () => {
    const created = await t.gql<{ createUser: { enrolmentPassword: string } }>(
      'mutation { createUser(input: { username: "lan.hpn", role: SECRETARIAT, organization: "HPN" }) { enrolmentPassword } }',
    );
    const enrolmentPassword = created.data!.createUser.enrolmentPassword;
    const wrong = await anon(START, { username: 'lan.hpn', enrolmentPassword: 'không phải' });
    expect(wrong.errors![0]).toMatchObject({
      message: expect.stringContaining('không đúng') as string,
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // She scanned the first QR code, then the page reloaded: the second start shows the same secret, so her app's codes stay good.
    const first = (await anon<Started>(START, { username: 'lan.hpn', enrolmentPassword })).data!.startEnrolment;
    const s = (await anon<Started>(START, { username: 'lan.hpn', enrolmentPassword })).data!.startEnrolment;
    expect(s.totpSecret).toBe(first.totpSecret);
    expect(s.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(s.otpauthUri).toContain(`secret=${s.totpSecret}`);
    expect(s.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const complete = (over: Record<string, string>) =>
      anon<{ completeEnrolment: { token: string } }>(COMPLETE, {
        username: 'lan.hpn',
        enrolmentPassword,
        newPassword: NEW_PASSWORD,
        totpCode: totpCode(s.totpSecret, Date.now()),
        ...over,
      });
    const weak = await complete({ newPassword: 'ngắn' });
    expect(weak.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'newPassword' }] } });
    const same = await complete({ newPassword: enrolmentPassword });
    expect(same.errors![0].message).toContain('khác mật khẩu lần đầu');
    const badCode = await complete({ totpCode: totpCode(s.totpSecret, Date.now() + 10 * 60_000) });
    expect(badCode.errors![0].message).toContain('Mã xác thực không đúng');
    // A code already used (her last accepted step is ahead of it): wait for the next one.
    const step = timeStep(Date.now());
    await t.sql(`UPDATE app_user SET totp_last_step = $1 WHERE username = 'lan.hpn'`, [step]);
    const used = await complete({ totpCode: totpCode(s.totpSecret, step * 30_000) });
    expect(used.errors![0].message).toMatch(/đã được dùng: chờ mã mới/);
    const ok = await complete({ totpCode: totpCode(s.totpSecret, (step + 1) * 30_000) });
    expect(ok.errors).toBeUndefined();
    const me = await t.gql<{ me: { name: string } }>('{ me { name } }', {}, { token: ok.data!.completeEnrolment.token });
    expect(me.data!.me.name).toBe('lan.hpn');
    const again = await anon(START, { username: 'lan.hpn', enrolmentPassword });
    expect(again.errors![0].message).toContain('đã được dùng');
    expect(await reasons('lan.hpn')).toEqual([
      { action: 'LOGIN_FAILED', reason: 'BAD_PASSWORD' },
      { action: 'ENROLMENT_STARTED', reason: null },
      { action: 'ENROLMENT_STARTED', reason: null },
      { action: 'LOGIN_FAILED', reason: 'BAD_TOTP' },
      { action: 'LOGIN_FAILED', reason: 'USED_TOTP' },
      { action: 'LOGIN', reason: null },
      { action: 'LOGIN_FAILED', reason: 'ENROLMENT_USED' },
    ]);
  });

  it('user list says, for the operator, which unit a secretariat is kept to and who has not enrolled yet', async () => {
    const unit = { organization: 'HPN', code: 'HPN-BD', name: 'Hội LHPN phường Ba Đình', kind: 'BASE', communeCode: '00004' };
    expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: unit })).errors).toBeUndefined();
    // The unit's code, found by the commune's name without accents.
    expect((await cli('org', 'units', '--org', 'hpn', '--search', 'ba dinh')).stdout).toBe(
      'HPN-BD\tHội LHPN phường Ba Đình\tPhường Ba Đình\t\n',
    );
    // Read by a reader that stopped before it wrote (`| head`): it ends as it would, without a stack trace.
    const piped = spawn(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'org', 'units', '--org', 'HPN'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    piped.stdout.destroy();
    let stderr = '';
    piped.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await new Promise((resolve) => piped.on('close', resolve))).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
    // None found: nothing on standard output, and on standard error what to do.
    const none = await cli('org', 'units', '--org', 'HPN', '--search', 'mường');
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain(
      "[lienthong] không có đơn vị nào của HPN có tên hoặc tên xã chứa 'mường': thử chữ khác, hoặc xem tất cả bằng lienthong org units --org HPN\n",
    );
    await cli('user', 'create', '--username', 'vp.hpn.bd', '--role', 'SECRETARIAT', '--org', 'HPN', '--unit', 'HPN-BD');
    const list = await cli('user', 'list');
    // The columns named once, on standard error: standard output is the rows alone, as scripts read them.
    expect(list.stderr.split('\n')).toContain('tên đăng nhập\tvai trò\ttổ chức\ttrạng thái\tđơn vị\tkích hoạt');
    const rows = list.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.every((r) => r.length === 6 && r[0] !== 'tên đăng nhập')).toBe(true);
    const of = (name: string) => rows.find((r) => r[0] === name);
    expect(of('vp.hpn.bd')).toEqual(['vp.hpn.bd', 'SECRETARIAT', 'HPN', 'đang dùng', 'HPN-BD', 'chưa kích hoạt']);
    expect(of('lan.hpn')).toEqual(['lan.hpn', 'SECRETARIAT', 'HPN', 'đang dùng', '', 'đã kích hoạt']);
    // She now keeps the whole organization's list: user scope, and the list says so.
    const moved = await cli('user', 'scope', '--username', 'vp.hpn.bd', '--role', 'SECRETARIAT', '--org', 'HPN');
    expect(moved.stderr).toContain('tài khoản vp.hpn.bd: vai trò SECRETARIAT (HPN); các phiên đang mở đã kết thúc');
    const after = (await cli('user', 'list')).stdout.split('\n').find((l) => l.startsWith('vp.hpn.bd\t'));
    expect(after!.split('\t')).toEqual(['vp.hpn.bd', 'SECRETARIAT', 'HPN', 'đang dùng', '', 'chưa kích hoạt']);
    // A unit of another organization is refused, in her words, and nothing changes.
    const wrong = await cli('user', 'scope', '--username', 'vp.hpn.bd', '--role', 'SECRETARIAT', '--org', 'DTN', '--unit', 'HPN-BD').catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect(wrong).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Đơn vị 'HPN-BD' thuộc tổ chức HPN, không thuộc DTN: chọn đúng tổ chức của đơn vị") as string,
    });
    expect((await cli('user', 'list')).stdout).toContain('vp.hpn.bd\tSECRETARIAT\tHPN\t');
    // Her unit again, its code typed in small letters; then the same once more: nothing changes, her sessions stay.
    await cli('user', 'scope', '--username', 'vp.hpn.bd', '--role', 'SECRETARIAT', '--org', 'hpn', '--unit', 'hpn-bd');
    expect((await cli('user', 'list')).stdout).toContain('vp.hpn.bd\tSECRETARIAT\tHPN\tđang dùng\tHPN-BD\t');
    const same = await cli('user', 'scope', '--username', 'vp.hpn.bd', '--role', 'SECRETARIAT', '--org', 'HPN', '--unit', 'HPN-BD');
    expect(same.stderr).toContain('tài khoản vp.hpn.bd đã có vai trò SECRETARIAT (HPN / HPN-BD): không đổi gì, các phiên vẫn mở');
  });

  it('user reset gives a new enrolment password: the old password and TOTP are gone; an expired one is refused', async () => {
    const u = await t.createUser('hoa.nct', Role.SECRETARIAT, 'NCT');
    const { stdout, stderr } = await cli('user', 'reset', 'hoa.nct');
    expect(stderr).toContain('đã đặt lại tài khoản hoa.nct');
    const f = fields(stdout);
    expect(Object.keys(f)).toEqual(['username', 'enrolment-password', 'enrolment-expires']);
    const old = await anon(`mutation($i: LogInInput!) { logIn(input: $i) { token } }`, {
      username: 'hoa.nct',
      password: u.password,
      totpCode: totpCode(u.totpSecret, Date.now() + 30_000),
    });
    expect(old.errors![0].message).toContain('Đăng nhập không thành công');
    const early = await anon(`mutation($i: LogInInput!) { logIn(input: $i) { token } }`, {
      username: 'hoa.nct',
      password: f['enrolment-password'],
      totpCode: '123456',
    });
    expect(early.errors![0].message).toContain('"Kích hoạt tài khoản"');
    await t.sql(`UPDATE app_user SET enrolment_expires_at = now() - interval '1 second' WHERE username = 'hoa.nct'`);
    const expired = await anon(START, { username: 'hoa.nct', enrolmentPassword: f['enrolment-password'] });
    expect(expired.errors![0].message).toContain('đã hết hạn');
    // Guessing at an enrolment password is throttled as a log-in is: the three failures above and two
    // guesses make five in a row, then each try must wait.
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push(await anon(START, { username: 'hoa.nct', enrolmentPassword: `đoán ${i}` }));
    expect(guesses.map((g) => g.errors![0].message.includes('phải chờ'))).toEqual([false, false, true, true, true, true]);
    const [audit] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'USER_RESET' AND subject_type = 'USER'`,
    );
    expect(audit.n).toBe(1);
  });

  it('user reset also takes --username, as disable, enable and scope do; no name, or two different names, is a usage error', async () => {
    await t.createUser('mai.ccb', Role.SECRETARIAT, 'CCB');
    const byOption = await cli('user', 'reset', '--username', 'mai.ccb');
    expect(byOption.stderr).toContain('đã đặt lại tài khoản mai.ccb');
    expect(fields(byOption.stdout)).toMatchObject({
      username: 'mai.ccb',
      'enrolment-password': expect.stringMatching(/^\S{20}$/) as string,
    });
    expect(fields((await cli('user', 'reset', 'mai.ccb', '--username', 'mai.ccb')).stdout).username).toBe('mai.ccb');
    const refused = (...args: string[]) => cli(...args).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(await refused('user', 'reset')).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'lienthong: user reset: thiếu tên đăng nhập (user reset TÊN hoặc user reset --username TÊN)\n',
    });
    expect(await refused('user', 'reset', 'mai.ccb', '--username', 'hoa.nct')).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "lienthong: user reset: hai tên đăng nhập khác nhau ('mai.ccb' và 'hoa.nct'): chỉ ghi một tên\n",
    });
  });

  it('token list names its columns on standard error; standard output is the rows alone', async () => {
    await cli('token', 'create', '--name', 'bao-cao-quy', '--role', 'AUDITOR');
    const { stdout, stderr } = await cli('token', 'list');
    expect(stderr.split('\n')).toContain('id\ttên\tvai trò\ttổ chức\tđơn vị\ttrạng thái\ttạo lúc');
    const rows = stdout.trim().split('\n');
    expect(rows).toHaveLength(1);
    expect(rows[0].split('\t')).toEqual([expect.any(String), 'bao-cao-quy', 'AUDITOR', '', '', 'đang dùng', expect.any(String)]);
  });
});
