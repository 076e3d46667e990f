import { vnToday } from '../../format.ts';

/** The periods a report is usually run for, as of now in Vietnam: keys as the API reads them (2026-11, 2026-Q4, 2026). */
export interface PeriodChoice {
  key: string;
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * The periods she may report on, the running ones first: the last eight quarters, twelve months and
 * three years (a trend "is it getting better each quarter" needs the quarters before the last).
 */
export function recentPeriods(now: Date = new Date()): PeriodChoice[] {
  const [year, month] = vnToday(now).split('-').map(Number);
  const quarter = Math.ceil(month / 3);
  const back = (count: number, per: number, at: number) =>
    Array.from({ length: count }, (_, i) => {
      const k = year * per + (at - 1) - i;
      return [Math.floor(k / per), (k % per) + 1] as const;
    });
  return [
    ...back(8, 4, quarter).map(([y, n]) => ({ key: `${y}-Q${n}`, label: `Quý ${ROMAN[n - 1]}/${y}` })),
    ...back(12, 12, month).map(([y, n]) => ({ key: `${y}-${String(n).padStart(2, '0')}`, label: `Tháng ${n}/${y}` })),
    ...[0, 1, 2].map((i) => ({ key: String(year - i), label: `Năm ${year - i}` })),
  ];
}
