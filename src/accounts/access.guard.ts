import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/errors/domain-error.js';
import { ACCESS_POLICY, type AccessPolicy } from '../access/access.decorators.js';
import { AuthService } from './auth.service.js';
import { requestOf } from '../access/request-of.js';
import { ROLE_LABELS } from '../access/role.js';

/**
 * Default deny: every query, mutation, field resolver and controller passes here. No declared
 * policy means no access. The bearer token is looked up once per request.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [ctx.getHandler(), ctx.getClass()]);
    const req = requestOf(ctx);
    if (policy?.public) return true;
    const header = req.headers.authorization;
    if (!header) throw new DomainError('UNAUTHENTICATED', 'Cần đăng nhập: gửi "Authorization: Bearer <token>" (lấy token bằng logIn).');
    const token = bearerToken(header);
    if (!token) throw new DomainError('UNAUTHENTICATED', 'Header Authorization phải có dạng "Bearer <token>".');
    req.principalLookup ??= this.auth.authenticate(token, req.ip ?? req.socket.remoteAddress ?? null);
    const principal = await req.principalLookup;
    req.principal = principal;
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'Token không hợp lệ, đã hết hạn hoặc đã bị thu hồi: đăng nhập lại.');
    if (!policy) throw new DomainError('FORBIDDEN', `Không có quyền: thao tác này chưa được mở cho vai trò nào.`);
    if (!policy.roles.includes(principal.role))
      throw new DomainError(
        'FORBIDDEN',
        `Không có quyền: vai trò ${principal.role} (${ROLE_LABELS[principal.role]}) không được làm thao tác này.`,
      );
    return true;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null when there is none or it has another form. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? null;
}
