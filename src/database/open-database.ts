import type { AppConfig } from '../config/app-config.js';
import { loadPersonalDataKey, type PersonalDataKey } from '../personal-data/personal-data-key.js';
import { runMigrations } from './data-source.js';
import { EmbeddedCluster } from './embedded-cluster.js';

export interface OpenDatabase {
  url: string;
  /** Where the data lives, for messages. */
  description: string;
  /** Lets go of the embedded cluster (stopping it when no other process uses it). */
  release(): Promise<void>;
  /** The personal-data key (LIENTHONG_KEY or DATA_DIR/lienthong.key). */
  key: PersonalDataKey;
}

/** `DATABASE_URL` when set, else the embedded PostgreSQL of `DATA_DIR`; migrations applied. */
export async function openDatabase(config: AppConfig, log: (m: string) => void): Promise<OpenDatabase> {
  const key = loadPersonalDataKey(config, log);
  let db: Omit<OpenDatabase, 'key'>;
  if (config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    db = { url: config.databaseUrl, description: `${u.hostname}:${u.port || 5432}${u.pathname}`, release: () => Promise.resolve() };
  } else {
    const embedded = await new EmbeddedCluster({ dataDir: config.dataDir, log: (m) => log(m) }).acquire();
    db = {
      url: embedded.url,
      description: `embedded PostgreSQL in ${config.dataDir} (port ${embedded.port})`,
      release: () => embedded.release(),
    };
  }
  try {
    const applied = await runMigrations(db.url, key);
    if (applied.length) log(`đã cập nhật cấu trúc cơ sở dữ liệu (${applied.length} bản migration): ${applied.join(', ')}`);
  } catch (e) {
    await db.release();
    throw e;
  }
  return { ...db, key };
}
