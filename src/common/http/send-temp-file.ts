import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Response } from 'express';

/** DATA_DIR/uploads: each process keeps its files in its own folder under it (removed at start once the process is gone). */
export const uploadsRoot = (dataDir: string): string => path.join(dataDir, 'uploads');

/** DATA_DIR/uploads/<pid>: where this process's uploads land and downloads are written before they are sent. */
export const uploadDir = (dataDir: string): string => path.join(uploadsRoot(dataDir), String(process.pid));

/** The folder, created readable by this user only (rosters and downloads hold personal data). */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(path.dirname(dir), 0o700);
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * Writes a download into a temporary file under `dir`, sends it as an attachment named `name`,
 * and removes it whatever happens (DATA_DIR may be a dot-folder: `.data`).
 */
export async function sendTempFile(res: Response, dir: string, name: string, write: (out: string) => Promise<unknown>): Promise<void> {
  privateDir(dir);
  const out = path.join(dir, `${randomUUID()}${path.extname(name)}`);
  try {
    await write(out);
    await new Promise<void>((resolve, reject) => res.download(out, name, { dotfiles: 'allow' }, (e) => (e ? reject(e) : resolve())));
  } finally {
    rmSync(out, { force: true });
  }
}
