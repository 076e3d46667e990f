/**
 * The dashboard's live figures at a province's size (issue 19): `liveFigures` of the province, its
 * largest commune and an organization — the service's own time (in process) and over HTTP (the
 * built server, a service token) — beside one bare GROUP BY in the same run; and what rebuilding
 * the person-level table adds to a link run (the link store's own statement, rolled back).
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { rebuildLiveFigures } from '../src/linker/batch/person-figures.js';
import { liveFigures } from '../src/reports/live/live-figures.js';
import { startBuiltServer } from './bench-tools.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const QUERY = `query($s: String) { liveFigures(scope: $s) { asOf memberships people peopleNotSuspected confirmedPhantoms
  peopleByOrgCount { one two three fourOrMore } phantomsByReason { reason records } } }`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return Math.round(median(xs));
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** The built server on the data directory, and a Ban Dân vận service token made by the CLI. */
async function server(env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const token = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/lienthong.js'), 'token', 'create', '--name', 'bench-dashboard', '--role', 'DAN_VAN'],
    { env, encoding: 'utf8' },
  );
  if (token.status !== 0) throw new Error(token.stderr);
  const { proc } = await startBuiltServer(ROOT, { ...env, PORT: String(port), NODE_ENV: 'production' });
  return { proc, url: `http://127.0.0.1:${port}/graphql`, token: token.stdout.trim().split('\n').pop()! };
}

export async function dashboard(dataDir: string, env: NodeJS.ProcessEnv) {
  const s = await server(env);
  const fs = await import('node:fs');
  const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'db.lock.json'), 'utf8')) as { port: number };
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const db = await new DataSource({
    type: 'postgres',
    host: '127.0.0.1',
    port: lock.port,
    username: 'postgres',
    password,
    database: 'lienthong',
  }).initialize();
  try {
    const [{ commune }] = await db.query<{ commune: string }[]>(
      `SELECT commune_code AS commune FROM member_record WHERE commune_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const http = async (scope: string) => {
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
        body: JSON.stringify({ query: QUERY, variables: { s: scope } }),
      });
      const body = (await res.json()) as { errors?: unknown };
      if (res.status !== 200 || body.errors) throw new Error(JSON.stringify(body));
    };
    const rows = [];
    for (const scope of ['province', `commune:${commune}`, 'org:HPN'])
      rows.push({ scope, service: await timeIt(() => liveFigures(db, scope)), http: await timeIt(() => http(scope)) });
    const groupBy = await timeIt(() =>
      db.query(`SELECT r.organization_code, count(*), count(DISTINCT coalesce(p.person_id, r.id)) FROM member_record r
                  LEFT JOIN record_person p ON p.record_id = r.id WHERE r.status = 'ACTIVE' GROUP BY 1`),
    );
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    const t = Date.now();
    await rebuildLiveFigures(runner);
    const rebuild = ((Date.now() - t) / 1000).toFixed(1);
    await runner.rollbackTransaction();
    await runner.release();
    return {
      rows,
      groupBy,
      rebuild,
      load: os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' '),
    };
  } finally {
    await db.destroy();
    s.proc.kill('SIGTERM');
    await new Promise((r) => s.proc.on('exit', r));
  }
}
