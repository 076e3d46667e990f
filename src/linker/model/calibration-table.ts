import type { Calibration } from './calibration.js';

/**
 * The calibration fitted on the tuning seeds (bench/seeds.json: 1, 101, 102, 103) — generated, do
 * not edit: `npm run build && node dist/bench/calibration-fit.js` (see that file). Empty: not fitted
 * yet, `calibrate` then returns the model's probability.
 */
export const CALIBRATION: Calibration = [];
