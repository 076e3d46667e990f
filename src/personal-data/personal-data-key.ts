import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';

/**
 * The instance's one secret: 32 random bytes from which the keys that encrypt ID numbers and
 * compute their keyed hash (HMAC) are derived. From `LIENTHONG_KEY`, or generated once into
 * `DATA_DIR/lienthong.key` for the embedded default. Losing it loses every stored ID number.
 */
export interface PersonalDataKey {
  /** AES-256-GCM key for ID numbers and TOTP secrets. */
  encryption: Buffer;
  /** HMAC-SHA256 key for matching ID numbers without decrypting them. */
  hashing: Buffer;
  /** Short fingerprint stored in the database, to refuse a different key. */
  fingerprint: string;
  /** Where it came from, for messages. */
  source: string;
}

export const KEY_FILE_NAME = 'lienthong.key';

export class KeyError extends Error {}

/** Parses a key: 64 hex digits or base64 of 32 bytes. */
export function parseKey(text: string, source: string): PersonalDataKey {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (bytes.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(t) && bytes.toString('base64').replace(/=+$/, '') !== t.replace(/=+$/, '')))
    throw new KeyError(`${source}: khóa phải dài 32 byte, viết bằng 64 chữ số hex hoặc base64 (tạo bằng \`openssl rand -base64 32\`)`);
  return deriveKeys(bytes, source);
}

export function deriveKeys(master: Buffer, source: string): PersonalDataKey {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const hashing = derive('lienthong/id-number-hash/v1');
  return {
    encryption: derive('lienthong/encryption/v1'),
    hashing,
    fingerprint: createHmac('sha256', hashing).update('lienthong key fingerprint').digest('hex').slice(0, 16),
    source,
  };
}

/**
 * `LIENTHONG_KEY` when set; else, on the embedded database, the key file in DATA_DIR (created on
 * first use, mode 0600). An external `DATABASE_URL` must come with `LIENTHONG_KEY`: its data
 * outlives this machine's DATA_DIR.
 */
export function loadPersonalDataKey(config: AppConfig, log?: (m: string) => void): PersonalDataKey {
  if (config.key) return parseKey(config.key, 'LIENTHONG_KEY');
  if (config.databaseUrl)
    throw new KeyError(
      'đã đặt DATABASE_URL nhưng chưa đặt LIENTHONG_KEY: cơ sở dữ liệu ngoài cần khóa dữ liệu cá nhân đặt rõ (32 byte dạng base64, tạo bằng `openssl rand -base64 32`); xem README "The key"',
    );
  const file = path.join(config.dataDir, KEY_FILE_NAME);
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'), file);
  // Its database is there already, sealed with a key: a new one would open none of it (and be backed up as if it did).
  if (existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION')))
    throw new KeyError(
      `không có tệp khóa dữ liệu cá nhân ${file}, mà ${path.join(config.dataDir, 'pg')} đã có cơ sở dữ liệu mã hóa bằng khóa của nó: đặt lại tệp ${KEY_FILE_NAME} đã sao lưu riêng vào ${config.dataDir} (hoặc đặt LIENTHONG_KEY) rồi chạy lại. Không tạo khóa mới: khóa mới không mở được dữ liệu đã có (README "The key")`,
    );
  mkdirSync(config.dataDir, { recursive: true });
  const master = randomBytes(32);
  writeFileSync(file, `${master.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  log?.(`đã tạo khóa dữ liệu cá nhân ${file}: hãy sao lưu khóa này riêng, tách khỏi các bản sao lưu cơ sở dữ liệu (README "The key")`);
  return deriveKeys(master, file);
}
