import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError } from '../common/errors/domain-error.js';
import { ACCESS_POLICY, type AccessPolicy } from '../access/access.decorators.js';
import { AuthService } from './auth.service.js';
import { requestOf } from '../access/request-of.js';
import { ROLE_LABELS } from '../access/role.js';
import { CSRF_MESSAGE, passesCsrf, requestToken } from '../common/http/request-token.js';

/** What a token that does not work is told when the server cannot say why. */
const notWorking = (carried: { via: string; token: string }): string =>
  carried.via === 'cookie'
    ? 'Phiên đăng nhập trên trình duyệt đã hết hạn hoặc đã đăng xuất: đăng nhập lại.'
    : carried.token.startsWith('lt_svc_')
      ? 'Khóa kết nối (token dịch vụ) không hợp lệ, đã hết hạn hoặc đã bị thu hồi: xin quản trị viên một khóa mới (Quản trị → Khóa kết nối, hoặc lienthong token create) rồi thay vào chương trình dùng nó.'
      : 'Token không hợp lệ, đã hết hạn hoặc đã bị thu hồi: đăng nhập lại.';

/**
 * Default deny: every query, mutation, field resolver and controller passes here. No declared
 * policy means no access. The request's token (a bearer header or the browser's session cookie:
 * request-token.ts) is looked up once per request; a cookie request that changes something needs its CSRF header.
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
    const carried = requestToken(req);
    if (!carried)
      throw new DomainError(
        'UNAUTHENTICATED',
        'Cần đăng nhập: gửi "Authorization: Bearer <token>" (lấy token bằng logIn), hoặc trên trình duyệt đăng nhập bằng POST /session (cookie phiên).',
      );
    if (!carried.token) throw new DomainError('UNAUTHENTICATED', 'Header Authorization phải có dạng "Bearer <token>".');
    req.principalLookup ??= this.auth.authenticate(carried.token, req.ip ?? req.socket.remoteAddress ?? null);
    const principal = await req.principalLookup;
    req.principal = principal;
    // A session that ended under its user says why: she is not left to guess among every cause.
    if (!principal)
      throw new DomainError(
        'UNAUTHENTICATED',
        (await this.auth.whyEnded(carried.token)) ?? notWorking({ via: carried.via, token: carried.token }),
      );
    if (!passesCsrf(req, carried)) throw new DomainError('FORBIDDEN', CSRF_MESSAGE);
    if (!policy) throw new DomainError('FORBIDDEN', `Không có quyền: thao tác này chưa được mở cho vai trò nào.`);
    if (!policy.roles.includes(principal.role))
      throw new DomainError(
        'FORBIDDEN',
        `Không có quyền: vai trò ${principal.role} (${ROLE_LABELS[principal.role]}) không được làm thao tác này.`,
      );
    if (principal.readOnly && writes(ctx)) throw new DomainError('FORBIDDEN', READ_ONLY_MESSAGE);
    return true;
  }
}

export const READ_ONLY_MESSAGE =
  'Không có quyền: khóa kết nối này chỉ được đọc (không sửa, không nhập, không xuất số đầy đủ). Cần ghi thì xin quản trị viên một khóa khác (Quản trị → Khóa kết nối).';

/** Whether a request may change something: a GraphQL mutation, or an HTTP request but GET (an upload, a clear-data export). */
function writes(ctx: ExecutionContext): boolean {
  if (ctx.getType<string>() === 'graphql')
    return GqlExecutionContext.create(ctx).getInfo<{ operation: { operation: string } }>().operation.operation === 'mutation';
  const method = requestOf(ctx).method;
  return method !== 'GET' && method !== 'HEAD';
}
