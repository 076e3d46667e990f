import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Role } from '../src/access/role.js';
import { AuthService } from '../src/accounts/auth.service.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Who a token is, cached (src/accounts/principal-cache.ts) — and a revocation still bites on the very
 * next request, whether it came from this server or from the CLI in another process; and
 * reads' audit lines, written in batches, are all there when the answers are.
 */
describe('principal cache and revocation', () => {
  let t: TestApp;
  let auth: AuthService;
  beforeAll(async () => {
    // Many reads at once from one token, so that their audit lines share batches.
    t = await createTestApp({ API_REQUESTS_IN_FLIGHT: '64' });
    auth = t.app.get(AuthService);
  });
  afterAll(async () => t.close());

  const cli = async (...args: string[]) =>
    promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), ...args], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
    });
  const me = async (token: string) =>
    (await t.gql<{ me: { name: string } }>('{ me { name } }', {}, { token })).errors?.[0].extensions?.code ?? 'OK';
  /** Logged in, used twice: the second use was answered from the cache. */
  async function cachedSession(username: string): Promise<string> {
    const token = await t.logIn(await t.createUser(username, Role.DAN_VAN));
    expect(await me(token)).toBe('OK');
    await until(() => auth.principals.active);
    expect(await me(token)).toBe('OK');
    expect(auth.principals.size).toBeGreaterThan(0);
    expect(await me(token)).toBe('OK');
    return token;
  }

  it('refuses a session at once after log-out, and after a user is disabled or reset over GraphQL', async () => {
    const a = await cachedSession('cache.a');
    expect((await t.gql('mutation { logOut }', {}, { token: a })).errors).toBeUndefined();
    expect(await me(a)).toBe('UNAUTHENTICATED');
    const b = await cachedSession('cache.b');
    expect((await t.gql('mutation { disableUser(username: "cache.b") { disabled } }')).errors).toBeUndefined();
    expect(await me(b)).toBe('UNAUTHENTICATED');
    const r = await cachedSession('cache.r');
    expect((await t.gql('mutation { resetUser(username: "cache.r") { enrolmentExpiresAt } }')).errors).toBeUndefined();
    expect(await me(r)).toBe('UNAUTHENTICATED');
  });

  it('refuses at once what the CLI disabled, reset or revoked in another process', async () => {
    const c = await cachedSession('cache.c');
    await cli('user', 'disable', '--username', 'cache.c');
    expect(await me(c)).toBe('UNAUTHENTICATED');
    const d = await cachedSession('cache.d');
    await cli('user', 'reset', 'cache.d');
    expect(await me(d)).toBe('UNAUTHENTICATED');

    const service = await t.serviceToken(Role.AUDITOR);
    expect(await me(service)).toBe('OK');
    expect(await me(service)).toBe('OK');
    // The operator finds its id as she would: in `token list`, the newest last.
    const listed = () =>
      cli('token', 'list').then((r) =>
        r.stdout
          .trim()
          .split('\n')
          .map((line) => line.split('\t')),
      );
    const id = (await listed()).at(-1)![0];
    expect((await listed()).at(-1)!.slice(2, 6)).toEqual(['AUDITOR', '', '', 'đang dùng']);
    await cli('token', 'revoke', '--id', id);
    expect(await me(service)).toBe('UNAUTHENTICATED');
    // A script using it is told what to do: a new token from the administrator, not "log in again".
    const refused = await t.gql('{ me { name } }', {}, { token: service });
    expect(refused.errors![0].message).toContain(
      'Khóa kết nối (token dịch vụ) không hợp lệ, đã hết hạn hoặc đã bị thu hồi: xin quản trị viên một khóa mới',
    );
    // Revoked twice: the second says it was already.
    expect((await cli('token', 'revoke', '--id', id)).stderr).toContain('đã thu hồi từ trước, lúc');
    const revoked = (await listed()).find((r) => r[0] === id)!;
    expect(revoked[5]).toMatch(/^đã thu hồi \d{2}\/\d{2}\/\d{4}/);
  });

  it('goes uncached when its listening connection drops, and caches again once it is back', async () => {
    const e = await cachedSession('cache.e');
    const pid = await auth.principals.backendPid();
    await t.sql('SELECT pg_terminate_backend($1)', [pid]);
    await until(() => !auth.principals.active);
    expect(auth.principals.size).toBe(0);
    // Revoked while nobody listens: the notification is lost, the lookup is not.
    await t.sql(`UPDATE access_token SET revoked_at = now() WHERE user_id = (SELECT id FROM app_user WHERE username = 'cache.e')`);
    expect(await me(e)).toBe('UNAUTHENTICATED');
    await until(() => auth.principals.active);
    // Back: what was cached before the drop is gone (its revocation was never heard).
    expect(await me(e)).toBe('UNAUTHENTICATED');
    await cachedSession('cache.f');
  });

  it('has every read’s audit line written when the answers are out', async () => {
    const ids = (
      await t.sql<{ id: string }>(
        `INSERT INTO member_record (organization_code, external_id, full_name, name_folded, family_key, given_key, version)
         SELECT 'DTN', 'AUD-' || g, 'Người ' || g, 'nguoi ' || g, 'nguoi', g::text, 1 FROM generate_series(1, 40) g RETURNING id`,
      )
    ).map((r) => r.id);
    const before = await readLines();
    const answers = await Promise.all(ids.map((id) => t.gql(`query($id: ID!) { memberRecord(id: $id) { id } }`, { id })));
    expect(answers.every((a) => !a.errors)).toBe(true);
    // No wait: an answer leaves only once its line is committed.
    expect((await readLines()) - before).toBe(ids.length);
  });

  const readLines = async () =>
    Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE action = 'RECORD_READ'`))[0].n);
});

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
