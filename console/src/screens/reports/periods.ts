import { vnToday } from '../../format.ts';

/** The periods a report is usually run for, as of now in Vietnam: keys as the API reads them (2026-11, 2026-Q4, 2026). */
export interface PeriodChoice {
  key: string;
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** This quarter and the last, this month and the last, this year and the last: the running ones first. */
export function recentPeriods(now: Date = new Date()): PeriodChoice[] {
  const [year, month] = vnToday(now).split('-').map(Number);
  const quarter = Math.ceil(month / 3);
  const q = (y: number, n: number) => ({ key: `${y}-Q${n}`, label: `Quý ${ROMAN[n - 1]}/${y}` });
  const m = (y: number, n: number) => ({ key: `${y}-${String(n).padStart(2, '0')}`, label: `Tháng ${n}/${y}` });
  return [
    q(year, quarter),
    quarter === 1 ? q(year - 1, 4) : q(year, quarter - 1),
    m(year, month),
    month === 1 ? m(year - 1, 12) : m(year, month - 1),
    { key: String(year), label: `Năm ${year}` },
    { key: String(year - 1), label: `Năm ${year - 1}` },
  ];
}
