import { probabilityOf, weightOf } from './model.js';

/**
 * Probabilities that mean what they say (issue 18 item 4). The Fellegi–Sunter weight assumes the
 * fields independent; they are not (a Thái name and a 01/01 birth date come together), so its
 * probability is over-confident at the top. Here: the table that measures that (pairs by predicted
 * probability, each bin's observed rate of true matches, ECE and Brier score), the fit that corrects
 * it (isotonic over weight bins, fitted on the tuning seeds only), and `calibrate`, which applies it.
 */

/** A scored pair the bench knows the truth of. */
export interface Judged {
  /** The model's probability. */
  p: number;
  match: boolean;
}

/** Bin edges that resolve the top, where the decisions are: 11 bins. */
export const BIN_EDGES = [0, 0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999, 0.999999, 1];

export interface Bin {
  lo: number;
  hi: number;
  pairs: number;
  meanPredicted: number;
  observed: number;
}

export interface CalibrationReport {
  bins: Bin[];
  pairs: number;
  /** Expected calibration error: the pair-weighted mean gap between predicted and observed. */
  ece: number;
  /** Mean squared error of the probability against the truth (0 or 1). */
  brier: number;
}

/** The calibration table of `pairs` over `BIN_EDGES` (the last bin includes 1). */
export function calibrationReport(pairs: Iterable<Judged>): CalibrationReport {
  const k = BIN_EDGES.length - 1;
  const n = new Array<number>(k).fill(0);
  const sumP = new Array<number>(k).fill(0);
  const hits = new Array<number>(k).fill(0);
  let total = 0;
  let squared = 0;
  for (const { p, match } of pairs) {
    let i = 0;
    while (i < k - 1 && p >= BIN_EDGES[i + 1]) i++;
    n[i]++;
    sumP[i] += p;
    if (match) hits[i]++;
    total++;
    squared += (p - (match ? 1 : 0)) ** 2;
  }
  const bins = n.map((count, i) => ({
    lo: BIN_EDGES[i],
    hi: BIN_EDGES[i + 1],
    pairs: count,
    meanPredicted: count ? sumP[i] / count : 0,
    observed: count ? hits[i] / count : 0,
  }));
  const ece = bins.reduce((s, b) => s + (b.pairs / Math.max(1, total)) * Math.abs(b.meanPredicted - b.observed), 0);
  return { bins, pairs: total, ece, brier: total ? squared / total : 0 };
}

/** A fitted calibration: knots of (weight in bits, calibrated probability), weights increasing. */
export type Calibration = readonly (readonly [number, number])[];

/**
 * The calibrated probability of a weight: linear between the knots, flat beyond them. The knots
 * come from smoothed rates ((matches + 1) / (pairs + 2)), so no weight ever reaches 100%.
 */
export function calibrate(calibration: Calibration, weight: number): number {
  if (!calibration.length) return probabilityOf(weight);
  if (weight <= calibration[0][0]) return calibration[0][1];
  for (let i = 1; i < calibration.length; i++) {
    const [w1, p1] = calibration[i];
    if (weight <= w1) {
      const [w0, p0] = calibration[i - 1];
      return w1 === w0 ? p1 : p0 + ((weight - w0) / (w1 - w0)) * (p1 - p0);
    }
  }
  return calibration[calibration.length - 1][1];
}

/**
 * The least weight whose calibrated probability reaches `p` (Infinity when none does): a threshold
 * on the calibrated probability as a threshold on the weight, for a run that weighs millions of
 * pairs. `calibrate` does not decrease, so `calibrate(c, w) >= p` exactly when `w >= weightFor(c, p)`.
 */
export function weightFor(calibration: Calibration, p: number): number {
  if (!calibration.length) return weightOf(p);
  if (calibration[0][1] >= p) return -Infinity;
  for (let i = 1; i < calibration.length; i++) {
    const [w1, p1] = calibration[i];
    if (p1 >= p) {
      const [w0, p0] = calibration[i - 1];
      // The smallest weight whose interpolated value reaches p (nudged up by rounding, never down).
      const w = p1 === p0 ? w1 : w0 + ((p - p0) / (p1 - p0)) * (w1 - w0);
      return calibrate(calibration, w) >= p ? w : nextUp(w, calibration, p);
    }
  }
  return Infinity;
}

/** A weight a hair above `w` that reaches `p` (floating-point rounding of the interpolation). */
function nextUp(w: number, calibration: Calibration, p: number): number {
  let x = w;
  for (let step = Math.max(1e-12, Math.abs(w) * 1e-15); calibrate(calibration, x) < p; step *= 2) x = w + step;
  return x;
}

/** A pair for the fit: its weight and whether it is a true match. */
export interface Weighed {
  w: number;
  match: boolean;
}

/**
 * Isotonic regression over weight bins (`width` bits): each bin's smoothed rate, then adjacent
 * bins pooled while a higher weight would mean a lower rate (pool adjacent violators). One knot
 * per pooled block, at its mean weight.
 */
export function fitCalibration(pairs: Iterable<Weighed>, width = 1): Calibration {
  const bins = new Map<number, { n: number; hits: number; sumW: number }>();
  for (const { w, match } of pairs) {
    const key = Math.floor(w / width);
    const b = bins.get(key) ?? { n: 0, hits: 0, sumW: 0 };
    b.n++;
    b.sumW += w;
    if (match) b.hits++;
    bins.set(key, b);
  }
  const blocks: { n: number; hits: number; sumW: number }[] = [];
  for (const [, b] of [...bins].sort(([a], [c]) => a - c)) {
    blocks.push({ ...b });
    while (blocks.length > 1 && rate(blocks[blocks.length - 2]) >= rate(blocks[blocks.length - 1])) {
      const last = blocks.pop()!;
      const prev = blocks[blocks.length - 1];
      prev.n += last.n;
      prev.hits += last.hits;
      prev.sumW += last.sumW;
    }
  }
  return blocks.map((b) => [round(b.sumW / b.n, 3), Math.min(round(rate(b), 6), 0.999999)] as const);
}

const rate = (b: { n: number; hits: number }) => (b.hits + 1) / (b.n + 2);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
