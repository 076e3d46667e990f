import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { loadPersonalDataKey, type PersonalDataKey } from '../personal-data/personal-data-key.js';
import { APP_ROLE, rewriteProblem, roleRights } from './app-role.js';
import { runMigrations } from './data-source.js';
import { EmbeddedCluster } from './embedded-cluster.js';
import { ensurePrivateDir } from './private-files.js';

export interface OpenDatabase {
  /** The application's connection: a role that can add to the audit log but not rewrite it. */
  url: string;
  /** Where the data lives, for messages. */
  description: string;
  /** Lets go of the embedded cluster (stopping it when no other process uses it). */
  release(): Promise<void>;
  /** The personal-data key (LIENTHONG_KEY or DATA_DIR/lienthong.key). */
  key: PersonalDataKey;
  /** Calls `onLost` once if the embedded PostgreSQL exits under this process (never for DATABASE_URL). */
  watchServer(onLost: (message: string) => void): void;
}

interface Connections {
  /** The application's role. */
  url: string;
  /** The owner, for migrations; null when only DATABASE_URL is given (it runs them itself). */
  ownerUrl: string | null;
  /** The application's role name, when the owner grants it its privileges. */
  appRole: string | null;
  description: string;
  release(): Promise<void>;
  watchServer(onLost: (message: string) => void): void;
}

/** Thrown when the application's role could rewrite the audit log and DATABASE_ALLOW_OWNER is not set. */
export class UnsafeDatabaseRoleError extends Error {}

/**
 * `DATABASE_URL` (with `DATABASE_OWNER_URL` for migrations) when set, else the embedded
 * PostgreSQL of `DATA_DIR`, whose superuser migrates and whose APP_ROLE the application uses.
 * Migrations are applied, then the application's role is checked: a role that could rewrite the
 * audit log is refused (or, with DATABASE_ALLOW_OWNER=yes, used with a loud warning).
 */
export async function openDatabase(config: AppConfig, log: (m: string) => void): Promise<OpenDatabase> {
  ensurePrivateDir(config.dataDir);
  const key = loadPersonalDataKey(config, log);
  const db = await connections(config, log);
  try {
    const applied = await runMigrations(db.ownerUrl ?? db.url, key, db.appRole).catch((e: unknown) => {
      throw db.ownerUrl ? e : ownerNeeded(e);
    });
    if (applied.length) log(`đã cập nhật cấu trúc cơ sở dữ liệu (${applied.length} bản migration): ${applied.join(', ')}`);
    await checkAppRole(db.url, config.allowOwnerRole, log);
  } catch (e) {
    await db.release();
    throw e;
  }
  return { url: db.url, description: db.description, release: () => db.release(), key, watchServer: (f) => db.watchServer(f) };
}

async function connections(config: AppConfig, log: (m: string) => void): Promise<Connections> {
  if (config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    return {
      url: config.databaseUrl,
      ownerUrl: config.databaseOwnerUrl,
      appRole: config.databaseOwnerUrl ? decodeURIComponent(u.username) || null : null,
      description: `${u.hostname}:${u.port || 5432}${u.pathname}`,
      release: () => Promise.resolve(),
      // An external server's restarts are its pool's business: TypeORM reconnects.
      watchServer: () => undefined,
    };
  }
  const embedded = await new EmbeddedCluster({ dataDir: config.dataDir, log: (m) => log(m) }).acquire();
  return {
    url: embedded.appUrl,
    ownerUrl: embedded.url,
    appRole: APP_ROLE,
    description: `PostgreSQL nhúng trong ${config.dataDir}, cổng ${embedded.port}, vai trò ${APP_ROLE}`,
    release: () => embedded.release(),
    watchServer: (f) => embedded.watchServer(f),
  };
}

/** A migration refused to DATABASE_URL's role: say who must run it. */
function ownerNeeded(e: unknown): unknown {
  const code = (e as { code?: string }).code;
  if (code !== '42501') return e;
  return new Error(
    `vai trò của DATABASE_URL không được phép áp dụng bản nâng cấp cơ sở dữ liệu (${(e as Error).message}): ` +
      `hãy đặt DATABASE_OWNER_URL là vai trò sở hữu cơ sở dữ liệu / DATABASE_URL's role may not apply the migrations: set DATABASE_OWNER_URL to the owner`,
  );
}

async function checkAppRole(url: string, allowOwner: boolean, log: (m: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rights = await roleRights({ query: async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows });
    if (!rights.canRewriteAuditLog) return;
    if (!allowOwner) throw new UnsafeDatabaseRoleError(`${rewriteProblem(rights)} (hoặc DATABASE_ALLOW_OWNER=yes để vẫn chạy)`);
    log(`CẢNH BÁO / WARNING: ${rewriteProblem(rights)}`);
  } finally {
    await client.end();
  }
}
