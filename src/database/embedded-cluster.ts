import fs from 'node:fs';
import path from 'node:path';
import { APP_ROLE } from './app-role.js';
import { isAlive, runs } from '../common/process/is-alive.js';
import { withDataDirMutex } from './data-dir-mutex.js';
import { PgServer, SUPERUSER } from './pg-server.js';
import { adoptDataDir, ensurePrivateDir, giveToOwner, secretFile } from './private-files.js';

/**
 * The embedded PostgreSQL of a DATA_DIR, shared by every process that uses that folder.
 *
 * Layout of DATA_DIR: `pg/` the cluster, `pg.log` its log, `pg-password` the superuser password,
 * `pg-app-password` the password of the application's role, `db.lock.json` {ownerPid, port},
 * `db-clients/<pid>` one file per attached process. DATA_DIR and all of it are readable by its
 * owner only (0700 folders, 0600 files; running as root on root's DATA_DIR, it is 0711 so that the
 * `postgres` user can reach `pg/`). Running as root on another user's DATA_DIR, all of it stays that
 * user's (`private-files.ts`), the cluster's server included.
 *
 * Two roles: the superuser (`url`) runs migrations; the application connects as APP_ROLE
 * (`appUrl`), a LOGIN role that is not a superuser and owns nothing (see app-role.ts).
 *
 * The first process starts the cluster and owns it; the others attach. On exit the owner hands
 * ownership to a live attached process, or stops the cluster when none is left. A cluster left
 * running by an owner that was killed is stopped and restarted, with a message. Starting and
 * stopping the server is `pg-server.ts`; one process at a time decides, under `data-dir-mutex.ts`.
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
  /** Calls `onExit` once, with a line for the log, if the PostgreSQL server this process uses exits under it. */
  watchServer(onExit: (message: string) => void): void;
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  log?: (message: string) => void;
  /** Extra postgresql.conf lines for a new cluster (tests turn fsync off). */
  extraConfig?: string[];
}

/** How often a watched postmaster is looked at (`watchServer`). */
const WATCH_SERVER_MS = 250;

interface LockFile {
  ownerPid: number;
  port: number;
}

export class EmbeddedCluster {
  private readonly dir: string;
  private readonly lockFile: string;
  private readonly clientsDir: string;
  private readonly log: (m: string) => void;
  private readonly database: string;
  private readonly server: PgServer;

  constructor(opts: EmbeddedOptions) {
    this.dir = path.resolve(opts.dataDir);
    this.lockFile = path.join(this.dir, 'db.lock.json');
    this.clientsDir = path.join(this.dir, 'db-clients');
    this.log = opts.log ?? ((m) => process.stderr.write(`[database] ${m}\n`));
    this.database = opts.database ?? 'lienthong';
    this.server = new PgServer(this.dir, this.log, opts.extraConfig);
  }

  /** Starts or attaches to the cluster of DATA_DIR and makes sure the database exists. */
  async acquire(): Promise<EmbeddedDatabase> {
    ensurePrivateDir(this.dir);
    ensurePrivateDir(this.clientsDir);
    adoptDataDir(this.dir);
    await this.server.resolveOsUser();
    const { port, owner, appPassword, postmaster } = await withDataDirMutex(this.dir, async () => {
      const started = await this.startOrAttach();
      try {
        return { ...started, appPassword: await this.ensureDatabaseAndRole(started.port), postmaster: this.server.runningPid() };
      } catch (e) {
        await this.detach();
        throw e;
      }
    });
    const password = this.server.password();
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
        await withDataDirMutex(this.dir, () => this.detach());
        adoptDataDir(this.dir);
      },
      watchServer: (onExit) => this.watchServer(postmaster, onExit),
    };
  }

  /**
   * A server whose PostgreSQL was killed (`kill -9`, the out-of-memory killer) must not stay up
   * answering errors: the postmaster is looked at four times a second, and its exit reported once.
   */
  private watchServer(pid: number | null, onExit: (message: string) => void): void {
    if (!pid) return;
    const timer = setInterval(() => {
      if (runs(pid)) return;
      clearInterval(timer);
      onExit(`máy chủ PostgreSQL của ${this.dir} (pid ${pid}) đã dừng đột ngột`);
    }, WATCH_SERVER_MS);
    timer.unref();
  }

  /** URL of a database other than the default one on this cluster (tests make several). */
  static urlFor(url: string, database: string): string {
    const u = new URL(url);
    u.pathname = `/${database}`;
    return u.toString();
  }

  /** Attaches to a live owner's server, takes over from a dead owner, or starts the server. */
  private async startOrAttach(): Promise<{ port: number; owner: boolean }> {
    const me = process.pid;
    // Files of processes killed while attached: gone, so they never keep the cluster up for nobody.
    this.liveClients(me);
    const lock = readJson<LockFile>(this.lockFile);
    const postmaster = this.server.runningPid();
    if (lock && lock.ownerPid !== me && isAlive(lock.ownerPid) && postmaster) {
      this.addClient(me);
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
        this.addClient(me);
        return { port: lock.port, owner: true };
      }
      this.log(
        `thấy máy chủ PostgreSQL (pid ${postmaster}) còn chạy trong ${this.server.pgDir} do một tiến trình ` +
          `bị dừng đột ngột (pid ${lock?.ownerPid ?? 'không rõ'}); dừng nó rồi khởi động lại`,
      );
      await this.server.stop(postmaster);
    }
    this.server.reclaimCluster();
    const port = await this.server.start();
    this.writeLock({ ownerPid: me, port });
    this.addClient(me);
    return { port, owner: true };
  }

  /** This process lets go: an owner hands the server to a live client, or stops it when none is left. */
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
    const postmaster = this.server.runningPid();
    if (postmaster) await this.server.stop(postmaster);
    fs.rmSync(this.lockFile, { force: true });
    // A cluster that died under this process was not stopped by it: its own line said so.
    if (postmaster) this.log('đã dừng cơ sở dữ liệu');
  }

  private addClient(pid: number): void {
    const file = path.join(this.clientsDir, String(pid));
    fs.writeFileSync(file, '', { mode: 0o600 });
    giveToOwner(this.dir, file);
  }

  /** The attached processes still alive, except one; the files of dead ones are removed. */
  private liveClients(exceptPid: number): number[] {
    const pids: number[] = [];
    for (const name of fs.readdirSync(this.clientsDir)) {
      const pid = Number(name);
      if (pid !== exceptPid && isAlive(pid)) pids.push(pid);
      else if (!isAlive(pid)) fs.rmSync(path.join(this.clientsDir, name), { force: true });
    }
    return pids;
  }

  private writeLock(lock: LockFile): void {
    const tmp = `${this.lockFile}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(lock), { mode: 0o600 });
    giveToOwner(this.dir, tmp);
    fs.renameSync(tmp, this.lockFile);
  }

  /**
   * Creates the database when missing, and the application's role (its password from
   * DATA_DIR/pg-app-password, made on first use). Run under the mutex: one process at a time.
   */
  private async ensureDatabaseAndRole(port: number): Promise<string> {
    const password = this.server.password();
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
}

/**
 * The superuser's URL of DATA_DIR's cluster while this process uses it (acquired by the server or a
 * CLI command): what a backup taken inside that process connects with, without acquiring it again.
 */
export function runningClusterUrl(dataDir: string, database = 'lienthong'): string {
  const lock = readJson<LockFile>(path.join(dataDir, 'db.lock.json'));
  if (!lock) throw new Error(`cơ sở dữ liệu ở ${dataDir} không chạy (không có db.lock.json)`);
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${lock.port}/${database}`;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}
