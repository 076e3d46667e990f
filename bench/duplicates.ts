/**
 * Duplicate-check benchmark (linker issue, part 2): `possibleDuplicates` latency over a database
 * already loaded and linked (e.g. the one `BENCH_KEEP=DIR npm run bench:link` leaves), for inputs
 * drawn from its records and typed the way secretaries type (no accents, upper case, old phone
 * prefixes, year only). Service-level timing, in the same process: the HTTP/GraphQL layer adds
 * its own ~1–3 ms (see the load benchmark).
 *
 *   BENCH_DATA_DIR=/tmp/lienthong-link/data npm run bench:duplicates
 */
import 'reflect-metadata';
import os from 'node:os';
import { NestFactory } from '@nestjs/core';
import { cliPrincipal } from '../src/access/principal.js';
import { CliModule } from '../src/cli/kit/cli.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { openDatabase } from '../src/database/open-database.js';
import { prng } from '../src/common/random/prng.js';
import { DuplicateCheckService } from '../src/linker/incremental/duplicate-check.service.js';
import { IncrementalLinkService } from '../src/linker/incremental/incremental-link.service.js';
import { DataSource } from 'typeorm';

const N = Number(process.env.BENCH_QUERIES ?? 1000);
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const strip = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

async function main(): Promise<void> {
  if (process.env.BENCH_DATA_DIR) process.env.DATA_DIR = process.env.BENCH_DATA_DIR;
  process.env.DATABASE_URL = '';
  const config = loadConfig();
  const db = await openDatabase(config, log);
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, db.url, db.key), { logger: ['error'] });
  try {
    const ds = app.get(DataSource);
    const [{ n }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM member_record`);
    const sample = await ds.query<
      { full_name: string; birth: string | null; phone: string | null; commune_code: string | null; sex: string | null }[]
    >(
      `SELECT full_name, to_char(birth_date, 'DD/MM/YYYY') AS birth, phone, commune_code, sex FROM member_record TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE birth_date IS NOT NULL LIMIT $1`,
      [N],
    );
    const rand = prng(11);
    const service = app.get(DuplicateCheckService);
    const caller = cliPrincipal('bench');
    const times: number[] = [];
    let found = 0;
    // Warm-up: the model and the first pages.
    for (const s of sample.slice(0, 20)) await service.possibleDuplicates({ fullName: s.full_name, birthDate: s.birth }, caller);
    for (const s of sample) {
      const r = rand();
      const input = {
        fullName: r < 0.3 ? strip(s.full_name) : r < 0.4 ? s.full_name.toUpperCase() : s.full_name,
        // A name and a birth date (or year): what the check needs to answer.
        birthDate: s.birth && rand() < 0.2 ? s.birth.slice(6) : s.birth,
        phone: s.phone && rand() < 0.7 ? s.phone : null,
        communeCode: s.commune_code,
        sex: s.sex === 'MALE' ? 'Nam' : s.sex === 'FEMALE' ? 'Nữ' : null,
      };
      const started = process.hrtime.bigint();
      const out = await service.possibleDuplicates(input, caller);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (out.length) found++;
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    // Incremental linking: one record at a time, then 1,000 at once (what a small import triggers).
    // Records already linked are linked again: the same work as for new ones.
    const ids = (await ds.query<{ id: string }[]>(`SELECT id FROM member_record TABLESAMPLE SYSTEM (1) REPEATABLE (3) LIMIT 1200`)).map(
      (r) => r.id,
    );
    const one: number[] = [];
    for (const id of ids.slice(0, 200)) {
      const started = process.hrtime.bigint();
      await app.get(IncrementalLinkService).linkNew([id]);
      one.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    one.sort((a, b) => a - b);
    const batchStarted = Date.now();
    await app.get(IncrementalLinkService).linkNew(ids.slice(200, 1200));
    const batchSeconds = (Date.now() - batchStarted) / 1000;
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    process.stdout.write(
      `${new Date().toISOString().slice(0, 10)} · ${machine} · ${n} records · ${times.length} queries (${found} with candidates)\n` +
        `possibleDuplicates: p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms\n` +
        `link one new record: p50 ${one[100].toFixed(1)} ms, p95 ${one[190].toFixed(1)} ms; 1,000 new records: ${batchSeconds.toFixed(1)} s\n`,
    );
  } finally {
    await app.close();
    await db.release();
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
