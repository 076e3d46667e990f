import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { readScope } from '../access/record-scope.js';
import { Role } from '../access/role.js';
import { AuditService } from './audit.service.js';
import { AuditEventPageType, AuditEventsArgs } from './audit.types.js';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Allow(Role.ADMIN)
  @Query(() => AuditEventPageType, { description: 'The audit log, newest first.' })
  async auditEvents(@Args() a: AuditEventsArgs, @Caller() caller: Principal): Promise<AuditEventPageType> {
    const { rows, hasNextPage, codes } = await this.audit.list(
      { first: a.first ?? 50, before: a.before, action: a.action, actorName: a.actor, subject: a.subjectId, from: a.from, to: a.to },
      readScope(caller),
    );
    return {
      hasNextPage,
      nodes: rows.map((e) => ({
        id: e.id,
        at: e.at,
        actorKind: e.actorKind,
        actorName: e.actorName,
        actorRole: e.actorRole,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        subjectCode: (e.subjectId && codes.get(e.subjectId)) ?? null,
        organization: e.organizationCode,
        reason: e.reason,
        detail: JSON.stringify(e.detail),
        clientIp: e.clientIp,
      })),
    };
  }
}
