import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import type { Response } from 'express';

/** DATA_DIR/uploads: each process keeps its files in its own folder under it (removed at start once the process is gone). */
export const uploadsRoot = (dataDir: string): string => path.join(dataDir, 'uploads');

/** DATA_DIR/uploads/<pid>: where this process's uploads land and downloads are written before they are sent. */
export const uploadDir = (dataDir: string): string => path.join(uploadsRoot(dataDir), String(process.pid));

/**
 * The folder, created readable by this user only (rosters and downloads hold personal data). Only
 * the folder itself: its parent may be DATA_DIR, which PostgreSQL's own user must still pass through
 * when the server runs as root (a 0700 DATA_DIR stopped the cluster at its next checkpoint).
 */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/** This process's DATA_DIR/uploads/<pid>, and DATA_DIR/uploads above it, readable by this user only. */
export function privateUploadDir(dataDir: string): string {
  privateDir(uploadsRoot(dataDir));
  return privateDir(uploadDir(dataDir));
}

const logger = new Logger('Downloads');

/** The receiver went away before the file was sent (a closed tab, a cancelled download): nobody left to answer. */
const broken = (e: Error & { code?: string }, res: Response): boolean =>
  e.code === 'ECONNABORTED' || e.code === 'ECONNRESET' || e.message === 'Request aborted' || res.req.destroyed;

/**
 * Writes a download into a temporary file in this process's upload folder, sends it as an attachment
 * named `name`, and removes it whatever happens (DATA_DIR may be a dot-folder: `.data`). A download its
 * receiver broke off is one warning line, not an error with its stack.
 */
export async function sendTempFile(res: Response, dataDir: string, name: string, write: (out: string) => Promise<unknown>): Promise<void> {
  const dir = privateUploadDir(dataDir);
  const out = path.join(dir, `${randomUUID()}${path.extname(name)}`);
  try {
    await write(out);
    await new Promise<void>((resolve, reject) =>
      res.download(out, name, { dotfiles: 'allow' }, (e) => {
        if (e && broken(e, res)) logger.warn('một tệp tải xuống bị ngắt giữa chừng (người nhận đóng kết nối): tệp tạm đã xoá');
        if (e && !broken(e, res)) reject(e);
        else resolve();
      }),
    );
  } finally {
    rmSync(out, { force: true });
  }
}
