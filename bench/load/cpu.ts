/**
 * CPU time of the server (its Node process) and of the PostgreSQL cluster (the postmaster, its live
 * children and the children that exited since: `cutime`/`cstime`), read from /proc (Linux only;
 * zero elsewhere). CPU a request is steadier than requests a second on a shared machine: the
 * neighbours slow a run down, they do not add to its CPU time.
 */
import fs from 'node:fs';
import path from 'node:path';

const TICK_MS = 10; // CLK_TCK = 100 on Linux

/** utime + stime (own), and cutime + cstime (waited-for children), in ms. */
function times(pid: number): { own: number; children: number } {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14–17 of stat(5), counted from field 3 (state) here.
    return { own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return { own: 0, children: 0 };
  }
}

function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

export interface Cpu {
  node: number;
  pg: number;
}

/** The CPU ms so far of the server process and of the cluster of `dataDir`. */
export function cpuNow(serverPid: number, dataDir: string): Cpu {
  let postmaster = 0;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    /* no cluster */
  }
  const pm = postmaster ? times(postmaster) : { own: 0, children: 0 };
  const live = postmaster ? childrenOf(postmaster).reduce((s, c) => s + times(c).own, 0) : 0;
  return { node: times(serverPid).own, pg: pm.own + pm.children + live };
}

/** CPU ms a request between two readings. */
export function perRequest(a: Cpu, b: Cpu, requests: number): Cpu {
  const r = (v: number) => +(v / Math.max(1, requests)).toFixed(2);
  return { node: r(b.node - a.node), pg: r(b.pg - a.pg) };
}
