import { vietnamTime } from '../common/dates/vietnam-time.js';
import { parsePeriod, type Period } from '../common/dates/period.js';

/** The last linker run a report's persons come from. */
export interface LinkRunRef {
  id: string;
  /** ISO 8601. */
  finishedAt: string;
}

/**
 * A report is final only when its period was over and its persons come from a linker run that
 * finished after the period ended: before that, figures (people, duplicates, phantoms) can still
 * move, so the schedule recomputes it. Null: final; else why not, in Vietnamese.
 */
export function provisionalReason(period: Period, computedAt: Date, linkRun: LinkRunRef | null): string | null {
  if (computedAt.getTime() < period.end.getTime()) return `kỳ ${period.label} chưa kết thúc: số liệu còn thay đổi`;
  if (!linkRun) return 'chưa chạy liên kết hồ sơ: mỗi hồ sơ tính là một người; lịch báo cáo sẽ lập lại sau lần liên kết đầu tiên';
  if (new Date(linkRun.finishedAt).getTime() < period.end.getTime())
    return `lần liên kết gần nhất (${vietnamTime(linkRun.finishedAt)}) xong trước khi kỳ kết thúc; lịch báo cáo sẽ lập lại sau lần liên kết tới`;
  return null;
}

/**
 * Whether a report's period was over when it was computed: its figures are then as of the period's
 * last day (Vietnam time; `asOf` makes it so), not of the day it ran. The one rule of "the period has
 * ended" for what compares with a report: a running period's report is "now" again, and comparing now
 * with it says nothing about the period before (the dashboard, on screen and in its Excel).
 */
export const periodEnded = (s: { period: string; asOfDay: string }): boolean => parsePeriod(s.period).lastDay === s.asOfDay;

/** The same, for a stored snapshot (a final one has none). */
export function snapshotProvisionalReason(s: ReportBasisOf): string | null {
  return s.final ? null : provisionalReason(parsePeriod(s.period), s.computedAt, s.data.linkRun);
}

export interface ReportBasisOf {
  period: string;
  scope: string;
  final: boolean;
  computedAt: Date;
  data: { records?: number; reviewPending?: number; linkRun: LinkRunRef | null };
}

/** What the API says a report was computed from. */
export function reportBasis(s: ReportBasisOf) {
  return {
    records: s.data.records ?? null,
    reviewPending: s.data.reviewPending ?? null,
    linkRunId: s.data.linkRun?.id ?? null,
    linkRunFinishedAt: s.data.linkRun ? new Date(s.data.linkRun.finishedAt) : null,
    provisionalReason: snapshotProvisionalReason(s),
  };
}

/** One line for the log: what a scheduled report was computed from (ids and figures only). */
export function basisLine(s: ReportBasisOf): string {
  const run = s.data.linkRun
    ? `lần liên kết ${s.data.linkRun.id} xong lúc ${vietnamTime(s.data.linkRun.finishedAt)}`
    : 'chưa có lần liên kết nào';
  const state = s.final ? 'chính thức' : `tạm tính (${snapshotProvisionalReason(s)})`;
  return `báo cáo ${s.period} ${s.scope}: đã lập, ${state}; từ ${s.data.records ?? '?'} hồ sơ, ${run}`;
}

/** A stored snapshot of a period the schedule looks at: what decides whether to compute it again. */
export interface SnapshotState {
  final: boolean;
  /** Computed while the period ran. */
  beforeEnd: boolean;
  /** A linker run finished after the snapshot was computed and after the period ended. */
  newerLinkRun: boolean;
}

/**
 * None yet; or provisional and either computed while the period ran or older than the linker's
 * last run: computed again it is closer to final (or final). A provisional one with nothing new
 * is left alone (the same figures again, at a cost).
 */
export const needsComputing = (s: SnapshotState | undefined): boolean => !s || (!s.final && (s.beforeEnd || s.newerLinkRun));
