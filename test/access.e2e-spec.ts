import { Role } from '../src/access/role.js';
import { totpCode } from '../src/access/totp.js';
import { createTestApp, type TestApp, type TestUser } from './test-app.js';

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

  it('refuses a wrong password, a wrong code and a code used twice, with one message that does not say which', async () => {
    const u = await t.createUser('hoa.hpn', Role.SECRETARIAT, 'HPN');
    const wrongPassword = await logIn(u, { password: 'không phải mật khẩu' });
    const wrongCode = await logIn(u, { totpCode: totpCode(u.totpSecret, Date.now() + 10 * 60_000) });
    const unknown = await logIn({ ...u, username: 'khong.co.ai' });
    for (const r of [wrongPassword, wrongCode, unknown]) {
      expect(r.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(r.errors![0].message).toContain('Đăng nhập không thành công');
    }
    expect((await logIn(u)).errors).toBeUndefined();
    const replay = await logIn(u);
    expect(replay.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const log = await t.sql<{ action: string; reason: string | null }>(
      `SELECT action, detail->>'reason' AS reason FROM audit_event WHERE actor_name IN ('hoa.hpn', 'khong.co.ai') ORDER BY id`,
    );
    expect(log).toEqual([
      { action: 'LOGIN_FAILED', reason: 'BAD_PASSWORD' },
      { action: 'LOGIN_FAILED', reason: 'BAD_TOTP' },
      { action: 'LOGIN_FAILED', reason: 'UNKNOWN_USER' },
      { action: 'LOGIN', reason: null },
      { action: 'LOGIN_FAILED', reason: 'BAD_TOTP' },
    ]);
  });

  it('locks a username after five failures, even with the right password afterwards', async () => {
    const u = await t.createUser('minh.cd', Role.SECRETARIAT, 'CD');
    for (let i = 0; i < 5; i++)
      expect((await logIn(u, { password: `sai mật khẩu lần ${i}` })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const locked = await logIn(u);
    expect(locked.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(locked.errors![0].message).toMatch(/tạm khóa.*thử lại sau \d+ phút/);
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
    await new Promise((r) => setTimeout(r, 1)); // a new code is not needed: a disabled user fails before TOTP
    expect((await logIn(c)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
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
    await t.gql(`mutation($id: ID!) { revokeServiceToken(id: $id) { revokedAt } }`, { id: serviceToken.id });
    expect((await me(token)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const users = await t.gql<{ users: { username: string }[] }>('{ users { username } }');
    expect(users.data!.users.map((u) => u.username)).toContain('lan.dtn');
  });

  it('checks scope and password when an administrator creates users', async () => {
    const bad = await t.gql(
      `mutation { createUser(input: { username: "x y", role: SECRETARIAT, organization: "ZZZ", password: "ngắn" }) { user { id } } }`,
    );
    const fields = bad.errors![0].extensions!.problems!.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'password', 'organization']));
    const noOrg = await t.gql(`mutation { createUser(input: { username: "vp.moi", role: SECRETARIAT }) { user { id } } }`);
    expect(noOrg.errors![0].message).toContain('cần mã tổ chức');
    const ok = await t.gql<{ createUser: { generatedPassword: string; totpSecret: string; otpauthUri: string } }>(
      `mutation { createUser(input: { username: "kiem.tra", role: AUDITOR }) { generatedPassword totpSecret otpauthUri } }`,
    );
    const c = ok.data!.createUser;
    expect(c.generatedPassword).toHaveLength(20);
    expect(c.otpauthUri).toContain(`secret=${c.totpSecret}`);
    const [row] = await t.sql<{ password_hash: string }>(`SELECT password_hash FROM app_user WHERE username = 'kiem.tra'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await logIn({ username: 'kiem.tra', password: c.generatedPassword, totpSecret: c.totpSecret })).errors).toBeUndefined();
  });
});
