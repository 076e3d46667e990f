// Starts one embedded PostgreSQL for the whole test run in a temporary DATA_DIR (never the
// user's .data), applies the migrations to a template database (as the superuser, with the
// grants to the application's role), and hands the tests both URLs: the owner's
// (LIENTHONG_TEST_TEMPLATE_URL) and the application role's (LIENTHONG_TEST_APP_URL).
// With DATABASE_URL (and DATABASE_OWNER_URL when the owner is another role) the tests use that.
// Plain .mjs outside the Jest VM: it uses the compiled code (npm test builds first).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedCluster } from '../dist/src/database/embedded-cluster.js';
import { runMigrations } from '../dist/src/database/data-source.js';
import { APP_ROLE } from '../dist/src/database/app-role.js';

export default async function globalSetup() {
  // The console's tests drive Debian's Chromium: without it the run stops here, with one line.
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    process.stderr.write(
      `npm test: no Chromium at ${chromium} for the console's browser tests: install Debian's (sudo apt-get install -y chromium) or set CHROMIUM_PATH.\n`,
    );
    process.exit(1);
  }
  // Passwords hashed at the lowest argon2 cost in this run (src/accounts/passwords.ts): a log-in a test, not a second.
  process.env.LIENTHONG_TEST_PASSWORD_COST = 'low';
  if (process.env.DATABASE_URL) {
    const owner = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;
    const appRole = owner === process.env.DATABASE_URL ? null : decodeURIComponent(new URL(process.env.DATABASE_URL).username);
    await runMigrations(owner, null, appRole);
    process.env.LIENTHONG_TEST_TEMPLATE_URL = owner;
    process.env.LIENTHONG_TEST_APP_URL = process.env.DATABASE_URL;
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
  await runMigrations(db.url, null, APP_ROLE);
  globalThis.__LIENTHONG_TEST_DB__ = { db, dir };
  process.env.LIENTHONG_TEST_TEMPLATE_URL = db.url;
  process.env.LIENTHONG_TEST_APP_URL = db.appUrl;
}
