import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { totpCode } from '../src/accounts/totp.js';
import { CHROMIUM, CHROMIUM_FLAGS, enrolledUser, startBuiltServer, pageFloor, selectorsOnScreen } from './bench-tools.js';

/**
 * `npm run bench:dashboard`: the console's Tổng quan for the province in Chromium over a linked
 * database (BENCH_DATA_DIR, e.g. the 1M demo; a copy: the bench adds one DAN_VAN user): ms from a
 * reload until the live figures, the overlap and every commune are on screen; the same screen's
 * queries one by one from the page; beside the floor, the trivial GraphQL query from the same page.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR: a linked DATA_DIR (a copy: the bench adds a user)');
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const env = { ...process.env, DATA_DIR: dataDir, PORT: process.env.BENCH_PORT ?? '3919', REPORT_SCHEDULE: 'off' };

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];
const summary = (xs: number[]) => ({
  n: xs.length,
  p50: Math.round(q(xs, 0.5)),
  p95: Math.round(q(xs, 0.95)),
  max: Math.round(Math.max(...xs)),
});

/** The screen is whole: the figures, the overlap's cells and the communes' rows (checked at every frame). */
function dashboardShown(page: Page): Promise<void> {
  return selectorsOnScreen(page, [
    '[data-testid=memberships] [data-figure]',
    '[data-testid=overlap] td[data-a]',
    '[data-testid=communes] tbody tr.ant-table-row',
  ]);
}

/** One GraphQL query from the page (her cookie and CSRF token): ms. */
function apiCall(page: Page, query: string): Promise<number> {
  const body = JSON.stringify({ query });
  return page.evaluate<number>(`(async () => {
    const { csrfToken } = await (await fetch('/session')).json();
    const t = performance.now();
    const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: ${JSON.stringify(body)} });
    const json = await r.json();
    if (!json.data) throw new Error(JSON.stringify(json.errors));
    return performance.now() - t; })()`);
}

const QUERIES = {
  liveFigures: '{ liveFigures { memberships people peopleNotSuspected peopleByOrgCount { one } phantomsByReason { reason records } } }',
  liveCommunes: '{ liveCommunes { communes { code memberships people peopleNotSuspected suspectedPhantoms } } }',
  overlap: '{ overlap(scope: "province") { matrix { a b persons } } }',
  reports: '{ reports(scope: "province", first: 40) { period totals { memberships people joiners leavers } } }',
};

const r = spawnSync(process.execPath, [CLI, 'user', 'create', '--username', `bench.dash.${process.pid}`, '--role', 'DAN_VAN'], {
  env,
  encoding: 'utf8',
});
if (r.status !== 0) throw new Error(r.stderr);
const server = await startBuiltServer(ROOT, env);
const user = await enrolledUser(`http://127.0.0.1:${env.PORT}`, r.stdout);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${env.PORT}`);
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu').fill(user.password);
  await page.getByLabel('Mã xác thực').fill(totpCode(user.totpSecret, Date.now()));
  let started = Date.now();
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await dashboardShown(page);
  const firstAfterStart = Date.now() - started;
  const shown: number[] = [];
  // Each GraphQL request of the reloads: its operation and ms from sent to answered.
  const requests: Record<string, number[]> = {};
  page.on('requestfinished', (req) => {
    const op = /query (\w+)/.exec(req.postData() ?? '')?.[1];
    if (op) (requests[op] ??= []).push(req.timing().responseEnd);
  });
  for (let i = 0; i < rounds; i++) {
    started = Date.now();
    await page.reload({ waitUntil: 'commit' });
    await dashboardShown(page);
    shown.push(Date.now() - started);
  }
  // The floor of the page: a reload to the user guide (the same shell and JavaScript, no figures).
  const shell: number[] = [];
  await page.goto(`http://127.0.0.1:${env.PORT}/#/huong-dan`);
  for (let i = 0; i < rounds; i++) {
    started = Date.now();
    await page.reload({ waitUntil: 'commit' });
    await selectorsOnScreen(page, ['h2']); // the guide's first section heading
    shell.push(Date.now() - started);
  }
  const api: Record<string, number[]> = {};
  for (const [name, query] of Object.entries(QUERIES)) {
    api[name] = [];
    for (let i = 0; i < rounds; i++) api[name].push(await apiCall(page, query));
  }
  const floor = await pageFloor(page);
  process.stdout.write(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        loadavg: os.loadavg().map((l) => l.toFixed(2)),
        dataDir,
        firstAfterServerStartMs: firstAfterStart,
        dashboardShownAfterReloadMs: summary(shown),
        floorGuideShownAfterReloadMs: summary(shell),
        requestsDuringReloadsMs: Object.fromEntries(Object.entries(requests).map(([k, v]) => [k, summary(v)])),
        apiMs: Object.fromEntries(Object.entries(api).map(([k, v]) => [k, summary(v)])),
        floorTrivialQueryMs: summary(floor),
      },
      null,
      2,
    ) + '\n',
  );
} finally {
  await browser.close();
  server.proc.kill('SIGTERM');
  await new Promise((res) => server.proc.once('exit', res));
}
