import { base32Decode, base32Encode, checkTotp, hotp, newTotpSecret, otpauthUri, totpCode, verifyTotp } from './totp.js';

// RFC 6238 appendix B (SHA-1, 8 digits) and RFC 4226 appendix D (HOTP, 6 digits).
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at %i s the 8-digit code is %s', (seconds, code) => {
    expect(hotp(RFC_SECRET, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it.each([
    [0, '755224'],
    [1, '287082'],
    [9, '520489'],
  ])('HOTP counter %i is %s', (counter, code) => {
    expect(hotp(RFC_SECRET, counter)).toBe(code);
  });

  it('round-trips base32 as authenticator apps write it', () => {
    expect(base32Encode(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq').equals(RFC_SECRET)).toBe(true);
  });

  it('accepts the current code and one step of drift, once only', () => {
    const secret = base32Encode(RFC_SECRET);
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, now - 90_000), now)).toBeNull();
    // Used already: the same step is refused.
    expect(verifyTotp(secret, totpCode(secret, now), now, step)).toBeNull();
    expect(verifyTotp(secret, '12345', now)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('tells a used code from a wrong one (the user then waits for the next code)', () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 10, 21, 8, 0, 10);
    const step = Math.floor(now / 30_000);
    expect(checkTotp(secret, totpCode(secret, now), now, step)).toBe('USED');
    expect(checkTotp(secret, totpCode(secret, now), now, step - 1)).toEqual({ step });
    expect(checkTotp(secret, totpCode(secret, now - 90_000), now, step)).toBeNull();
  });

  it('writes the enrolment link', () => {
    expect(otpauthUri('Liên Thông', 'lan', 'ABC')).toBe(
      'otpauth://totp/Li%C3%AAn%20Th%C3%B4ng%3Alan?secret=ABC&issuer=Li%C3%AAn%20Th%C3%B4ng&algorithm=SHA1&digits=6&period=30',
    );
  });
});
