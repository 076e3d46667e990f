import { monthsBack, quartersBack } from '../reports/periods.ts';

/** A row of the báo cáo tăng, giảm as the server gives it. */
export interface MovementRow {
  atStart: number;
  admitted: number;
  ended: { status: string; count: number }[];
  otherIn: number;
  otherOut: number;
  atEnd: number;
}

export interface MovementPeriod {
  /** `2026-Q3`, `2026`: what the server reads. */
  key: string;
  label: string;
  /** Over by today (a running one counts up to today). */
  ended: boolean;
}

/**
 * The periods she files for, newest first: this quarter and the five before it, this year and the
 * last, then this month and the five before it (a commune's Hội Nông dân reports monthly).
 * `today` as a place-and-date line gives it.
 */
export function movementPeriods(today: { month: string; year: string }): MovementPeriod[] {
  const [year, month] = [Number(today.year), Number(today.month)];
  const out: MovementPeriod[] = quartersBack(year, month, 6).map((p, i) => ({ ...p, ended: i > 0 }));
  out.push({ key: String(year), label: `Năm ${year}`, ended: false }, { key: String(year - 1), label: `Năm ${year - 1}`, ended: true });
  out.push(...monthsBack(year, month, 6).map((p, i) => ({ ...p, ended: i > 0 })));
  return out;
}

/** The rows summed: the report's Tổng cộng. */
export function totalRow(rows: MovementRow[]): MovementRow {
  const ended = new Map<string, number>();
  for (const r of rows) for (const e of r.ended) ended.set(e.status, (ended.get(e.status) ?? 0) + e.count);
  const sum = (k: 'atStart' | 'admitted' | 'otherIn' | 'otherOut' | 'atEnd') => rows.reduce((s, r) => s + r[k], 0);
  return {
    atStart: sum('atStart'),
    admitted: sum('admitted'),
    ended: [...ended].map(([status, count]) => ({ status, count })),
    otherIn: sum('otherIn'),
    otherOut: sum('otherOut'),
    atEnd: sum('atEnd'),
  };
}
