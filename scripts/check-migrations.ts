import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pendingSchemaChanges, runMigrations } from '../src/database/data-source.js';
import { EmbeddedCluster } from '../src/database/embedded-cluster.js';

/**
 * `npm run migrations:check`: applies every migration to a fresh database and fails when the
 * entities still differ from the result (a migration is missing or wrong). Prints the SQL
 * TypeORM would add, as the start of the missing migration.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-migcheck-'));
const db = await new EmbeddedCluster({ dataDir: dir, log: () => undefined, extraConfig: ['fsync = off'] }).acquire();
let pending: string[] = [];
try {
  await runMigrations(db.url);
  pending = await pendingSchemaChanges(db.url);
} finally {
  await db.release();
  fs.rmSync(dir, { recursive: true, force: true });
}
if (pending.length) {
  process.stderr.write(`migrations are out of date with the entities; missing:\n${pending.map((q) => `  ${q};`).join('\n')}\n`);
  process.exit(1);
}
process.stderr.write('migrations match the entities\n');
