import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { DataSource, IsNull } from 'typeorm';
import type { Principal } from '../access/principal.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { SecretVault } from '../personal-data/secret-vault.js';
import { AccessToken, RevokedReason } from './access-token.entity.js';
import { AppUser } from './app-user.entity.js';
import { AuthService, TOTP_ISSUER, USED_CODE_MESSAGE } from './auth.service.js';
import { newEnrolment } from './enrolment-password.js';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { checkTotp, newTotpSecret, otpauthUri } from './totp.js';

export interface EnrolmentInput {
  username: string;
  enrolmentPassword: string;
}

export interface EnrolmentCompletion extends EnrolmentInput {
  newPassword: string;
  totpCode: string;
}

const REFUSED: Record<string, string> = {
  WRONG: 'Không bắt đầu được: tên đăng nhập hoặc mật khẩu lần đầu không đúng.',
  ENROLMENT_USED:
    'Mật khẩu lần đầu này đã được dùng: đăng nhập bằng mật khẩu của bạn và mã xác thực, hoặc nhờ quản trị viên cấp mật khẩu lần đầu mới.',
  ENROLMENT_EXPIRED: 'Mật khẩu lần đầu này đã hết hạn (chỉ dùng được trong 72 giờ): nhờ quản trị viên cấp mật khẩu lần đầu mới.',
  DISABLED: 'Tài khoản này đã bị khóa: liên hệ quản trị viên.',
  NOT_STARTED: 'Chưa có mã QR cho lần đăng nhập này: nhập lại mật khẩu lần đầu để nhận mã QR mới.',
  BAD_TOTP: 'Mã xác thực không đúng: nhập mã 6 số đang hiện trong ứng dụng xác thực vừa thêm tài khoản.',
};

/**
 * First log-in (README "Users and log-in"): the enrolment password given by `user create` or a
 * reset opens it; `start` generates her TOTP secret then and shows it (QR code and text); `complete`
 * stores her own password and the secret once a code of it proves she has it, and opens a session.
 * Attempts are throttled and logged like a log-in; the enrolment password is good once, for 72 hours.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly vault: SecretVault,
  ) {}

  /**
   * The enrolment password checked; her TOTP secret as text, link and QR code (SVG): generated at her
   * first start, and the same one shown again at the next start until a code confirms it — she may
   * have scanned it before the page was reloaded or her laptop's battery died, and a new secret
   * would make the code her app shows wrong. A reset (`reset`) clears it.
   */
  async start(input: EnrolmentInput, clientIp: string) {
    const user = await this.admitted(input, clientIp);
    const secret = user.totpPendingSealed ? this.vault.open(user.totpPendingSealed) : newTotpSecret();
    await this.db.transaction(async (em) => {
      if (!user.totpPendingSealed) await em.getRepository(AppUser).update(user.id, { totpPendingSealed: this.vault.seal(secret) });
      await this.audit.record(actorOf(user, clientIp), { action: AuditAction.ENROLMENT_STARTED }, em);
    });
    // Who has the enrolment password may enrol: her tries at the code start afresh.
    await this.auth.throttle.succeeded(user.username, clientIp);
    const uri = otpauthUri(TOTP_ISSUER, user.username, secret);
    const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { username: user.username, totpSecret: secret, otpauthUri: uri, qrSvg, expiresAt: user.enrolmentExpiresAt! };
  }

  /** Her own password and a code of the secret `start` showed → enrolled, and a session (as `logIn`'s). */
  async complete(input: EnrolmentCompletion, clientIp: string) {
    // Her new password is checked first: a weak one tells nothing about the account and costs no attempt.
    const weak = passwordProblem(input.newPassword, input.username.trim().toLowerCase());
    if (weak || input.newPassword === input.enrolmentPassword)
      throw DomainError.invalidInput([
        { field: 'newPassword', value: null, message: `Mật khẩu mới: ${weak ?? 'phải khác mật khẩu lần đầu'}` },
      ]);
    const user = await this.admitted(input, clientIp);
    const pending = user.totpPendingSealed;
    const now = Date.now();
    const totp = pending && checkTotp(this.vault.open(pending), input.totpCode.trim(), now, Number(user.totpLastStep));
    if (!totp || totp === 'USED') {
      const reason = !pending ? 'NOT_STARTED' : totp ? 'USED_TOTP' : 'BAD_TOTP';
      await this.refuse(user, clientIp, reason);
      throw new DomainError('UNAUTHENTICATED', reason === 'USED_TOTP' ? USED_CODE_MESSAGE : REFUSED[reason]);
    }
    const passwordHash = await hashPassword(input.newPassword);
    const session = await this.auth.openSession(user, totp.step, clientIp, now, async (em) => {
      const done: unknown = await em.query(
        `UPDATE app_user SET password_hash = $2, totp_secret_sealed = totp_pending_sealed, totp_pending_sealed = NULL,
                enrolment_used_at = now()
          WHERE id = $1 AND enrolment_used_at IS NULL AND totp_pending_sealed = $3`,
        [user.id, passwordHash, pending],
      );
      // Another tab finished first, or a reset cleared the secret meanwhile.
      if ((done as [unknown, number])[1] !== 1) throw new DomainError('CONFLICT', REFUSED.NOT_STARTED);
    });
    await this.auth.throttle.succeeded(user.username, clientIp);
    return session;
  }

  /** A new enrolment password: her password and TOTP secret cleared, her sessions ended at once (every process). */
  async reset(username: string, actor: Principal) {
    const repo = this.db.getRepository(AppUser);
    const user = await repo.findOneBy({ username: username.trim().toLowerCase() });
    if (!user) throw DomainError.notFound('tài khoản', username);
    const enrolment = await newEnrolment();
    await this.db.transaction(async (em) => {
      await em.getRepository(AppUser).update(user.id, enrolment.columns);
      // The trigger on access_token tells every server to forget the sessions (principal-cache.ts).
      await em
        .getRepository(AccessToken)
        .update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: RevokedReason.RESET });
      await this.audit.record(
        actor,
        { action: AuditAction.USER_RESET, subjectType: 'USER', subjectId: user.id, organization: user.organizationCode },
        em,
      );
    });
    this.auth.principals.clear();
    return {
      user: await repo.findOneByOrFail({ id: user.id }),
      enrolmentPassword: enrolment.password,
      enrolmentExpiresAt: enrolment.columns.enrolmentExpiresAt,
    };
  }

  /** The user whose enrolment password this is, still unused and unexpired; else refused (logged) in Vietnamese. */
  private async admitted(input: EnrolmentInput, clientIp: string): Promise<AppUser> {
    const username = input.username.trim().toLowerCase();
    await this.auth.admit(username, clientIp, { kind: 'USER', id: null, name: username || '(trống)', role: null, clientIp });
    const user = await this.db.getRepository(AppUser).findOneBy({ username });
    const ok = await verifyPassword(user?.enrolmentHash ?? (await decoyHash()), input.enrolmentPassword);
    // Used, expired or disabled is told only to who knows the enrolment password.
    const reason = !user
      ? 'UNKNOWN_USER'
      : !ok
        ? 'BAD_PASSWORD'
        : user.disabledAt
          ? 'DISABLED'
          : user.enrolmentUsedAt
            ? 'ENROLMENT_USED'
            : user.enrolmentExpiresAt! <= new Date()
              ? 'ENROLMENT_EXPIRED'
              : null;
    if (!reason) return user!;
    await this.refuse(user, clientIp, reason, username);
    throw new DomainError('UNAUTHENTICATED', REFUSED[reason] ?? REFUSED.WRONG);
  }

  private refuse(user: AppUser | null, clientIp: string, reason: string, username = user?.username ?? '') {
    const actor = { kind: 'USER' as const, id: user?.id ?? null, name: username || '(trống)', role: null, clientIp };
    return this.audit.record(actor, { action: AuditAction.LOGIN_FAILED, detail: { reason, enrolment: true } });
  }
}

const actorOf = (u: AppUser, clientIp: string) => ({ kind: 'USER' as const, id: u.id, name: u.username, role: u.role, clientIp });
