import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** What the server prints once it listens (`src/main.ts`). */
const READY = 'sẵn sàng sau';

/** The built server (`node dist/src/main.js`) as an operator runs it, on its own DATA_DIR and port. */
export interface BuiltServer {
  proc: ChildProcess;
  port: number;
  /** Everything it printed so far. */
  log(): string;
  exited(): boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The server's environment: the embedded PostgreSQL of `dataDir` (never an outer DATABASE_URL). */
export const serverEnv = (dataDir: string, port: number) => ({ ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' });

/** Starts it (as another OS user when asked) and waits until it listens (at most 60 s); rejects with its output if it exits first. */
export async function startBuiltServer(dataDir: string, as?: { uid: number; gid: number }): Promise<BuiltServer> {
  const port = await freePort();
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    env: serverEnv(dataDir, port),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...as,
  });
  let log = '';
  let exited = false;
  proc.stdout.on('data', (d: Buffer) => (log += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (log += d.toString()));
  proc.on('exit', () => (exited = true));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${log}`)), 60_000);
    const started = () => {
      if (!log.includes(READY)) return;
      clearTimeout(timer);
      proc.removeListener('exit', failed);
      resolve();
    };
    const failed = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    };
    proc.stderr.on('data', started);
    proc.on('exit', failed);
  });
  return { proc, port, log: () => log, exited: () => exited };
}

/** Sends the signal and waits for the exit; its exit code (null when killed). */
export const stopBuiltServer = (s: BuiltServer, signal: NodeJS.Signals) =>
  new Promise<number | null>((resolve) => {
    if (s.exited()) return resolve(s.proc.exitCode);
    s.proc.on('exit', (code) => resolve(code));
    s.proc.kill(signal);
  });
