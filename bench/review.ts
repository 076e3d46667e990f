import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, enrolledUser, startBuiltServer, pageFloor } from './bench-tools.js';
import { totpCode } from '../src/accounts/totp.js';

/**
 * `npm run bench:review`: the link review screen in Chromium over a linked database (BENCH_DATA_DIR,
 * e.g. a copy of the 1M demo): the queue's first pair on screen, then BENCH_DECISIONS decisions by
 * keyboard (R and C in turn, a reason typed, Enter): ms from Enter to the next pair on screen, to
 * `decideLink`'s answer, and to the province's counts read again (`liveFigures`) — beside the floor:
 * the trivial GraphQL query from the same page. Writes decisions and one user: use a copy.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR: a linked DATA_DIR (a copy: the bench writes decisions)');
const decisions = Number(process.env.BENCH_DECISIONS ?? 30);
const env = { ...process.env, DATA_DIR: dataDir, PORT: process.env.BENCH_PORT ?? '3919', REPORT_SCHEDULE: 'off' };

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`lienthong ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];
const summary = (xs: number[]) => ({
  n: xs.length,
  p50: Math.round(q(xs, 0.5)),
  p95: Math.round(q(xs, 0.95)),
  max: Math.round(Math.max(...xs)),
});

/** The names of the pair on screen. */
const SHOWN = `document.querySelector('.ant-card tbody tr')?.innerText.split('\\t').slice(1, 3).join('|')`;
const operation = (name: string) => (r: { request(): { postData(): string | null } }) => (r.request().postData() ?? '').includes(name);

/** One decision by keyboard: ms from Enter to the next pair, to decideLink's answer, to the counts read again. */
async function decide(page: Page, key: 'c' | 'r'): Promise<{ next: number; decided: number; counts: number }> {
  const pair = await page.evaluate<string>(SHOWN);
  await page.keyboard.press(key);
  await page.keyboard.type('Rà soát thử hiệu năng');
  const decided = page.waitForResponse(operation('DecideLink'), { timeout: 120_000 }).then(() => performance.now());
  const counts = page.waitForResponse(operation('ReviewCounts'), { timeout: 120_000 }).then(() => performance.now());
  // Failing below closes the browser: these two then fail too, quietly.
  decided.catch(() => undefined);
  counts.catch(() => undefined);
  const started = performance.now();
  await page.keyboard.press('Enter');
  // Polled from here (the page's policy forbids a predicate evaluated inside it): a CDP round trip of resolution.
  for (const until = performance.now() + 60_000; (await page.evaluate<string>(SHOWN)) === pair;)
    if (performance.now() > until) throw new Error(`still the same pair after 60 s:\n${await page.locator('section').first().innerText()}`);
  const next = performance.now() - started;
  return { next, decided: (await decided) - started, counts: (await counts) - started };
}

const username = `bench.review.${process.pid}`;
const created = cli(['user', 'create', '--username', username, '--role', 'DAN_VAN']);
const server = await startBuiltServer(ROOT, env);
const user = await enrolledUser(`http://127.0.0.1:${env.PORT}`, created);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${env.PORT}`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(user.password);
  await page.getByLabel('Mã xác thực').fill(totpCode(user.totpSecret, Date.now()));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('link', { name: 'Rà soát liên kết' }).waitFor({ timeout: 60_000 });
  const opened = performance.now();
  await page.getByRole('link', { name: 'Rà soát liên kết' }).click();
  await page.locator('.ant-card tbody tr').first().waitFor({ timeout: 300_000 });
  const firstPairMs = performance.now() - opened;
  const times = { next: [] as number[], decided: [] as number[], counts: [] as number[] };
  for (let i = 0; i < decisions; i++) {
    const t = await decide(page, i % 2 ? 'c' : 'r');
    times.next.push(t.next);
    times.decided.push(t.decided);
    times.counts.push(t.counts);
  }
  const floor = await pageFloor(page);
  process.stdout.write(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        loadavg: os.loadavg().map((l) => l.toFixed(2)),
        dataDir,
        firstPairMs: Math.round(firstPairMs),
        decisionToNextPairMs: summary(times.next),
        decisionToDecideLinkAnswerMs: summary(times.decided),
        decisionToCountsReadMs: summary(times.counts),
        floorTrivialQueryMs: summary(floor),
      },
      null,
      2,
    ) + '\n',
  );
} finally {
  await browser.close();
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.once('exit', r));
}
