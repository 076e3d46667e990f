import { DomainError } from '../errors/domain-error.js';

/** Reports are kept by month, quarter or year, in Vietnam's time (UTC+7 all year: no daylight saving). */
export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';

export const REPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600_000;

export interface Period {
  /** `2026-11`, `2026-Q4` or `2026`. */
  key: string;
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, or 1 for a year. */
  index: number;
  /** The first and last day, ISO dates. */
  firstDay: string;
  lastDay: string;
  /** The instants it starts at and ends before (00:00 in Vietnam). */
  start: Date;
  end: Date;
  /** `Tháng 11/2026`, `Quý IV/2026`, `Năm 2026`. */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_OF: Record<PeriodKind, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

/** Midnight in Vietnam of a year/month (month 1-based, may overflow into the next year). */
const vnMidnight = (year: number, month: number): Date => new Date(Date.UTC(year, month - 1, 1) - OFFSET_MS);
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

function make(kind: PeriodKind, year: number, index: number): Period {
  const firstMonth = kind === 'MONTH' ? index : kind === 'QUARTER' ? (index - 1) * 3 + 1 : 1;
  const start = vnMidnight(year, firstMonth);
  const end = vnMidnight(year, firstMonth + MONTHS_OF[kind]);
  const key = kind === 'MONTH' ? `${year}-${String(index).padStart(2, '0')}` : kind === 'QUARTER' ? `${year}-Q${index}` : String(year);
  const label = kind === 'MONTH' ? `Tháng ${index}/${year}` : kind === 'QUARTER' ? `Quý ${ROMAN[index - 1]}/${year}` : `Năm ${year}`;
  return {
    key,
    kind,
    year,
    index,
    firstDay: isoDay(new Date(start.getTime() + OFFSET_MS)),
    lastDay: isoDay(new Date(end.getTime() + OFFSET_MS - 86_400_000)),
    start,
    end,
    label,
  };
}

/** `2026-11`, `2026-Q4` (or `2026-q4`), `2026`; anything else is refused with what to write. */
export function parsePeriod(text: string): Period {
  const t = text.trim();
  let m: RegExpExecArray | null;
  const bad = (why: string) =>
    new DomainError('BAD_USER_INPUT', `Kỳ báo cáo '${text}' không hợp lệ: ${why}. Viết 2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm).`);
  const year = (y: string) => {
    const n = Number(y);
    if (n < 2000 || n > 2100) throw bad(`năm ${y} nằm ngoài 2000–2100`);
    return n;
  };
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(t))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw bad(`không có tháng ${m[2]}`);
    return make('MONTH', year(m[1]), month);
  }
  if ((m = /^(\d{4})-[Qq]([1-4])$/.exec(t))) return make('QUARTER', year(m[1]), Number(m[2]));
  if ((m = /^(\d{4})$/.exec(t))) return make('YEAR', year(m[1]), 1);
  throw bad('không đúng dạng');
}

/** The period of a kind that contains an instant (in Vietnam's time). */
export function periodContaining(kind: PeriodKind, at: Date): Period {
  const local = new Date(at.getTime() + OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  return make(kind, year, kind === 'MONTH' ? month : kind === 'QUARTER' ? Math.ceil(month / 3) : 1);
}

export function previousPeriod(p: Period): Period {
  const count = p.kind === 'MONTH' ? 12 : p.kind === 'QUARTER' ? 4 : 1;
  return p.index > 1 ? make(p.kind, p.year, p.index - 1) : make(p.kind, p.year - 1, count);
}

/** The last period of a kind that has ended by `now`: what a schedule reports on. */
export const lastEndedPeriod = (kind: PeriodKind, now: Date): Period => previousPeriod(periodContaining(kind, now));

/** The day (ISO, Vietnam) an instant falls on. */
export const vietnamDay = (at: Date): string => isoDay(new Date(at.getTime() + OFFSET_MS));

/**
 * What a report of a period is computed as of: the period's last day once it is over, else today
 * (`final` false: the figures will move until the period ends). A period not begun is refused.
 */
export function asOf(p: Period, now: Date): { day: string; instant: Date; final: boolean } {
  if (now.getTime() < p.start.getTime())
    throw new DomainError('BAD_USER_INPUT', `Kỳ báo cáo ${p.key} (${p.label}) chưa bắt đầu: chưa có số liệu để lập báo cáo.`);
  if (now.getTime() >= p.end.getTime()) return { day: p.lastDay, instant: p.end, final: true };
  return { day: vietnamDay(now), instant: now, final: false };
}
