import type { Page } from 'playwright-core';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { totpCode } from '../src/accounts/totp.js';

/** Runs a command under /usr/bin/time: wall seconds, peak RSS in MB, its output (the RSS line taken off stderr). */
export function timed(args: string[], env: NodeJS.ProcessEnv): { seconds: number; rssMb: number; stdout: string; stderr: string } {
  const started = Date.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (Date.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-3000)}`);
  const lines = r.stderr.trim().split('\n');
  return { seconds, rssMb: Math.round(Number(lines.pop()) / 1024), stdout: r.stdout, stderr: lines.join('\n') };
}

/** A client on the embedded cluster of `dataDir` (the CLI stopped it when it left: a short-lived holder starts it again). */
export async function withDb<T>(dataDir: string, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const { EmbeddedCluster } = await import('../src/database/embedded-cluster.js');
  const cluster = await new EmbeddedCluster({ dataDir, log: () => undefined }).acquire();
  const db = new pg.Client({ connectionString: cluster.url });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
    await cluster.release();
  }
}

/** The built server (`dist/src/main.js`, from the repository root `root`) started with `env`, once it says it is ready. */
export async function startBuiltServer(
  root: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): Promise<{ proc: ChildProcess; output: () => string }> {
  const proc = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/src/main.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    proc.stderr.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('sẵn sàng sau')) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  proc.removeAllListeners('exit');
  return { proc, output: () => out };
}

/** Debian's Chromium (CHROMIUM_PATH to point elsewhere), with the flags a closed network needs (../shared/STACK-NOTES.md). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A GraphQL call that answers its data or throws its errors. */
export type Gql = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

export const gqlAt =
  (base: string): Gql =>
  async <T>(query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

export interface EnrolledUser {
  username: string;
  password: string;
  totpSecret: string;
}

/**
 * A first log-in over GraphQL (startEnrolment, completeEnrolment), as a person does it in the
 * console: her password set and her TOTP secret returned. Confirmed with the previous 30-second
 * step's code (accepted as clock drift), so that a log-in right after has a fresh one.
 */
export async function enrol(gql: Gql, username: string, enrolmentPassword: string, password: string): Promise<EnrolledUser> {
  const started = await gql<{ startEnrolment: { totpSecret: string } }>(
    'mutation($i: EnrolmentInput!) { startEnrolment(input: $i) { totpSecret } }',
    { i: { username, enrolmentPassword } },
  );
  const totpSecret = started.startEnrolment.totpSecret;
  for (let attempt = 1; ; attempt++) {
    try {
      await gql('mutation($i: CompleteEnrolmentInput!) { completeEnrolment(input: $i) { expiresAt } }', {
        i: { username, enrolmentPassword, newPassword: password, totpCode: totpCode(totpSecret, Date.now() - 30_000) },
      });
      return { username, password, totpSecret };
    } catch (e) {
      // The step turned between the code and its check.
      if (attempt >= 2) throw e;
    }
  }
}

/** `lienthong user create …`'s answer (username, enrolment-password lines), the user enrolled at `base`. */
export function enrolledUser(base: string, stdout: string): Promise<EnrolledUser> {
  const f = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t') as [string, string]),
  );
  return enrol(gqlAt(base), f.username, f['enrolment-password'], `Mật khẩu đo đạc ${Date.now()}`);
}

/** The floor beside a page's timings: 50 trivial GraphQL calls (`{ __typename }`) from the same page, ms each. */
export async function pageFloor(page: { evaluate<R>(expression: string): Promise<R> }): Promise<number[]> {
  const floor: number[] = [];
  for (let i = 0; i < 50; i++)
    floor.push(
      await page.evaluate<number>(`(async () => { const t = performance.now();
        await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
        return performance.now() - t; })()`),
    );
  return floor;
}

/**
 * Waits until a text node matching `pattern` is on the page (or, with `gone`, until none is), checked
 * at every animation frame inside the page. Playwright's own `waitFor` polls at 0, 20, 50, 100, 100,
 * then every 500 ms: a timing read through it is rounded up by up to half a second.
 */
export async function textOnScreen(page: Page, pattern: RegExp, gone = false): Promise<void> {
  await page.waitForFunction(
    ([source, flags, gone]) => {
      const re = new RegExp(source, flags);
      // The page's DOM, typed here as far as it is used (bench code is typed for Node).
      type TextNode = { textContent: string | null };
      type Doc = { body: unknown; createTreeWalker(root: unknown, show: number): { nextNode(): TextNode | null } };
      const doc = (globalThis as unknown as { document: Doc }).document;
      const walk = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) if (re.test(n.textContent ?? '')) return !gone;
      return gone;
    },
    [pattern.source, pattern.flags, gone] as const,
    { polling: 'raf', timeout: 60_000 },
  );
}

/** Waits until every CSS selector matches an element of the page, checked at every animation frame (see `textOnScreen`). */
export async function selectorsOnScreen(page: Page, selectors: string[]): Promise<void> {
  await page.waitForFunction(
    (all) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      return all.every((s) => doc.querySelector(s) !== null);
    },
    selectors,
    { polling: 'raf', timeout: 120_000 },
  );
}
