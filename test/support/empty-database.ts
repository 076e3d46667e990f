import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { clusterAdminUrl } from '../test-app.js';

/** A new empty database on the test cluster (no migration applied), as its owner: for migrating old data. */
export async function emptyDatabase(prefix = 'mig'): Promise<string> {
  const template = process.env.LIENTHONG_TEST_TEMPLATE_URL!;
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(template);
  u.pathname = `/${name}`;
  return u.toString();
}
