import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverEnv, startBuiltServer, stopBuiltServer, type BuiltServer } from './support/built-server.js';

/**
 * The server as a service manager runs it: when its embedded PostgreSQL is killed it exits non-zero
 * at once (systemd's Restart=on-failure brings it back) and starts again on the same DATA_DIR; under
 * `npm start`, it goes when npm goes.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-service-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** Gone: no such process, or a zombie nobody reaped (this machine's init may not). */
function gone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) if (gone(pid)) return true;
  return gone(pid);
}

const healthStatus = async (port: number) => (await fetch(`http://127.0.0.1:${port}/health`)).status;

/** A CLI command on `dataDir`: its exit code and everything it printed (shown when a check fails). */
function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const cli = spawn(process.execPath, [path.join(ROOT, 'bin/lienthong.js'), ...args], { env: serverEnv(dataDir, 0) });
  let output = '';
  cli.stdout.on('data', (d: Buffer) => (output += d.toString()));
  cli.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => cli.on('close', (code) => resolve({ code, output })));
}

describe('the server as a service', () => {
  const left: BuiltServer[] = [];
  afterAll(async () => {
    for (const s of left) await stopBuiltServer(s, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits non-zero at once when its PostgreSQL is killed, and starts again on the same DATA_DIR', async () => {
    const server = await startBuiltServer(dataDir);
    left.push(server);
    // Its file among DATA_DIR's attached processes: private like the rest.
    const clients = path.join(dataDir, 'db-clients');
    expect(fs.readdirSync(clients).map((f) => fs.statSync(path.join(clients, f)).mode & 0o777)).toEqual([0o600]);
    const exit = new Promise<number | null>((resolve) => server.proc.on('exit', (code) => resolve(code)));
    const killedAt = Date.now();
    process.kill(postmasterPid(), 'SIGKILL');
    // A CLI command run meanwhile does its work on a cluster of its own, then stops it: one at a time.
    const cli = runCli(['org', 'list']);
    const code = await Promise.race([exit, sleep(5000).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(5000);
    expect(await cli).toMatchObject({ code: 0 });
    expect(server.log()).toMatch(/máy chủ PostgreSQL của .* \(pid \d+\) đã dừng đột ngột: máy chủ dừng với mã 1 để được khởi động lại/);
    // DATA_DIR let go of: no mutex, no lock naming the dead server.
    expect(fs.existsSync(path.join(dataDir, '.db-mutex'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'db.lock.json'))).toBe(false);

    const again = await startBuiltServer(dataDir);
    left.push(again);
    expect(await healthStatus(again.port)).toBe(200);
    expect(await stopBuiltServer(again, 'SIGTERM')).toBe(0);
  }, 120_000);

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'stops with `npm start` when npm is sent %s',
    async (signal) => {
      const port = await freePort();
      const npm = spawn('npm', ['start'], { cwd: ROOT, env: serverEnv(dataDir, port), stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      npm.stderr.on('data', (d: Buffer) => (log += d.toString()));
      npm.stdout.on('data', (d: Buffer) => (log += d.toString()));
      for (const until = Date.now() + 60_000; !log.includes('sẵn sàng sau') && Date.now() < until;) await sleep(100);
      expect(log).toContain('sẵn sàng sau');
      const { ownerPid } = JSON.parse(fs.readFileSync(path.join(dataDir, 'db.lock.json'), 'utf8')) as { ownerPid: number };
      const postmaster = postmasterPid();
      expect(ownerPid).not.toBe(npm.pid);
      try {
        npm.kill(signal);
        expect(await waitGone(ownerPid, 10_000)).toBe(true);
        expect(await waitGone(postmaster, 5_000)).toBe(true);
      } finally {
        // The orphan, when there is one, stopped cleanly (it stops its PostgreSQL too).
        if (!gone(ownerPid)) process.kill(ownerPid, 'SIGTERM');
        await waitGone(ownerPid, 10_000);
      }
    },
    90_000,
  );
  it('a command started while a killed server is still on its way out waits for it, then runs', async () => {
    // A stopped cluster whose lock file names a postmaster killed and not yet reaped (a zombie:
    // `sleep 0.3`, whose parent became `sleep 10` and never waits for it; a child ending before the
    // shell's `exec` may be reaped by the shell). Ten seconds: a CLI starting on a busy machine (CI) must still find it there.
    expect(await runCli(['org', 'list'])).toMatchObject({ code: 0 });
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    // The cluster's user's processes (under root, the server runs as `postgres`): PostgreSQL only counts those.
    const { uid, gid } = fs.statSync(path.join(dataDir, 'pg'));
    const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 10'], { stdio: ['ignore', 'pipe', 'ignore'], uid, gid, cwd: '/' });
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(d.toString()))));
    for (const until = Date.now() + 5000; !gone(zombie) && Date.now() < until;) await sleep(20);
    expect(fs.readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /);
    const lockFile = path.join(dataDir, 'pg', 'postmaster.pid');
    fs.writeFileSync(lockFile, `${zombie}\n${path.join(dataDir, 'pg')}\n`, { mode: 0o600 });
    fs.chownSync(lockFile, uid, gid);
    const started = Date.now();
    const cli = await runCli(['org', 'list']);
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.output).toContain('chưa thoát hết: đợi chúng rồi khởi động lại');
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(fs.existsSync(path.join(dataDir, 'db.lock.json'))).toBe(false);
  }, 60_000);
});
