import type { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import type { AuditService } from '../../audit/audit.service.js';
import { assertUuid } from '../../common/errors/domain-error.js';
import { limits, readScope, scopeWhere } from '../../access/record-scope.js';
import { PHANTOM_COLUMNS } from '../access/report-access.js';
import type { ReportPhantomView } from '../figures/report-views.js';
import { pageClause, type PageArgs } from './page.js';

export interface PhantomFilter extends PageArgs {
  organization?: string | null;
  commune?: string | null;
  reason?: string | null;
}

/**
 * The suspected phantoms of a report with names and reasons (never ID numbers), as far as the
 * caller may read records; the read is logged.
 */
export async function reportPhantoms(
  db: DataSource,
  audit: AuditService,
  snapshotId: string,
  caller: Principal,
  f: PhantomFilter,
): Promise<ReportPhantomView[]> {
  assertUuid('report', snapshotId);
  const scope = readScope(caller);
  const limit = limits(scope);
  if (limit.none) return [];
  const params: unknown[] = [snapshotId];
  const where = ['x.snapshot_id = $1', 'r.erased_at IS NULL'];
  scopeWhere(scope, where, params, PHANTOM_COLUMNS);
  if (f.organization) where.push(`x.organization_code = $${params.push(f.organization.toUpperCase())}`);
  if (f.commune) where.push(`x.commune_code = $${params.push(f.commune)}`);
  if (f.reason) where.push(`$${params.push(f.reason)} = ANY(x.reasons)`);
  const rows = await db.query<ReportPhantomView[]>(
    `SELECT x.record_id AS "recordId", x.organization_code AS "organizationCode", r.external_id AS "externalId", r.full_name AS "fullName",
            extract(year FROM r.birth_date)::int AS "birthYear", x.commune_code AS "communeCode", c.name AS "communeName",
            u.code AS "unitCode", u.name AS "unitName", x.reasons
       FROM report_phantom x JOIN member_record r ON r.id = x.record_id
       LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN commune c ON c.code = x.commune_code
      WHERE ${where.join(' AND ')}
      ORDER BY x.organization_code, x.commune_code NULLS LAST, r.name_folded, r.external_id, x.record_id
      ${pageClause(f, 100_000, params)}`,
    params,
  );
  await audit.record(caller, {
    action: AuditAction.REPORT_READ,
    subjectType: 'REPORT',
    subjectId: snapshotId,
    organization: limit.organization,
    detail: { suspectedPhantoms: rows.length },
  });
  return rows;
}
