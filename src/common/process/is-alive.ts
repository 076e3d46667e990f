import fs from 'node:fs';

/** Whether a process of this machine still runs (a signal 0 reaches it; EPERM: it runs as another user). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The fields of `/proc/<pid>/stat` after the command's name (state first, then the parent's pid), or null without /proc. */
function procStat(pid: number | 'self'): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * Whether a process runs: alive, and not a zombie (a killed postmaster that pg_ctl's exit left to
 * an init that does not reap still answers a signal 0).
 */
export function runs(pid: number): boolean {
  return isAlive(pid) && procStat(pid)?.[0] !== 'Z';
}

/** This process's parent now (`process.ppid` is read once, at start): an orphan's is its new reaper's. */
export function parentPid(): number {
  const ppid = Number(procStat('self')?.[1]);
  return Number.isInteger(ppid) && ppid > 0 ? ppid : process.ppid;
}
