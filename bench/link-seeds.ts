/**
 * The linker on the held-out seeds of `bench/seeds.json` (or BENCH_SEEDS=a,b,c), every rate drawn
 * from each seed: `bench/link.ts` per seed, then one table with each seed's drawn rates that matter
 * most, its scores beside its ceiling, and the worst and median over the seeds.
 *
 *   BENCH_PERSONS=20000 npm run bench:link-seeds
 *   BENCH_PERSONS=900000 npm run bench:link-seeds        # province scale (hours on this machine)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { calibrationMarkdown, type PairCalibration } from './calibration-pairs.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PERSONS = Number(process.env.BENCH_PERSONS ?? 20_000);
const seeds = process.env.BENCH_SEEDS
  ? process.env.BENCH_SEEDS.split(',').map(Number)
  : (JSON.parse(fs.readFileSync(path.join(ROOT, 'bench/seeds.json'), 'utf8')) as { heldOut: number[] }).heldOut;

interface Scores {
  precision: number;
  recall: number;
  f1: number;
}
interface Run {
  seed: number;
  profile: Record<string, number>;
  personsFound: { found: number; truth: number };
  review: { records: number; share: number };
  phantoms: { precision: number; recall: number; byReason: Record<string, { recall: number; planted: number }> };
  results: { method: string; all: Scores; within: Scores }[];
  link: { seconds: number; rssMb: number };
  copy: { seconds: number };
  calibration: PairCalibration;
}

const runs: Run[] = [];
for (const seed of seeds) {
  process.stderr.write(`[bench] seed ${seed}, ${PERSONS} persons…\n`);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/bench/link.js')], {
    env: { ...process.env, BENCH_SEED: String(seed), BENCH_DRAWN: '1', BENCH_PERSONS: String(PERSONS) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`seed ${seed} failed: ${r.stderr.slice(-2000)}`);
  runs.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as Run);
}

const f = (x: number) => x.toFixed(4);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const model = (r: Run) => r.results[0];
const ceiling = (r: Run) => r.results[r.results.length - 1];
const rows = runs.map((r) => ({
  seed: r.seed,
  idCoverage: r.profile['derived.idCoverage'],
  register: r.profile['population.registerCoverage'],
  namePool: r.profile['population.namePool'],
  p: model(r).all.precision,
  rec: model(r).all.recall,
  f1: model(r).all.f1,
  ceilingF1: ceiling(r).all.f1,
  within: model(r).within.precision,
  persons: (r.personsFound.found - r.personsFound.truth) / r.personsFound.truth,
  review: r.review.share,
  aoP: r.phantoms.precision,
  aoR: r.phantoms.recall,
  worstReason: Object.entries(r.phantoms.byReason)
    .filter(([, v]) => v.planted > 0)
    .sort(([, a], [, b]) => a.recall - b.recall)[0],
  seconds: r.link.seconds,
  rss: r.link.rssMb,
}));
process.stdout.write(
  `\n${new Date().toISOString().slice(0, 10)} · ${PERSONS} persons per seed · held-out seeds ${seeds.join(', ')}\n\n` +
    `| seed | CCCD cov. | register | name pool | P | R | F1 | ceiling F1 | P within org | persons found vs true | in review | ao P | ao R | weakest reason | link s | RSS MB |\n` +
    `|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n`,
);
for (const x of rows)
  process.stdout.write(
    `| ${x.seed} | ${pct(x.idCoverage)} | ${pct(x.register)} | ${x.namePool} | ${f(x.p)} | ${f(x.rec)} | ${f(x.f1)} | ${f(x.ceilingF1)} | ${f(x.within)} | ${x.persons >= 0 ? '+' : ''}${pct(x.persons)} | ${pct(x.review)} | ${f(x.aoP)} | ${f(x.aoR)} | ${x.worstReason ? `${x.worstReason[0]} ${f(x.worstReason[1].recall)}` : '—'} | ${x.seconds.toFixed(1)} | ${x.rss} |\n`,
  );
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (name: string, pickWorst: (xs: number[]) => number) =>
  `| ${name} | | | | ${f(pickWorst(rows.map((x) => x.p)))} | ${f(pickWorst(rows.map((x) => x.rec)))} | ${f(pickWorst(rows.map((x) => x.f1)))} | ${f(pickWorst(rows.map((x) => x.ceilingF1)))} | ${f(pickWorst(rows.map((x) => x.within)))} | ${pct(name === 'worst' ? Math.max(...rows.map((x) => Math.abs(x.persons))) : median(rows.map((x) => Math.abs(x.persons))))} (abs) | ${pct(name === 'worst' ? Math.max(...rows.map((x) => x.review)) : median(rows.map((x) => x.review)))} | ${f(pickWorst(rows.map((x) => x.aoP)))} | ${f(pickWorst(rows.map((x) => x.aoR)))} | | | |\n`;
process.stdout.write(summary('worst', (xs) => Math.min(...xs)) + summary('median', median));
// Calibration (issue 18 item 4): the model's probability against the truth, before and after the
// calibration fitted on the tuning seeds; each seed's table below.
process.stdout.write(
  `\n| seed | scored pairs | ECE model | Brier model | ECE calibrated | Brier calibrated |\n|---|---|---|---|---|---|\n` +
    runs
      .map(
        (r) =>
          `| ${r.seed} | ${r.calibration.model.pairs} | ${r.calibration.model.ece.toFixed(5)} | ${r.calibration.model.brier.toFixed(6)} | ${r.calibration.calibrated.ece.toFixed(5)} | ${r.calibration.calibrated.brier.toFixed(6)} |`,
      )
      .join('\n') +
    '\n',
);
for (const r of runs) process.stdout.write(calibrationMarkdown(r.calibration, `calibration, seed ${r.seed}`));
process.stdout.write(`\n${JSON.stringify(runs)}\n`);
