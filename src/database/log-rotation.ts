import fs from 'node:fs';

/**
 * The embedded PostgreSQL's log (`DATA_DIR/pg.log`) kept bounded: once it passes `maxBytes` its
 * lines move to `pg.log.1` (older ones to `.2` … `.keep`, the oldest dropped) and the file is
 * emptied in place. PostgreSQL keeps writing to the same open file (pg_ctl opened it to append),
 * so its next line lands at the start of the emptied file: nothing to signal, nothing to restart.
 * Lines written between the copy and the emptying are lost — a few at most, in a log.
 */
export const PG_LOG_MAX_BYTES = 20 * 1024 * 1024;
export const PG_LOG_KEEP = 5;

/** Rotates when the log is over its size; true when it did. */
export function rotateLog(file: string, maxBytes = PG_LOG_MAX_BYTES, keep = PG_LOG_KEEP): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return false;
  }
  if (stat.size <= maxBytes) return false;
  fs.rmSync(`${file}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  fs.copyFileSync(file, `${file}.1`);
  fs.chmodSync(`${file}.1`, 0o600);
  // Rotated by a server run as root: the copy stays the log's owner's (the service's user, or `postgres`).
  if (process.getuid?.() === 0) fs.chownSync(`${file}.1`, stat.uid, stat.gid);
  fs.truncateSync(file, 0);
  return true;
}
