import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { FieldProblem } from '../common/errors/field-problem.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { OrganizationsService } from '../membership/organization/organizations.service.js';
import { UnitsService } from '../membership/unit/units.service.js';
import { SecretVault } from '../personal-data/secret-vault.js';
import { AccessToken, AccessTokenKind, RevokedReason } from './access-token.entity.js';
import { AppUser } from './app-user.entity.js';
import { LoginThrottle, waitText } from './login-throttle.js';
import { decoyHash, passwordProblem, verifyPassword } from './passwords.js';
import { newEnrolment, NOT_ENROLLED_MESSAGE } from './enrolment-password.js';
import type { Principal } from '../access/principal.js';
import { Role } from '../access/role.js';
import { checkTotp } from './totp.js';
import { PrincipalCache, type CachedPrincipal } from './principal-cache.js';
import { checkScope, keepAnAdministrator, type ScopeInput } from './account-scope.js';
import { endedMessage } from './session-ended.js';

export type { ScopeInput } from './account-scope.js';

export const TOTP_ISSUER = 'Liên Thông';

export const USED_CODE_MESSAGE = 'Mã xác thực này đã được dùng: chờ mã mới (ứng dụng đổi mã mỗi 30 giây) rồi thử lại.';
export const LOCKED_MESSAGE =
  'Tài khoản này đã bị khóa: mật khẩu và mã đều đúng, nhưng chỉ quản trị viên mở khóa được — liên hệ quản trị viên (người quản trị mở khóa ở Quản trị → Người dùng).';

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();
export const newToken = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

interface TokenRow {
  token_id: string;
  kind: AccessTokenKind;
  expires_at: Date | null;
  user_id: string | null;
  name: string;
  role: Role;
  organization_code: string | null;
  unit_path: string | null;
  unit_code: string | null;
  read_only: boolean;
}

/** Users, log-in (password + TOTP), sessions and service tokens. */
@Injectable()
export class AuthService implements OnModuleDestroy {
  readonly throttle: LoginThrottle;
  /** Who a token is, kept while revocations can be heard (principal-cache.ts). */
  readonly principals: PrincipalCache;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly vault: SecretVault,
    private readonly organizations: OrganizationsService,
    private readonly units: UnitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.throttle = new LoginThrottle(db);
    this.principals = new PrincipalCache(() => ({ connectionString: (db.options as { url?: string }).url }));
  }

  async onModuleDestroy(): Promise<void> {
    await this.principals.close();
  }

  /** The principal behind a bearer token, or null when it is unknown, expired, revoked or its user disabled. */
  async authenticate(token: string, clientIp: string | null): Promise<Principal | null> {
    if (!/^lt_(ses|svc)_[A-Za-z0-9_-]{43}$/.test(token)) return null;
    this.principals.start();
    const key = hashToken(token);
    const cacheKey = key.toString('base64');
    // A notification read in this turn of the event loop is handled before the cache is trusted.
    if (this.principals.active) await new Promise((r) => setImmediate(r));
    const cached = this.principals.get(cacheKey);
    if (cached) return { ...cached, clientIp };
    const generation = this.principals.generation;
    const found = await this.lookUp(key);
    if (!found) return null;
    this.principals.set(cacheKey, found.principal, found.expiresAt, generation);
    return { ...found.principal, clientIp };
  }

  private async lookUp(tokenHash: Buffer): Promise<{ principal: CachedPrincipal; expiresAt: Date | null } | null> {
    const rows: TokenRow[] = await this.db.query(
      `SELECT t.id AS token_id, t.kind, t.expires_at, u.id AS user_id,
              COALESCE(u.username, t.name) AS name, COALESCE(u.role, t.role) AS role,
              COALESCE(u.organization_code, t.organization_code) AS organization_code,
              un.path AS unit_path, un.code AS unit_code, t.read_only
         FROM access_token t
         LEFT JOIN app_user u ON u.id = t.user_id
         LEFT JOIN unit un ON un.id = COALESCE(u.unit_id, t.unit_id)
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL
          AND (t.expires_at IS NULL OR t.expires_at > now())
          AND (t.kind = 'SERVICE' OR (u.id IS NOT NULL AND u.disabled_at IS NULL))`,
      [tokenHash],
    );
    const r = rows[0];
    if (!r) return null;
    const principal: CachedPrincipal = {
      kind: r.kind === AccessTokenKind.SESSION ? 'USER' : 'SERVICE',
      id: r.kind === AccessTokenKind.SESSION ? r.user_id : r.token_id,
      name: r.name,
      role: r.role,
      organization: r.organization_code,
      unitPath: r.unit_path,
      unitCode: r.unit_code,
      tokenId: r.token_id,
      ...(r.read_only && { readOnly: true }),
    };
    return { principal, expiresAt: r.expires_at };
  }

  /** Why a session token no longer works, in words for its holder (asked only when it failed); null when it does not say. */
  async whyEnded(token: string): Promise<string | null> {
    if (!token.startsWith('lt_ses_')) return null;
    const [t] = await this.db.query<{ reason: RevokedReason | null; revoked: boolean; expired: boolean; locked: boolean }[]>(
      `SELECT t.revoked_reason AS reason, t.revoked_at IS NOT NULL AS revoked, t.expires_at <= now() AS expired, u.disabled_at IS NOT NULL AS locked
         FROM access_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.kind = 'SESSION'`,
      [hashToken(token)],
    );
    return endedMessage(t ? { revokedReason: t.reason, revoked: t.revoked, expired: t.expired, locked: t.locked } : null);
  }

  /**
   * Password and TOTP code → a session token valid `SESSION_MINUTES`. Every attempt is logged; the
   * attempt is reserved (LoginThrottle) before the password is checked.
   */
  async logIn(input: { username: string; password: string; totpCode: string }, clientIp: string) {
    const username = input.username.trim().toLowerCase();
    const actor = { kind: 'USER' as const, id: null, name: username || '(trống)', role: null, clientIp };
    await this.admit(username, clientIp, actor);
    const now = Date.now();
    const user = await this.db.getRepository(AppUser).findOneBy({ username });
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
    const totp =
      user?.totpSecretSealed && passwordOk
        ? checkTotp(this.vault.open(user.totpSecretSealed), input.totpCode.trim(), now, Number(user.totpLastStep))
        : null;
    if (!user || !passwordOk || user.disabledAt || !totp || totp === 'USED') {
      const reason = !user ? 'UNKNOWN_USER' : !passwordOk ? 'BAD_PASSWORD' : user.disabledAt ? 'DISABLED' : totp ? 'USED_TOTP' : 'BAD_TOTP';
      await this.audit.record({ ...actor, id: user?.id ?? null }, { action: AuditAction.LOGIN_FAILED, detail: { reason } });
      // Only who knows the password and the current code learns that the code was already used.
      if (reason === 'USED_TOTP') throw new DomainError('UNAUTHENTICATED', USED_CODE_MESSAGE);
      // …and that the account is locked: her password and code were right, she is not to retype them.
      if (reason === 'DISABLED' && totp && totp !== 'USED') throw new DomainError('UNAUTHENTICATED', LOCKED_MESSAGE);
      // …and only who knows the enrolment password, that the account waits for its first log-in.
      if (user && !user.passwordHash && user.enrolmentHash && (await verifyPassword(user.enrolmentHash, input.password)))
        throw new DomainError('UNAUTHENTICATED', NOT_ENROLLED_MESSAGE);
      throw new DomainError(
        'UNAUTHENTICATED',
        'Đăng nhập không thành công: tên đăng nhập, mật khẩu hoặc mã xác thực (6 số trong ứng dụng xác thực) không đúng.',
      );
    }
    const session = await this.openSession(user, totp.step, clientIp, now);
    await this.throttle.succeeded(username, clientIp);
    return session;
  }

  /** Reserves the attempt for the address and the account, or refuses it (logged) with the wait. Log-in and enrolment. */
  async admit(username: string, clientIp: string, actor: Parameters<AuditService['record']>[0]): Promise<void> {
    const byAddress = await this.throttle.reserveAddress(clientIp);
    const byAccount = byAddress ? 0 : await this.throttle.reserveAccount(username, clientIp);
    if (!byAddress && !byAccount) return;
    await this.audit.record(actor, { action: AuditAction.LOGIN_FAILED, detail: { reason: byAddress ? 'THROTTLED_IP' : 'THROTTLED' } });
    throw new DomainError(
      'FORBIDDEN',
      byAddress
        ? `Quá nhiều lần đăng nhập từ địa chỉ này: thử lại sau ${waitText(byAddress)} hoặc báo quản trị viên.`
        : `Tài khoản này vừa bị thử sai nhiều lần nên phải chờ: thử lại sau ${waitText(byAccount)} (mỗi lần sai tiếp theo phải chờ lâu hơn).`,
    );
  }

  /**
   * A new session for a user whose code of time step `step` was just accepted (log-in and enrolment);
   * `first` runs in the same transaction before it (enrolment stores her password and secret there).
   */
  async openSession(user: AppUser, step: number, clientIp: string, now: number, first?: (em: EntityManager) => Promise<void>) {
    const token = newToken('lt_ses');
    const expiresAt = new Date(now + this.config.sessionMinutes * 60_000);
    await this.db.transaction(async (em) => {
      if (first) await first(em);
      // The step is claimed atomically: two log-ins with the same code cannot both pass.
      const claimed: unknown = await em.query(
        `UPDATE app_user SET totp_last_step = $2, last_login_at = now() WHERE id = $1 AND totp_last_step < $2`,
        [user.id, step],
      );
      if ((claimed as [unknown, number])[1] !== 1) throw new DomainError('UNAUTHENTICATED', USED_CODE_MESSAGE);
      await em
        .getRepository(AccessToken)
        .insert({ tokenHash: hashToken(token), kind: AccessTokenKind.SESSION, userId: user.id, expiresAt });
      await this.audit.record(
        { kind: 'USER', id: user.id, name: user.username, role: user.role, clientIp },
        { action: AuditAction.LOGIN, ...(first ? { detail: { enrolled: true } } : {}) },
        em,
      );
    });
    return { token, expiresAt, user };
  }

  /**
   * When a user's session ends, or (`renew`) its new end SESSION_MINUTES from now, same token
   * (logged as a LOGIN marked `renewed`); null when the principal is no open session.
   */
  async sessionEnd(p: Principal, renew = false): Promise<Date | null> {
    if (p.kind !== 'USER' || !p.tokenId) return null;
    const open = `id = $1 AND kind = 'SESSION' AND revoked_at IS NULL AND expires_at > now()`;
    const rows: { expires_at: Date }[] = renew
      ? await this.db.query(`WITH r AS (UPDATE access_token SET expires_at = $2 WHERE ${open} RETURNING expires_at) SELECT * FROM r`, [
          p.tokenId,
          new Date(Date.now() + this.config.sessionMinutes * 60_000),
        ])
      : await this.db.query(`SELECT expires_at FROM access_token WHERE ${open}`, [p.tokenId]);
    const found = rows[0]?.expires_at ?? null;
    if (found && renew) await this.audit.record(p, { action: AuditAction.LOGIN, detail: { renewed: true } });
    return found;
  }

  async logOut(p: Principal): Promise<void> {
    if (p.kind !== 'USER' || !p.tokenId)
      throw new DomainError(
        'BAD_USER_INPUT',
        'Khóa kết nối không đăng xuất được: quản trị viên thu hồi nó (Quản trị → Khóa kết nối, hoặc revokeServiceToken).',
      );
    await this.db
      .getRepository(AccessToken)
      .update({ id: p.tokenId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: RevokedReason.LOGGED_OUT });
    this.principals.clear();
    await this.audit.record(p, { action: AuditAction.LOGOUT });
  }

  /**
   * A new user with a one-time enrolment password valid ENROLMENT_HOURS (generated unless given);
   * she sets her own password and gets her TOTP secret at her first log-in (enrolment.service.ts).
   */
  async createUser(input: ScopeInput & { username: string; password?: string | null }, actor: Principal) {
    const username = input.username.trim().toLowerCase();
    const problems: FieldProblem[] = [];
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username))
      problems.push({
        field: 'username',
        value: input.username,
        message: `Tên đăng nhập '${input.username}': 3–64 ký tự a-z, 0-9, dấu chấm, gạch ngang hoặc gạch dưới`,
      });
    const weak = input.password != null ? passwordProblem(input.password, username) : null;
    if (weak) problems.push({ field: 'password', value: null, message: `Mật khẩu: ${weak}` });
    const scope = await checkScope(this.organizations, this.units, input, problems);
    if (problems.length) throw DomainError.invalidInput(problems);
    const repo = this.db.getRepository(AppUser);
    if (await repo.existsBy({ username }))
      throw new DomainError('CONFLICT', `Tên đăng nhập '${username}' đã có.`, [
        { field: 'username', value: username, message: `Tên đăng nhập '${username}' đã có` },
      ]);
    const enrolment = await newEnrolment(input.password);
    const user = await this.db.transaction(async (em) => {
      const row = em.getRepository(AppUser).create({
        username,
        ...enrolment.columns,
        role: input.role,
        organizationCode: scope.organization,
        unitId: scope.unitId,
      });
      await em.getRepository(AppUser).insert(row);
      await this.audit.record(
        actor,
        {
          action: AuditAction.USER_CREATED,
          subjectType: 'USER',
          subjectId: row.id,
          organization: scope.organization,
          detail: { role: input.role },
        },
        em,
      );
      return row;
    });
    return { user, enrolmentPassword: enrolment.password, enrolmentExpiresAt: enrolment.columns.enrolmentExpiresAt };
  }

  /**
   * Locks a user out (open sessions end) or lets her in again (`locked` false: her password and code
   * are as they were; a forgotten one is a reset). An administrator never locks herself.
   */
  async setUserLocked(username: string, actor: Principal, locked = true): Promise<AppUser> {
    const repo = this.db.getRepository(AppUser);
    const user = await repo.findOneBy({ username: username.trim().toLowerCase() });
    if (!user) throw DomainError.notFound('tài khoản', username);
    // Locked out by her own click: an administrator never locks herself (another administrator, or the CLI on the server, can).
    if (locked && actor.kind === 'USER' && actor.id === user.id)
      throw new DomainError(
        'BAD_USER_INPUT',
        `Không thể tự khóa tài khoản của chính mình ('${user.username}'): nhờ một quản trị viên khác khóa, hoặc dùng lệnh trên máy chủ`,
      );
    await this.db.transaction(async (em) => {
      if (locked) await keepAnAdministrator(em, user, 'khóa tài khoản');
      await em.getRepository(AppUser).update(user.id, { disabledAt: locked ? new Date() : null });
      if (locked)
        await em
          .getRepository(AccessToken)
          .update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: RevokedReason.LOCKED });
      const action = locked ? AuditAction.USER_DISABLED : AuditAction.USER_ENABLED;
      await this.audit.record(actor, { action, subjectType: 'USER', subjectId: user.id }, em);
    });
    this.principals.clear();
    return repo.findOneByOrFail({ id: user.id });
  }

  /**
   * Another role or scope for an account, checked as at creation; her sessions end at once (no open one keeps the rights
   * she had): she logs in again, with her password and code as they were. The same role and scope again changes nothing.
   */
  async changeUserScope(username: string, input: ScopeInput, actor: Principal): Promise<{ user: AppUser; changed: boolean }> {
    const repo = this.db.getRepository(AppUser);
    const user = await repo.findOneBy({ username: username.trim().toLowerCase() });
    if (!user) throw DomainError.notFound('tài khoản', username);
    if (actor.kind === 'USER' && actor.id === user.id)
      throw new DomainError(
        'BAD_USER_INPUT',
        `Không thể tự đổi vai trò, phạm vi của chính mình ('${user.username}'): nhờ một quản trị viên khác, hoặc dùng lệnh trên máy chủ`,
      );
    const problems: FieldProblem[] = [];
    const scope = await checkScope(this.organizations, this.units, input, problems);
    if (problems.length) throw DomainError.invalidInput(problems);
    if (user.role === input.role && user.organizationCode === scope.organization && user.unitId === scope.unitId)
      return { user, changed: false };
    await this.db.transaction(async (em) => {
      if (input.role !== Role.ADMIN) await keepAnAdministrator(em, user, 'bỏ quyền quản trị của');
      await em.getRepository(AppUser).update(user.id, { role: input.role, organizationCode: scope.organization, unitId: scope.unitId });
      await em
        .getRepository(AccessToken)
        .update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: RevokedReason.SCOPE_CHANGED });
      await this.audit.record(
        actor,
        {
          action: AuditAction.USER_SCOPE_CHANGED,
          subjectType: 'USER',
          subjectId: user.id,
          organization: scope.organization ?? user.organizationCode,
          detail: {
            role: input.role,
            organization: scope.organization,
            unitId: scope.unitId,
            previousRole: user.role,
            previousOrganization: user.organizationCode,
            previousUnitId: user.unitId,
          },
        },
        em,
      );
    });
    this.principals.clear();
    return { user: await repo.findOneByOrFail({ id: user.id }), changed: true };
  }

  /** A user's unit as the administrator reads it: its code and its name. */
  async unitOf(unitId: string): Promise<{ code: string; name: string } | null> {
    const unit = (await this.units.byIds([unitId])).get(unitId);
    return unit ? { code: unit.code, name: unit.name } : null;
  }

  listUsers(): Promise<AppUser[]> {
    return this.db.getRepository(AppUser).find({ order: { username: 'ASC' } });
  }
}
