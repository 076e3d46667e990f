import { Role } from '../src/access/role.js';
import { AuthService } from '../src/accounts/auth.service.js';
import { totpCode } from '../src/accounts/totp.js';
import { AFTER_ENROLMENT, CLI_PRINCIPAL, createTestApp, type TestApp, type TestUser } from './test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Log-in with password and TOTP, sessions, service tokens and the audit log of it all. */
describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SESSION_MINUTES: '30' });
  });
  afterAll(async () => t.close());

  const LOGIN = `mutation ($input: LogInInput!) { logIn(input: $input) { token expiresAt user { username role organization } } }`;
  const logIn = (u: TestUser, over: Partial<{ password: string; totpCode: string }> = {}) =>
    t.gql<{ logIn: { token: string; expiresAt: string; user: { username: string; role: string; organization: string | null } } }>(
      LOGIN,
      { input: { username: u.username, password: u.password, totpCode: totpCode(u.totpSecret, Date.now()), ...over } },
      { token: null },
    );
  const me = (token: string | null) =>
    t.gql<{ me: { name: string; role: string; organization: string | null } }>('{ me { name role organization } }', {}, { token });

  it('logs in with password and TOTP code, returns a short-lived token, and the token works', async () => {
    const u = await t.createUser('lan.dtn', Role.SECRETARIAT, 'DTN');
    const before = Date.now();
    const r = await logIn(u);
    expect(r.errors).toBeUndefined();
    expect(r.data!.logIn.user).toEqual({ username: 'lan.dtn', role: 'SECRETARIAT', organization: 'DTN' });
    expect(r.data!.logIn.token).toMatch(/^lt_ses_/);
    const ttl = Date.parse(r.data!.logIn.expiresAt) - before;
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 5000);
    expect((await me(r.data!.logIn.token)).data!.me).toEqual({ name: 'lan.dtn', role: 'SECRETARIAT', organization: 'DTN' });
    // Only a hash of the token is stored.
    const rows = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM access_token WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'`,
      [r.data!.logIn.token],
    );
    expect(rows[0].n).toBe('0');
  });

  it('refuses a wrong password, a wrong code and an unknown user with one message that does not say which', async () => {
    const u = await t.createUser('hoa.hpn', Role.SECRETARIAT, 'HPN');
    const wrongPassword = await logIn(u, { password: 'không phải mật khẩu' });
    const wrongCode = await logIn(u, { totpCode: totpCode(u.totpSecret, Date.now() + 10 * 60_000) });
    const unknown = await logIn({ ...u, username: 'khong.co.ai' });
    for (const r of [wrongPassword, wrongCode, unknown]) {
      expect(r.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(r.errors![0].message).toContain('Đăng nhập không thành công');
    }
    // One code for the three log-ins below: computed anew, a 30-second step that ends between them would give a fresh one.
    const code = totpCode(u.totpSecret, Date.now());
    expect((await logIn(u, { totpCode: code })).errors).toBeUndefined();
    // The code just used, with a wrong password: still the message that says nothing.
    const usedWrongPassword = await logIn(u, { password: 'không phải mật khẩu', totpCode: code });
    expect(usedWrongPassword.errors![0].message).toContain('Đăng nhập không thành công');
    // The right password with the code just used: the user is told to wait for the next code.
    const replay = await logIn(u, { totpCode: code });
    expect(replay.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(replay.errors![0].message).toMatch(/đã được dùng: chờ mã mới/);
    const log = await t.sql<{ action: string; reason: string | null }>(
      `SELECT action, detail->>'reason' AS reason FROM audit_event WHERE actor_name IN ('hoa.hpn', 'khong.co.ai') AND ${AFTER_ENROLMENT} ORDER BY id`,
    );
    expect(log).toEqual([
      { action: 'LOGIN_FAILED', reason: 'BAD_PASSWORD' },
      { action: 'LOGIN_FAILED', reason: 'BAD_TOTP' },
      { action: 'LOGIN_FAILED', reason: 'UNKNOWN_USER' },
      { action: 'LOGIN', reason: null },
      { action: 'LOGIN_FAILED', reason: 'BAD_PASSWORD' },
      { action: 'LOGIN_FAILED', reason: 'USED_TOTP' },
    ]);
  });

  it('makes an account wait after five failures, and lets the right password in once the wait is over', async () => {
    const u = await t.createUser('minh.cd', Role.SECRETARIAT, 'CD');
    for (let i = 0; i < 5; i++)
      expect((await logIn(u, { password: `sai mật khẩu lần ${i}` })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const waiting = await logIn(u);
    expect(waiting.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(waiting.errors![0].message).toMatch(/thử lại sau [12] giây/);
    await sleep(2100);
    expect((await logIn(u)).errors).toBeUndefined();
  });

  it('never lets someone failing on purpose from another address keep her out: she logs in from her own at once', async () => {
    const u = await t.createUser('lan.hpn', Role.SECRETARIAT, 'HPN');
    const auth = t.app.get(AuthService);
    const attempt = (password: string, ip: string) =>
      auth.logIn({ username: u.username, password, totpCode: totpCode(u.totpSecret, Date.now()) }, ip).then(
        () => 'ok',
        (e: Error) => e.message,
      );
    for (let i = 0; i < 6; i++) await attempt(`đoán mò ${i}`, '203.0.113.9');
    expect(await attempt('đoán mò nữa', '203.0.113.9')).toMatch(/vừa bị thử sai nhiều lần nên phải chờ/);
    expect(await attempt(u.password, '10.20.0.15')).toBe('ok');
  });

  it('throttles 40 simultaneous wrong passwords across two processes on the same database', async () => {
    const admin = await t.createUser('quan.tri.hai', Role.ADMIN);
    const second = await createTestApp({}, t);
    try {
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? second : t).gql(
            LOGIN,
            { input: { username: admin.username, password: `đoán mò ${i}`, totpCode: totpCode(admin.totpSecret, Date.now()) } },
            { token: null },
          ),
        ),
      );
      // Five attempts are checked at once; each one after them waits 2 s, 4 s, 8 s… — one more passes each time the
      // burst outlasts a wait (on a loaded machine 40 log-ins can take longer than 2 s, even 6 s).
      const lasted = (Date.now() - started) / 1000;
      const waitsOutlasted = [2, 6, 14, 30].filter((end) => lasted >= end).length;
      const checked = results.filter((r) => r.errors![0].extensions!.code === 'UNAUTHENTICATED').length;
      expect(checked).toBeGreaterThanOrEqual(5);
      expect(checked).toBeLessThanOrEqual(5 + Math.max(1, waitsOutlasted));
      expect(results.filter((r) => r.errors![0].message.includes('phải chờ'))).toHaveLength(40 - checked);
      const log = await t.sql<{ reason: string; n: string }>(
        `SELECT detail->>'reason' AS reason, count(*) AS n FROM audit_event WHERE actor_name = $1 AND ${AFTER_ENROLMENT} GROUP BY 1 ORDER BY 1`,
        [admin.username],
      );
      expect(log).toEqual([
        { reason: 'BAD_PASSWORD', n: String(checked) },
        { reason: 'THROTTLED', n: String(40 - checked) },
      ]);
      // The wait is kept in the database: the other process (as after a restart) makes the right password wait too…
      // (A burst on a busy machine can outlast its own 2-s wait: the row is given 3 s from now, as a quick burst leaves it.)
      await t.sql(`UPDATE login_throttle SET next_at = clock_timestamp() + interval '3 seconds' WHERE key = $1`, [
        `user:${admin.username}`,
      ]);
      const refused = await second.gql(
        LOGIN,
        { input: { username: admin.username, password: admin.password, totpCode: totpCode(admin.totpSecret, Date.now()) } },
        { token: null },
      );
      expect(refused.errors![0].message).toMatch(/thử lại sau \d+ giây/);
      // …and the administrator is not locked out: after the wait the right password works.
      await sleep(3100);
      const ok = await second.gql<{ logIn: { token: string } }>(
        LOGIN,
        { input: { username: admin.username, password: admin.password, totpCode: totpCode(admin.totpSecret, Date.now()) } },
        { token: null },
      );
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.logIn.token).toMatch(/^lt_ses_/);
    } finally {
      await second.close();
    }
  });

  it('ends a session on log-out, on expiry and when the user is disabled', async () => {
    const a = await t.createUser('an.dv', Role.DAN_VAN);
    const tokenA = (await logIn(a)).data!.logIn.token;
    expect((await t.gql('mutation { logOut }', {}, { token: tokenA })).data).toEqual({ logOut: true });
    expect((await me(tokenA)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');

    const b = await t.createUser('binh.dv', Role.DAN_VAN);
    const tokenB = (await logIn(b)).data!.logIn.token;
    await t.sql(
      `UPDATE access_token SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM app_user WHERE username = 'binh.dv')`,
    );
    expect((await me(tokenB)).errors![0].message).toContain('hết hạn');

    const c = await t.createUser('cuong.dv', Role.DAN_VAN);
    const tokenC = (await logIn(c)).data!.logIn.token;
    const disabled = await t.gql<{ disableUser: { disabled: boolean } }>(`mutation { disableUser(username: "cuong.dv") { disabled } }`);
    expect(disabled.data!.disableUser.disabled).toBe(true);
    expect((await me(tokenC)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await logIn(c)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // With her right password and a fresh code, she is told the account is locked (not to retype them);
    // with a wrong password, nothing that says so.
    const fresh = totpCode(c.totpSecret, Date.now() + 30_000);
    const wrong = await logIn(c, { password: 'không phải mật khẩu', totpCode: fresh });
    expect(wrong.errors![0].message).toContain('Đăng nhập không thành công');
    const locked = await logIn(c, { totpCode: fresh });
    expect(locked.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(locked.errors![0].message).toMatch(/^Tài khoản này đã bị khóa: mật khẩu và mã đều đúng/);
  });

  it('never lets an administrator lock her own account: refused, said why, the account still in use', async () => {
    const admin = await t.createUser('qt.tu-khoa', Role.ADMIN);
    const token = (await logIn(admin)).data!.logIn.token;
    const own = await t.gql(`mutation { disableUser(username: "qt.tu-khoa") { disabled } }`, {}, { token });
    expect(own.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(own.errors![0].message).toContain('Không thể tự khóa tài khoản của chính mình');
    expect((await me(token)).data!.me.name).toBe('qt.tu-khoa');
    expect(await t.sql(`SELECT disabled_at FROM app_user WHERE username = 'qt.tu-khoa'`)).toEqual([{ disabled_at: null }]);
  });

  it('gives an account another organization or role: her sessions end, she comes back with the new rights, and it is logged', async () => {
    const u = await t.createUser('mai.chuyen', Role.SECRETARIAT, 'HPN');
    const before = (await logIn(u)).data!.logIn.token;
    const CHANGE = `mutation($u: String!, $i: UserScopeInput!) { changeUserScope(username: $u, input: $i) { role organization unit } }`;
    const moved = await t.gql<{ changeUserScope: unknown }>(CHANGE, { u: 'mai.chuyen', i: { role: 'SECRETARIAT', organization: 'dtn' } });
    expect(moved.data!.changeUserScope).toEqual({ role: 'SECRETARIAT', organization: 'DTN', unit: null });
    expect((await me(before)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const after = (await logIn(u, { totpCode: totpCode(u.totpSecret, Date.now() + 30_000) })).data!.logIn.token;
    expect((await me(after)).data!.me).toEqual({ name: 'mai.chuyen', role: 'SECRETARIAT', organization: 'DTN' });
    const logged = await t.sql<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_event WHERE action = 'USER_SCOPE_CHANGED' AND subject_id = (SELECT id::text FROM app_user WHERE username = 'mai.chuyen')`,
    );
    expect(logged).toEqual([
      { detail: expect.objectContaining({ previousOrganization: 'HPN', organization: 'DTN', role: 'SECRETARIAT' }) as unknown },
    ]);
    // The same again changes nothing: her new session goes on, nothing more is logged.
    expect((await t.gql(CHANGE, { u: 'mai.chuyen', i: { role: 'SECRETARIAT', organization: 'DTN' } })).errors).toBeUndefined();
    expect((await me(after)).data!.me.organization).toBe('DTN');
    // Checked as at creation; an unknown account is said so; nothing changed.
    const bad = await t.gql(CHANGE, { u: 'mai.chuyen', i: { role: 'DAN_VAN', organization: 'HPN' } });
    expect(bad.errors![0].extensions!.problems![0].message).toContain('không gắn với tổ chức');
    expect((await t.gql(CHANGE, { u: 'khong.co.ai', i: { role: 'AUDITOR' } })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await me(after)).data!.me.organization).toBe('DTN');
    // An administrator does not change her own rights (she could lock herself out of Quản trị).
    const admin = await t.createUser('qt.tu-doi', Role.ADMIN);
    const own = await t.gql(CHANGE, { u: 'qt.tu-doi', i: { role: 'AUDITOR' } }, { token: (await logIn(admin)).data!.logIn.token });
    expect(own.errors![0].message).toContain('Không thể tự đổi vai trò, phạm vi của chính mình');
    // Only an administrator may.
    const secretary = await t.gql(CHANGE, { u: 'mai.chuyen', i: { role: 'ADMIN' } }, { token: after });
    expect(secretary.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('never leaves the province without an administrator, even from the command line', async () => {
    const auth = t.app.get(AuthService);
    const last = await t.createUser('qt.cuoi-cung', Role.ADMIN);
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = $1`, [last.username]);
    // The others locked for a while: she is the one administrator left.
    const others = await t.sql<{ id: string }>(
      `UPDATE app_user SET disabled_at = now() WHERE role = 'ADMIN' AND disabled_at IS NULL AND id <> $1 RETURNING id`,
      [id],
    );
    try {
      await expect(auth.changeUserScope(last.username, { role: Role.AUDITOR }, CLI_PRINCIPAL)).rejects.toThrow(
        "Không thể bỏ quyền quản trị của 'qt.cuoi-cung': đây là quản trị viên duy nhất còn dùng được",
      );
      await expect(auth.setUserLocked(last.username, CLI_PRINCIPAL, true)).rejects.toThrow(
        "Không thể khóa tài khoản 'qt.cuoi-cung': đây là quản trị viên duy nhất còn dùng được",
      );
      expect(await t.sql(`SELECT role, disabled_at FROM app_user WHERE id = $1`, [id])).toEqual([{ role: 'ADMIN', disabled_at: null }]);
    } finally {
      await t.sql(`UPDATE app_user SET disabled_at = NULL WHERE id = ANY($1::uuid[])`, [others.map((o) => o.id)]);
    }
    // With another administrator able to log in, it is done.
    expect((await auth.changeUserScope(last.username, { role: Role.AUDITOR }, CLI_PRINCIPAL)).user.role).toBe('AUDITOR');
  });

  it('asks for a token without one, and says what is wrong with a bad header', async () => {
    const none = await t.gql('{ memberRecords(organization: "DTN") { totalCount } }', {}, { token: null });
    expect(none.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(none.errors![0].message).toContain('Cần đăng nhập');
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: '{ me { name } }' }),
    });
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0].message).toContain('Bearer');
    expect((await me('lt_ses_' + 'x'.repeat(43))).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('creates, uses and revokes service tokens; users and tokens are listed for ADMIN', async () => {
    const created = await t.gql<{
      createServiceToken: { token: string; serviceToken: { id: string; role: string; organization: string } };
    }>(
      `mutation { createServiceToken(input: { name: "bao cao thang", role: SECRETARIAT, organization: "NCT", expiresInDays: 30 }) { token serviceToken { id role organization } } }`,
    );
    const { token, serviceToken } = created.data!.createServiceToken;
    expect(token).toMatch(/^lt_svc_/);
    expect((await me(token)).data!.me).toEqual({ name: 'bao cao thang', role: 'SECRETARIAT', organization: 'NCT' });
    expect((await t.gql('mutation { logOut }', {}, { token })).errors![0].message).toContain('revokeServiceToken');
    // A second token of that name while the first is in use: refused, so that the list tells them apart.
    const again = `mutation { createServiceToken(input: { name: "Bao cao thang", role: AUDITOR }) { token } }`;
    const twin = await t.gql(again);
    expect(twin.errors![0].extensions!.problems![0]).toMatchObject({ field: 'name', value: 'Bao cao thang' });
    expect(twin.errors![0].message).toContain("Đã có khóa kết nối đang dùng tên 'Bao cao thang'");
    await t.gql(`mutation($id: ID!) { revokeServiceToken(id: $id) { revokedAt } }`, { id: serviceToken.id });
    expect((await me(token)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // Revoked, its name is free again.
    expect((await t.gql(again)).errors).toBeUndefined();
    const users = await t.gql<{ users: { username: string }[] }>('{ users { username } }');
    expect(users.data!.users.map((u) => u.username)).toContain('lan.dtn');
  });

  it('gives an integration a read-only token: it reads its organization, and no mutation or upload passes', async () => {
    await t.importRoster('NCT', 'Mã hồ sơ,Họ và tên,Ngày sinh', ['NCT-RO-1,Lò Văn Đọc,1950']);
    const created = await t.gql<{ createServiceToken: { token: string; serviceToken: { readOnly: boolean } } }>(
      `mutation { createServiceToken(input: { name: "nhan su tinh", role: SECRETARIAT, organization: "NCT", readOnly: true }) { token serviceToken { readOnly } } }`,
    );
    const { token, serviceToken } = created.data!.createServiceToken;
    expect(serviceToken.readOnly).toBe(true);
    const read = await t.gql<{ memberRecords: { nodes: { externalId: string }[] } }>(
      `{ memberRecords(organization: "NCT", first: 5) { nodes { externalId } } }`,
      {},
      { token },
    );
    expect(read.data!.memberRecords.nodes.map((n) => n.externalId)).toContain('NCT-RO-1');
    const readOnly = 'Không có quyền: khóa kết nối này chỉ được đọc (không sửa, không nhập, không xuất số đầy đủ).';
    const unit = await t.gql(
      `mutation { createUnit(input: { organization: "NCT", code: "NCT-RO", name: "Chi hội đọc", kind: BASE, communeCode: "00004" }) { code } }`,
      {},
      { token },
    );
    expect([unit.errors![0].extensions!.code, unit.errors![0].message.startsWith(readOnly)]).toEqual(['FORBIDDEN', true]);
    const form = new FormData();
    form.append('file', new Blob(['Họ và tên,Ngày sinh\nLò Văn Ghi,1951\n']), 'ghi.csv');
    const upload = await fetch(`${t.url}/imports?organization=NCT`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(upload.status).toBe(403);
    expect(((await upload.json()) as { message: string }).message.startsWith(readOnly)).toBe(true);
    expect(
      await t.sql(`SELECT 1 FROM unit WHERE code = 'NCT-RO' UNION ALL SELECT 1 FROM member_record WHERE full_name = 'Lò Văn Ghi'`),
    ).toEqual([]);
  });

  it('checks scope and password when an administrator creates users', async () => {
    const bad = await t.gql(
      `mutation { createUser(input: { username: "x y", role: SECRETARIAT, organization: "ZZZ", password: "ngắn" }) { user { id } } }`,
    );
    const fields = bad.errors![0].extensions!.problems!.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'password', 'organization']));
    const noOrg = await t.gql(`mutation { createUser(input: { username: "vp.moi", role: SECRETARIAT }) { user { id } } }`);
    expect(noOrg.errors![0].message).toContain('cần mã tổ chức');
    // The Mặt trận keeps no roster of persons: a secretariat of it is refused, saying which role fits.
    const front = await t.gql(
      `mutation { createUser(input: { username: "vp.mttq", role: SECRETARIAT, organization: "MTTQ" }) { user { id } } }`,
    );
    const problems = front.errors![0].extensions!.problems!;
    expect(problems.map((p) => [p.field, p.value])).toEqual([['organization', 'MTTQ']]);
    expect(problems[0].message).toContain('không giữ danh sách hội viên cá nhân');
    expect(problems[0].message).toContain('DAN_VAN');
    const ok = await t.gql<{ createUser: Record<string, string | null> }>(
      `mutation { createUser(input: { username: "kiem.tra", role: AUDITOR }) {
        enrolmentPassword enrolmentExpiresAt generatedPassword totpSecret otpauthUri } }`,
    );
    const c = ok.data!.createUser;
    expect(c.enrolmentPassword).toHaveLength(20);
    expect(c).toMatchObject({ generatedPassword: c.enrolmentPassword, totpSecret: null, otpauthUri: null });
    const hours = (Date.parse(c.enrolmentExpiresAt!) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    const [row] = await t.sql<Record<string, string | null>>(
      `SELECT password_hash, totp_secret_sealed, enrolment_hash FROM app_user WHERE username = 'kiem.tra'`,
    );
    expect(row).toMatchObject({ password_hash: null, totp_secret_sealed: null });
    expect(row.enrolment_hash).toMatch(/^\$argon2id\$/);
    // The enrolment password is no log-in password: who knows it is told to enrol first.
    const early = await logIn({ username: 'kiem.tra', password: c.enrolmentPassword!, totpSecret: 'AAAAAAAA' });
    expect(early.errors![0].message).toContain('Kích hoạt tài khoản');
  });
});
