import type { Calibration } from './calibration.js';

/**
 * The calibration fitted on the tuning seeds (bench/seeds.json: 1, 101, 102, 103; 44659 scored pairs) —
 * generated, do not edit: see bench/calibration-fit.ts. Knots of (weight in bits, calibrated probability).
 */
export const CALIBRATION: Calibration = [
  [-1.877, 0.000272],
  [12.069, 0.004149],
  [14.511, 0.004255],
  [16.487, 0.008065],
  [17.913, 0.055866],
  [19.574, 0.161616],
  [20.494, 0.307692],
  [21.467, 0.442308],
  [22.654, 0.739837],
  [23.594, 0.844444],
  [24.615, 0.889831],
  [25.542, 0.907877],
  [26.967, 0.945501],
  [28.441, 0.984483],
  [29.485, 0.998339],
  [30.488, 0.998379],
  [31.498, 0.998485],
  [32.552, 0.998688],
  [33.485, 0.998973],
  [49.661, 0.999969],
];
