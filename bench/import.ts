/**
 * Import benchmark (issues 4 and 17): six organization CSV files (~1,000,000 rows in all) imported
 * with the CLI into a fresh embedded PostgreSQL, beside the floor — a bare PostgreSQL `COPY` of the
 * same files into a table of text columns — measured in the same run; the same files sent again with
 * 1 % of the rows changed and the rows reordered; a 5,000-row preview (`--dry-run`, and over HTTP as
 * the console sends it: `import-preview-http.ts`); a 250,000-row
 * .xlsx roster imported and exported. Wall time and peak RSS (from /usr/bin/time) for each; then a
 * check that every imported record is searchable, sealed, hashed and has its history row.
 *
 *   npm run bench:import                         # 1,000,000 CSV rows, 250,000 xlsx rows
 *   BENCH_ROWS=200000 BENCH_XLSX_ROWS=20000 npm run bench:import
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { timed, withDb } from './bench-tools.js';
import { checkImported, describeCheck } from './import-check.js';
import { previewOverHttp } from './import-preview-http.js';
import { HEADER, ORGS, row, writeCorrected, writeFreshRoster, writeRosters, type RosterFile } from './import-data.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 250_000);
const PREVIEW_ROWS = 5_000;
/** Previews sent over HTTP (the first warms the server). */
const HTTP_PREVIEW_RUNS = 6;
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

interface Line {
  name: string;
  rows: number;
  seconds: number;
  rssMb: number | null;
  goal?: string;
}

type Cli = (...args: string[]) => string[];

/** The floor: a server-side COPY of the same files into a text table, one statement per file. */
async function copyFloor(dataDir: string, files: RosterFile[]): Promise<number> {
  return withDb(dataDir, async (db) => {
    await db.query(`CREATE TABLE bench_copy (${HEADER.map((_, i) => `c${i} text`).join(', ')})`);
    const started = Date.now();
    for (const f of files) await db.query(`COPY bench_copy FROM '${f.file}' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')`);
    const seconds = (Date.now() - started) / 1000;
    await db.query(`DROP TABLE bench_copy`);
    return seconds;
  });
}

/** The records an import run says it created (its summary line: `tạo mới <n>`). */
const createdBy = (stdout: string) => Number(/tạo mới\s+(\d+)/.exec(stdout)?.[1] ?? 0);

/** One `lienthong import` process per file, one after the other: total seconds, the peak RSS, the records created. */
function importEach(cli: Cli, env: NodeJS.ProcessEnv, files: { org: string; file: string }[], extra: string[]) {
  let seconds = 0;
  let peak = 0;
  let created = 0;
  for (const f of files) {
    const r = timed(cli('import', '--org', f.org, ...extra, '--batch-size', '5000', f.file), env);
    seconds += r.seconds;
    peak = Math.max(peak, r.rssMb);
    created += createdBy(r.stdout);
    log(`${path.basename(f.file)}: ${r.seconds.toFixed(1)} s, peak RSS ${r.rssMb} MB — ${r.stdout.replace(/\n/g, ' ')}`);
  }
  return { seconds, peak, created };
}

/**
 * A preview of rows not imported yet, two ways: the CLI's `--dry-run` (one process, its start-up
 * included) and the console's — `POST /imports?preview=true` on a running server, the first run
 * and the median of the next ones.
 */
async function preview(cli: Cli, env: NodeJS.ProcessEnv, dir: string): Promise<Line[]> {
  const file = await writeFreshRoster(dir, 'CD', 2_000_000, PREVIEW_ROWS);
  const rows = PREVIEW_ROWS;
  const r = timed(cli('import', '--org', 'CD', '--dry-run', file), env);
  log(`preview: ${r.seconds.toFixed(1)} s — ${r.stdout.replace(/\n/g, ' ').slice(0, 300)}`);
  const http = await previewOverHttp(ROOT, env, file, 'CD', HTTP_PREVIEW_RUNS);
  log(`preview over HTTP: ${http.runs.map((ms) => ms.toFixed(0)).join(', ')} ms — ${JSON.stringify(http.counts)}`);
  const later = http.runs.slice(1).sort((a, b) => a - b);
  const median = later[Math.floor(later.length / 2)];
  return [
    {
      name: `preview of ${rows.toLocaleString('en')} rows (\`--dry-run\`, start-up included)`,
      rows,
      seconds: r.seconds,
      rssMb: r.rssMb,
      goal: '≤ 3 s',
    },
    {
      name: `preview over HTTP, as the console sends it: the server's first`,
      rows,
      seconds: http.runs[0] / 1000,
      rssMb: null,
      goal: '≤ 3 s',
    },
    { name: `preview over HTTP: median of the next ${later.length}`, rows, seconds: median / 1000, rssMb: null, goal: '≤ 3 s' },
  ];
}

/** The .xlsx roster: import, then HND exported as .xlsx and .csv. */
async function spreadsheet(cli: Cli, env: NodeJS.ProcessEnv, dir: string): Promise<{ lines: Line[]; created: number }> {
  const xlsx = path.join(dir, 'HND-big.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false });
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(HEADER).commit();
  const hnd = ORGS[3];
  for (let i = 0; i < XLSX_ROWS; i++) ws.addRow(row(hnd, 1_000_000 + i)).commit();
  ws.commit();
  await wb.commit();
  const xi = timed(cli('import', '--org', 'HND', '--create-units', '--batch-size', '5000', xlsx), env);
  log(`xlsx: ${xi.seconds.toFixed(1)} s — ${xi.stdout.replace(/\n/g, ' ')}`);
  const hndRows = Math.round(ROWS * hnd.share) + XLSX_ROWS;
  const xe = timed(cli('export', '--org', 'HND', '--format', 'xlsx', '--out', path.join(dir, 'out.xlsx')), env);
  const ce = timed(cli('export', '--org', 'HND', '--format', 'csv', '--out', path.join(dir, 'out.csv')), env);
  const lines = [
    {
      name: `import of one ${XLSX_ROWS.toLocaleString('en')}-row .xlsx`,
      rows: XLSX_ROWS,
      seconds: xi.seconds,
      rssMb: xi.rssMb,
      goal: '≤ 30 s at 250,000',
    },
    { name: `export of HND as .xlsx`, rows: hndRows, seconds: xe.seconds, rssMb: xe.rssMb },
    { name: `export of HND as .csv`, rows: hndRows, seconds: ce.seconds, rssMb: ce.rssMb },
  ];
  return { lines, created: createdBy(xi.stdout) };
}

function printTable(lines: Line[], check: string): void {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  const out = [
    `\n${new Date().toISOString().slice(0, 10)} · ${machine}\n`,
    '| run | rows | seconds | rows/s | peak RSS MB | goal |',
    '|---|---|---|---|---|---|',
    ...lines.map(
      (r) =>
        `| ${r.name} | ${r.rows} | ${Number.isNaN(r.seconds) ? '—' : r.seconds.toFixed(1)} | ${Number.isNaN(r.seconds) ? '—' : Math.round(r.rows / r.seconds)} | ${r.rssMb ?? '—'} | ${r.goal ?? ''} |`,
    ),
    `\ncheck after the benchmark: ${check}\n`,
    JSON.stringify(lines),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-import-'));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  const cli: Cli = (...args) => [process.execPath, path.join(ROOT, 'bin/lienthong.js'), ...args];
  try {
    const files = await writeRosters(dir, ROWS);
    const total = files.reduce((s, f) => s + f.rows, 0);
    const bytes = files.reduce((s, f) => s + fs.statSync(f.file).size, 0);
    log(`wrote ${total} rows in ${files.length} CSV files (${(bytes / 2 ** 20).toFixed(0)} MB)`);
    const corrected = await Promise.all(files.map(async (f) => ({ org: f.org, ...(await writeCorrected(f, dir)) })));

    // Create the cluster and the schema once, outside the timings (each CLI run then starts it in ~0.1 s).
    timed(cli('org', 'list'), env);
    const copy = await copyFloor(dataDir, files);
    log(`COPY floor: ${copy.toFixed(1)} s`);
    const lines: Line[] = [{ name: 'floor: PostgreSQL COPY of the same files', rows: total, seconds: copy, rssMb: null }];

    const first = importEach(cli, env, files, ['--create-units']);
    lines.push({
      name: '`lienthong import` of the six files (sequential)',
      rows: total,
      seconds: first.seconds,
      rssMb: first.peak,
      goal: '≤ 60 s a million (≤ 90 s least)',
    });
    const again = importEach(cli, env, corrected, []);
    const changed = corrected.reduce((s, c) => s + c.changed, 0);
    lines.push({
      name: `re-import, rows reordered, ${changed} changed (1 %)`,
      rows: total,
      seconds: again.seconds,
      rssMb: again.peak,
      goal: '≤ 20 s a million',
    });
    lines.push(...(await preview(cli, env, dir)));
    const xlsx = await spreadsheet(cli, env, dir);
    lines.push(...xlsx.lines);

    // Every record the runs said they created (a refused row creates none) must be whole.
    const created = first.created + again.created + xlsx.created;
    const orgs = ORGS.map((o) => o.code);
    const check = await withDb(dataDir, (db) => checkImported(db, orgs));
    printTable(lines, `${describeCheck(check, created)} (${total + XLSX_ROWS - created} rows refused)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
