import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PersonalDataKey } from './personal-data-key.js';

const VERSION = 1;

/** Random nonces drawn from the system in blocks (one call per 4,096 seals instead of one each). */
const NONCE = 12;
let nonces = Buffer.alloc(0);
let nonceAt = 0;
function nextNonce(): Buffer {
  if (nonceAt + NONCE > nonces.length) {
    nonces = randomBytes(NONCE * 4096);
    nonceAt = 0;
  }
  const iv = nonces.subarray(nonceAt, nonceAt + NONCE);
  nonceAt += NONCE;
  return iv;
}

/** AES-256-GCM: version byte, 12-byte nonce, 16-byte tag, ciphertext. */
export function encryptText(key: PersonalDataKey, plain: string): Buffer {
  const iv = nextNonce();
  const cipher = createCipheriv('aes-256-gcm', key.encryption, iv);
  const body = cipher.update(plain, 'utf8');
  const tail = cipher.final();
  const out = Buffer.allocUnsafe(1 + NONCE + 16 + body.length + tail.length);
  out[0] = VERSION;
  iv.copy(out, 1);
  cipher.getAuthTag().copy(out, 1 + NONCE);
  body.copy(out, 1 + NONCE + 16);
  tail.copy(out, 1 + NONCE + 16 + body.length);
  return out;
}

export function decryptText(key: PersonalDataKey, sealed: Buffer): string {
  if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error('not a sealed value of this version');
  const decipher = createDecipheriv('aes-256-gcm', key.encryption, sealed.subarray(1, 13));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
}

/** The keyed hash ID numbers are matched on (never the clear number). */
export function keyedHash(key: PersonalDataKey, value: string): Buffer {
  return createHmac('sha256', key.hashing).update(value, 'utf8').digest();
}
