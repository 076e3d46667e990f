import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { readScope } from '../access/record-scope.js';
import { Role } from '../access/role.js';
import type { AuditEvent } from './audit-event.entity.js';
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
        subjectCode: subjectCodeOf(e, codes),
        organization: e.organizationCode,
        reason: e.reason,
        detail: JSON.stringify(e.detail),
        clientIp: e.clientIp,
      })),
    };
  }
}

/** A line's subject by its code: a record's Mã hồ sơ, a person's records', a pair's two ("HND-1 và CD-3"); an erased record: none (its id). */
function subjectCodeOf(e: AuditEvent, codes: Map<string, string>): string | null {
  const code = e.subjectId ? codes.get(e.subjectId) : undefined;
  const b = e.subjectType === 'RECORD_PAIR' ? (e.detail as { recordB?: unknown } | null)?.recordB : undefined;
  const other = typeof b === 'string' ? codes.get(b) : undefined;
  if (code && other) return `${code} và ${other}`;
  // A report downloaded: in which form (the Excel and the PDF of one report are two lines).
  const format = e.subjectType === 'REPORT' ? (e.detail as { format?: unknown } | null)?.format : undefined;
  if (code && typeof format === 'string') return `${code} (${format === 'xlsx' ? 'Excel' : format.toUpperCase()})`;
  return code ?? null;
}
