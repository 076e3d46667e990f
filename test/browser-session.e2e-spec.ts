import { Role } from '../src/access/role.js';
import { totpCode } from '../src/accounts/totp.js';
import { AFTER_ENROLMENT, createTestApp, type TestApp, type TestUser } from './test-app.js';

interface SessionBody {
  csrfToken: string;
  expiresAt: string;
  user: { username: string; role: string; organization: string | null; unit: string | null; terms: Record<string, string> | null };
}
interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The browser console's cookie session: POST/GET/DELETE /session, renewal, and the CSRF header on every change. */
describe('browser sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SESSION_MINUTES: '30' });
  });
  afterAll(async () => t.close());

  /** One log-in per user and code: a TOTP code is taken once. */
  const open = (u: TestUser, password = u.password) =>
    fetch(`${t.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u.username, password, totpCode: totpCode(u.totpSecret, Date.now()) }),
    });
  /** The `name=value` to send back, and the cookie's attributes as the server set them. */
  const cookieOf = (res: Response) => {
    const [line, ...more] = res.headers.getSetCookie();
    expect(more).toEqual([]);
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    return { pair, attrs: Object.fromEntries(attrs.map((a) => [a.split('=')[0].toLowerCase(), a.split('=')[1] ?? true])) };
  };
  const logIn = async (u: TestUser) => {
    const res = await open(u);
    expect(res.status).toBe(200);
    return { cookie: cookieOf(res).pair, body: (await res.json()) as SessionBody };
  };
  const gql = async (query: string, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as GqlBody;
  };
  const call = (method: string, path: string, headers: Record<string, string>) => fetch(`${t.url}${path}`, { method, headers });
  const meWith = (cookie: string, csrf: string) => gql('{ me { name role } }', { cookie, 'x-csrf-token': csrf });

  it('logs in into an HttpOnly, SameSite=Strict cookie that works for GraphQL with its CSRF header', async () => {
    const u = await t.createUser('web.admin', Role.ADMIN);
    const before = Date.now();
    const res = await open(u);
    expect(res.status).toBe(200);
    const { pair, attrs } = cookieOf(res);
    expect(pair).toMatch(/^lt_session=lt_ses_[A-Za-z0-9_-]{43}$/);
    expect(attrs).toMatchObject({ httponly: true, samesite: 'Strict', path: '/' });
    expect(attrs).not.toHaveProperty('secure'); // plain HTTP here
    const body = (await res.json()) as SessionBody;
    expect(body.user).toEqual({ username: 'web.admin', role: 'ADMIN', organization: null, unit: null, terms: null });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(body)).not.toContain(pair.split('=')[1]); // the token stays in the cookie
    const ttl = Date.parse(body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 5000);
    expect(Math.abs(Number(attrs['max-age']) * 1000 - (Date.parse(body.expiresAt) - Date.now()))).toBeLessThan(5000);
    expect((await meWith(pair, body.csrfToken)).data).toEqual({ me: { name: 'web.admin', role: 'ADMIN' } });
    // /health's details, through a proxy: an administrator's cookie counts as their token.
    const health = async (headers: Record<string, string>) =>
      Object.keys((await (await call('GET', '/health', { 'x-forwarded-for': '203.0.113.7', ...headers })).json()) as object);
    expect(await health({ cookie: pair })).toContain('databaseMs');
    expect(await health({})).toEqual(['status']);
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const behindProxy = await createTestApp({ TRUST_PROXY: 'loopback' }, t);
    try {
      const u = await t.createUser('web.https', Role.AUDITOR);
      const res = await fetch(`${behindProxy.url}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: u.username, password: u.password, totpCode: totpCode(u.totpSecret, Date.now()) }),
      });
      expect(res.status).toBe(200);
      expect(cookieOf(res).attrs).toMatchObject({ secure: true, httponly: true, samesite: 'Strict', path: '/' });
    } finally {
      await behindProxy.close();
    }
  });

  it('refuses a cookie request without the right X-CSRF-Token, and does nothing of it', async () => {
    const { cookie, body } = await logIn(await t.createUser('web.admin2', Role.ADMIN));
    const create = (name: string) => `mutation { createUser(input: { username: "${name}", role: AUDITOR }) { user { id } } }`;
    const other = await logIn(await t.createUser('web.admin3', Role.ADMIN));
    for (const [name, headers] of [
      ['khong.ma', { cookie }],
      ['sai.ma', { cookie, 'x-csrf-token': 'x'.repeat(43) }],
      ['ma.cua.phien.khac', { cookie, 'x-csrf-token': other.body.csrfToken }],
    ] as const) {
      const r = await gql(create(name), headers);
      expect(r.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(r.errors![0].message).toContain('Thiếu hoặc sai mã chống giả mạo (CSRF)');
      expect(await t.sql(`SELECT 1 FROM app_user WHERE username = $1`, [name])).toEqual([]);
    }
    // A log-out without the header does not happen either: the session still works.
    expect((await gql('mutation { logOut }', { cookie })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await meWith(cookie, body.csrfToken)).data).toEqual({ me: { name: 'web.admin2', role: 'ADMIN' } });
    // With it, the same mutation is done.
    expect((await gql(create('co.ma'), { cookie, 'x-csrf-token': body.csrfToken })).errors).toBeUndefined();
    expect(await t.sql(`SELECT 1 AS n FROM app_user WHERE username = 'co.ma'`)).toEqual([{ n: 1 }]);
  });

  it('reads the session back, renews it, and logs out for good', async () => {
    const { cookie, body } = await logIn(await t.createUser('web.dtn', Role.SECRETARIAT, 'DTN'));
    const csrf = { cookie, 'x-csrf-token': body.csrfToken };
    // Her organization's words come with her session: the console speaks them.
    expect(body.user.terms).toEqual({ member: 'đoàn viên', branch: 'chi đoàn', dues: 'đoàn phí' });
    const got = await call('GET', '/session', { cookie });
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(body);

    // Renewal: needs the header; then a new end SESSION_MINUTES from now, same token.
    await t.sql(
      `UPDATE access_token SET expires_at = now() + interval '1 minute' WHERE user_id = (SELECT id FROM app_user WHERE username = 'web.dtn')`,
    );
    expect((await call('POST', '/session/extend', { cookie })).status).toBe(403);
    const short = (await (await call('GET', '/session', { cookie })).json()) as SessionBody;
    expect(Date.parse(short.expiresAt) - Date.now()).toBeLessThan(61_000);
    const extended = await call('POST', '/session/extend', csrf);
    expect(extended.status).toBe(200);
    const renewed = (await extended.json()) as SessionBody;
    expect(Date.parse(renewed.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(renewed).toEqual({ ...body, expiresAt: renewed.expiresAt });
    expect(cookieOf(extended).pair).toBe(cookie);
    expect(Number(cookieOf(extended).attrs['max-age'])).toBeGreaterThan(29 * 60);
    expect(((await (await call('GET', '/session', { cookie })).json()) as SessionBody).expiresAt).toBe(renewed.expiresAt);

    expect((await call('DELETE', '/session', { cookie })).status).toBe(403);
    expect((await meWith(cookie, body.csrfToken)).data).toEqual({ me: { name: 'web.dtn', role: 'SECRETARIAT' } });
    const out = await call('DELETE', '/session', csrf);
    expect(out.status).toBe(200);
    expect(cookieOf(out)).toMatchObject({ pair: 'lt_session=', attrs: { 'max-age': '0', path: '/' } });
    const after = await meWith(cookie, body.csrfToken);
    expect(after.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const gone = await call('GET', '/session', { cookie });
    expect(gone.status).toBe(401);
    expect(((await gone.json()) as { message: string }).message).toContain('đăng nhập lại');
    const log = await t.sql<{ action: string; renewed: string | null }>(
      `SELECT action, detail->>'renewed' AS renewed FROM audit_event WHERE actor_name = 'web.dtn' AND ${AFTER_ENROLMENT} ORDER BY id`,
    );
    expect(log).toEqual([
      { action: 'LOGIN', renewed: null },
      { action: 'LOGIN', renewed: 'true' },
      { action: 'LOGOUT', renewed: null },
    ]);
  });

  it('tells a session that ended under her why: logged out elsewhere, locked, a new enrolment, new rights, or expired', async () => {
    const endedWith = async (name: string, end: (u: TestUser, session: { cookie: string; csrf: string }) => Promise<unknown>) => {
      const u = await t.createUser(name, Role.SECRETARIAT, 'DTN');
      const { cookie, body } = await logIn(u);
      expect((await meWith(cookie, body.csrfToken)).errors).toBeUndefined();
      await end(u, { cookie, csrf: body.csrfToken });
      const r = await meWith(cookie, body.csrfToken);
      expect(r.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      // The console reloaded (GET /session) is told the same cause, not only the request after it.
      const reloaded = await call('GET', '/session', { cookie });
      expect(reloaded.status).toBe(401);
      expect(((await reloaded.json()) as { message: string }).message).toBe(r.errors![0].message);
      return r.errors![0].message;
    };
    const admin = async (query: string) => expect((await t.gql(query)).errors).toBeUndefined();
    expect(await endedWith('web.ra', (_u, s) => call('DELETE', '/session', { cookie: s.cookie, 'x-csrf-token': s.csrf }))).toContain(
      'đã được đăng xuất (ở một thẻ hoặc cửa sổ khác)',
    );
    expect(await endedWith('web.khoa', () => admin(`mutation { disableUser(username: "web.khoa") { username } }`))).toBe(
      'Quản trị viên đã khóa tài khoản này: liên hệ quản trị viên để mở khóa.',
    );
    // Opened again since: her old session stays ended, and she is not sent to the administrator for nothing.
    expect(
      await endedWith('web.mo', async () => {
        await admin(`mutation { disableUser(username: "web.mo") { username } }`);
        await admin(`mutation { enableUser(username: "web.mo") { username } }`);
      }),
    ).toBe('Phiên đăng nhập này đã kết thúc khi tài khoản bị khóa; tài khoản nay đã được mở lại: đăng nhập lại.');
    expect(await endedWith('web.caplai', () => admin(`mutation { resetUser(username: "web.caplai") { user { username } } }`))).toContain(
      'Quản trị viên đã đặt lại tài khoản này: bấm "Kích hoạt tài khoản", nhập tên đăng nhập và mật khẩu lần đầu mới',
    );
    expect(
      await endedWith('web.doi', () =>
        admin(`mutation { changeUserScope(username: "web.doi", input: { role: SECRETARIAT, organization: "HPN" }) { username } }`),
      ),
    ).toContain('Quản trị viên đã đổi vai trò, phạm vi của tài khoản này');
    expect(
      await endedWith('web.lau', () =>
        t.sql(
          `UPDATE access_token SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM app_user WHERE username = 'web.lau')`,
        ),
      ),
    ).toBe('Phiên đăng nhập đã hết hạn vì lâu không thao tác: đăng nhập lại.');
    // A cookie the server never gave says nothing of anyone.
    const unknown = await meWith('lt_session=lt_ses_' + 'y'.repeat(43), 'x');
    expect(unknown.errors![0].message).toBe('Phiên đăng nhập trên trình duyệt đã hết hạn hoặc đã đăng xuất: đăng nhập lại.');
  });

  it('leaves bearer clients as they were: no CSRF header, and the Authorization header wins over a cookie', async () => {
    const r = await t.gql(`mutation { createUser(input: { username: "bearer.moi", role: AUDITOR }) { user { id } } }`);
    expect(r.errors).toBeUndefined();
    const { cookie } = await logIn(await t.createUser('web.danvan', Role.DAN_VAN));
    expect((await gql('{ me { name role } }', { cookie, authorization: `Bearer ${t.adminToken}` })).data).toEqual({
      me: { name: 'quantri', role: 'ADMIN' },
    });
    const badHeader = await gql('{ me { name } }', { cookie, authorization: 'Bearer lt_ses_' + 'x'.repeat(43) });
    expect(badHeader.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // Neither a token nor a cookie: the message names both ways.
    const none = await gql('{ me { name } }', {});
    expect(none.errors![0].message).toMatch(/Authorization: Bearer.*POST \/session/);
    // The session routes are a browser's: GET /session does not read a bearer token.
    expect((await call('GET', '/session', { authorization: `Bearer ${t.adminToken}` })).status).toBe(401);
  });

  it('refuses a wrong password in the REST error shape, in Vietnamese, without a cookie', async () => {
    const u = await t.createUser('web.sai', Role.AUDITOR);
    const res = await open(u, 'không phải mật khẩu');
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
    const body = (await res.json()) as { code: string; message: string };
    expect(body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(body.message).toContain('Đăng nhập không thành công');
    const [logged] = await t.sql<{ reason: string }>(
      `SELECT detail->>'reason' AS reason FROM audit_event WHERE actor_name = 'web.sai' AND ${AFTER_ENROLMENT}`,
    );
    expect(logged).toEqual({ reason: 'BAD_PASSWORD' });
    const incomplete = await fetch(`${t.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'web.sai' }),
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.headers.getSetCookie()).toEqual([]);
  });

  it('refuses an upload with the cookie but without the CSRF header, before storing it', async () => {
    const { cookie, body } = await logIn(await t.createUser('web.upload', Role.SECRETARIAT, 'DTN'));
    const upload = (headers: Record<string, string>) => {
      const form = new FormData();
      form.append('file', new Blob(['Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính\nW-1,Lê Văn Web,2001,Nam\n'], { type: 'text/csv' }), 'web.csv');
      return fetch(`${t.url}/imports?organization=DTN`, { method: 'POST', body: form, headers });
    };
    const refused = await upload({ cookie });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain('CSRF');
    expect(await t.sql(`SELECT 1 FROM import_job`)).toEqual([]);
    expect((await upload({ cookie, 'x-csrf-token': body.csrfToken })).status).toBe(202);
  });
});
