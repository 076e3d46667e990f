import { spawn } from 'node:child_process';

/** What a finished process said: its exit code (null when killed) and its two streams. */
export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node <script> …args` as an operator runs it, without blocking the test's event loop (so that several run at once). */
export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv, timeout = 180_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, timeout });
    const out = { stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, ...out }));
  });
}

/**
 * Each CLI process boots the application (about two seconds, most of it CPU: loading modules). Runs
 * that do not depend on each other may go {@link AT_ONCE} at a time, each still its own process, in
 * the order given. One: with three at a time, alone on a quiet machine real-rosters and hostile-uploads
 * took 8 and 16 s less, but in `npm test` (two workers on two cores) they ran beside each other and
 * took 173 and 116 s against 138 and 75 s one at a time (CI of 2026-12-03).
 */
export const AT_ONCE = 1;

/** `run` over every item, at most AT_ONCE at a time; the results in the items' order. */
export async function pooled<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await run(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
  return results;
}

/** Runs `make` once, when first asked (by the first of the tests that share its results). */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
