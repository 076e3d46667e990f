import { DomainError } from '../common/errors/domain-error.js';
import { inScope, writeScope, type RecordScope } from './record-scope.js';
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
  /** A read-only service token: nothing it sends may change anything (access.guard.ts). */
  readOnly?: boolean;
  /** The request's address, for the audit log. */
  clientIp: string | null;
}

/** The roles that manage a record see its phone, ethnicity and village; others see them masked or not at all. */
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
