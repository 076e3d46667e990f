import { snapshotProvisionalReason } from '../report-basis.js';
import {
  changesSince,
  ORG_COUNT_BUCKETS,
  reasonLabel,
  TOTAL_KEYS,
  type Change,
  type ReportData,
  type ReportTotals,
} from '../figures/report-figures.js';
import type { ReportSnapshot } from '../report.entities.js';
import type { ReportPhantomView, ReportRowView } from '../figures/report-views.js';

/** Everything an export shows, gathered once (pure): the JSON, the workbook and the PDF read this. */
export interface ReportDocument {
  id: string;
  period: string;
  periodLabel: string;
  /** The reporting area's key (`province`, `org:HPN`…) and its name. */
  area: string;
  areaLabel: string;
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
  /** People by how many organizations each is in (1, 2, 3, 4+), now and in the previous period's report. */
  split: Change[];
  /** Suspected phantoms by reason, now and in the previous period's report (a reason gone since: 0 now). */
  reasons: Change[];
  /** Each organization's name shortened as people write it (CĐ, ĐTN), as the console shows it. */
  abbreviations: Record<string, string>;
}

/** An organization's short name in a file's tables and charts (its code where none is known). */
export const abbreviationOf = (d: Pick<ReportDocument, 'abbreviations'>, code: string): string => d.abbreviations[code] ?? code;

export function reportDocument(
  s: ReportSnapshot,
  periodLabel: string,
  previous: ReportSnapshot | null,
  trend: ReportSnapshot[],
  rows: ReportRowView[],
  phantoms: ReportPhantomView[] | null,
  abbreviations: Record<string, string> = {},
): ReportDocument {
  return {
    id: s.id,
    period: s.period,
    periodLabel,
    area: s.scope,
    areaLabel: s.scopeLabel,
    asOfDay: s.asOfDay,
    final: s.final,
    provisional: snapshotProvisionalReason(s),
    computedAt: s.computedAt.toISOString(),
    computedBy: s.computedBy,
    data: s.data,
    previous: previous ? { period: previous.period, computedAt: previous.computedAt.toISOString() } : null,
    changes: changesSince(s.data, previous?.data ?? null, abbreviations),
    trend: trend.map((t) => ({ period: t.period, totals: t.data.totals })),
    rows,
    phantoms,
    split: splitChanges(s.data, previous?.data ?? null),
    reasons: reasonChanges(s.data, previous?.data ?? null),
    abbreviations,
  };
}

/** Suspected phantoms by reason now and before, each reason either report has. */
function reasonChanges(now: ReportData, before: ReportData | null): Change[] {
  const reasons = [...new Set([...Object.keys(now.phantomsByReason), ...Object.keys(before?.phantomsByReason ?? {})])];
  return reasons.map((r) => {
    const current = now.phantomsByReason[r] ?? 0;
    const previous = before ? (before.phantomsByReason[r] ?? 0) : null;
    return {
      key: `reason.${r}`,
      label: `Nghi ảo — ${reasonLabel(r)}`,
      current,
      previous,
      change: previous === null ? null : current - previous,
    };
  });
}

/** The 1, 2, 3, 4+ buckets now and before (a report stored before the 3 / 4+ split has neither: nothing to compare). */
function splitChanges(now: ReportData, before: ReportData | null): Change[] {
  return ORG_COUNT_BUCKETS.map((b) => {
    const current = now.peopleByOrgCount[b.key] ?? 0;
    const previous = before?.peopleByOrgCount[b.key] ?? null;
    return { key: `split.${b.key}`, label: b.label, current, previous, change: previous === null ? null : current - previous };
  });
}

/** The JSON for machines: aggregates only, `totals` in plain integers. */
export function reportJson(d: ReportDocument): Record<string, unknown> {
  return {
    report: {
      id: d.id,
      period: d.period,
      periodLabel: d.periodLabel,
      scope: d.area,
      scopeLabel: d.areaLabel,
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
    peopleByCommune: d.data.peopleByCommune ?? null,
  };
}
