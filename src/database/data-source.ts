import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { withMigrationKey } from '../../migrations/migration-key.js';
import type { PersonalDataKey } from '../personal-data/personal-data-key.js';
import { ENTITIES } from './entities.js';

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
    migrationsRun: false,
    applicationName: `lienthong:${process.pid}`,
    extra: { max: 10 },
  };
}

/**
 * Applies pending migrations, each in its own transaction; returns their names. The key is lent
 * to migrations that must seal data already stored (see migrations/migration-key.ts).
 */
export async function runMigrations(url: string, key: PersonalDataKey | null = null): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    const done = await withMigrationKey(key, () => ds.runMigrations({ transaction: 'each' }));
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
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
