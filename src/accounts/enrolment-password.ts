import { generatePassword, hashPassword } from './passwords.js';

/** How long an enrolment password (user create, reset) lets its user enrol. */
export const ENROLMENT_HOURS = 72;

export const NOT_ENROLLED_MESSAGE =
  'Đây là mật khẩu lần đầu: tài khoản chưa kích hoạt. Chọn "Kích hoạt tài khoản" để đặt mật khẩu của mình và quét mã QR.';

/**
 * A new enrolment: the one-time password (generated unless given) and the columns that put a user
 * back before her first log-in — no password, no TOTP secret, the enrolment password's hash and its
 * expiry. Creating a user and resetting one both store exactly these.
 */
export async function newEnrolment(given?: string | null, now = Date.now()) {
  const password = given ?? generatePassword();
  return {
    password,
    columns: {
      passwordHash: null,
      totpSecretSealed: null,
      totpPendingSealed: null,
      enrolmentHash: await hashPassword(password),
      enrolmentExpiresAt: new Date(now + ENROLMENT_HOURS * 3_600_000),
      enrolmentUsedAt: null,
    },
  };
}
