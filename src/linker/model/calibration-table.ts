import type { Calibration } from './calibration.js';

/**
 * The calibration fitted on the tuning seeds (bench/seeds.json: 1, 101, 102, 103; 102369 scored pairs) —
 * generated, do not edit: see bench/calibration-fit.ts. Knots of (weight in bits, calibrated probability).
 */
export const CALIBRATION: Calibration = [
  [-13.703, 0.000035],
  [-1.86, 0.000043],
  [5.016, 0.000466],
  [6.486, 0.001668],
  [7.457, 0.002059],
  [8.857, 0.003541],
  [10.483, 0.003992],
  [11.416, 0.005917],
  [12.435, 0.013736],
  [13.521, 0.110092],
  [14.443, 0.239382],
  [15.496, 0.298969],
  [16.499, 0.310976],
  [17.56, 0.415385],
  [18.555, 0.613514],
  [19.5, 0.810204],
  [20.53, 0.89403],
  [21.478, 0.917663],
  [22.518, 0.943098],
  [23.47, 0.947084],
  [24.465, 0.976068],
  [25.47, 0.998344],
  [44.076, 0.999972],
];
