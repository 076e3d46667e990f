import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

/**
 * argon2id with the library's defaults (64 MiB, 3 passes): 0.1–0.3 s a hash or a check on this
 * machine. Only the test run (Jest's NODE_ENV=test and the LIENTHONG_TEST_PASSWORD_COST=low its
 * global setup sets, both) hashes at the lowest cost: the same code, a hundred log-ins a suite.
 * A hash carries its own cost, so a check follows whatever made the hash.
 */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, ...(lowTestCost() ? { memoryCost: 1024, timeCost: 1, parallelism: 1 } : {}) });

const lowTestCost = () => process.env.NODE_ENV === 'test' && process.env.LIENTHONG_TEST_PASSWORD_COST === 'low';

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone knows, checked for unknown usernames so that timing does not tell them apart. */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(`decoy-${randomInt(1e9)}`));

/** 20 characters without look-alikes (no 0/O, 1/l/I): read off a screen and typed once. */
export function generatePassword(length = 20): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export const MIN_PASSWORD_LENGTH = 12;

/** Why a chosen password is refused, in Vietnamese, or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự (có ${password.length})`;
  if (password.length > 256) return 'mật khẩu dài quá 256 ký tự';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'mật khẩu không được chứa tên đăng nhập';
  if (new Set(password).size < 5) return 'mật khẩu quá đơn giản (ít hơn 5 ký tự khác nhau)';
  return null;
}
