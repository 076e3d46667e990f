import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * A folder only its owner can read. Its traverse bits are left as they are: under root, the
 * embedded server's `postgres` user traverses DATA_DIR, and a CLI taking them away even for a moment
 * while the server runs made PostgreSQL lose its own data folder (PANIC on pg_control).
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = fs.statSync(dir).mode & 0o777;
  if (mode & 0o066) fs.chmodSync(dir, mode & 0o711);
}

/** A secret kept in a 0600 file of DATA_DIR, generated on first use. */
export function secretFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const secret = randomBytes(18).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
