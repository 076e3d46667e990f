import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30-second steps), as authenticator apps use it. */
const STEP_SECONDS = 30;
const DIGITS = 6;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of clean) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) throw new Error(`'${c}' is not a base32 character`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes, base32 (what an authenticator app is given). */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

export const timeStep = (unixMs: number): number => Math.floor(unixMs / 1000 / STEP_SECONDS);

/** The code for one time step (HOTP, RFC 4226). */
export function hotp(secret: Buffer, counter: number, digits = DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, '0');
}

export const totpCode = (secretBase32: string, unixMs: number): string => hotp(base32Decode(secretBase32), timeStep(unixMs));

/** What a code says: the (new) time step it belongs to, that it was already used, or nothing. */
export type TotpCheck = { step: number } | 'USED' | null;

/**
 * The time step a code belongs to, allowing one step of clock drift either way. A code of a step
 * at or before the last one used is 'USED' (a code is good once: the user waits for the next).
 */
export function checkTotp(secretBase32: string, code: string, unixMs: number, lastUsedStep = 0): TotpCheck {
  if (!/^\d{6}$/.test(code)) return null;
  const secret = base32Decode(secretBase32);
  const now = timeStep(unixMs);
  const matching = [now, now - 1, now + 1].filter((step) => timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code)));
  const fresh = matching.find((step) => step > lastUsedStep);
  if (fresh !== undefined) return { step: fresh };
  return matching.length ? 'USED' : null;
}

/** The new time step a code belongs to, or null (wrong or already used). */
export function verifyTotp(secretBase32: string, code: string, unixMs: number, lastUsedStep = 0): number | null {
  const c = checkTotp(secretBase32, code, unixMs, lastUsedStep);
  return c && c !== 'USED' ? c.step : null;
}

/** The enrolment link an authenticator app reads (as a QR code or typed in). */
export function otpauthUri(issuer: string, account: string, secretBase32: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${DIGITS}&period=${STEP_SECONDS}`;
}
