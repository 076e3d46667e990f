/**
 * Linker benchmark (issue 5): a demo province is generated and loaded, `lienthong link` runs over
 * it, and `lienthong audit` is scored against the generator's truth — pairwise precision, recall
 * and F1 (all pairs, within one organization, across organizations) beside two baselines people use
 * today (exact ID number; exact folded name + birth year). Time and peak RSS of `link`, beside the
 * `COPY` floor of the same roster files measured in the same run.
 *
 *   npm run bench:link                                   # ~100,000 records, the tuning seed
 *   BENCH_PERSONS=700000 npm run bench:link              # ~1,000,000 records
 *   BENCH_SEED=99 BENCH_NOISE='{"lostAccents":0.15}' npm run bench:link   # a profile not tuned on
 *   BENCH_SEED=1001 BENCH_DRAWN=1 npm run bench:link     # every rate drawn from the seed (bench/seeds.json)
 *
 * Beside the scores: the seed's ceiling (records whose fields are identical cannot be told apart:
 * `ceiling.ts`), persons found against the true number, and the share of records sent to review.
 * The seed and the link take `BENCH_TODAY` (default 2026-12-01) as today, so a seed is the same
 * province on any day.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timed, withDb } from './bench-tools.js';
import { calibrationMarkdown, pairCalibration } from './calibration-pairs.js';
import { oracleLabels } from './ceiling.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PERSONS = Number(process.env.BENCH_PERSONS ?? 70_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const NOISE = process.env.BENCH_NOISE ?? null;
const DRAWN = process.env.BENCH_DRAWN === '1';
const KEEP = process.env.BENCH_KEEP ?? null;
process.env.LIENTHONG_TODAY = process.env.BENCH_TODAY ?? '2026-12-01';
/** Where to save this run's scored pairs as `weight,match` (for `calibration-fit.ts`). */
const PAIRS_OUT = process.env.BENCH_PAIRS_OUT ?? null;
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** Minimal CSV reader for the files the CLI writes (quoted cells, BOM). */
function readCsv(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

interface Scores {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
  truePairs: number;
  correct: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Pairwise scores from cluster labels: pairs predicted, pairs true, pairs both; `within` restricts
 * to pairs of one organization, `across` to pairs of two.
 */
function evaluate(records: { org: string; truth: string; predicted: string }[]): Record<'all' | 'within' | 'across', Scores> {
  const count = (key: (r: (typeof records)[number]) => string | null) => {
    const m = new Map<string, number>();
    for (const r of records) {
      const k = key(r);
      if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
    }
    let s = 0;
    for (const n of m.values()) s += pairs(n);
    return s;
  };
  const t = (r: (typeof records)[number]) => (r.truth ? r.truth : null);
  const all = { p: count((r) => r.predicted), t: count((r) => t(r)), c: count((r) => (t(r) ? `${r.predicted}|${r.truth}` : null)) };
  const within = {
    p: count((r) => `${r.predicted}|${r.org}`),
    t: count((r) => (t(r) ? `${r.truth}|${r.org}` : null)),
    c: count((r) => (t(r) ? `${r.predicted}|${r.truth}|${r.org}` : null)),
  };
  const across = { p: all.p - within.p, t: all.t - within.t, c: all.c - within.c };
  const score = (x: { p: number; t: number; c: number }): Scores => {
    const precision = x.p ? x.c / x.p : 1;
    const recall = x.t ? x.c / x.t : 1;
    return {
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      predicted: x.p,
      truePairs: x.t,
      correct: x.c,
    };
  };
  return { all: score(all), within: score(within), across: score(across) };
}

async function main(): Promise<void> {
  const dir = KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-link-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  const demo = path.join(dir, 'demo');
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  const cli = (...args: string[]) => [process.execPath, path.join(ROOT, 'bin/lienthong.js'), ...args];
  try {
    if (!fs.existsSync(path.join(demo, 'truth.csv'))) {
      const seed = timed(
        cli(
          'seed',
          '--demo',
          '--out',
          demo,
          '--persons',
          String(PERSONS),
          '--seed',
          String(SEED),
          ...(NOISE ? ['--noise', NOISE] : []),
          ...(DRAWN ? ['--drawn-profile'] : []),
          '--load',
        ),
        env,
      );
      log(`seeded and loaded in ${seed.seconds.toFixed(0)} s: ${seed.stderr.split('\n').find((l) => l.includes('wrote')) ?? ''}`);
      for (const f of fs.readdirSync(demo)) fs.chmodSync(path.join(demo, f), 0o644);
    }
    const truthRows = readCsv(path.join(demo, 'truth.csv')).slice(1);
    const truth = new Map(truthRows.map((r) => [`${r[0]}|${r[1]}`, r[2]]));
    const planted = new Map(truthRows.map((r) => [`${r[0]}|${r[1]}`, r[3]]));

    // The floor: a bare COPY of the same roster files.
    const copy = await withDb(dataDir, async (db) => {
      await db.query(`CREATE TABLE bench_copy (${Array.from({ length: 13 }, (_, i) => `c${i} text`).join(', ')})`);
      const started = Date.now();
      for (const org of ['CD', 'DTN', 'HPN', 'HND', 'CCB', 'NCT'])
        await db.query(`COPY bench_copy FROM '${path.join(demo, `${org}.csv`)}' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')`);
      const seconds = (Date.now() - started) / 1000;
      const [{ n }] = (await db.query<{ n: string }>(`SELECT count(*) AS n FROM bench_copy`)).rows;
      await db.query(`DROP TABLE bench_copy`);
      return { seconds, rows: Number(n) };
    });
    log(`COPY floor: ${copy.rows} rows in ${copy.seconds.toFixed(1)} s`);

    // The probe of `score-pairs.ts`: every scored candidate pair, for the calibration table.
    const probeFile = path.join(dir, 'pairs.csv');
    fs.rmSync(probeFile, { force: true });
    const link = timed(cli('link'), { ...env, LIENTHONG_PAIR_PROBE: probeFile });
    log(`link: ${link.seconds.toFixed(1)} s, peak RSS ${link.rssMb} MB\n${link.stdout}`);
    const auditFile = path.join(dir, 'audit.csv');
    timed(cli('audit', '--out', auditFile), env);
    const audit = readCsv(auditFile);
    if (audit[0].join(',') !== 'org,ma_ho_so,person_id,ao,flags') throw new Error(`audit header: ${audit[0].join(',')}`);
    const linked = audit.slice(1).map((r) => ({ org: r[0], truth: truth.get(`${r[0]}|${r[1]}`) ?? '', predicted: r[2] }));
    // Phantoms: \`ao\` against the planted reasons (a duplicate or a temporary listing is a real person).
    const PHANTOM = new Set(['DECEASED', 'FABRICATED', 'INACTIVE', 'OVER_AGE', 'WRONG_SEX']);
    const ao = audit.slice(1).map((r) => ({ reason: planted.get(`${r[0]}|${r[1]}`) ?? '', ao: r[3] === '1' }));
    const tp = ao.filter((x) => x.ao && PHANTOM.has(x.reason)).length;
    const predictedAo = ao.filter((x) => x.ao).length;
    const actualAo = ao.filter((x) => PHANTOM.has(x.reason)).length;
    const real = ao.filter((x) => !PHANTOM.has(x.reason));
    const phantoms = {
      precision: predictedAo ? tp / predictedAo : 1,
      recall: actualAo ? tp / actualAo : 1,
      suspected: predictedAo,
      planted: actualAo,
      wronglySuspectedPer10k: (real.filter((x) => x.ao).length / Math.max(1, real.length)) * 10_000,
      byReason: Object.fromEntries(
        [...PHANTOM].map((reason) => {
          const of = ao.filter((x) => x.reason === reason);
          return [
            reason,
            { planted: of.length, found: of.filter((x) => x.ao).length, recall: of.length ? of.filter((x) => x.ao).length / of.length : 1 },
          ];
        }),
      ),
    };

    // Baselines over the same ACTIVE records, from the database.
    const { baselines, model, ceiling, review, personOf } = await withDb(dataDir, async (db) => {
      const ids = (
        await db.query<{ id: string; org: string; code: string }>(
          `SELECT id, organization_code AS org, external_id AS code FROM member_record`,
        )
      ).rows;
      const rows = (
        await db.query<{ org: string; code: string; id: string | null; kind: string | null; name_year: string | null }>(
          `SELECT organization_code AS org, external_id AS code, encode(id_number_hash, 'hex') AS id, id_kind AS kind,
                  name_folded || '|' || extract(year FROM birth_date) AS name_year
             FROM member_record WHERE status = 'ACTIVE' AND erased_at IS NULL`,
        )
      ).rows;
      const label = (r: (typeof rows)[number], k: string | null) => k ?? `${r.org}|${r.code}`;
      // What a record shows the linker: records showing the same are one atom, whoever they are.
      const shown = (
        await db.query<{ org: string; code: string; shows: string }>(
          `SELECT r.organization_code AS org, r.external_id AS code,
                  concat_ws('|', r.name_folded, r.birth_date, r.birth_date_precision, r.sex, encode(r.id_number_hash, 'hex'),
                            r.phone, r.commune_code, r.ethnicity) AS shows
             FROM member_record r WHERE r.status = 'ACTIVE' AND r.erased_at IS NULL`,
        )
      ).rows;
      const atoms = shown.map((r) => ({ org: r.org, truth: truth.get(`${r.org}|${r.code}`) || `${r.org}|${r.code}`, shows: r.shows }));
      const [{ n: inReview }] = (
        await db.query<{ n: string }>(
          `SELECT count(DISTINCT x) AS n FROM record_link l, LATERAL (VALUES (l.record_a), (l.record_b)) v(x) WHERE l.decision = 'REVIEW'`,
        )
      ).rows;
      const [run] = (
        await db.query<{ summary: { model: unknown; seconds: unknown } }>(
          `SELECT summary FROM link_run WHERE status = 'DONE' ORDER BY started_at DESC LIMIT 1`,
        )
      ).rows;
      return {
        baselines: {
          'exact ID number': rows.map((r) => ({ org: r.org, truth: truth.get(`${r.org}|${r.code}`) ?? '', predicted: label(r, r.id) })),
          'exact folded name + birth year': rows.map((r) => ({
            org: r.org,
            truth: truth.get(`${r.org}|${r.code}`) ?? '',
            predicted: label(r, r.name_year),
          })),
        },
        model: run?.summary,
        ceiling: oracleLabels(atoms).map((predicted, i) => ({
          org: atoms[i].org,
          truth: truth.get(`${shown[i].org}|${shown[i].code}`) ?? '',
          predicted,
        })),
        review: { records: Number(inReview), share: Number(inReview) / Math.max(1, rows.length) },
        personOf: new Map(ids.map((r) => [r.id, truth.get(`${r.org}|${r.code}`) ?? ''])),
      };
    });

    const calibration = await pairCalibration(probeFile, (id) => personOf.get(id) ?? '', PAIRS_OUT);
    fs.rmSync(probeFile, { force: true });
    const results = [
      { method: '`lienthong link`', ...evaluate(linked) },
      ...Object.entries(baselines).map(([method, rs]) => ({ method, ...evaluate(rs) })),
      { method: 'ceiling (an oracle that must treat identical records alike)', ...evaluate(ceiling) },
    ];
    const persons = {
      found: new Set(linked.map((r) => r.predicted)).size,
      truth: new Set(linked.filter((r) => r.truth).map((r) => r.truth)).size + linked.filter((r) => !r.truth).length,
    };
    const profileFile = path.join(demo, 'profile.json');
    const profile = fs.existsSync(profileFile)
      ? (JSON.parse(fs.readFileSync(profileFile, 'utf8')) as { rates: Record<string, number> }).rates
      : null;
    const f = (x: number) => x.toFixed(4);
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    process.stdout.write(
      `\n${new Date().toISOString().slice(0, 10)} · ${machine} · seed ${SEED}${DRAWN ? ' (drawn profile)' : ''}${NOISE ? ` · noise ${NOISE}` : ''} · ${PERSONS} persons · ${linked.length} ACTIVE records (${copy.rows} roster rows)\n\n`,
    );
    process.stdout.write(
      `| method | P all | R all | F1 all | P within org | R within org | F1 within | P across | R across | F1 across |\n|---|---|---|---|---|---|---|---|---|---|\n`,
    );
    for (const r of results)
      process.stdout.write(
        `| ${r.method} | ${f(r.all.precision)} | ${f(r.all.recall)} | ${f(r.all.f1)} | ${f(r.within.precision)} | ${f(r.within.recall)} | ${f(r.within.f1)} | ${f(r.across.precision)} | ${f(r.across.recall)} | ${f(r.across.f1)} |\n`,
      );
    process.stdout.write(
      `\ntrue pairs ${results[0].all.truePairs} (within ${results[0].within.truePairs}); \`link\` ${link.seconds.toFixed(1)} s, peak RSS ${link.rssMb} MB; COPY floor ${copy.seconds.toFixed(1)} s\n`,
    );
    process.stdout.write(
      `persons found ${persons.found} / true ${persons.truth} (${(((persons.found - persons.truth) / persons.truth) * 100).toFixed(2)}%); records in review ${review.records} (${(review.share * 100).toFixed(2)}% of ACTIVE records)\n`,
    );
    if (profile)
      process.stdout.write(
        `rates drawn from the seed: ${Object.entries(profile)
          .map(([k, v]) => `${k.replace(/^[a-z]+\./, '')} ${v}`)
          .join(', ')}\n`,
      );
    process.stdout.write(
      `\nphantoms (ao): precision ${f(phantoms.precision)}, recall ${f(phantoms.recall)} (${phantoms.suspected} suspected, ${phantoms.planted} planted among ACTIVE records); real members wrongly suspected: ${phantoms.wronglySuspectedPer10k.toFixed(1)} per 10,000\n` +
        Object.entries(phantoms.byReason)
          .map(([k, v]) => `  ${k}: ${v.found} of ${v.planted} (recall ${f(v.recall)})`)
          .join('\n') +
        '\n',
    );
    process.stdout.write(calibrationMarkdown(calibration, `calibration, seed ${SEED}`));
    process.stdout.write(
      `\n${JSON.stringify({ seed: SEED, calibration, persons: PERSONS, profile, personsFound: persons, review, phantoms, results, link: { seconds: link.seconds, rssMb: link.rssMb }, copy, run: model })}\n`,
    );
  } finally {
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
