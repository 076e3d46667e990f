import { vietnamTime } from '../../common/dates/vietnam-time.js';
import { formatVnDay } from '../../common/dates/vn-day.js';
import { FLAG_LABELS, type FlagCode } from '../../linker/model/phantom.js';
import { snapshotProvisionalReason } from '../report-basis.js';
import { changesSince, TOTAL_KEYS, type Change, type ReportData, type ReportTotals } from '../figures/report-figures.js';
import type { ReportSnapshot } from '../report.entities.js';
import type { ReportPhantomView, ReportRowView } from '../figures/report-views.js';

/** Everything an export shows, gathered once (pure): the JSON, the workbook and the PDF read this. */
export interface ReportDocument {
  id: string;
  period: string;
  periodLabel: string;
  scope: string;
  scopeLabel: string;
  asOfDay: string;
  final: boolean;
  /** Why not final (Vietnamese), for the files' heading; null when final. */
  provisional: string | null;
  computedAt: string;
  computedBy: string;
  data: ReportData;
  previous: { period: string; computedAt: string } | null;
  changes: Change[];
  trend: { period: string; totals: ReportTotals }[];
  rows: ReportRowView[];
  /** Null where the reader may not see names (AUDITOR): the sheet is left out, not emptied. */
  phantoms: ReportPhantomView[] | null;
}

export const reasonLabel = (code: string): string => FLAG_LABELS[code as FlagCode] ?? code;

/** The wording the workbook and the PDF share. */
export const REPORT_HEADING = 'BÁO CÁO RÀ SOÁT, ĐỐI CHIẾU ĐOÀN VIÊN, HỘI VIÊN';
export const NO_PREVIOUS = 'Chưa có báo cáo kỳ trước để so sánh.';
export const UNKNOWN_COMMUNE = 'Chưa rõ xã';
export const documentTitle = (d: ReportDocument): string => `Báo cáo rà soát ${d.periodLabel} — ${d.scopeLabel}`;
/** The day the figures are as of, and why they are provisional (if they are). */
export const asOfNote = (d: ReportDocument): string =>
  `Số liệu đến hết ngày ${formatVnDay(d.asOfDay)}${d.provisional ? ` (tạm tính: ${d.provisional})` : ''}`;
/** When it was computed, as a person in Vietnam reads the time. */
export const computedNote = (d: ReportDocument): string => `Lập lúc ${vietnamTime(d.computedAt)} (giờ Việt Nam).`;

export function reportDocument(
  s: ReportSnapshot,
  periodLabel: string,
  previous: ReportSnapshot | null,
  trend: ReportSnapshot[],
  rows: ReportRowView[],
  phantoms: ReportPhantomView[] | null,
): ReportDocument {
  return {
    id: s.id,
    period: s.period,
    periodLabel,
    scope: s.scope,
    scopeLabel: s.scopeLabel,
    asOfDay: s.asOfDay,
    final: s.final,
    provisional: snapshotProvisionalReason(s),
    computedAt: s.computedAt.toISOString(),
    computedBy: s.computedBy,
    data: s.data,
    previous: previous ? { period: previous.period, computedAt: previous.computedAt.toISOString() } : null,
    changes: changesSince(s.data, previous?.data ?? null),
    trend: trend.map((t) => ({ period: t.period, totals: t.data.totals })),
    rows,
    phantoms,
  };
}

/** The JSON for machines: aggregates only, `totals` in plain integers. */
export function reportJson(d: ReportDocument): Record<string, unknown> {
  return {
    report: {
      id: d.id,
      period: d.period,
      periodLabel: d.periodLabel,
      scope: d.scope,
      scopeLabel: d.scopeLabel,
      asOf: d.asOfDay,
      final: d.final,
      computedAt: d.computedAt,
      computedBy: d.computedBy,
    },
    totals: Object.fromEntries(TOTAL_KEYS.map((k) => [k, d.data.totals[k]])),
    peopleByOrgCount: d.data.peopleByOrgCount,
    organizations: d.data.organizations,
    overlap: d.data.overlap,
    phantomsByReason: d.data.phantomsByReason,
    register: d.data.register,
    linkRun: d.data.linkRun,
    previous: d.previous,
    changes: d.changes,
    trend: d.trend,
    communes: d.rows,
  };
}
