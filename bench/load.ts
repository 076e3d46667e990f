/**
 * Load benchmark (issue 3): 100 concurrent authenticated clients for 60 s on typical queries, on
 * loopback, against the built server on its embedded PostgreSQL — set up as an operator would:
 * the first administrator from the CLI, users created over GraphQL, every client logged in with
 * password + TOTP. Then, in the same run, two floors at the same concurrency: the public
 * `organizations` query (HTTP + GraphQL with no auth and no SQL) and the roster SQL straight on
 * PostgreSQL (no HTTP, no GraphQL, no auth).
 *
 *   npm run bench:load                        # 5,000 records, 100 clients, 60 s
 *   BENCH_RECORDS=20000 BENCH_SECONDS=30 BENCH_CLIENTS=50 BENCH_FLOOR_SECONDS=10 npm run bench:load
 *
 * Prints a Markdown table for BENCHMARKS.md and a JSON line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prng } from '../src/common/random/prng.js';
import { totpCode } from '../src/accounts/totp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RECORDS = Number(process.env.BENCH_RECORDS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const FLOOR_SECONDS = Number(process.env.BENCH_FLOOR_SECONDS ?? 15);
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thủy',
  'Trang',
  'Tuấn',
];
const ORGS = ['DTN', 'HPN', 'HND'] as const;
const COMMUNES = ['00004', '00008', '00025', '00031'];

const rand = prng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

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
  const proc = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist/src/main.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    proc.stderr.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('sẵn sàng sau')) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  proc.removeAllListeners('exit');
  return proc;
}

interface Stats {
  count: number;
  errors: number;
  latencies: number[];
  firstError?: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function summary(name: string, s: Stats, seconds: number) {
  const sorted = Float64Array.from(s.latencies).sort();
  const arr = Array.from(sorted);
  return {
    name,
    requests: s.count,
    errors: s.errors,
    perSecond: Math.round(s.count / seconds),
    p50: +percentile(arr, 50).toFixed(1),
    p95: +percentile(arr, 95).toFixed(1),
    p99: +percentile(arr, 99).toFixed(1),
    max: +(arr[arr.length - 1] ?? NaN).toFixed(1),
    firstError: s.firstError,
  };
}

/** Runs `clients` loops of `step` for `seconds`, timing each call. */
async function run(clients: number, seconds: number, step: (client: number) => Promise<void>): Promise<Stats> {
  const s: Stats = { count: 0, errors: 0, latencies: [] };
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (Date.now() < end) {
        const t0 = performance.now();
        try {
          await step(c);
        } catch (e) {
          s.errors++;
          s.firstError ??= e instanceof Error ? e.message : String(e);
        }
        s.latencies.push(performance.now() - t0);
        s.count++;
      }
    }),
  );
  return s;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', NODE_ENV: 'production' };
  const url = `http://127.0.0.1:${port}/graphql`;
  const server = await startServer(env);
  // The same database the server uses, for the SQL floor and for picking record ids.
  const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'db.lock.json'), 'utf8')) as { port: number };
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: lock.port,
    user: 'postgres',
    password: fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim(),
    database: 'lienthong',
    max: 10,
  });
  try {
    // The first administrator, as the README says: from the CLI on the server.
    const adminPassword = 'Mật khẩu quản trị đủ dài 2026';
    const created = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/lienthong.js'), 'user', 'create', '--username', 'quantri', '--role', 'ADMIN', '--password-stdin'],
      {
        env,
        input: `${adminPassword}\n`,
        encoding: 'utf8',
      },
    );
    if (created.status !== 0) throw new Error(created.stderr);
    const adminSecret = /totp-secret\t(\S+)/.exec(created.stdout)![1];

    const gql = async <T>(query: string, variables: Record<string, unknown>, token: string | null): Promise<T> => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
      if (res.status !== 200 || body.errors) throw new Error(`${res.status} ${JSON.stringify(body.errors)}`);
      return body.data!;
    };
    const logIn = async (username: string, password: string, secret: string) =>
      (
        await gql<{ logIn: { token: string } }>(
          'mutation($i: LogInInput!) { logIn(input: $i) { token } }',
          { i: { username, password, totpCode: totpCode(secret, Date.now()) } },
          null,
        )
      ).logIn.token;
    const admin = await logIn('quantri', adminPassword, adminSecret);

    // Units and records, over GraphQL (16 at a time).
    for (const org of ORGS) {
      for (const [i, commune] of COMMUNES.entries())
        await gql(
          'mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }',
          { i: { organization: org, code: `${org}-${i}`, name: `Cơ sở ${i}`, kind: 'BASE', communeCode: commune } },
          admin,
        );
    }
    const seedStart = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < RECORDS) {
          const n = next++;
          const org = ORGS[n % ORGS.length];
          await gql(
            'mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }',
            {
              i: {
                organization: org,
                externalId: `${org}-${n}`,
                fullName: `${pick(FAMILY)} ${org === 'HPN' ? 'Thị' : pick(MIDDLE)} ${pick(GIVEN)}`,
                sex: org === 'HPN' ? 'FEMALE' : pick(['MALE', 'FEMALE']),
                birthDate: `${org === 'DTN' ? 1992 + (n % 14) : 1950 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`,
                idNumber: `0${String(1 + (n % 96)).padStart(2, '0')}${org === 'DTN' ? 2 : 1}${String(n % 100).padStart(2, '0')}${String(n).padStart(6, '0')}`,
                phone: `09${String(10000000 + n).slice(-8)}`,
                unit: `${org}-${n % COMMUNES.length}`,
              },
            },
            admin,
          );
        }
      }),
    );
    const seedSeconds = (Date.now() - seedStart) / 1000;
    log(`seeded ${RECORDS} records in ${seedSeconds.toFixed(1)} s (${Math.round(RECORDS / seedSeconds)}/s over GraphQL)`);

    // One user per client: 60% secretariats of the three organizations, 40% Ban Dân vận; each logs in.
    const users: { token: string; org: string | null }[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const org = c % 5 < 3 ? ORGS[c % 3] : null;
      const username = `nguoidung${c}`;
      const password = `Mật khẩu người dùng ${c} đủ dài`;
      const u = await gql<{ createUser: { totpSecret: string } }>(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { totpSecret } }',
        { i: { username, role: org ? 'SECRETARIAT' : 'DAN_VAN', organization: org, password } },
        admin,
      );
      users.push({ token: '', org });
      users[c].token = await logIn(username, password, u.createUser.totpSecret);
    }
    const ids = (await pool.query<{ id: string; organization_code: string }>('SELECT id, organization_code FROM member_record')).rows;
    const idsByOrg = new Map(ORGS.map((o) => [o, ids.filter((r) => r.organization_code === o).map((r) => r.id)]));
    log(`${CLIENTS} users logged in; running ${SECONDS} s`);

    const ROSTER = `query($o: String!, $s: String, $after: String, $n: Int) { memberRecords(organization: $o, search: $s, after: $after, first: $n) {
      totalCount nodes { id fullName birthDate sex phone idNumber status unit { code } } pageInfo { endCursor hasNextPage } } }`;
    const DETAIL = `query($id: ID!) { memberRecord(id: $id) { id fullName birthDate phone idNumber ethnicity commune { name } unit { name } history { kind effectiveDate } eligibility { code } } }`;
    const cursors = new Map<number, string | null>();
    const mix: Record<string, number> = {};
    const main = await run(CLIENTS, SECONDS, async (c) => {
      const u = users[c];
      const org = u.org ?? pick(ORGS);
      const r = rand();
      if (r < 0.4) {
        mix.search = (mix.search ?? 0) + 1;
        await gql(ROSTER, { o: org, s: pick(GIVEN).toLowerCase(), n: 20 }, u.token);
      } else if (r < 0.65) {
        mix.page = (mix.page ?? 0) + 1;
        const page = await gql<{ memberRecords: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
          ROSTER,
          { o: org, after: cursors.get(c) ?? null, n: 50 },
          u.token,
        );
        cursors.set(c, page.memberRecords.pageInfo.hasNextPage ? page.memberRecords.pageInfo.endCursor : null);
      } else if (r < 0.9) {
        mix.detail = (mix.detail ?? 0) + 1;
        await gql(DETAIL, { id: pick(idsByOrg.get(org as (typeof ORGS)[number])!) }, u.token);
      } else if (r < 0.97) {
        mix.units = (mix.units ?? 0) + 1;
        await gql('query($o: String!) { units(organization: $o) { code name } }', { o: org }, u.token);
      } else {
        mix.me = (mix.me ?? 0) + 1;
        await gql('{ me { name role } }', {}, u.token);
      }
    });

    const publicFloor = await run(CLIENTS, FLOOR_SECONDS, async () => {
      await gql('{ organizations { code name } }', {}, null);
    });

    // The roster search's SQL alone, on PostgreSQL (what the authenticated path adds HTTP, GraphQL, auth and audit to).
    const sqlFloor = await run(CLIENTS, FLOOR_SECONDS, async () => {
      const w = pick(GIVEN).toLowerCase();
      await pool.query(
        `SELECT r.*, u.code FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
          WHERE r.organization_code = $1 AND r.erased_at IS NULL AND r.name_folded LIKE $2
          ORDER BY r.given_key, r.name_folded, r.id LIMIT 21`,
        [pick(ORGS), `%${w}%`],
      );
    });
    const [{ n: auditRows }] = (await pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_event')).rows;

    const rows = [
      summary(`authenticated mix (${CLIENTS} clients)`, main, SECONDS),
      summary('floor: public `organizations`', publicFloor, FLOOR_SECONDS),
      summary('floor: roster SQL on PostgreSQL', sqlFloor, FLOOR_SECONDS),
    ];
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    process.stdout.write(
      `\n${new Date().toISOString().slice(0, 10)} · ${machine} · ${RECORDS} records · mix ${JSON.stringify(mix)} · audit rows ${auditRows}\n\n`,
    );
    process.stdout.write('| run | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|\n');
    for (const r of rows)
      process.stdout.write(`| ${r.name} | ${r.requests} | ${r.errors} | ${r.perSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} |\n`);
    process.stdout.write(`\n${JSON.stringify({ records: RECORDS, clients: CLIENTS, seconds: SECONDS, seedSeconds, rows })}\n`);
    if (main.errors) process.exitCode = 1;
  } finally {
    await pool.end();
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
