import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { dataSourceOptions, runMigrations } from '../src/database/data-source.js';
import { decryptText, keyedHash } from '../src/personal-data/personal-data-cipher.js';
import { parseKey } from '../src/personal-data/personal-data-key.js';
import { emptyDatabase } from './support/empty-database.js';

/** Upgrading a database whose rejected import rows were kept in clear (issue 14). */
describe('the migration that seals rejected import rows', () => {
  const key = parseKey(randomBytes(32).toString('base64'), 'test');
  let url: string;

  beforeAll(async () => {
    url = await emptyDatabase();
  });

  it('seals the rows already stored, with the keys an erasure finds them by', async () => {
    const at = MIGRATIONS.findIndex((m) => m.name === 'SealedRejectedRows1763700000014');
    const before = new DataSource({ ...dataSourceOptions(url), migrations: MIGRATIONS.slice(0, at) });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const [job] = await before.query<{ id: string }[]>(
      `INSERT INTO import_job (organization_code, source_name, source_sha256, status, actor_name, started_at)
       VALUES ('HPN', 'hpn.csv', repeat('0', 64), 'DONE', 'vp.hpn', now() - interval '40 days') RETURNING id`,
    );
    const cells = ['H-1', 'Lò Thị Xuân', '12/03/1985', 'Nữ', '001185012345', '0912345678', '00004', 'Thái', 'CHI-1'];
    await before.query(
      `INSERT INTO import_row_error (job_id, ordinal, row_number, column_name, value, message, cells) VALUES ($1, 1, 2, 'Mã xã', '99999', $2, $3)`,
      [job.id, "Mã xã: mã xã '99999' không có", JSON.stringify(cells)],
    );
    await before.destroy();

    await expect(runMigrations(url)).rejects.toThrow(/needs the personal-data key to seal the 1 rejected import rows/);
    await runMigrations(url, key);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ sealed: Buffer; person_keys: Buffer[]; created_at: Date; all: string }>(
        `SELECT sealed, person_keys, created_at, e::text AS all FROM import_row_error e`,
      );
      expect(JSON.parse(decryptText(key, rows[0].sealed))).toEqual(['99999', "Mã xã: mã xã '99999' không có", cells]);
      const keys = rows[0].person_keys.map((k) => k.toString('hex'));
      expect(keys).toContain(keyedHash(key, '001185012345').toString('hex'));
      expect(keys).toContain(keyedHash(key, 'name-birth:lo thi xuan|1985-03-12').toString('hex'));
      expect(keys).toContain(keyedHash(key, 'record-code:HPN|H-1').toString('hex'));
      // Written 40 days ago: the first purge takes it.
      expect(Date.now() - rows[0].created_at.getTime()).toBeGreaterThan(39 * 86_400_000);
      for (const clear of ['001185012345', '0912345678', 'Thái', 'Xuân']) expect(rows[0].all).not.toContain(clear);
    } finally {
      await client.end();
    }
  }, 60_000);
});
