import { BIN_EDGES, calibrate, calibrationReport, fitCalibration, weightFor, type Weighed } from './calibration.js';
import { probabilityOf, weightOf } from './model.js';

describe('calibrationReport', () => {
  it('bins pairs by probability with counts, mean predicted and observed rate; ECE and Brier', () => {
    const r = calibrationReport([
      { p: 0.2, match: false },
      { p: 0.4, match: true },
      { p: 0.95, match: true },
      { p: 1, match: true },
    ]);
    expect(r.bins).toHaveLength(BIN_EDGES.length - 1);
    expect(r.bins.length).toBeGreaterThanOrEqual(10);
    const low = r.bins.find((b) => b.lo === 0.1)!;
    expect(low).toMatchObject({ pairs: 2, observed: 0.5 });
    expect(low.meanPredicted).toBeCloseTo(0.3);
    expect(r.bins.find((b) => b.lo === 0.9)).toMatchObject({ pairs: 1, observed: 1 });
    expect(r.bins[r.bins.length - 1]).toMatchObject({ pairs: 1, meanPredicted: 1, observed: 1 });
    expect(r.pairs).toBe(4);
    // ECE: (2/4)·|0.3 − 0.5| + (1/4)·|0.95 − 1| + 0 = 0.1125
    expect(r.ece).toBeCloseTo(0.1125);
    // Brier: (0.04 + 0.36 + 0.0025 + 0) / 4
    expect(r.brier).toBeCloseTo(0.100625);
  });

  it('puts a probability on an edge in the bin it opens', () => {
    const r = calibrationReport([{ p: 0.99, match: true }]);
    expect(r.bins.find((b) => b.lo === 0.99)!.pairs).toBe(1);
  });
});

describe('fitCalibration and calibrate', () => {
  /** `n` pairs at weight `w`, `hits` of them true matches. */
  const at = (w: number, n: number, hits: number): Weighed[] => Array.from({ length: n }, (_, i) => ({ w, match: i < hits }));

  it('maps a weight to the rate observed at it, smoothed, never 100%', () => {
    const fitted = fitCalibration([...at(-5.5, 98, 0), ...at(10.5, 98, 49), ...at(30.5, 998, 998)]);
    expect(fitted).toEqual([
      [-5.5, 0.01],
      [10.5, 0.5],
      [30.5, 0.999],
    ]);
    expect(calibrate(fitted, 10.5)).toBeCloseTo(0.5);
    expect(calibrate(fitted, 20.5)).toBeCloseTo(0.7495);
    expect(calibrate(fitted, -50)).toBe(0.01);
    // However strong the evidence, the probability stays below 1 (a common name alone, say).
    expect(calibrate(fitted, 1000)).toBe(0.999);
    expect(probabilityOf(100)).toBe(1);
  });

  it('pools bins where a higher weight would mean a lower rate (monotone)', () => {
    const fitted = fitCalibration([...at(0.5, 99, 50), ...at(1.5, 99, 8)]);
    expect(fitted).toEqual([[1, 0.295]]);
    expect(calibrate(fitted, 5)).toBe(0.295);
  });

  it('is the model probability when nothing is fitted', () => {
    expect(calibrate([], 3)).toBe(probabilityOf(3));
  });

  it('turns a threshold on the calibrated probability into the least weight that reaches it', () => {
    const fitted = fitCalibration([...at(-5.5, 98, 0), ...at(10.5, 98, 49), ...at(30.5, 998, 998)]);
    expect(weightFor(fitted, 0.5)).toBeCloseTo(10.5);
    expect(weightFor(fitted, 0.7495)).toBeCloseTo(20.5);
    for (const p of [0.02, 0.3, 0.5, 0.61, 0.9, 0.95, 0.99, 0.999]) {
      const w = weightFor(fitted, p);
      expect(calibrate(fitted, w)).toBeGreaterThanOrEqual(p);
      expect(calibrate(fitted, w - 1e-6)).toBeLessThan(p);
    }
    // Beyond the top knot nothing reaches it; below the first, every weight does.
    expect(weightFor(fitted, 0.9995)).toBe(Infinity);
    expect(weightFor(fitted, 0.005)).toBe(-Infinity);
    expect(weightFor([], 0.9)).toBeCloseTo(weightOf(0.9));
  });
});
