import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Allow, ALL_ROLES, Caller, Public } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import type { Role } from '../access/role.js';
import { DomainError } from '../common/errors/domain-error.js';
import { csrfTokenFor, requestToken, SESSION_COOKIE } from '../common/http/request-token.js';
import { CompleteEnrolmentInput, EnrolmentInput, LogInInput } from './access.types.js';
import { OrganizationsService } from '../membership/organization/organizations.service.js';
import { termsOf, type OrganizationTerms } from '../membership/organization/organization-definition.js';
import { AuthService } from './auth.service.js';
import { EnrolmentService } from './enrolment.service.js';

/** What the console reads after a log-in, a reload or a renewal. */
export interface BrowserSession {
  /** Send as `X-CSRF-Token` on every request that changes something. */
  csrfToken: string;
  expiresAt: string;
  user: SessionUser;
}

interface SessionUser {
  username: string;
  role: Role;
  organization: string | null;
  unit: string | null;
  /** How her organization names its members, branches and dues (the console speaks them); none without one. */
  terms: OrganizationTerms | null;
}

const NO_SESSION = 'Chưa đăng nhập trên trình duyệt này, hoặc phiên đã hết hạn hay đã đăng xuất: đăng nhập lại.';

/**
 * The browser console's sessions (README "Browser sessions"): the same log-in as `logIn`, its
 * token in an HttpOnly cookie instead of the page's hands. The guard checks the cookie and the CSRF
 * header on every other route; these routes only open, read, renew and close the session.
 */
@Controller('session')
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly enrolment: EnrolmentService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Public()
  @Post()
  @HttpCode(200)
  async logIn(@Body() input: LogInInput, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<BrowserSession> {
    return this.opened(await this.auth.logIn(input, clientIp(req)), req, res);
  }

  /** First log-in, step 1 (as `startEnrolment`): the enrolment password → a new TOTP secret, its QR code and text. */
  @Public()
  @Post('enrolment')
  @HttpCode(200)
  async startEnrolment(@Body() input: EnrolmentInput, @Req() req: Request) {
    const e = await this.enrolment.start(input, clientIp(req));
    return { ...e, expiresAt: e.expiresAt.toISOString() };
  }

  /** First log-in, step 2 (as `completeEnrolment`): her password and a code → enrolled, and the session cookie. */
  @Public()
  @Post('enrolment/complete')
  @HttpCode(200)
  async completeEnrolment(
    @Body() input: CompleteEnrolmentInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BrowserSession> {
    return this.opened(await this.enrolment.complete(input, clientIp(req)), req, res);
  }

  private async opened(s: Awaited<ReturnType<AuthService['logIn']>>, req: Request, res: Response): Promise<BrowserSession> {
    const { token, expiresAt, user } = s;
    const unit = user.unitId ? ((await this.auth.unitOf(user.unitId))?.code ?? null) : null;
    setCookie(req, res, token, expiresAt);
    return this.sessionOf(token, expiresAt, { username: user.username, role: user.role, organization: user.organizationCode, unit });
  }

  private async sessionOf(token: string, end: Date, user: Omit<SessionUser, 'terms'>): Promise<BrowserSession> {
    const organization = user.organization ? await this.organizations.get(user.organization).catch(() => null) : null;
    const terms = organization ? termsOf(organization) : null;
    return { csrfToken: csrfTokenFor(token), expiresAt: end.toISOString(), user: { ...user, terms } };
  }

  /** The session of the cookie, for the console on reload; 401 (and the cookie cleared) when there is none. */
  @Public()
  @Get()
  async current(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<BrowserSession> {
    const carried = requestToken(req);
    const token = carried?.via === 'cookie' ? carried.token : null;
    const p = token && (await this.auth.authenticate(token, req.ip ?? null));
    const end = p ? await this.auth.sessionEnd(p) : null;
    if (!token || !p || !end) {
      if (carried?.via === 'cookie') setCookie(req, res, '', null);
      // Why it ended, when the cookie says (locked, reset, logged out elsewhere): told again on a reload, not only on the click after.
      throw new DomainError('UNAUTHENTICATED', (token && (await this.auth.whyEnded(token))) || NO_SESSION);
    }
    return this.sessionOf(token, end, userOfPrincipal(p));
  }

  /** Another SESSION_MINUTES from now, same token: the console asks while its user is active. */
  @Allow(...ALL_ROLES)
  @Post('extend')
  @HttpCode(200)
  async extend(@Caller() p: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<BrowserSession> {
    const token = cookieToken(req);
    const end = await this.auth.sessionEnd(p, true);
    if (!end) throw new DomainError('UNAUTHENTICATED', NO_SESSION);
    setCookie(req, res, token, end);
    return this.sessionOf(token, end, userOfPrincipal(p));
  }

  /** Logs out: the token stops working at once, in every process; the cookie is cleared. */
  @Allow(...ALL_ROLES)
  @Delete()
  async logOut(@Caller() p: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ loggedOut: true }> {
    cookieToken(req);
    await this.auth.logOut(p);
    setCookie(req, res, '', null);
    return { loggedOut: true };
  }
}

/** The cookie's token on a route only a browser session uses (a bearer client has `logOut`). */
function cookieToken(req: Request): string {
  const carried = requestToken(req);
  if (carried?.via !== 'cookie' || !carried.token)
    throw new DomainError(
      'BAD_USER_INPUT',
      'Đường dẫn này chỉ dành cho phiên trình duyệt (cookie); với token hãy dùng logIn/logOut qua GraphQL.',
    );
  return carried.token;
}

/** The session cookie until `expiresAt`, or (null) cleared. Secure when the request came over HTTPS (as trust proxy sees it). */
function setCookie(req: Request, res: Response, token: string, expiresAt: Date | null): void {
  const maxAge = expiresAt ? Math.max(0, expiresAt.getTime() - Date.now()) : 0;
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure, maxAge });
}

const clientIp = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

const userOfPrincipal = (p: Principal) => ({ username: p.name, role: p.role, organization: p.organization, unit: p.unitCode });
