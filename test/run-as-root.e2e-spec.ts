import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serverEnv, startBuiltServer, stopBuiltServer, type BuiltServer } from './support/built-server.js';

/**
 * An operator's `sudo lienthong …` on the service user's DATA_DIR: every file stays that user's
 * (the embedded PostgreSQL runs as them), so the service still starts; `restore` as root gives the
 * new DATA_DIR its parent folder's owner; `restore --key` says, in one Vietnamese line, what is
 * wrong with a key file. Needs root (the tests run as root here).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/lienthong.js');
const USER = 'lienthong-e2e';
const IS_ROOT = process.getuid?.() === 0;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-root-'));
const srv = path.join(work, 'srv');
const dataDir = path.join(srv, 'data');
const archive = path.join(work, 'backup.tar.gz');

/** The service's system user, made when missing. */
function serviceUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, USER], { encoding: 'utf8' });
  if (id('-u').status !== 0)
    expect(spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', USER]).status).toBe(0);
  return { uid: Number(id('-u').stdout), gid: Number(id('-g').stdout) };
}

const cli = (dir: string, args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: serverEnv(dir, 0), encoding: 'utf8' });

/** What in `dir` is not `uid`'s. */
function notOwned(dir: string, uid: number): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.uid !== uid) out.push(`${path.relative(dir, p) || '.'} (uid ${st.uid})`);
    if (st.isDirectory()) for (const n of fs.readdirSync(p)) walk(path.join(p, n));
  };
  walk(dir);
  return out;
}

async function healthAs(dir: string, user: { uid: number; gid: number }): Promise<number> {
  const server: BuiltServer = await startBuiltServer(dir, user);
  try {
    return (await fetch(`http://127.0.0.1:${server.port}/health`)).status;
  } finally {
    expect(await stopBuiltServer(server, 'SIGTERM')).toBe(0);
  }
}

// Not root (a developer's machine): what can be checked without root — the owner's CLI run leaves every file the owner's.
if (!IS_ROOT)
  describe('the CLI run by the DATA_DIR’s owner (the root cases need root)', () => {
    afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
    it('leaves every file the owner’s', () => {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      expect(cli(dataDir, ['token', 'create', '--name', 'as-owner', '--role', 'ADMIN']).status).toBe(0);
      expect(notOwned(dataDir, process.getuid!())).toEqual([]);
    });
  });

if (IS_ROOT)
  describe('the CLI run as root on the service user’s DATA_DIR', () => {
    let user: { uid: number; gid: number };
    beforeAll(() => {
      user = serviceUser();
      fs.chmodSync(work, 0o711);
      for (const d of [srv, dataDir]) {
        fs.mkdirSync(d, { mode: 0o700 });
        fs.chownSync(d, user.uid, user.gid);
      }
    });
    afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

    it('leaves every file the service user’s, so the service starts on it', async () => {
      const made = cli(dataDir, ['token', 'create', '--name', 'as-root', '--role', 'ADMIN']);
      expect(made.status).toBe(0);
      expect(notOwned(dataDir, user.uid)).toEqual([]);
      expect(await healthAs(dataDir, user)).toBe(200);
    });

    it('gives back to the service user a DATA_DIR an earlier version left to root and `postgres`', () => {
      const postgres = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
      spawnSync('chown', ['-R', 'postgres:postgres', path.join(dataDir, 'pg'), path.join(dataDir, 'pg.log')]);
      fs.chownSync(path.join(dataDir, 'pg-password'), 0, 0);
      expect(notOwned(dataDir, user.uid)).toContain(`pg.log (uid ${postgres})`);
      expect(cli(dataDir, ['org', 'list']).status).toBe(0);
      expect(notOwned(dataDir, user.uid)).toEqual([]);
    });

    it('restores as root into a DATA_DIR its parent folder’s owner can start, and says what is wrong with a key', async () => {
      const backup = cli(dataDir, ['backup', '--out', archive]);
      expect(backup.status).toBe(0);
      expect(backup.stdout).toMatch(/^dung lượng\t\d+\.\d (KB|MB|GB) \(\d+ byte\)$/m);
      const restored = path.join(srv, 'restored');
      const refused = (key: string, message: string) => {
        const r = cli(restored, ['restore', archive, '--data-dir', restored, '--key', key]);
        expect(r.stderr).toBe(`lienthong: ${message}\n`);
        expect(r.status).toBe(1);
        expect(fs.existsSync(restored)).toBe(false);
      };
      const missing = path.join(work, 'no.key');
      refused(missing, `--key: không có tệp khóa ${missing}: hãy chỉ đúng đường dẫn tới tệp lienthong.key đã cất riêng`);
      const malformed = path.join(work, 'bad.key');
      fs.writeFileSync(malformed, 'not a key\n');
      refused(
        malformed,
        `tệp khóa ${malformed} không phải một khóa dữ liệu cá nhân (cần 32 byte viết bằng 64 chữ số hex hoặc base64, như trong lienthong.key): hãy đưa đúng khóa đã cất riêng`,
      );

      const done = cli(restored, ['restore', archive, '--data-dir', restored, '--key', path.join(dataDir, 'lienthong.key')]);
      expect(done.stderr).toContain('đã khôi phục');
      expect(done.status).toBe(0);
      expect(notOwned(restored, user.uid)).toEqual([]);
      expect(await healthAs(restored, user)).toBe(200);
    });

    it('with the key in the archive and --key too: refused when they differ, else says which key it used', () => {
      const withKey = path.join(work, 'with-key.tar.gz');
      expect(cli(dataDir, ['backup', '--out', withKey, '--with-key']).status).toBe(0);
      const other = path.join(work, 'other.key');
      fs.writeFileSync(other, randomBytes(32).toString('base64'));
      const target = path.join(work, 'root-owned', 'new');
      const differ = cli(target, ['restore', withKey, '--data-dir', target, '--key', other]);
      expect(differ.stderr).toMatch(
        /^lienthong: khóa từ .*other\.key \(dấu vân tay \w+\) khác khóa có trong bản sao lưu \(\w+\): không khôi phục/,
      );
      expect(differ.status).toBe(1);

      const same = cli(target, ['restore', withKey, '--data-dir', target, '--key', path.join(dataDir, 'lienthong.key')]);
      expect(same.stderr).toMatch(/dùng khóa trong bản sao lưu; khóa từ .*lienthong\.key trùng với nó/);
      // Root's folder, root's DATA_DIR: the command says what to run for the service's user.
      expect(same.stderr).toContain(`chown -R lienthong:lienthong ${target}`);
      expect(same.status).toBe(0);
    });
  });
