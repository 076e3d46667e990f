/**
 * Report benchmark (issue 8): a demo province is generated, loaded and linked, then the province
 * report is computed and exported as the CLI does it — time and peak RSS of the snapshot (the
 * period running, and a period over, which reads the dated history, each twice) and of each export
 * from the stored snapshot; then the dashboard's live figures (report-dashboard.ts). Beside them,
 * in the same run, the floors: a bare `COPY` out of the columns a report reads, and one bare
 * GROUP BY counting số lượt and số người.
 *
 *   npm run bench:report                          # ~100,000 records
 *   BENCH_PERSONS=700000 npm run bench:report     # ~1,000,000 records
 *   BENCH_KEEP=/tmp/lt-report npm run bench:report   # keep (and reuse) the loaded province
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { periodContaining, previousPeriod } from '../src/common/dates/period.js';
import { timed, withDb } from './bench-tools.js';
import { dashboard } from './report-dashboard.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PERSONS = Number(process.env.BENCH_PERSONS ?? 70_000);
const KEEP = process.env.BENCH_KEEP ?? null;
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const cli = (...args: string[]) => [process.execPath, path.join(ROOT, 'bin/lienthong.js'), ...args];

async function main() {
  const dir = KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-report-'));
  const dataDir = path.join(dir, 'data');
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  const loaded = path.join(dir, 'loaded');
  try {
    if (!fs.existsSync(loaded)) {
      const seed = timed(cli('seed', '--demo', '--out', path.join(dir, 'seed'), '--persons', String(PERSONS), '--load'), env);
      log(`seeded and loaded in ${seed.seconds.toFixed(0)} s`);
      const link = timed(cli('link'), env);
      log(`linked in ${link.seconds.toFixed(0)} s`);
      fs.writeFileSync(loaded, new Date().toISOString());
    }
    const now = new Date();
    const current = periodContaining('QUARTER', now).key;
    const past = previousPeriod(periodContaining('QUARTER', now)).key;

    const floor = await withDb(dataDir, async (db) => {
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM member_record`)).rows as { n: number }[];
      const copyOut = path.join(dir, 'floor.copy');
      let t = Date.now();
      const { to } = await import('pg-copy-streams');
      const { pipeline } = await import('node:stream/promises');
      await pipeline(
        db.query(
          to(`COPY (SELECT r.id, r.organization_code, r.commune_code, r.status, r.id_number_hash IS NULL, p.person_id, p.ao, p.ao_reasons
                      FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id) TO STDOUT`),
        ),
        fs.createWriteStream(copyOut),
      );
      const copy = (Date.now() - t) / 1000;
      fs.rmSync(copyOut);
      t = Date.now();
      await db.query(
        `SELECT r.organization_code, count(*), count(DISTINCT coalesce(p.person_id, r.id)) FROM member_record r
           LEFT JOIN record_person p ON p.record_id = r.id WHERE r.status = 'ACTIVE' GROUP BY 1`,
      );
      return { records: n, copy, groupBy: (Date.now() - t) / 1000 };
    });
    log(`floor: COPY out ${floor.copy.toFixed(1)} s, one GROUP BY ${floor.groupBy.toFixed(1)} s over ${floor.records} records`);

    const results: { step: string; seconds: number; inside: number | null; rssMb: number; bytes: number | null }[] = [];
    const run = (step: string, args: string[]) => {
      const r = timed(cli(...args), env);
      const inside = /giây\t([\d.]+)/.exec(r.stdout);
      const out = args[args.indexOf('--out') + 1];
      results.push({
        step,
        seconds: r.seconds,
        inside: inside && !args.includes('--stored') ? Number(inside[1]) : null,
        rssMb: r.rssMb,
        bytes: fs.existsSync(out) ? fs.statSync(out).size : null,
      });
      log(`${step}: ${r.seconds.toFixed(1)} s, ${r.rssMb} MB`);
      return r;
    };
    run(`snapshot ${current} (running) + json`, ['report', '--period', current, '--format', 'json', '--out', path.join(dir, 'r.json')]);
    run(`snapshot ${current} again (replaces)`, ['report', '--period', current, '--format', 'json', '--out', path.join(dir, 'r2.json')]);
    run(`snapshot ${past} (over: dated history) + json`, [
      'report',
      '--period',
      past,
      '--format',
      'json',
      '--out',
      path.join(dir, 'p.json'),
    ]);
    run(`snapshot ${past} again (statuses stored)`, ['report', '--period', past, '--format', 'json', '--out', path.join(dir, 'p2.json')]);
    const live = await dashboard(dataDir, env);
    for (const f of ['json', 'xlsx', 'pdf'])
      run(`export ${f} (stored)`, ['report', '--period', current, '--stored', '--format', f, '--out', path.join(dir, `r.${f}`)]);

    const { totals } = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as { totals: Record<string, number> };
    const lines = [
      `## Reports (issue 8) — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
      '',
      `${floor.records.toLocaleString('en')} records (${PERSONS.toLocaleString('en')} persons), province scope; totals ${JSON.stringify(totals)}.`,
      '',
      '| step | wall s (CLI, incl. ~1.5 s start) | computing s | peak RSS MB | file |',
      '|---|---|---|---|---|',
      ...results.map(
        (r) =>
          `| ${r.step} | ${r.seconds.toFixed(1)} | ${r.inside === null ? '' : r.inside.toFixed(1)} | ${r.rssMb} | ${r.bytes === null ? '' : `${(r.bytes / 1024).toFixed(0)} KB`} |`,
      ),
      `| floor: bare COPY out of the columns read | ${floor.copy.toFixed(1)} | | | |`,
      `| floor: one bare GROUP BY (số lượt, số người by organization) | ${floor.groupBy.toFixed(1)} | | | |`,
      '',
      `Dashboard (\`liveFigures\`, running period), median of 5 after one warm-up; load ${live.load}:`,
      '',
      '| scope | service ms | HTTP ms |',
      '|---|---|---|',
      ...live.rows.map((r) => `| ${r.scope} | ${r.service} | ${r.http} |`),
      `| floor: one bare GROUP BY (as above), same run | ${live.groupBy} | |`,
      '',
      `The person-level table's rebuild as a link run does it (rolled back): ${live.rebuild} s.`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
