/**
 * Load benchmark (issue 19): a province. The built server (`NODE_ENV=production`) on a DATA_DIR of
 * the demo province, 1,500 sessions made beforehand (bench/load/sessions.ts), then in one run:
 *
 * 1. an OPEN loop — requests arriving at random (Poisson) at `BENCH_RATE` a second for
 *    `BENCH_SECONDS` with the console's mix (bench/load/mix.ts), each timed from its planned arrival;
 * 2. the trivial floor at the same arrival rate: the public `organizations` query (HTTP + GraphQL,
 *    no auth, no SQL);
 * 3. a CLOSED loop — `BENCH_CLIENTS` clients with no think time — on the mix (the ceiling, req/s),
 *    then on the trivial floor.
 *
 *   BENCH_DATA_DIR=/tmp/copy-of-1m npm run bench:load   # a copy: the bench adds users and sessions to it
 *   npm run bench:load                                  # seeds a demo province of BENCH_PERSONS (20,000) first
 *   BENCH_RATE=150 BENCH_SECONDS=60 BENCH_SESSIONS=1500 BENCH_CLIENTS=32 BENCH_CEILING_SECONDS=30 BENCH_FLOOR_SECONDS=30
 *
 * The server runs with `API_REQUESTS_PER_MINUTE=1000000` (the per-token limit would otherwise stop
 * the closed loop, not the server) and `SESSION_MINUTES=1440` (the sessions are reused across runs).
 * Prints a Markdown table for BENCHMARKS.md and a JSON line. Each kind alone and each loop also
 * gives the CPU a request cost the server's Node process and PostgreSQL (bench/load/cpu.ts, from
 * /proc): steadier than requests a second on a shared machine.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prng } from '../src/common/random/prng.js';
import { cpuNow, perRequest, type Cpu } from './load/cpu.js';
import { closedLoop, GqlClient, openLoop, row, rows, table, type Row, type Shot } from './load/loops.js';
import { buildShots, FLOOR_BODY, sample, unitsOf } from './load/mix.js';
import { plan, sessionsFor } from './load/sessions.js';
import { startBuiltServer } from './bench-tools.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RATE = num('BENCH_RATE', 150);
const SECONDS = num('BENCH_SECONDS', 60);
const FLOOR_SECONDS = num('BENCH_FLOOR_SECONDS', 30);
const SESSIONS = num('BENCH_SESSIONS', 1500);
const CLIENTS = num('BENCH_CLIENTS', 32);
const CEILING_SECONDS = num('BENCH_CEILING_SECONDS', 30);
const WARM_SECONDS = num('BENCH_WARM_SECONDS', 10);
/** Requests of each kind sent one at a time before the loops (0: none): each kind's service time alone. */
const ALONE = num('BENCH_ALONE', 20);
const log = (m: string) => process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${m}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const { proc, output } = await startBuiltServer(ROOT, env, nodeArgs);
  proc.on('exit', (code) => code && log(`server exited with ${code}: ${output().slice(-2000)}`));
  return proc;
}

/** A demo province in a new DATA_DIR, seeded and linked as the README says. */
function seedProvince(dataDir: string, persons: number): void {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/lienthong.js'), ...args], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  };
  log(`seeding a demo province of ${persons} persons in ${dataDir}`);
  cli(['seed', '--demo', '--persons', String(persons), '--out', path.join(dataDir, 'seed'), '--load']);
  cli(['link']);
}

function poolFor(dataDir: string): pg.Pool {
  const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'db.lock.json'), 'utf8')) as { port: number };
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  return new pg.Pool({ host: '127.0.0.1', port: lock.port, user: 'postgres', password, database: 'lienthong', max: 2 });
}

const cycle = (shots: Shot[]) => {
  let i = 0;
  return () => shots[i++ % shots.length];
};

/** `ALONE` requests of each kind, one at a time (nothing else running): what each costs without queueing, and its CPU. */
async function alone(client: GqlClient, shots: Shot[], cpu: () => Cpu): Promise<Row[]> {
  const kinds = [...new Set(shots.map((s) => s.kind))];
  const out: Row[] = [];
  for (const kind of kinds) {
    const mine = shots.filter((s) => s.kind === kind).slice(-ALONE);
    const latencies: number[] = [];
    let errors = 0;
    const t0 = performance.now();
    const c0 = cpu();
    for (const s of mine) {
      const t = performance.now();
      await client.send(s.body, s.token).catch(() => errors++);
      latencies.push(performance.now() - t);
    }
    out.push({ ...row(`  · ${kind}`, latencies, errors, (performance.now() - t0) / 1000), cpu: perRequest(c0, cpu(), mine.length) });
  }
  return out.sort((a, b) => b.requests - a.requests);
}

/** The four measured runs (after a warm-up that is not counted). */
async function measure(client: GqlClient, shots: Shot[], rand: () => number, cpu: () => Cpu) {
  /** The run, and the CPU a request it cost. */
  const timed = async <T extends { count: number }>(run: () => Promise<T>) => {
    const c0 = cpu();
    const r = await run();
    return { ...r, cpu: perRequest(c0, cpu(), r.count) };
  };
  const floorShot: Shot = { kind: 'organizations', body: FLOOR_BODY, token: null };
  log(`warm-up ${WARM_SECONDS} s`);
  await openLoop(client, RATE, WARM_SECONDS, cycle(shots.slice().reverse()), rand);
  log(`each kind alone: ${ALONE} requests one at a time`);
  const single = ALONE > 0 ? await alone(client, [...shots, ...Array<Shot>(ALONE).fill(floorShot)], cpu) : [];
  log(`open loop: ${RATE}/s for ${SECONDS} s`);
  const open = await timed(() => openLoop(client, RATE, SECONDS, cycle(shots), rand));
  log(`open loop floor: ${RATE}/s for ${FLOOR_SECONDS} s`);
  const openFloor = await timed(() => openLoop(client, RATE, FLOOR_SECONDS, () => floorShot, rand));
  log(`closed loop: ${CLIENTS} clients for ${CEILING_SECONDS} s`);
  const closed = await timed(() => closedLoop(client, CLIENTS, CEILING_SECONDS, cycle(shots.slice(open.count))));
  const closedFloor = await timed(() => closedLoop(client, CLIENTS, CEILING_SECONDS, () => floorShot));
  return { single, open, openFloor, closed, closedFloor };
}

async function figures(pool: pg.Pool) {
  const q = async (sql: string) => (await pool.query<{ v: string }>(sql)).rows[0].v;
  return {
    records: Number(await q(`SELECT count(*) AS v FROM member_record`)),
    dbSize: await q(`SELECT pg_size_pretty(pg_database_size('lienthong')) AS v`),
    auditRows: Number(await q(`SELECT count(*) AS v FROM audit_event`)),
  };
}

async function main(): Promise<void> {
  const given = process.env.BENCH_DATA_DIR;
  const dataDir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-'));
  if (!given) seedProvince(dataDir, num('BENCH_PERSONS', 20000));
  const port = await freePort();
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    DATABASE_URL: '',
    NODE_ENV: 'production',
    SESSION_MINUTES: '1440',
    API_REQUESTS_PER_MINUTE: '1000000',
  };
  const server = await startServer(env);
  const pool = poolFor(dataDir);
  const client = new GqlClient(port);
  try {
    const rand = prng(19);
    const sampled = await sample(pool, 30_000);
    const communes = [...new Set(sampled.map((r) => r.commune_code).filter((c) => c !== null))];
    const organizations = [...new Set(sampled.map((r) => r.org))].sort();
    const wanted = () => plan(SESSIONS, unitsOf(sampled), organizations, communes, prng(7));
    const sessions = await sessionsFor(dataDir, ROOT, env, client, pool, wanted, log);
    const shots = buildShots(Math.ceil(RATE * (SECONDS + WARM_SECONDS) + 40_000), sessions, sampled, rand);
    const before = await figures(pool);
    const m = await measure(client, shots, rand, () => cpuNow(server.pid ?? 0, dataDir));
    const after = await figures(pool);
    const all: Row[] = [
      ...(m.single.length ? [row('each kind alone, one request at a time', [], 0, 1), ...m.single] : []),
      ...rows(`open loop: the mix, ${m.open.arrivalRate.toFixed(1)} arrivals/s`, m.open),
      ...rows(`open loop: floor \`organizations\`, ${m.openFloor.arrivalRate.toFixed(1)} arrivals/s`, m.openFloor),
      ...rows(`closed loop: the mix, ${CLIENTS} clients`, m.closed),
      ...rows(`closed loop: floor \`organizations\`, ${CLIENTS} clients`, m.closedFloor),
    ];
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    const ratio = m.closed.count / CEILING_SECONDS / (m.closedFloor.count / CEILING_SECONDS);
    process.stdout.write(
      `\n${new Date().toISOString()} · ${machine} · load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} · ${after.records} records · ` +
        `database ${after.dbSize} · ${sessions.length} sessions · audit rows written ${after.auditRows - before.auditRows} · ` +
        `ceiling ${ratio.toFixed(2)}× the floor\n\n${table(all)}\n`,
    );
    if (m.open.firstError ?? m.closed.firstError) log(`first error: ${m.open.firstError ?? m.closed.firstError}`);
    process.stdout.write(`\n${JSON.stringify({ rate: RATE, seconds: SECONDS, sessions: sessions.length, ...after, ratio, rows: all })}\n`);
    if (m.open.errors || m.closed.errors) process.exitCode = 1;
  } finally {
    client.close();
    await pool.end();
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    if (!given) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
