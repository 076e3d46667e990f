import { isAlive } from '../common/process/is-alive.js';
import fs from 'node:fs';
import path from 'node:path';
import { giveToOwner } from './private-files.js';

/**
 * Serializes start/attach/stop between processes sharing DATA_DIR: the holder is the process that
 * made `DATA_DIR/.db-mutex` (mkdir is atomic) and wrote its pid there. A mutex left by a dead
 * process (or, without a pid, older than five seconds) is taken over; after two minutes of waiting
 * for a live one the caller gives up.
 */
export async function withDataDirMutex<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const mutexDir = path.join(dir, '.db-mutex');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(mutexDir);
      fs.writeFileSync(path.join(mutexDir, 'pid'), String(process.pid));
      // Root's mutex, left by a killed `sudo lienthong …`, must still be removable by the service's user.
      giveToOwner(dir, mutexDir, path.join(mutexDir, 'pid'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readText(path.join(mutexDir, 'pid')));
      const age = Date.now() - statTime(mutexDir);
      if ((holder && !isAlive(holder)) || (!holder && age > 5_000)) {
        fs.rmSync(mutexDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another process (pid ${holder}) has been starting the database of ${dir} for 2 minutes`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(mutexDir, { recursive: true, force: true });
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function statTime(p: string): number {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return Date.now();
  }
}
