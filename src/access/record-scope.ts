import type { SelectQueryBuilder } from 'typeorm';
import { likePrefix } from '../common/sql/escape-like.js';
import type { Principal } from './principal.js';
import { Role } from './role.js';

/**
 * Which member records a principal may read, as the SQL filter applies it: `ALL`, `NONE`, or one
 * organization (and a unit path prefix).
 */
export type RecordScope = { kind: 'ALL' } | { kind: 'NONE' } | { kind: 'ORGANIZATION'; organization: string; unitPath: string | null };

export function readScope(p: Principal): RecordScope {
  switch (p.role) {
    case Role.ADMIN:
    case Role.DAN_VAN:
      return { kind: 'ALL' };
    case Role.SECRETARIAT:
      return p.organization ? { kind: 'ORGANIZATION', organization: p.organization, unitPath: p.unitPath } : { kind: 'NONE' };
    case Role.AUDITOR:
      return { kind: 'NONE' };
  }
}

/** Who may change records, end memberships, import and resolve its flags. */
export function writeScope(p: Principal): RecordScope {
  if (p.role === Role.ADMIN) return { kind: 'ALL' };
  if (p.role === Role.SECRETARIAT) return readScope(p);
  return { kind: 'NONE' };
}

/** What a scope limits: nothing visible, or an organization (null = any) and a unit-path prefix (null = any). */
export type ScopeLimits = { none: true } | { none: false; organization: string | null; pathPrefix: string | null };

/** The one rule: which organization, which unit-path prefix, or nothing. The SQL forms and `inScope` apply it. */
export function limits(scope: RecordScope): ScopeLimits {
  if (scope.kind === 'NONE') return { none: true };
  if (scope.kind === 'ALL') return { none: false, organization: null, pathPrefix: null };
  return { none: false, organization: scope.organization, pathPrefix: scope.unitPath };
}

/** Whether a record (its organization and unit path) is inside a scope. */
export function inScope(scope: RecordScope, record: { organizationCode: string; unitPath: string | null }): boolean {
  const l = limits(scope);
  if (l.none) return false;
  if (l.organization !== null && record.organizationCode !== l.organization) return false;
  return l.pathPrefix === null || (record.unitPath !== null && record.unitPath.startsWith(l.pathPrefix));
}

/** The columns a scope is applied to: by default a query over `member_record r` joined to `unit u`. */
export interface ScopeColumns {
  organization: string;
  unitPath: string;
}

const RECORD_COLUMNS: ScopeColumns = { organization: 'r.organization_code', unitPath: 'u.path' };

/** The caller's scope as SQL, positional form: appends conditions to `where` and their values to `params` (`$n`). */
export function scopeWhere(scope: RecordScope, where: string[], params: unknown[], cols: ScopeColumns = RECORD_COLUMNS): void {
  const l = limits(scope);
  if (l.none) {
    where.push('false');
    return;
  }
  if (l.organization !== null) where.push(`${cols.organization} = $${params.push(l.organization)}`);
  if (l.pathPrefix) where.push(`${cols.unitPath} LIKE $${params.push(likePrefix(l.pathPrefix))}`);
}

/**
 * The caller's scope as SQL, QueryBuilder form (named parameters): a secretariat's query cannot
 * return another organization's rows, whatever else it asks.
 */
export function applyScope<T extends object>(
  qb: SelectQueryBuilder<T>,
  scope: RecordScope,
  cols: ScopeColumns = RECORD_COLUMNS,
): SelectQueryBuilder<T> {
  const l = limits(scope);
  if (l.none) return qb.andWhere('false');
  if (l.organization !== null) qb.andWhere(`${cols.organization} = :scopeOrg`, { scopeOrg: l.organization });
  if (l.pathPrefix) qb.andWhere(`${cols.unitPath} LIKE :scopePath`, { scopePath: likePrefix(l.pathPrefix) });
  return qb;
}

/** The unit subtree a scope keeps its holder to (null: no unit limit — the whole organization, everything, or nothing). */
export function unitPathLimit(scope: RecordScope): string | null {
  const l = limits(scope);
  return l.none ? null : l.pathPrefix;
}

/**
 * The unit-path part of the caller's scope as SQL (QueryBuilder form), for rows that carry a unit
 * path but no organization of their own (a rejected import row: its job's organization is checked first).
 */
export function applyPathScope<T extends object>(
  qb: SelectQueryBuilder<T>,
  scope: RecordScope,
  unitPathColumn: string,
): SelectQueryBuilder<T> {
  const l = limits(scope);
  if (l.none) return qb.andWhere('false');
  if (l.pathPrefix) qb.andWhere(`${unitPathColumn} LIKE :scopePath`, { scopePath: likePrefix(l.pathPrefix) });
  return qb;
}
