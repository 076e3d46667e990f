/**
 * Fits the calibration (`src/linker/model/calibration.ts`) on the tuning seeds' scored pairs and
 * reports it on the held-out seeds (issue 18 item 4). The pairs come from `bench/link.ts` runs
 * with BENCH_PAIRS_OUT (`weight,match` lines), one file per seed named `<seed>.csv`:
 *
 *   for s in 1 101 102 103 2680 1164 2981 1000 1001; do
 *     BENCH_PERSONS=5000 BENCH_SEED=$s BENCH_DRAWN=1 BENCH_PAIRS_OUT=/tmp/pairs/$s.csv npm run bench:link; done
 *   npm run build && BENCH_PAIRS_DIR=/tmp/pairs node dist/bench/calibration-fit.js --write
 *
 * `--write` regenerates `src/linker/model/calibration-table.ts` from the tuning seeds alone; the
 * held-out files are read only for the report (before and after), never for the fit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { calibrate, calibrationReport, fitCalibration, type Calibration, type Weighed } from '../src/linker/model/calibration.js';
import { probabilityOf } from '../src/linker/model/model.js';
import { calibrationMarkdown } from './calibration-pairs.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = process.env.BENCH_PAIRS_DIR ?? '/tmp/pairs';
const { tuning, heldOut } = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench/seeds.json'), 'utf8')) as {
  tuning: number[];
  heldOut: number[];
};

function read(seed: number): Weighed[] | null {
  const file = path.join(DIR, `${seed}.csv`);
  if (!fs.existsSync(file)) return null;
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [w, m] = l.split(',');
      return { w: Number(w), match: m === '1' };
    });
}

function table(pairs: Weighed[], calibration: Calibration, title: string): string {
  return calibrationMarkdown(
    {
      model: calibrationReport(pairs.map((x) => ({ p: probabilityOf(x.w), match: x.match }))),
      calibrated: calibrationReport(pairs.map((x) => ({ p: calibrate(calibration, x.w), match: x.match }))),
    },
    title,
  );
}

const tuned = tuning.map((s) => [s, read(s)] as const);
const missing = tuned.filter(([, p]) => !p).map(([s]) => s);
if (missing.length) throw new Error(`no pairs for tuning seeds ${missing.join(', ')} in ${DIR}`);
const tuningPairs = tuned.flatMap(([, p]) => p!);
const fitted = fitCalibration(tuningPairs);

if (process.argv.includes('--write')) {
  const file = path.join(ROOT, 'src/linker/model/calibration-table.ts');
  const knots = fitted.map(([w, p]) => `  [${w}, ${p}],`).join('\n');
  fs.writeFileSync(
    file,
    `import type { Calibration } from './calibration.js';\n\n` +
      `/**\n * The calibration fitted on the tuning seeds (bench/seeds.json: ${tuning.join(', ')}; ${tuningPairs.length} scored pairs) —\n` +
      ` * generated, do not edit: see bench/calibration-fit.ts. Knots of (weight in bits, calibrated probability).\n */\n` +
      `export const CALIBRATION: Calibration = [\n${knots}\n];\n`,
  );
  process.stderr.write(`[bench] wrote ${file}: ${fitted.length} knots from ${tuningPairs.length} pairs\n`);
}

process.stdout.write(table(tuningPairs, fitted, `tuning seeds ${tuning.join(', ')} (in sample)`));
const held = heldOut.map((s) => [s, read(s)] as const).filter(([, p]) => p) as (readonly [number, Weighed[]])[];
for (const [s, p] of held) process.stdout.write(table(p, fitted, `held-out seed ${s}`));
if (held.length)
  process.stdout.write(
    table(
      held.flatMap(([, p]) => p),
      fitted,
      `held-out seeds ${held.map(([s]) => s).join(', ')} pooled`,
    ),
  );
