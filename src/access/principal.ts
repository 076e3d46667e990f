import { DomainError } from '../common/errors/domain-error.js';
import { Role } from './role.js';

/** Who is asking: a logged-in user, a service token or the local CLI. */
export interface Principal {
  kind: 'USER' | 'SERVICE' | 'CLI';
  /** User or token id; null for the CLI. */
  id: string | null;
  /** Username, token name or `cli:<os user>`: what the audit log shows. */
  name: string;
  role: Role;
  /** SECRETARIAT only: the organization it keeps. */
  organization: string | null;
  /** SECRETARIAT only: the unit subtree (path prefix) it keeps; null = the whole organization. */
  unitPath: string | null;
  unitCode: string | null;
  /** The session or token id, for logging out. */
  tokenId: string | null;
  /** The request's address, for the audit log. */
  clientIp: string | null;
}

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

/** Whether a record (its organization and unit path) is inside a scope. */
export function inScope(scope: RecordScope, record: { organizationCode: string; unitPath: string | null }): boolean {
  if (scope.kind === 'ALL') return true;
  if (scope.kind === 'NONE') return false;
  if (record.organizationCode !== scope.organization) return false;
  return scope.unitPath === null || (record.unitPath !== null && record.unitPath.startsWith(scope.unitPath));
}

/** The roles that manage a record see its phone and ethnicity; others see them masked or not at all. */
export const managesRecord = (p: Principal, record: { organizationCode: string; unitPath: string | null }) =>
  inScope(writeScope(p), record);

export function forbidden(what: string): DomainError {
  return new DomainError('FORBIDDEN', `Không có quyền: ${what}.`);
}

/** Refuses an organization outside a secretariat's scope (read or write), before any SQL runs. */
export function assertOrganizationInScope(scope: RecordScope, organization: string, action: string): void {
  if (scope.kind === 'NONE' || (scope.kind === 'ORGANIZATION' && scope.organization !== organization))
    throw forbidden(`${action} của tổ chức ${organization} nằm ngoài phạm vi của tài khoản này`);
}

/** The CLI runs on the server itself: a local administrator, named `cli:<os user>` in the audit log. */
export function cliPrincipal(osUser: string): Principal {
  return {
    kind: 'CLI',
    id: null,
    name: `cli:${osUser}`,
    role: Role.ADMIN,
    organization: null,
    unitPath: null,
    unitCode: null,
    tokenId: null,
    clientIp: null,
  };
}
