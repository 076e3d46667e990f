import { vnToday } from '../../format.ts';

/** The periods a report is usually run for, as of now in Vietnam: keys as the API reads them (2026-11, 2026-Q4, 2026). */
export interface PeriodChoice {
  key: string;
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Periods back from one (year, its n-th quarter or month), newest first: `per` 4 for quarters, 12 for months. */
const back = (year: number, per: number, at: number, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const k = year * per + (at - 1) - i;
    return [Math.floor(k / per), (k % per) + 1] as const;
  });

/** The `count` quarters up to the one holding (year, month), newest first: `2026-Q4` as `Quý IV/2026`. */
export const quartersBack = (year: number, month: number, count: number): PeriodChoice[] =>
  back(year, 4, Math.ceil(month / 3), count).map(([y, n]) => ({ key: `${y}-Q${n}`, label: `Quý ${ROMAN[n - 1]}/${y}` }));

/** The last `count` months up to the one of `month` (1-based), newest first: `2026-11`, "Tháng 11/2026". */
export const monthsBack = (year: number, month: number, count: number): PeriodChoice[] =>
  back(year, 12, month, count).map(([y, n]) => ({ key: `${y}-${String(n).padStart(2, '0')}`, label: `Tháng ${n}/${y}` }));

/**
 * The periods she may report on, the running ones first: the last eight quarters, twelve months and
 * three years (a trend "is it getting better each quarter" needs the quarters before the last).
 */
export function recentPeriods(now: Date = new Date()): PeriodChoice[] {
  const [year, month] = vnToday(now).split('-').map(Number);
  return [
    ...quartersBack(year, month, 8),
    ...monthsBack(year, month, 12),
    ...[0, 1, 2].map((i) => ({ key: String(year - i), label: `Năm ${year - i}` })),
  ];
}
