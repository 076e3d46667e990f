/**
 * The calibration table of one bench run (issue 18 item 4): every candidate pair `link` scored
 * (written by the probe of `score-pairs.ts` when LIENTHONG_PAIR_PROBE names a file), judged
 * against the generator's truth, binned by probability — before and after the fitted calibration.
 * With BENCH_PAIRS_OUT the pairs are also saved as `weight,match,decision,levels` lines for
 * `calibration-fit.ts` (which reads the first two).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { calibrate, calibrationReport, type CalibrationReport, type Judged } from '../src/linker/model/calibration.js';
import { CALIBRATION } from '../src/linker/model/calibration-table.js';
import { probabilityOf } from '../src/linker/model/model.js';

export interface PairCalibration {
  /** The model's probability as `link` computes it. */
  model: CalibrationReport;
  /** The same pairs through `calibrate` (the table fitted on the tuning seeds). */
  calibrated: CalibrationReport;
  /** Pairs `link` kept as AUTO or REVIEW, of them true matches. */
  kept?: { auto: number; autoTrue: number; review: number; reviewTrue: number };
}

/** Reads the probe file; `personOf` gives a record id's true person ('' when unknown). */
export async function pairCalibration(
  probeFile: string,
  personOf: (recordId: string) => string,
  out: string | null,
): Promise<PairCalibration> {
  // Flat arrays, not one object per pair: at 1M records there are tens of millions of pairs.
  let weights = new Float64Array(1 << 16);
  let matches = new Uint8Array(1 << 16);
  let n = 0;
  const kept = { auto: 0, autoTrue: 0, review: 0, reviewTrue: 0 };
  const save = out ? fs.openSync(out, 'w') : null;
  let chunk: string[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(probeFile), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const [a, b, weight, decision, levels] = line.split(',');
    const pa = personOf(a);
    const match = pa !== '' && pa === personOf(b);
    const w = Number(weight);
    if (n === weights.length) {
      weights = grow(weights, new Float64Array(2 * n));
      matches = grow(matches, new Uint8Array(2 * n));
    }
    weights[n] = w;
    matches[n++] = match ? 1 : 0;
    if (decision === 'AUTO') {
      kept.auto++;
      if (match) kept.autoTrue++;
    }
    if (decision === 'REVIEW') {
      kept.review++;
      if (match) kept.reviewTrue++;
    }
    if (save !== null) {
      chunk.push(`${w},${match ? 1 : 0},${decision},${levels ?? ''}\n`);
      if (chunk.length >= 65_536) {
        fs.writeSync(save, chunk.join(''));
        chunk = [];
      }
    }
  }
  if (save !== null) {
    fs.writeSync(save, chunk.join(''));
    fs.closeSync(save);
  }
  function* judged(p: (w: number) => number): Generator<Judged> {
    for (let i = 0; i < n; i++) yield { p: p(weights[i]), match: matches[i] === 1 };
  }
  return { model: calibrationReport(judged(probabilityOf)), calibrated: calibrationReport(judged((w) => calibrate(CALIBRATION, w))), kept };
}

function grow<T extends Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** A percentage; near 1, as the gap to 1 (`1 − 3.2e-7`), which `99.9999%` would hide. */
const pct = (x: number) => (x > 0.9999 && x < 1 ? `1 − ${(1 - x).toExponential(1)}` : `${(x * 100).toFixed(2)}%`);
const range = (lo: number, hi: number) => `${lo}–${hi}`;

/** The table as Markdown, to paste into BENCHMARKS.md. */
export function calibrationMarkdown(c: PairCalibration, title: string): string {
  const rows = c.model.bins.map((b, i) => {
    const a = c.calibrated.bins[i];
    return `| ${range(b.lo, b.hi)} | ${b.pairs} | ${pct(b.meanPredicted)} | ${pct(b.observed)} | ${a.pairs} | ${pct(a.meanPredicted)} | ${pct(a.observed)} |`;
  });
  return (
    `\n${title}: ${c.model.pairs} scored candidate pairs\n\n` +
    `| probability bin | pairs (model) | mean predicted | observed rate | pairs (calibrated) | mean calibrated | observed rate |\n` +
    `|---|---|---|---|---|---|---|\n${rows.join('\n')}\n` +
    `| **ECE / Brier** | | **${c.model.ece.toFixed(5)}** / ${c.model.brier.toFixed(6)} | | | **${c.calibrated.ece.toFixed(5)}** / ${c.calibrated.brier.toFixed(6)} | |\n` +
    (c.kept
      ? `\nkept by \`link\`: AUTO ${c.kept.auto} (${c.kept.autoTrue} true), REVIEW ${c.kept.review} (${c.kept.reviewTrue} true)\n`
      : '')
  );
}
