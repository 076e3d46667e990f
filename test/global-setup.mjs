// Starts one embedded PostgreSQL for the whole test run in a temporary DATA_DIR (never the
// user's .data), applies the migrations to a template database, and hands its URL to the tests.
// Plain .mjs outside the Jest VM: it uses the compiled code (npm test builds first).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedCluster } from '../dist/src/database/embedded-cluster.js';
import { runMigrations } from '../dist/src/database/data-source.js';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    await runMigrations(process.env.DATABASE_URL);
    process.env.LIENTHONG_TEST_TEMPLATE_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-test-'));
  const cluster = new EmbeddedCluster({
    dataDir: dir,
    database: 'lienthong_template',
    log: () => undefined,
    extraConfig: ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'],
  });
  const db = await cluster.acquire();
  await runMigrations(db.url);
  globalThis.__LIENTHONG_TEST_DB__ = { db, dir };
  process.env.LIENTHONG_TEST_TEMPLATE_URL = db.url;
}
