import type { Calibration } from './calibration.js';

/**
 * The calibration fitted on the tuning seeds (bench/seeds.json: 1, 101, 102, 103; 9313 scored pairs) —
 * generated, do not edit: see bench/calibration-fit.ts. Knots of (weight in bits, calibrated probability).
 */
export const CALIBRATION: Calibration = [
  [-4.995, 0.014085],
  [4.922, 0.016129],
  [9.584, 0.032258],
  [12.235, 0.058824],
  [14.727, 0.071429],
  [17.505, 0.086957],
  [19.295, 0.142857],
  [20.766, 0.230769],
  [21.058, 0.285714],
  [23.103, 0.666667],
  [24.653, 0.818182],
  [25.575, 0.833333],
  [26.616, 0.923077],
  [27.996, 0.981132],
  [29.534, 0.987805],
  [30.559, 0.988636],
  [31.526, 0.993421],
  [50.789, 0.999884],
];
