import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/access.decorators.js';
import { Role } from '../access/role.js';
import { AuditService } from './audit.service.js';
import { AuditEventPageType, AuditEventsArgs } from './audit.types.js';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Allow(Role.ADMIN)
  @Query(() => AuditEventPageType, { description: 'The audit log, newest first.' })
  async auditEvents(@Args() a: AuditEventsArgs): Promise<AuditEventPageType> {
    const { rows, hasNextPage } = await this.audit.list({
      first: a.first ?? 50,
      before: a.before,
      action: a.action,
      actorName: a.actor,
      subjectId: a.subjectId,
      from: a.from,
      to: a.to,
    });
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
        organization: e.organizationCode,
        reason: e.reason,
        detail: JSON.stringify(e.detail),
        clientIp: e.clientIp,
      })),
    };
  }
}
