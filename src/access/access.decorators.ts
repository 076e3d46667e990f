import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { requestOf } from './request-of.js';
import type { Principal } from './principal.js';
import { Role } from './role.js';

export const ACCESS_POLICY = 'lienthong:access-policy';

/** The one policy every query, mutation and field resolver declares; none declared = denied. */
export type AccessPolicy = { public: true } | { public: false; roles: Role[] };

/** Open without a token: reference data and log-in only. */
export const Public = () => SetMetadata(ACCESS_POLICY, { public: true } satisfies AccessPolicy);

/** Open to these roles; what each sees inside is then decided by its scope. */
export const Allow = (...roles: Role[]) => SetMetadata(ACCESS_POLICY, { public: false, roles } satisfies AccessPolicy);

export const ALL_ROLES = Object.values(Role);
/** Roles that may see people (names, records): not AUDITOR. */
export const PEOPLE_READERS = [Role.ADMIN, Role.SECRETARIAT, Role.DAN_VAN];
/** Roles that may change rosters (within their scope). */
export const ROSTER_WRITERS = [Role.ADMIN, Role.SECRETARIAT];

/** The authenticated principal (set by the AccessGuard); null only on public operations. */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal | null => requestOf(ctx).principal ?? null);
