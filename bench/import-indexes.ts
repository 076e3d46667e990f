/**
 * What each index of `member_record` costs an import (issue 17, "only the indexes a measured query
 * needs"): 200,000 prepared rows inserted set-based (`INSERT … SELECT` from a staged table, as the
 * staged import applies them) into a copy of the table with nothing but its heap, then with each
 * index or key alone, then with them all; the history row (`membership_event`) the same way. Each
 * variant runs twice on a fresh table; the faster run counts. The primary key is compared twice more,
 * a random uuid (`gen_random_uuid()`) against a time-ordered one (`uuidv7()`, PostgreSQL 18), with
 * `BENCH_PREFILL` rows already in the table (default 800,000: the last fifth of a million), where a
 * random key's inserts are spread over the whole btree.
 *
 *   npm run build && node dist/bench/import-indexes.js
 *   BENCH_ROWS=50000 BENCH_PREFILL=0 node dist/bench/import-indexes.js
 *   BENCH_INDEXES='Mã hồ sơ trigram (part of a code)' BENCH_PREFILL=0 node dist/bench/import-indexes.js   # the heap and those alone
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedCluster } from '../src/database/embedded-cluster.js';
import { runMigrations } from '../src/database/data-source.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const PREFILL = Number(process.env.BENCH_PREFILL ?? 800_000);
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** Every index and key of member_record today (migrations 0–22), as SQL on the copy `t`. */
const INDEXES: Record<string, string> = {
  'primary key, random uuid': `ALTER TABLE t ADD PRIMARY KEY (id)`,
  'primary key, uuidv7()': `ALTER TABLE t ALTER COLUMN id SET DEFAULT uuidv7(), ADD PRIMARY KEY (id)`,
  '(organization, Mã hồ sơ) unique': `ALTER TABLE t ADD UNIQUE (organization_code, external_id)`,
  '(organization, given key, folded name, id)': `CREATE INDEX ON t (organization_code, given_key, name_folded, id)`,
  '(given key, family key, birth date)': `CREATE INDEX ON t (given_key, family_key, birth_date)`,
  'trigram of the folded name': `CREATE INDEX ON t USING gin (name_folded gin_trgm_ops)`,
  'Mã hồ sơ trigram (part of a code)': `CREATE INDEX ON t USING gin (external_id gin_trgm_ops)`,
  'ID number hash': `CREATE INDEX ON t (id_number_hash)`,
  phone: `CREATE INDEX ON t (phone)`,
  commune: `CREATE INDEX ON t (commune_code)`,
  unit: `CREATE INDEX ON t (unit_id)`,
  'three foreign keys (organization, commune, unit)': `ALTER TABLE t ADD FOREIGN KEY (organization_code) REFERENCES organization(code),
     ADD FOREIGN KEY (commune_code) REFERENCES commune(code), ADD FOREIGN KEY (unit_id) REFERENCES unit(id)`,
};
/** Only these (comma-separated keys of INDEXES), each alone beside the heap: one index's cost, without the rest. */
const ONLY = process.env.BENCH_INDEXES?.split(',').map((k) => k.trim());
const ALL = Object.keys(INDEXES).filter((k) => k !== 'primary key, uuidv7()');
const ALL_V7 = Object.keys(INDEXES).filter((k) => k !== 'primary key, random uuid');

const COLUMNS = `id, organization_code, external_id, full_name, name_folded, family_key, given_key, birth_date, sex, id_number_sealed,
  id_number_hash, id_number_masked, phone, commune_code, unit_id, status, raw, version`;

/** The staged rows: real-looking names (folded), dates, sealed-size bytes, hashes, phones, communes and units. */
const STAGE = `
  CREATE UNLOGGED TABLE stage AS
  WITH n AS (
    SELECT i,
      (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'])[1 + (random() * 14)::int] AS family,
      (ARRAY['Văn','Hữu','Đức','Minh','Quang','Thanh','Thị','Ngọc','Thu','Kim'])[1 + (random() * 9)::int] AS middle,
      (ARRAY['An','Bình','Cường','Dũng','Hải','Hùng','Long','Nam','Phúc','Quân','Sơn','Tuấn','Hà','Hạnh','Hòa','Lan','Linh','Mai','Nga','Thảo','Thủy','Trang'])[1 + (random() * 21)::int] AS given
    FROM generate_series(1, $1::int) i)
  SELECT i, 'CD'::varchar AS organization_code, 'CD-' || i AS external_id, family || ' ' || middle || ' ' || given AS full_name,
    lower(unaccent(family || ' ' || middle || ' ' || given)) AS name_folded, lower(unaccent(family)) AS family_key, lower(unaccent(given)) AS given_key,
    date '1950-01-01' + (random() * 20000)::int AS birth_date, 'Nữ'::varchar AS sex, gen_random_bytes(40) AS id_number_sealed,
    sha256(gen_random_bytes(12)) AS id_number_hash, '0011******45'::varchar AS id_number_masked,
    '09' || lpad((random() * 1e8)::bigint::text, 8, '0') AS phone,
    (SELECT array_agg(code) FROM (SELECT code FROM commune ORDER BY code LIMIT 300) c)[1 + (i % 300)] AS commune_code,
    (SELECT array_agg(id) FROM unit WHERE organization_code = 'CD')[1 + (i % 40)] AS unit_id,
    'ACTIVE'::varchar AS status, jsonb_build_object('fullName', family || ' ' || middle || ' ' || given) AS raw, 1 AS version
  FROM n`;

async function timedQuery(db: pg.Client, sql: string): Promise<number> {
  const started = process.hrtime.bigint();
  await db.query(sql);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Seconds to insert the staged rows into a fresh copy of member_record with these indexes (the best of two). */
async function insertWith(db: pg.Client, indexes: string[], prefill = false): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    await db.query(`DROP TABLE IF EXISTS t CASCADE`);
    await db.query(`CREATE TABLE t (LIKE member_record INCLUDING DEFAULTS)`);
    for (const k of indexes) await db.query(INDEXES[k]);
    if (prefill) await db.query(`INSERT INTO t (${COLUMNS.replace('id,', '')}) SELECT ${COLUMNS.replace('id,', '')} FROM prefill`);
    await db.query(`CHECKPOINT`);
    best = Math.min(
      best,
      await timedQuery(db, `INSERT INTO t (${COLUMNS.replace('id,', '')}) SELECT ${COLUMNS.replace('id,', '')} FROM stage`),
    );
  }
  return best;
}

/** The ADMITTED history rows of the inserted records, with their key, index and foreign key (as membership_event has them). */
async function historyWith(db: pg.Client, keyDefault: string): Promise<{ bare: number; keyed: number }> {
  const create = `DROP TABLE IF EXISTS e; CREATE TABLE e (LIKE membership_event INCLUDING DEFAULTS)`;
  const insert = `INSERT INTO e (record_id, kind, to_status, reason) SELECT id, 'ADMITTED', 'ACTIVE', 'Nhập danh sách' FROM t ORDER BY id DESC LIMIT ${ROWS}`;
  await db.query(create);
  const bare = await timedQuery(db, insert);
  await db.query(create);
  await db.query(
    `ALTER TABLE e ALTER COLUMN id SET DEFAULT ${keyDefault}, ADD PRIMARY KEY (id), ADD FOREIGN KEY (record_id) REFERENCES t(id)`,
  );
  await db.query(`CREATE INDEX ON e (record_id, recorded_at)`);
  const keyed = await timedQuery(db, insert);
  return { bare, keyed };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-indexes-'));
  const cluster = await new EmbeddedCluster({ dataDir: dir, log: () => undefined }).acquire();
  const db = new pg.Client({ connectionString: cluster.url });
  try {
    await runMigrations(cluster.url);
    await db.connect();
    await db.query(`INSERT INTO unit (organization_code, code, name, kind, path)
                    SELECT 'CD', 'CD-CHI-' || i, 'Chi đoàn ' || i, 'BRANCH', 'CD-CHI-' || i FROM generate_series(0, 39) i`);
    await db.query(STAGE, [ROWS]);
    if (PREFILL) await db.query(STAGE.replace('stage', 'prefill').replace(`'CD-' || i`, `'CD-P' || i`), [PREFILL]);
    await db.query(`ANALYZE`);
    const ms = (s: number) => ((s * 1e6) / ROWS).toFixed(1);
    const heap = await insertWith(db, []);
    log(`heap only: ${heap.toFixed(2)} s (${ms(heap)} µs a row)`);
    const lines = [`| heap only (no index, no key) | ${heap.toFixed(2)} | ${ms(heap)} | — |`];
    for (const k of ONLY ?? Object.keys(INDEXES)) {
      const s = await insertWith(db, [k]);
      log(`${k}: ${s.toFixed(2)} s`);
      lines.push(`| + ${k} | ${s.toFixed(2)} | ${ms(s)} | ${ms(s - heap)} |`);
    }
    for (const [name, set] of ONLY
      ? []
      : ([
          ['all of today (random key)', ALL],
          ['all of today, uuidv7() key', ALL_V7],
        ] as const)) {
      const s = await insertWith(db, [...set]);
      log(`${name}: ${s.toFixed(2)} s`);
      lines.push(`| ${name} | ${s.toFixed(2)} | ${ms(s)} | ${ms(s - heap)} |`);
    }
    for (const k of ['primary key, random uuid', 'primary key, uuidv7()']) {
      if (!PREFILL) break;
      const s = await insertWith(db, [k], true);
      log(`${k} after ${PREFILL} rows: ${s.toFixed(2)} s`);
      lines.push(`| ${k}, ${PREFILL} rows already in | ${s.toFixed(2)} | ${ms(s)} | ${ms(s - heap)} |`);
    }
    for (const key of ONLY ? [] : ['gen_random_uuid()', 'uuidv7()']) {
      const h = await historyWith(db, key);
      lines.push(
        `| history rows, bare / with key ${key}, index and foreign key | ${h.bare.toFixed(2)} / ${h.keyed.toFixed(2)} | ${ms(h.keyed)} | ${ms(h.keyed - h.bare)} |`,
      );
    }
    process.stdout.write(
      `\n${ROWS} rows inserted set-based, ${PREFILL} already in the table; ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0].toFixed(1)}\n\n` +
        `| variant | seconds | µs a row | µs a row over the heap |\n|---|---|---|---|\n${lines.join('\n')}\n`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await cluster.release();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
