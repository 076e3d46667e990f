import fs from 'node:fs';

export default async function globalTeardown() {
  const handle = globalThis.__LIENTHONG_TEST_DB__;
  if (!handle) return;
  await handle.db.release();
  fs.rmSync(handle.dir, { recursive: true, force: true });
}
