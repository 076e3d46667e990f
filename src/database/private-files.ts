import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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
  giveToOwner(path.dirname(file), file);
  return secret;
}

export interface OsUser {
  uid: number;
  gid: number;
}

/**
 * Who must own what is made in DATA_DIR: its owner, when this process runs as root on a folder
 * that belongs to another user (the service's user: `sudo lienthong …` must not leave files that
 * user cannot read, and the embedded PostgreSQL runs as that user too); null otherwise, when the
 * files are rightly this process's own.
 */
export function dataDirOwner(dataDir: string): OsUser | null {
  if (process.getuid?.() !== 0) return null;
  const st = fs.statSync(dataDir, { throwIfNoEntry: false });
  return !st || st.uid === 0 ? null : { uid: st.uid, gid: st.gid };
}

/** Gives files just made in DATA_DIR to its owner (see dataDirOwner); nothing to do otherwise. */
export function giveToOwner(dataDir: string, ...paths: string[]): void {
  const owner = dataDirOwner(dataDir);
  if (owner) for (const p of paths) fs.chownSync(p, owner.uid, owner.gid);
}

/**
 * Everything in DATA_DIR but the cluster (`pg/`, the server's user's business) given to its owner:
 * what other parts made meanwhile (the key, waiting imports, uploads), and what an earlier run as
 * root left as root's or `postgres`'s. Files removed during the walk are skipped.
 */
export function adoptDataDir(dataDir: string): void {
  const owner = dataDirOwner(dataDir);
  if (!owner) return;
  const walk = (p: string): void => {
    const st = fs.lstatSync(p, { throwIfNoEntry: false });
    if (!st) return;
    try {
      if (st.uid !== owner.uid || st.gid !== owner.gid) fs.lchownSync(p, owner.uid, owner.gid);
      if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  };
  for (const name of fs.readdirSync(dataDir)) if (name !== 'pg') walk(path.join(dataDir, name));
}
