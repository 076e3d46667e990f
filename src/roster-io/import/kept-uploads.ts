// The file of an import that waits (a preview, a file for another organization?): kept under
// DATA_DIR/previews, readable by this user only, so that its confirmation can plan it again with a
// corrected column mapping; removed when the import is confirmed or after 7 days.
import { chmod, copyFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { privateDir } from '../../common/http/send-temp-file.js';

/** A waiting import's file is kept this long. */
export const KEPT_DAYS = 7;

const keptDir = (dataDir: string) => path.join(dataDir, 'previews');

/** Keeps the file of a job that waits; returns where. */
export async function keepUpload(dataDir: string, jobId: string, file: string): Promise<string> {
  const to = path.join(privateDir(keptDir(dataDir)), `${jobId}${path.extname(file).toLowerCase()}`);
  if (path.resolve(file) !== to) await copyFile(file, to);
  await chmod(to, 0o600);
  return to;
}

/** The kept file of a job (null: none, or removed after 7 days). */
export async function keptUpload(dataDir: string, jobId: string): Promise<string | null> {
  const names = await readdir(keptDir(dataDir)).catch(() => [] as string[]);
  const name = names.find((n) => n.startsWith(jobId));
  return name ? path.join(keptDir(dataDir), name) : null;
}

export async function removeKeptUpload(dataDir: string, jobId: string): Promise<void> {
  const file = await keptUpload(dataDir, jobId);
  if (file) await rm(file, { force: true });
}

/** At start: the kept files older than 7 days removed. Returns how many. */
export async function removeOldKeptUploads(dataDir: string, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(keptDir(dataDir)).catch(() => [] as string[])) {
    const file = path.join(keptDir(dataDir), name);
    if (now - (await stat(file)).mtimeMs < KEPT_DAYS * 86_400_000) continue;
    await rm(file, { force: true });
    removed++;
  }
  return removed;
}
