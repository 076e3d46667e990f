import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/app-config.js';
import { decryptText, encryptText, keyedHash } from './personal-data-cipher.js';
import { KeyError, loadPersonalDataKey, parseKey } from './personal-data-key.js';
import { scratchDir } from '../../test/support/scratch.js';

const scratch = scratchDir('key');

describe('the personal-data key', () => {
  it('reads 64 hex digits or base64 of 32 bytes, and nothing else', () => {
    const bytes = randomBytes(32);
    expect(parseKey(bytes.toString('hex'), 'x').fingerprint).toBe(parseKey(bytes.toString('base64'), 'x').fingerprint);
    expect(() => parseKey('short', 'LIENTHONG_KEY')).toThrow(/LIENTHONG_KEY: khóa phải dài 32 byte/);
    expect(() => parseKey(randomBytes(16).toString('base64'), 'k')).toThrow(KeyError);
  });

  it('is generated once into DATA_DIR (mode 0600) and found again', () => {
    const dir = mkdtempSync(path.join(scratch, 'key-'));
    const config = loadConfig({ DATA_DIR: dir });
    const logs: string[] = [];
    const first = loadPersonalDataKey(config, (m) => logs.push(m));
    const second = loadPersonalDataKey(config);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(logs[0]).toContain('đã tạo khóa dữ liệu cá nhân');
    expect(logs[0]).toContain('tách khỏi các bản sao lưu');
    expect(statSync(path.join(dir, 'lienthong.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'lienthong.key'), 'utf8').trim()).toHaveLength(44);
  });

  it('is never made anew beside a database already there (its key file lost): refused, saying to put the saved one back', () => {
    const dir = mkdtempSync(path.join(scratch, 'key-'));
    mkdirSync(path.join(dir, 'pg'));
    writeFileSync(path.join(dir, 'pg', 'PG_VERSION'), '18\n');
    expect(() => loadPersonalDataKey(loadConfig({ DATA_DIR: dir }))).toThrow(
      /^không có tệp khóa dữ liệu cá nhân .*lienthong\.key, mà .* đã có cơ sở dữ liệu .*: đặt lại tệp lienthong\.key đã sao lưu riêng/,
    );
    expect(existsSync(path.join(dir, 'lienthong.key'))).toBe(false);
  });

  it('must be given with an external DATABASE_URL', () => {
    expect(() => loadPersonalDataKey(loadConfig({ DATABASE_URL: 'postgres://db/x' }))).toThrow(/chưa đặt LIENTHONG_KEY/);
  });
});

describe('sealing and keyed hashes', () => {
  const key = parseKey(randomBytes(32).toString('base64'), 'test');
  const other = parseKey(randomBytes(32).toString('base64'), 'test');

  it('seals with a fresh nonce each time and opens only with the same key', () => {
    const a = encryptText(key, '001185012345');
    const b = encryptText(key, '001185012345');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('001185012345');
    expect(decryptText(key, a)).toBe('001185012345');
    expect(() => decryptText(other, a)).toThrow();
    const tampered = Buffer.from(a);
    tampered[tampered.length - 1] ^= 1;
    expect(() => decryptText(key, tampered)).toThrow();
  });

  it('hashes the same number the same way under one key, differently under another', () => {
    expect(keyedHash(key, '001185012345').equals(keyedHash(key, '001185012345'))).toBe(true);
    expect(keyedHash(key, '001185012345').equals(keyedHash(other, '001185012345'))).toBe(false);
  });
});
