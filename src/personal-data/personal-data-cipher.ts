import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PersonalDataKey } from './personal-data-key.js';

const VERSION = 1;

/** AES-256-GCM: version byte, 12-byte nonce, 16-byte tag, ciphertext. */
export function encryptText(key: PersonalDataKey, plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.encryption, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
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
