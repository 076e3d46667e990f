/**
 * A secretariat's two new reads, timed on a demo province: the báo cáo tăng, giảm (memberMovement)
 * of a whole organization and of one commune's unit, for a quarter over and the running year; and
 * the members an import's file leaves out (absentMembers) for a commune's roster sent without 5 % of
 * its members. Beside each, in the same run, its floor: a bare count over the same records.
 *
 *   BENCH_PERSONS=200000 npm run bench:movement
 *   BENCH_KEEP=/tmp/lt-movement npm run bench:movement   # keep (and reuse) the loaded province
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { parsePeriod } from '../src/common/dates/period.js';
import { todayInVietnam } from '../src/common/dates/partial-date.js';
import type { ImportJob } from '../src/roster-io/import-job.entity.js';
import { absentMembers } from '../src/roster-io/import/absent-members.js';
import { memberMovement } from '../src/reports/movement/member-movement.js';
import { timed, withDb } from './bench-tools.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PERSONS = Number(process.env.BENCH_PERSONS ?? 200_000);
const KEEP = process.env.BENCH_KEEP ?? null;
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const cli = (...args: string[]) => [process.execPath, path.join(ROOT, 'bin/lienthong.js'), ...args];

/** The median of five runs of `fn`, in ms (the first run warms the caches and is left out). */
async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2];
}

async function main() {
  const dir = KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-movement-'));
  const dataDir = path.join(dir, 'data');
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  if (!fs.existsSync(path.join(dir, 'loaded'))) {
    const seed = timed(cli('seed', '--demo', '--out', path.join(dir, 'seed'), '--persons', String(PERSONS), '--load'), env);
    log(`seeded and loaded in ${seed.seconds.toFixed(0)} s`);
    fs.writeFileSync(path.join(dir, 'loaded'), new Date().toISOString());
  }
  await withDb(dataDir, async (client: pg.Client) => {
    const db = {
      query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as unknown[],
    } as unknown as DataSource;
    const [{ n: records }] = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM member_record`)).rows;
    const [big] = (
      await client.query<{ org: string; n: string }>(
        `SELECT organization_code AS org, count(*) AS n FROM member_record GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
      )
    ).rows;
    // The commune unit with the most records of that organization (its subtree).
    const [unit] = (
      await client.query<{ id: string; path: string; n: string }>(
        `SELECT b.id, b.path, count(*) AS n FROM unit b JOIN unit u ON u.path LIKE b.path || '%' JOIN member_record r ON r.unit_id = u.id
          WHERE b.organization_code = $1 AND b.parent_id IS NULL GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
        [big.org],
      )
    ).rows;
    const today = todayInVietnam();
    const year = parsePeriod(today.slice(0, 4));
    const quarter = parsePeriod(`${today.slice(0, 4)}-Q1`);
    const org = { kind: 'ORGANIZATION', organization: big.org, unitPath: null } as const;
    const lines: string[] = [`records ${records}; ${big.org}: ${big.n}; its largest commune unit: ${unit.n}`];
    for (const [what, scope, rows] of [
      [`${big.org}, the whole organization`, org, big.n],
      [`${big.org}, one commune's unit`, { ...org, unitPath: unit.path }, unit.n],
    ] as const) {
      const floor = await median(() =>
        client.query(
          `SELECT count(*) FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id WHERE r.organization_code = $1 AND u.path LIKE $2`,
          [big.org, `${scope.unitPath ?? ''}%`],
        ),
      );
      for (const period of [quarter, year]) {
        const ms = await median(() => memberMovement(db, big.org, scope, null, period, today));
        lines.push(`memberMovement ${what} (${rows} records), ${period.label}: ${ms.toFixed(0)} ms; floor (count) ${floor.toFixed(1)} ms`);
      }
    }
    // A commune's roster sent again without 5 % of its members: a job planned over the rest.
    const [{ id: jobId }] = (
      await client.query<{ id: string }>(
        `INSERT INTO import_job (organization_code, source_name, source_sha256, status, actor_name, started_at)
         VALUES ($1, 'bench.xlsx', repeat('0', 64), 'DONE', 'bench', now() + interval '1 day') RETURNING id`,
        [big.org],
      )
    ).rows;
    await client.query(
      `INSERT INTO import_plan_row (job_id, ordinal, fate, row_number, external_id)
       SELECT $1, row_number() OVER (), 'UNCHANGED', 0, r.external_id FROM member_record r JOIN unit u ON u.id = r.unit_id
        WHERE r.organization_code = $2 AND u.path LIKE $3 AND hashtext(r.external_id) % 20 <> 0`,
      [jobId, big.org, `${unit.path}%`],
    );
    const job = { id: jobId, organizationCode: big.org } as ImportJob;
    let found = 0;
    const ms = await median(async () => (found = (await absentMembers(db, job, org, 2000)).total));
    const floor = await median(() => client.query(`SELECT count(*) FROM import_plan_row WHERE job_id = $1`, [jobId]));
    lines.push(
      `absentMembers, a commune's file without 5 % (${unit.n} records, ${found} left out): ${ms.toFixed(0)} ms; floor (count of its plan) ${floor.toFixed(1)} ms`,
    );
    await client.query(`DELETE FROM import_plan_row WHERE job_id = $1`, [jobId]);
    await client.query(`DELETE FROM import_job WHERE id = $1`, [jobId]);
    process.stdout.write(`${lines.join('\n')}\n`);
  });
  if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
}

await main();
