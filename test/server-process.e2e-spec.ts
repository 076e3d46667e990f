import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { totpCode } from '../src/accounts/totp.js';
import { enrol } from '../bench/bench-tools.js';
import { serverEnv, startBuiltServer, stopBuiltServer } from './support/built-server.js';
import { runNode } from './support/cli-pool.js';

/**
 * The built server as an operator runs it (`node dist/src/main.js`) on a temporary DATA_DIR:
 * the embedded cluster is shared with the CLI and with a second server, handed over when its
 * owner stops, and recovered after the owner is killed with SIGKILL.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-proc-'));
// Made readable by all, as an operator's `mkdir` would: the server takes that away.
fs.chmodSync(dataDir, 0o755);
const env = (port: number) => serverEnv(dataDir, port);
const startServer = () => startBuiltServer(dataDir);
const stop = stopBuiltServer;

async function organizations(port: number): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ organizations { code } }' }),
  });
  const body = (await res.json()) as { data: { organizations: { code: string }[] } };
  return body.data.organizations.map((o) => o.code);
}

function postmasterAlive(): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const SEVEN = ['MTTQ', 'CD', 'DTN', 'HPN', 'HND', 'CCB', 'NCT'];

describe('the built server and the CLI on one DATA_DIR', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('shares the cluster with the CLI, recovers from SIGKILL with a message, hands over and stops cleanly', async () => {
    const first = await startServer();
    expect(await organizations(first.port)).toEqual(SEVEN);

    // The CLI attaches to the running cluster instead of starting a second one.
    const cli = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/lienthong.js'), 'org', 'add', '--code', 'CTD', '--name', 'Hội Chữ thập đỏ'],
      {
        env: env(0),
        encoding: 'utf8',
      },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout.trim().split('\n').pop()).toBe('CTD');
    expect(cli.stderr).toContain('dùng chung cơ sở dữ liệu');
    // The server still works after the CLI left, and sees what the CLI wrote.
    expect(await organizations(first.port)).toEqual([...SEVEN, 'CTD']);

    // SIGKILL leaves the postmaster running.
    await stop(first, 'SIGKILL');
    expect(postmasterAlive()).toBe(true);

    const second = await startServer();
    expect(second.log()).toMatch(/còn chạy trong .* do một tiến trình bị dừng đột ngột \(pid \d+\); dừng nó rồi khởi động lại/);
    expect(await organizations(second.port)).toEqual([...SEVEN, 'CTD']);

    // A second server attaches; when the owner stops, the cluster stays up for it.
    const third = await startServer();
    expect(third.log()).toContain('dùng chung cơ sở dữ liệu');
    expect(await stop(second, 'SIGTERM')).toBe(0);
    expect(postmasterAlive()).toBe(true);
    expect(await organizations(third.port)).toEqual([...SEVEN, 'CTD']);

    // The last one out stops the cluster.
    expect(await stop(third, 'SIGTERM')).toBe(0);
    expect(postmasterAlive()).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'db.lock.json'))).toBe(false);
  }, 180_000);

  it('creates the first administrator and a service token with the CLI; the server accepts both', async () => {
    const server = await startServer();
    const cli = (args: string[], input?: string) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/lienthong.js'), ...args], { env: env(0), encoding: 'utf8', input });
    try {
      const password = 'Một mật khẩu dài đủ 2026';
      const created = cli(['user', 'create', '--username', 'quantri', '--role', 'ADMIN', '--password-stdin'], `${password}\n`);
      expect(created.stderr).toContain('đã tạo tài khoản quantri (ADMIN)');
      expect(created.status).toBe(0);
      const lines = Object.fromEntries(
        created.stdout
          .trim()
          .split('\n')
          .map((l) => l.split('\t') as [string, string]),
      );
      // A one-time enrolment password (the one given), never a TOTP secret.
      expect(Object.keys(lines)).toEqual(['username', 'enrolment-password', 'enrolment-expires']);
      expect(lines).toMatchObject({ username: 'quantri', 'enrolment-password': password });
      expect(lines['enrolment-expires']).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
      expect(created.stderr).toContain('Kích hoạt tài khoản');

      const token = cli(['token', 'create', '--name', 'bao-cao-thang', '--role', 'DAN_VAN']);
      expect(token.status).toBe(0);
      const serviceToken = token.stdout.trim().split('\n').pop()!;
      expect(serviceToken).toMatch(/^lt_svc_/);
      expect(token.stderr).toContain("đã tạo khóa kết nối 'bao-cao-thang' (DAN_VAN, id ");
      expect(token.stderr).toContain('dùng đến khi thu hồi); mã chỉ hiện lần này');

      const gql = async (query: string, variables: Record<string, unknown>, bearer?: string) => {
        const res = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as { data?: Record<string, { token?: string; role?: string }>; errors?: unknown[] };
      };
      // Her first log-in seals the TOTP secret with the key the CLI made: both found it in DATA_DIR.
      const gqlData = async <T>(query: string, variables: Record<string, unknown>) => {
        const r = await gql(query, variables);
        if (!r.data) throw new Error(JSON.stringify(r.errors));
        return r.data as T;
      };
      const admin = await enrol(gqlData, 'quantri', password, `${password} mới`);
      const login = await gql('mutation($i: LogInInput!) { logIn(input: $i) { token } }', {
        i: { username: 'quantri', password: admin.password, totpCode: totpCode(admin.totpSecret, Date.now()) },
      });
      expect(login.errors).toBeUndefined();
      const me = await gql('{ me { role } }', {}, login.data!.logIn.token);
      expect(me.data!.me.role).toBe('ADMIN');
      expect((await gql('{ me { role } }', {}, serviceToken)).data!.me.role).toBe('DAN_VAN');
      expect(fs.statSync(path.join(dataDir, 'lienthong.key')).mode & 0o777).toBe(0o600);

      // The server connects as the application's role, not as the superuser.
      const { port } = JSON.parse(fs.readFileSync(path.join(dataDir, 'db.lock.json'), 'utf8')) as { port: number };
      const superuser = new pg.Client({
        host: '127.0.0.1',
        port,
        user: 'postgres',
        password: fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim(),
        database: 'lienthong',
      });
      await superuser.connect();
      try {
        const { rows } = await superuser.query<{ usename: string }>(
          `SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = $1`,
          [`lienthong:${server.proc.pid}`],
        );
        expect(rows).toEqual([{ usename: 'lienthong_app' }]);
      } finally {
        await superuser.end();
      }
      // DATA_DIR and what it holds are for its owner only (root lets the postgres user pass through).
      const mode = (p: string) => fs.statSync(path.join(dataDir, p)).mode & 0o777;
      expect([0o700, 0o711]).toContain(mode('.'));
      for (const file of ['pg-password', 'pg-app-password', 'pg.log', 'db.lock.json'])
        expect({ file, mode: mode(file) }).toEqual({ file, mode: 0o600 });
      expect(mode('db-clients')).toBe(0o700);
      expect(mode('pg')).toBe(0o700);

      const bad = cli(['user', 'create', '--username', 'x', '--role', 'BOSS']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain("'BOSS' không phải vai trò");
    } finally {
      await stop(server, 'SIGTERM');
    }
  }, 120_000);

  it('refuses a port another program holds, saying so in Vietnamese, and stops the PostgreSQL it started', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    const port = (holder.address() as net.AddressInfo).port;
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-port-'));
    try {
      const r = await runNode(path.join(ROOT, 'dist/src/main.js'), [], serverEnv(own, port));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        `không khởi động được: cổng ${port} đang có chương trình khác dùng (có thể Liên Thông đã chạy ở cổng này)`,
      );
      // In her words only: not the web framework's English line before it.
      expect(r.stderr).not.toContain('EADDRINUSE');
      expect(fs.existsSync(path.join(own, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      holder.close();
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('says in one line why the CLI could not do its work, with a non-zero exit code', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/lienthong.js'), 'org', 'add', '--code', 'bad code', '--name', 'X'], {
      env: env(0),
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("--code 'bad code'");
  });
});
