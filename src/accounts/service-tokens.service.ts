import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { assertUuid, DomainError } from '../common/errors/domain-error.js';
import type { FieldProblem } from '../common/errors/field-problem.js';
import { vietnamTime } from '../common/dates/vietnam-time.js';
import { OrganizationsService } from '../membership/organization/organizations.service.js';
import { UnitsService } from '../membership/unit/units.service.js';
import type { Principal } from '../access/principal.js';
import { AccessToken, AccessTokenKind, RevokedReason } from './access-token.entity.js';
import { checkScope, type ScopeInput } from './account-scope.js';
import { AuthService, hashToken, newToken } from './auth.service.js';

/** Named tokens for scheduled jobs and integrations: created (the token shown once), listed, revoked. */
@Injectable()
export class ServiceTokens {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly units: UnitsService,
    private readonly auth: AuthService,
  ) {}

  /**
   * A named token for a scheduled job or an integration; the token itself is shown once. Its name is
   * unique among the tokens still in use, so that the list tells them apart (and which to revoke).
   */
  async create(input: ScopeInput & { name: string; expiresInDays?: number | null; readOnly?: boolean | null }, actor: Principal) {
    const name = input.name.trim();
    const problems: FieldProblem[] = [];
    if (!/^[\p{L}\p{N}][\p{L}\p{N} ._:-]{1,63}$/u.test(name))
      problems.push({ field: 'name', value: input.name, message: `Tên token '${input.name}': 2–64 chữ, số, dấu cách, . _ : -` });
    if (input.expiresInDays != null && (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 3650))
      problems.push({ field: 'expiresInDays', value: String(input.expiresInDays), message: 'Số ngày hiệu lực: từ 1 đến 3650' });
    const scope = await checkScope(this.organizations, this.units, input, problems);
    const [same] = await this.db.query<{ created_at: Date }[]>(
      `SELECT created_at FROM access_token
        WHERE kind = 'SERVICE' AND lower(name) = lower($1) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) LIMIT 1`,
      [name],
    );
    if (same)
      problems.push({
        field: 'name',
        value: name,
        message: `Đã có khóa kết nối đang dùng tên '${name}' (tạo lúc ${vietnamTime(same.created_at)}): đặt tên khác, hoặc thu hồi khóa cũ trước (lienthong token list, token revoke)`,
      });
    if (problems.length) throw DomainError.invalidInput(problems);
    const token = newToken('lt_svc');
    const row = await this.db.transaction(async (em) => {
      const r = em.getRepository(AccessToken).create({
        tokenHash: hashToken(token),
        kind: AccessTokenKind.SERVICE,
        name,
        role: input.role,
        organizationCode: scope.organization,
        unitId: scope.unitId,
        readOnly: !!input.readOnly,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      });
      await em.getRepository(AccessToken).insert(r);
      await this.audit.record(
        actor,
        {
          action: AuditAction.TOKEN_CREATED,
          subjectType: 'TOKEN',
          subjectId: r.id,
          organization: scope.organization,
          detail: { role: input.role, name, ...(input.readOnly && { readOnly: true }) },
        },
        em,
      );
      return r;
    });
    return { token, record: row };
  }

  list(): Promise<AccessToken[]> {
    return this.db.getRepository(AccessToken).find({ where: { kind: AccessTokenKind.SERVICE }, order: { createdAt: 'ASC' } });
  }

  /** Revoked at once, in every server process; `revokedNow` false when it already was. */
  async revoke(id: string, actor: Principal): Promise<{ token: AccessToken; revokedNow: boolean }> {
    assertUuid('id', id);
    const repo = this.db.getRepository(AccessToken);
    const row = await repo.findOneBy({ id, kind: AccessTokenKind.SERVICE });
    if (!row) throw DomainError.notFound('token', id);
    if (row.revokedAt) return { token: row, revokedNow: false };
    await repo.update({ id: row.id, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: RevokedReason.REVOKED });
    this.auth.principals.clear();
    await this.audit.record(actor, { action: AuditAction.TOKEN_REVOKED, subjectType: 'TOKEN', subjectId: row.id });
    return { token: await repo.findOneByOrFail({ id }), revokedNow: true };
  }
}
