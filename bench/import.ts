/**
 * Import benchmark (issue 4): six organization CSV files (~1,000,000 rows in all) imported with
 * the CLI into a fresh embedded PostgreSQL, beside the floor — a bare PostgreSQL `COPY` of the same
 * files into a table of text columns — measured in the same run; then a 250,000-row .xlsx roster
 * imported and exported. Wall time and peak RSS (from /usr/bin/time) for each.
 *
 *   npm run bench:import                         # 1,000,000 CSV rows, 250,000 xlsx rows
 *   BENCH_ROWS=100000 BENCH_XLSX_ROWS=20000 npm run bench:import
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { timed, withDb } from './bench-tools.js';
import { prng } from '../src/common/random/prng.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 250_000);
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

const ORGS: { code: string; share: number; sex?: 'Nữ'; birth: [number, number] }[] = [
  { code: 'CD', share: 0.2, birth: [1966, 2006] },
  { code: 'DTN', share: 0.2, birth: [1996, 2010] },
  { code: 'HPN', share: 0.2, sex: 'Nữ', birth: [1950, 2006] },
  { code: 'HND', share: 0.2, birth: [1950, 2006] },
  { code: 'CCB', share: 0.1, birth: [1940, 1995] },
  { code: 'NCT', share: 0.1, birth: [1920, 1966] },
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thanh'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Kim'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tuấn'];
const GIVEN_F = ['Hà', 'Hạnh', 'Hòa', 'Lan', 'Linh', 'Mai', 'Nga', 'Thảo', 'Thủy', 'Trang'];
const COMMUNES = ['00004', '00008', '00025', '00031', '00061', '00070'];

const rand = prng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function row(org: (typeof ORGS)[number], i: number): string[] {
  const female = org.sex === 'Nữ' || rand() < 0.5;
  const year = org.birth[0] + Math.floor(rand() * (org.birth[1] - org.birth[0]));
  const day = 1 + Math.floor(rand() * 28);
  const month = 1 + Math.floor(rand() * 12);
  const province = String(1 + Math.floor(rand() * 96)).padStart(3, '0');
  const id = `${province}${(year >= 2000 ? 2 : 0) + (female ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(i % 1_000_000).padStart(6, '0')}`;
  return [
    `${org.code}-${i}`,
    `${pick(FAMILY)} ${female ? pick(MIDDLE_F) : pick(MIDDLE_M)} ${female ? pick(GIVEN_F) : pick(GIVEN_M)}`,
    `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`,
    female ? 'Nữ' : 'Nam',
    id,
    `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
    pick(COMMUNES),
    'Kinh',
    `${org.code}-CHI-${i % 40}`,
    'Đang sinh hoạt',
  ];
}
const HEADER = [
  'Mã hồ sơ',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Số điện thoại',
  'Mã xã',
  'Dân tộc',
  'Mã đơn vị',
  'Trạng thái',
];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-import-'));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  const cli = (...args: string[]) => [process.execPath, path.join(ROOT, 'bin/lienthong.js'), ...args];
  try {
    // The files.
    const files: { org: string; file: string; rows: number }[] = [];
    let total = 0;
    for (const org of ORGS) {
      const n = Math.round(ROWS * org.share);
      const file = path.join(dir, `${org.code}.csv`);
      const out = fs.createWriteStream(file);
      out.write(`\uFEFF${HEADER.join(',')}\n`);
      for (let i = 0; i < n; i++)
        if (!out.write(`${row(org, i).join(',')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      await new Promise<void>((r) => out.end(r));
      fs.chmodSync(file, 0o644);
      files.push({ org: org.code, file, rows: n });
      total += n;
    }
    const bytes = files.reduce((s, f) => s + fs.statSync(f.file).size, 0);
    log(`wrote ${total} rows in ${files.length} CSV files (${(bytes / 2 ** 20).toFixed(0)} MB)`);

    // Create the cluster and the schema once, outside the timings (each CLI run then starts it in ~0.1 s).
    timed(cli('org', 'list'), env);

    // The floor: COPY of the same files into a text table (server-side COPY, one statement per file).
    const importRows = [] as { name: string; rows: number; seconds: number; rssMb: number | null; perSecond: number }[];
    const copy = await withDb(dataDir, async (db) => {
      await db.query(`CREATE TABLE bench_copy (${HEADER.map((_, i) => `c${i} text`).join(', ')})`);
      const started = Date.now();
      for (const f of files) await db.query(`COPY bench_copy FROM '${f.file}' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')`);
      const seconds = (Date.now() - started) / 1000;
      await db.query(`DROP TABLE bench_copy`);
      return seconds;
    });
    importRows.push({
      name: 'floor: PostgreSQL COPY of the same files',
      rows: total,
      seconds: copy,
      rssMb: null,
      perSecond: Math.round(total / copy),
    });
    log(`COPY floor: ${copy.toFixed(1)} s`);

    let importSeconds = 0;
    let peak = 0;
    for (const f of files) {
      const r = timed(cli('import', '--org', f.org, '--create-units', '--batch-size', '5000', f.file), env);
      importSeconds += r.seconds;
      peak = Math.max(peak, r.rssMb);
      log(`${f.org}: ${f.rows} rows in ${r.seconds.toFixed(1)} s, peak RSS ${r.rssMb} MB — ${r.stdout.replace(/\n/g, ' ')}`);
    }
    importRows.push({
      name: '`lienthong import` of the six files (sequential)',
      rows: total,
      seconds: importSeconds,
      rssMb: peak,
      perSecond: Math.round(total / importSeconds),
    });

    // Again: every row unchanged.
    let again = 0;
    for (const f of files) again += timed(cli('import', '--org', f.org, '--batch-size', '5000', f.file), env).seconds;
    importRows.push({
      name: 're-import of the same files (all unchanged)',
      rows: total,
      seconds: again,
      rssMb: null,
      perSecond: Math.round(total / again),
    });

    // 250,000-row .xlsx: import and export.
    const xlsx = path.join(dir, 'HND-big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false });
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(HEADER).commit();
    const hnd = { ...ORGS[3], code: 'HND' };
    for (let i = 0; i < XLSX_ROWS; i++) ws.addRow(row(hnd, 1_000_000 + i)).commit();
    ws.commit();
    await wb.commit();
    const xi = timed(cli('import', '--org', 'HND', '--create-units', '--batch-size', '5000', xlsx), env);
    importRows.push({
      name: `import of one ${XLSX_ROWS.toLocaleString('en')}-row .xlsx`,
      rows: XLSX_ROWS,
      seconds: xi.seconds,
      rssMb: xi.rssMb,
      perSecond: Math.round(XLSX_ROWS / xi.seconds),
    });
    const xe = timed(cli('export', '--org', 'HND', '--format', 'xlsx', '--out', path.join(dir, 'out.xlsx')), env);
    const hndRows = Math.round(ROWS * 0.2) + XLSX_ROWS;
    importRows.push({
      name: `export of HND as .xlsx`,
      rows: hndRows,
      seconds: xe.seconds,
      rssMb: xe.rssMb,
      perSecond: Math.round(hndRows / xe.seconds),
    });
    const ce = timed(cli('export', '--org', 'HND', '--format', 'csv', '--out', path.join(dir, 'out.csv')), env);
    importRows.push({
      name: `export of HND as .csv`,
      rows: hndRows,
      seconds: ce.seconds,
      rssMb: ce.rssMb,
      perSecond: Math.round(hndRows / ce.seconds),
    });

    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    process.stdout.write(
      `\n${new Date().toISOString().slice(0, 10)} · ${machine}\n\n| run | rows | seconds | rows/s | peak RSS MB |\n|---|---|---|---|---|\n`,
    );
    for (const r of importRows)
      process.stdout.write(`| ${r.name} | ${r.rows} | ${r.seconds.toFixed(1)} | ${r.perSecond} | ${r.rssMb ?? '—'} |\n`);
    process.stdout.write(`\n${JSON.stringify(importRows)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
