import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { withMigrationKey } from '../../migrations/migration-key.js';
import type { PersonalDataKey } from '../personal-data/personal-data-key.js';
import { grantAppRole } from './app-role.js';
import { ENTITIES } from './entities.js';

/**
 * A pool connection with an 'error' listener for its whole life. pg emits 'error' on a connection
 * whose server went away, and Node throws an 'error' nobody listens to: the pool listens while a
 * connection is idle in it and TypeORM while a query runner holds it, but not in between. Once a
 * CI run saw the server die on `terminating connection due to unexpected postmaster exit` (uncaught)
 * instead of stopping with its message when its PostgreSQL was killed; where that connection was
 * held is not known (a test ending a held or idle session from outside did not reproduce it). The
 * work on the connection still fails on its own; a dead PostgreSQL is reported by the cluster's
 * watcher (embedded-cluster.ts).
 */
export class GuardedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** TypeORM options: the schema comes only from migrations; `synchronize` is never on. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // The migrations create the extensions; the application's role may not.
    installExtensions: false,
    migrationsRun: false,
    applicationName: `lienthong:${process.pid}`,
    extra: { max: 10, Client: GuardedClient },
  };
}

/**
 * Applies pending migrations, each in its own transaction; returns their names. The key is lent
 * to migrations that must seal data already stored (see migrations/migration-key.ts). `url` is
 * the owner of the schema. With `appRole`, the owner then grants that role its privileges on
 * every table (app-role.ts), at every run: a table a migration adds gets them at once.
 */
export async function runMigrations(url: string, key: PersonalDataKey | null = null, appRole: string | null = null): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    await refuseNewerDatabase(ds);
    const done = await withMigrationKey(key, () => ds.runMigrations({ transaction: 'each' }));
    if (appRole) await ds.transaction((em) => grantAppRole(em, appRole));
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

export class NewerDatabaseError extends Error {}

/**
 * A database a newer version upgraded (a migration this code does not know is applied) is not
 * opened: the code would read and write a structure it was not made for. Said in Vietnamese, with
 * the two ways out (run the newer version, or restore the backup taken before the upgrade).
 */
async function refuseNewerDatabase(ds: DataSource): Promise<void> {
  const [{ exists }] = await ds.query<{ exists: boolean }[]>(`SELECT to_regclass('migrations') IS NOT NULL AS exists`);
  if (!exists) return;
  const known = new Set(ds.migrations.map((m) => m.name));
  const applied = await ds.query<{ name: string }[]>(`SELECT name FROM migrations ORDER BY timestamp`);
  const unknown = applied.map((m) => m.name).filter((n) => !known.has(n));
  if (unknown.length)
    throw new NewerDatabaseError(
      `cơ sở dữ liệu này đã được một phiên bản Liên Thông mới hơn nâng cấp (${unknown.length} bước nâng cấp mà bản này không biết: ` +
        `${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', …' : ''}): không mở để khỏi làm hỏng dữ liệu. Hãy chạy phiên bản mới đó, ` +
        `hoặc khôi phục bản sao lưu làm trước khi nâng cấp vào một DATA_DIR mới (README "Upgrading")`,
    );
}

/** SQL that would bring the database to the entities: empty when migrations and code agree. */
export async function pendingSchemaChanges(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    const log = await ds.driver.createSchemaBuilder().log();
    return log.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}
