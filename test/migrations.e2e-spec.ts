import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { dataSourceOptions, runMigrations } from '../src/database/data-source.js';
import { checkKeyFingerprint } from '../src/personal-data/secret-vault.js';
import { decryptText, keyedHash } from '../src/personal-data/personal-data-cipher.js';
import { parseKey } from '../src/personal-data/personal-data-key.js';
import { emptyDatabase } from './support/empty-database.js';

/** Upgrading a database written before ID numbers were sealed (and before the audit hash chain); refusing a wrong key. */
describe('the personal-data migration on existing data', () => {
  const key = parseKey(randomBytes(32).toString('base64'), 'test');
  let url: string;

  beforeAll(async () => {
    url = await emptyDatabase();
  });

  it('seals clear ID numbers already stored, moves the entered form out of raw, and then checks the key', async () => {
    // The schema as the foundation left it: the first three migrations only.
    const before = new DataSource({ ...dataSourceOptions(url), migrations: MIGRATIONS.slice(0, 3) });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.query(
      `INSERT INTO member_record (organization_code, external_id, full_name, name_folded, family_key, given_key, id_number, raw, version)
       VALUES ('HPN', 'H-1', 'Lò Thị Xuân', 'lo thi xuan', 'lo', 'xuan', '001185012345', '{"idNumber": "001 185 012345", "fullName": "Lò Thị Xuân"}', 1)`,
    );
    await before.destroy();

    await expect(runMigrations(url)).rejects.toThrow(/needs the personal-data key to seal the 1 ID numbers/);
    expect(await runMigrations(url, key)).toEqual(MIGRATIONS.slice(3).map((m) => m.name));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{
        sealed: Buffer;
        hash: Buffer;
        masked: string;
        raw_sealed: Buffer;
        raw: Record<string, string>;
        all: string;
      }>(
        `SELECT id_number_sealed AS sealed, id_number_hash AS hash, id_number_masked AS masked, id_number_raw_sealed AS raw_sealed, raw, r::text AS all FROM member_record r`,
      );
      expect(decryptText(key, rows[0].sealed)).toBe('001185012345');
      expect(decryptText(key, rows[0].raw_sealed)).toBe('001 185 012345');
      expect(rows[0].hash.equals(keyedHash(key, '001185012345'))).toBe(true);
      expect(rows[0].masked).toBe('0011******45');
      expect(rows[0].raw).toEqual({ fullName: 'Lò Thị Xuân' });
      expect(rows[0].all).not.toContain('185012345');
    } finally {
      await client.end();
    }

    const ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
    try {
      await checkKeyFingerprint(ds, key);
      await checkKeyFingerprint(ds, key);
      const other = parseKey(randomBytes(32).toString('base64'), 'LIENTHONG_KEY');
      await expect(checkKeyFingerprint(ds, other)).rejects.toThrow(
        /khóa dữ liệu cá nhân lấy từ LIENTHONG_KEY không phải khóa đã mã hóa cơ sở dữ liệu này/,
      );
    } finally {
      await ds.destroy();
    }
  }, 60_000);

  it('chains the audit lines written before the hash chain existed, in id order', async () => {
    const fresh = await emptyDatabase('chain');
    const chain = MIGRATIONS.findIndex((m) => m.name === 'AuditHashChain1763700000013');
    const before = new DataSource({ ...dataSourceOptions(fresh), migrations: MIGRATIONS.slice(0, chain) });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    for (const action of ['LOGIN', 'EXPORT', 'LOGOUT'])
      await before.query(
        `INSERT INTO audit_event (actor_kind, actor_name, action, at) VALUES ('USER', 'quantri', $1, '2026-01-02T03:04:05+07:00')`,
        [action],
      );
    await before.destroy();
    await runMigrations(fresh);
    const client = new pg.Client({ connectionString: fresh });
    await client.connect();
    try {
      await client.query(`SET timezone = 'Asia/Ho_Chi_Minh'`); // the check does not depend on the reader's time zone
      expect((await client.query(`SELECT * FROM audit_chain_problems()`)).rows).toEqual([]);
      const { rows } = await client.query<{ seq: string; event_id: string; first: boolean }>(
        `SELECT seq, event_id, prev_hash = '' AS first FROM audit_chain ORDER BY seq`,
      );
      const ids = (await client.query<{ id: string }>(`SELECT id FROM audit_event ORDER BY id`)).rows.map((r) => r.id);
      expect(rows).toEqual(ids.map((id, i) => ({ seq: String(i + 1), event_id: id, first: i === 0 })));
    } finally {
      await client.end();
    }
  }, 60_000);

  it('refuses a database a newer version upgraded, naming the step it does not know and the way out', async () => {
    const newer = await emptyDatabase('newer');
    await runMigrations(newer);
    const client = new pg.Client({ connectionString: newer });
    await client.connect();
    try {
      await client.query(`INSERT INTO migrations (timestamp, name) VALUES (1799999999999, 'FromTheFuture1799999999999')`);
    } finally {
      await client.end();
    }
    await expect(runMigrations(newer)).rejects.toThrow(
      /^cơ sở dữ liệu này đã được một phiên bản Liên Thông mới hơn nâng cấp \(1 bước nâng cấp mà bản này không biết: FromTheFuture1799999999999\): không mở .* khôi phục bản sao lưu làm trước khi nâng cấp/,
    );
  }, 60_000);
});
