import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Response } from 'express';

/** DATA_DIR/uploads: where uploads land and downloads are written before they are sent. */
export const uploadDir = (dataDir: string): string => path.join(dataDir, 'uploads');

/**
 * Writes a download into a temporary file under `dir`, sends it as an attachment named `name`,
 * and removes it whatever happens (DATA_DIR may be a dot-folder: `.data`).
 */
export async function sendTempFile(res: Response, dir: string, name: string, write: (out: string) => Promise<unknown>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${randomUUID()}${path.extname(name)}`);
  try {
    await write(out);
    await new Promise<void>((resolve, reject) => res.download(out, name, { dotfiles: 'allow' }, (e) => (e ? reject(e) : resolve())));
  } finally {
    rmSync(out, { force: true });
  }
}
