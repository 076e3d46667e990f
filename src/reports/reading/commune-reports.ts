import type { DataSource } from 'typeorm';
import { parsePeriod } from '../../common/dates/period.js';
import { resolveReportingArea } from '../../membership/unit/reporting-area.js';
import { communeOfReport, type CommuneOrganization, type CommuneTotals } from '../figures/commune-report.js';
import { periodEnded } from '../report-basis.js';
import { ReportSnapshot } from '../report.entities.js';

/** A commune's figures in one stored report: its own, or the province's part for it. */
export interface CommuneReportView {
  /** The report the figures come from (its files are that report's). */
  reportId: string;
  /** `province`, or the commune's own `commune:<code>`. */
  scope: string;
  period: string;
  periodLabel: string;
  asOf: string;
  final: boolean;
  ended: boolean;
  totals: CommuneTotals;
  organizations: CommuneOrganization[];
}

interface RowOfCommune {
  snapshotId: string;
  organizationCode: string;
  memberships: number;
  suspectedPhantoms: number;
  joiners: number;
  leavers: number;
  struck: number | null;
  eligible: number | null;
  reached: number | null;
}

/**
 * A commune in each stored report that counts it, newest first: the commune's own report of a period
 * where one was computed, else its part of the province's. Aggregates only, as every report is.
 */
export async function communeReports(db: DataSource, commune: string, first: number): Promise<CommuneReportView[]> {
  const area = await resolveReportingArea(db, `commune:${commune}`);
  const stored = await db
    .getRepository(ReportSnapshot)
    .createQueryBuilder('s')
    .where('s.superseded_at IS NULL AND s.scope IN (:...scopes)', { scopes: ['province', area.key] })
    .orderBy('s.as_of_day', 'DESC')
    .addOrderBy('s.period_kind', 'ASC')
    .take(Math.min(200, first) * 2)
    .getMany();
  // One per period: the commune's own report before the province's.
  const byPeriod = new Map<string, ReportSnapshot>();
  for (const s of stored) if (!byPeriod.has(s.period) || s.scope === area.key) byPeriod.set(s.period, s);
  const chosen = [...byPeriod.values()].slice(0, first);
  const rows = chosen.length
    ? await db.query<RowOfCommune[]>(
        `SELECT snapshot_id AS "snapshotId", organization_code AS "organizationCode", memberships, suspected_phantoms AS "suspectedPhantoms",
                joiners, leavers, struck, eligible, reached
           FROM report_row WHERE snapshot_id = ANY($1::uuid[]) AND commune_code = $2`,
        [chosen.map((s) => s.id), commune],
      )
    : [];
  return chosen.map((s) => ({
    reportId: s.id,
    scope: s.scope,
    period: s.period,
    periodLabel: parsePeriod(s.period).label,
    asOf: s.asOfDay,
    final: s.final,
    ended: periodEnded(s),
    ...communeOfReport(
      s.data,
      commune,
      rows.filter((r) => r.snapshotId === s.id),
    ),
  }));
}
