/**
 * Row preparation in worker threads (issue 17): the rows of the import benchmark's CD file read
 * from CSV, then prepared (normalized, commune resolved, ID number sealed and hashed) in the
 * importing thread, and in a pool of 1 and 2 worker threads while the thread reads the next batch
 * (batches of 5,000, two in flight) — as the staged import would use it. No database: the
 * communes come from data/admin-units, the key is random.
 *
 *   npm run build && node dist/bench/prepare-workers.js          # 40,000 rows
 *   BENCH_ROWS=100000 node dist/bench/prepare-workers.js
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRoster } from '../src/common/files/tabular-source.js';
import { loadAdminUnitsData } from '../src/geography/admin-units-data.js';
import { CommuneDirectory } from '../src/geography/commune-directory.js';
import { communeReader } from '../src/geography/commune-from-address.js';
import { BUILT_IN_ORGANIZATIONS } from '../src/organizations/index.js';
import { deriveKeys } from '../src/personal-data/personal-data-key.js';
import { ImportContext } from '../src/roster-io/import/import-context.js';
import type { PreparedRow } from '../src/roster-io/import/prepare-row.js';
import { preparerOf, type PrepareWorkerSetup } from '../src/roster-io/import/prepare-worker-setup.js';
import { PrepareWorkers } from '../src/roster-io/import/prepare-workers.js';
import type { RosterRow } from '../src/roster-io/import/roster-row.js';
import { SheetReader } from '../src/roster-io/import/sheet-reader.js';
import { writeRosters } from './import-data.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 40_000);
const BATCH = 5_000;
const TODAY = '2026-12-01';
const def = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'CD')!;

function setupFromData(): PrepareWorkerSetup {
  const data = loadAdminUnitsData();
  const succ = new Map<string, string[]>();
  for (const s of data.successors) succ.set(s.legacyCode, [...(succ.get(s.legacyCode) ?? []), s.communeCode]);
  return {
    key: deriveKeys(randomBytes(32), 'bench'),
    organization: { builtIn: 'CD' },
    geography: {
      communes: data.communes,
      legacy: data.legacyCommunes.map((l) => ({ ...l, successorCodes: succ.get(l.code) ?? [] })),
      legacyProvinceSuccessors: data.legacyProvinces.map((p) => [p.code, p.successorCodes]),
      homeProvince: null,
    },
  };
}

/** The file's rows in batches, read as the import reads them. */
async function* batches(file: string): AsyncGenerator<RosterRow[]> {
  const data = loadAdminUnitsData();
  const dir = new CommuneDirectory(data.communes, [], new Map(), null);
  const reading = { today: TODAY, address: communeReader(dir, { provinces: data.provinces, legacyProvinces: data.legacyProvinces }) };
  const reader = new SheetReader(def, { sourceName: 'CD.csv', sourceSha256: '' }, false, { sheets: [], ignoredColumns: [] }, reading);
  let batch: RosterRow[] = [];
  for await (const r of reader.rows((await openRoster(file)).rows)) {
    if (r.kind !== 'row') continue;
    batch.push(r.row);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** CPU seconds of the importing (main) thread so far, from /proc (Node 20 has no per-thread figure): what a shared machine's load does not inflate. */
function mainThreadCpu(): number {
  const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Result {
  name: string;
  seconds: number;
  rows: number;
  mainCpu: number;
  allCpu: number;
}

async function timed(name: string, run: () => Promise<number>): Promise<Result> {
  const started = process.hrtime.bigint();
  const main0 = mainThreadCpu();
  const all0 = process.cpuUsage();
  const rows = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const all = process.cpuUsage(all0);
  const r = { name, seconds, rows, mainCpu: mainThreadCpu() - main0, allCpu: (all.user + all.system) / 1e6 };
  process.stderr.write(
    `[bench] ${name}: ${seconds.toFixed(2)} s, main thread CPU ${r.mainCpu.toFixed(2)} s, all threads ${r.allCpu.toFixed(2)} s\n`,
  );
  return r;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-prepare-'));
  try {
    const [cd] = await writeRosters(dir, ROWS / 0.2);
    const file = cd.file;
    const setup = setupFromData();
    const preparer = preparerOf(setup);
    const ctx = new ImportContext(def, { kind: 'ALL' }, true, TODAY, 'CD.csv');
    ctx.anyTombstone = false;
    const scene = { today: TODAY, anyTombstone: false };
    const results: Result[] = [];
    results.push(
      await timed('reading only', async () => {
        let n = 0;
        for await (const b of batches(file)) n += b.length;
        return n;
      }),
    );
    results.push(
      await timed('reading + preparing in the thread', async () => {
        let n = 0;
        for await (const b of batches(file)) n += b.map((r) => preparer.prepare(r, ctx)).filter((p) => p.values).length;
        return n;
      }),
    );
    for (const size of [1, 2]) {
      const pool = PrepareWorkers.start(setup, { size });
      await pool.prepare([], scene);
      results.push(
        await timed(`reading, preparing in ${size} worker${size > 1 ? 's' : ''} (two batches in flight)`, async () => {
          let n = 0;
          const inFlight: Promise<PreparedRow[]>[] = [];
          for await (const b of batches(file)) {
            inFlight.push(pool.prepare(b, scene));
            if (inFlight.length === 2) n += (await inFlight.shift()!).filter((p) => p.values).length;
          }
          for (const p of inFlight) n += (await p).filter((x) => x.values).length;
          return n;
        }),
      );
      await pool.close();
    }
    const us = (s: number) => ((s * 1e6) / ROWS).toFixed(1);
    const table = results.map(
      (r) => `| ${r.name} | ${r.rows} | ${r.seconds.toFixed(2)} | ${us(r.seconds)} | ${us(r.mainCpu)} | ${us(r.allCpu)} |`,
    );
    process.stdout.write(
      `\n${ROWS} CD rows; ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0].toFixed(1)}\n\n` +
        `| run | rows written | wall s | wall µs a row | main-thread CPU µs a row | all threads CPU µs a row |\n|---|---|---|---|---|---|\n` +
        `${table.join('\n')}\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
