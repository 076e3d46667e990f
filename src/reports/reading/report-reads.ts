import { IsNull, type DataSource } from 'typeorm';
import { parsePeriod, previousPeriod } from '../../common/dates/period.js';
import { assertUuid, DomainError } from '../../common/errors/domain-error.js';
import { resolveReportingArea } from '../../membership/unit/reporting-area.js';
import { rate } from '../figures/report-figures.js';
import type { ReportRowView } from '../figures/report-views.js';
import { ReportSnapshot } from '../report.entities.js';
import { pageClause, type PageArgs } from './page.js';

/** Stored reports: the figures are aggregates, so every role reads them (names are report-phantoms.ts's). */

const snapshots = (db: DataSource) => db.getRepository(ReportSnapshot);

export async function listReports(db: DataSource, f: { period?: string | null; scope?: string | null; first?: number | null }) {
  // The current reports (an official one computed again is reached from the one that replaced it).
  const qb = snapshots(db).createQueryBuilder('s').where('s.superseded_at IS NULL');
  if (f.period) qb.andWhere('s.period = :p', { p: parsePeriod(f.period).key });
  if (f.scope) qb.andWhere('s.scope = :s', { s: (await resolveReportingArea(db, f.scope)).key });
  // Newest first, as the console says: the latest period's, the one computed last first among them.
  return qb
    .orderBy('s.as_of_day', 'DESC')
    .addOrderBy('s.computed_at', 'DESC')
    .addOrderBy('s.scope', 'ASC')
    .take(Math.min(200, Math.max(1, f.first ?? 50)))
    .getMany();
}

export async function getReport(db: DataSource, id: string): Promise<ReportSnapshot> {
  assertUuid('id', id);
  const s = await snapshots(db).findOneBy({ id });
  if (!s) throw DomainError.notFound('báo cáo', id);
  return s;
}

/** The stored report of a period and area. */
export async function findReport(db: DataSource, periodText: string, areaText?: string | null): Promise<ReportSnapshot> {
  const period = parsePeriod(periodText);
  const area = await resolveReportingArea(db, areaText);
  const s = await snapshots(db).findOneBy({ period: period.key, scope: area.key, supersededAt: IsNull() });
  if (!s) throw new DomainError('NOT_FOUND', `Chưa có báo cáo ${period.label} (${area.label}): lập bằng runReport hoặc lienthong report.`);
  return s;
}

/** The report of the period before, same area, if it was computed. */
export function previousReport(db: DataSource, s: ReportSnapshot): Promise<ReportSnapshot | null> {
  return snapshots(db).findOneBy({ period: previousPeriod(parsePeriod(s.period)).key, scope: s.scope, supersededAt: IsNull() });
}

/** The reports of the same kind and area up to this one, oldest first (the trend chart). */
export async function reportTrend(db: DataSource, s: ReportSnapshot, count: number): Promise<ReportSnapshot[]> {
  const rows = await snapshots(db)
    .createQueryBuilder('s')
    .where('s.scope = :scope AND s.period_kind = :kind AND s.as_of_day <= :day AND s.superseded_at IS NULL', {
      scope: s.scope,
      kind: s.periodKind,
      day: s.asOfDay,
    })
    .orderBy('s.as_of_day', 'DESC')
    .take(count)
    .getMany();
  return rows.reverse();
}

export interface RowFilter extends PageArgs {
  organization?: string | null;
  commune?: string | null;
}

/** A report's (organization, commune) rows with the commune's name and the rate. */
export async function reportRows(
  db: DataSource,
  snapshotId: string,
  f: RowFilter,
): Promise<{ totalCount: number; nodes: ReportRowView[] }> {
  assertUuid('report', snapshotId);
  const params: unknown[] = [snapshotId];
  const where = ['w.snapshot_id = $1'];
  if (f.organization) where.push(`w.organization_code = $${params.push(f.organization.toUpperCase())}`);
  if (f.commune) where.push(`w.commune_code = $${params.push(f.commune)}`);
  const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM report_row w WHERE ${where.join(' AND ')}`, params);
  const rows = await db.query<Omit<ReportRowView, 'rate'>[]>(
    `SELECT w.organization_code AS "organizationCode", w.commune_code AS "communeCode", c.name AS "communeName", w.memberships, w.people,
            w.duplicate_records AS "duplicateRecords", w.without_id_number AS "withoutIdNumber", w.suspected_phantoms AS "suspectedPhantoms",
            w.joiners, w.leavers, w.struck, w.eligible, w.reached
       FROM report_row w LEFT JOIN commune c ON c.code = w.commune_code
      WHERE ${where.join(' AND ')}
      ORDER BY w.commune_code NULLS LAST, w.organization_code ${pageClause(f, 10_000, params)}`,
    params,
  );
  return {
    totalCount: n,
    nodes: rows.map((r) => ({ ...r, rate: r.eligible === null || r.reached === null ? null : rate(r.reached, r.eligible) })),
  };
}

/** The official reports of the same period and area that this one replaced, newest first. */
export function replacedReports(db: DataSource, reportId: string): Promise<ReportSnapshot[]> {
  return snapshots(db).find({ where: { supersededBy: reportId }, order: { computedAt: 'DESC' } });
}
