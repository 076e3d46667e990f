import fs from 'node:fs';
import path from 'node:path';

/**
 * Which files of a running cluster a base backup copies, after PostgreSQL's "Making a Base Backup
 * Using the Low Level API" (and pg_basebackup's own list). Pure but for the walk.
 */

/** Folders kept empty: PostgreSQL remakes what they hold; pg_wal gets only the backup's segments. */
const EMPTIED = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);

/** Files that describe the running server, not the data, or that the backup writes itself. */
const LEFT_OUT = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'backup_label.old',
  'tablespace_map',
  'postgresql.auto.conf.tmp',
  'pg_internal.init',
  'current_logfiles',
]);

/** Whether a path inside the cluster (relative, `/` separators) is copied as it is on disk. */
export function copiedFromCluster(relative: string): boolean {
  const parts = relative.split('/');
  const name = parts[parts.length - 1];
  if (parts.length > 1 && EMPTIED.has(parts[0])) return false;
  if (LEFT_OUT.has(name)) return false;
  return !name.startsWith('pgsql_tmp');
}

export interface ClusterItem {
  /** Relative to the cluster folder, `/` separators. */
  relative: string;
  directory: boolean;
}

/** Every folder and file to copy, folders before what they hold; things removed meanwhile are skipped. */
export function* walkCluster(root: string, relative = ''): Generator<ClusterItem> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (!copiedFromCluster(rel)) continue;
    if (entry.isDirectory()) {
      yield { relative: rel, directory: true };
      yield* walkCluster(root, rel);
    } else if (entry.isFile()) yield { relative: rel, directory: false };
  }
}

/** A WAL segment's file name (timeline, log, segment in hex). */
export const isWalSegment = (name: string): boolean => /^[0-9A-F]{24}$/.test(name);

/** The WAL segments from the backup's first to its last, both included, on the same timeline. */
export function walSegmentsBetween(names: string[], first: string, last: string): string[] {
  return names.filter((n) => isWalSegment(n) && n.slice(0, 8) === first.slice(0, 8) && n >= first && n <= last).sort();
}

/** How many segments lie from the first to the last, both included (segments of `segmentBytes`). */
export function walSegmentCount(first: string, last: string, segmentBytes: number): number {
  const perLog = 0x1_0000_0000 / segmentBytes;
  const index = (n: string) => parseInt(n.slice(8, 16), 16) * perLog + parseInt(n.slice(16), 16);
  return index(last) - index(first) + 1;
}
