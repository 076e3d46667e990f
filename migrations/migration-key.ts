import type { PersonalDataKey } from '../src/personal-data/personal-data-key.js';

/**
 * TypeORM builds migrations with `new`, so a migration that must encrypt rows already stored gets
 * the key from here, lent by `runMigrations` for the length of the run.
 */
let current: PersonalDataKey | null = null;

export async function withMigrationKey<T>(key: PersonalDataKey | null, fn: () => Promise<T>): Promise<T> {
  current = key;
  try {
    return await fn();
  } finally {
    current = null;
  }
}

export function migrationKey(purpose: string): PersonalDataKey {
  if (!current) throw new Error(`this migration needs the personal-data key to ${purpose}: run it through the server or the CLI`);
  return current;
}
