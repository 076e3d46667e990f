import { forbidden, type Principal } from '../../access/principal.js';
import { limits, readScope, type ScopeColumns } from '../../access/record-scope.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';

/**
 * Who may compute a report on demand, from the caller's read scope: who reads every record
 * (ADMIN, Ban Dân vận) any area; a secretariat the area of its own organization (or, kept to a
 * unit, that unit) — the report its leadership sends up; nobody else.
 */
export function assertMayRun(caller: Principal, area: ReportingArea): void {
  const scope = readScope(caller);
  if (scope.kind === 'ALL') return;
  if (scope.kind === 'ORGANIZATION') {
    const own = scope.unitPath === null ? `org:${scope.organization}` : `unit:${scope.organization}/${caller.unitCode}`;
    if (area.key === own) return;
    throw forbidden(`lập báo cáo phạm vi ${area.key}; tài khoản này chỉ lập được báo cáo phạm vi ${own}`);
  }
  throw forbidden('lập báo cáo');
}

/** Every role reads a report's figures; the names of its suspected phantoms only who may read records. */
export const mayReadNames = (caller: Principal): boolean => !limits(readScope(caller)).none;

/** A report's phantoms (`report_phantom x`, its record's unit `u`) are read within the caller's read scope (`scopeWhere`). */
export const PHANTOM_COLUMNS: ScopeColumns = { organization: 'x.organization_code', unitPath: 'u.path' };
