import type { Calibration } from './calibration.js';

/**
 * The calibration fitted on the tuning seeds (bench/seeds.json: 1, 101, 102, 103; 40715 scored pairs) —
 * generated, do not edit: see bench/calibration-fit.ts. Knots of (weight in bits, calibrated probability).
 */
export const CALIBRATION: Calibration = [
  [-5.919, 0.000412],
  [7.54, 0.000612],
  [16.459, 0.016667],
  [17.997, 0.041096],
  [19.536, 0.15],
  [20.554, 0.352941],
  [21.431, 0.5],
  [22.484, 0.638889],
  [23.541, 0.807692],
  [24.585, 0.859649],
  [25.54, 0.894737],
  [26.511, 0.950549],
  [27.459, 0.960894],
  [28.581, 0.996109],
  [29.551, 0.997579],
  [48.104, 0.999971],
];
