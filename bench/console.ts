import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, enrolledUser, startBuiltServer, pageFloor, textOnScreen } from './bench-tools.js';
import { totpCode } from '../src/accounts/totp.js';
import { foldText } from '../src/common/text/vietnamese-text.js';

/**
 * `npm run bench:console`: the console in Chromium over a linked database (BENCH_DATA_DIR, e.g. the
 * 1M demo): the JavaScript of the first screen (compressed), the first screen usable after a
 * reload, search results after the last keystroke (accent-free name, phone, CCCD, the last five digits of a Mã hồ sơ, for records
 * not on the first page), the add form's duplicate warning, beside the floor: the trivial GraphQL query from the same page.
 * Adds to the database one user and BENCH_TARGETS Hội Phụ nữ members (use a copy).
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR: a linked DATA_DIR (a copy: the bench adds a user and members)');
const targets = Number(process.env.BENCH_TARGETS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const env = { ...process.env, DATA_DIR: dataDir, PORT: process.env.BENCH_PORT ?? '3918', REPORT_SCHEDULE: 'off' };

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`lienthong ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const FAMILY = ['Quàng', 'Lò', 'Cầm', 'Lường', 'Tòng'];
const GIVEN = [
  'Xíu',
  'Piệng',
  'Khiêm',
  'Thoa',
  'Bua',
  'Lả',
  'Pọm',
  'Sươi',
  'Nhoi',
  'Chiêng',
  'Đôi',
  'Hiên',
  'Lịch',
  'Mẩy',
  'Nọi',
  'Ươn',
  'Ính',
  'Kim',
  'Ỏn',
  'Ban',
];
const people = Array.from({ length: targets }, (_, i) => ({
  name: `${FAMILY[i % 5]} Thị Ngọc ${GIVEN[i % GIVEN.length]}`,
  phone: `09${String(87000000 + i).padStart(8, '0')}`,
  id: `011191${String(500000 + i).padStart(6, '0')}`,
  // A Mã hồ sơ whose last five digits she remembers (typed as part of the code).
  code: `BENCH-C-${String(100000 + ((i * 7919 + 31337) % 900000))}`,
}));

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];
const summary = (xs: number[]) => ({
  n: xs.length,
  p50: Math.round(q(xs, 0.5)),
  p95: Math.round(q(xs, 0.95)),
  max: Math.round(Math.max(...xs)),
});

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

async function timeSearch(page: Page, typed: string, name: string): Promise<number> {
  await page.getByRole('searchbox').fill('');
  // Back to the whole roster, where she is not on the first page: her row gone, then typed for.
  await textOnScreen(page, exactly(name), true);
  const started = Date.now();
  await page.getByRole('searchbox').fill(typed);
  await textOnScreen(page, exactly(name));
  return Date.now() - started;
}

/**
 * The duplicate warning of the add form: her birth date typed, then the name in one go (the last
 * keystroke); ms until the candidates show, in all and from the moment the check is sent (400 ms later).
 */
async function timeDuplicateWarning(page: Page, name: string, birth: string): Promise<{ total: number; check: number }> {
  const form = page.getByRole('dialog', { name: 'Thêm hội viên' });
  await form.getByLabel('Họ và tên').fill('');
  await form.getByText(/^Nhập họ tên và ngày sinh/).waitFor();
  await form.getByLabel(/^Ngày sinh/).fill(birth);
  const sent = page
    .waitForRequest((r) => r.method() === 'POST' && (r.postData() ?? '').includes('possibleDuplicates'), { timeout: 60_000 })
    .then(() => Date.now());
  const started = Date.now();
  await form.getByLabel('Họ và tên').fill(name);
  await textOnScreen(page, /^Có thể đã có người này/);
  const shown = Date.now();
  return { total: shown - started, check: shown - (await sent) };
}

/** One roster search through the API from the page, as the console asks it (active members, 50 a page, the count capped): ms. */
function apiSearch(page: Page, typed: string, selection: string): Promise<number> {
  const body = JSON.stringify({
    query: `query($s: String) { memberRecords(organization: "HPN", search: $s, status: ACTIVE, first: 50, countUpTo: 10000) { ${selection} } }`,
    variables: { s: typed },
  });
  return page.evaluate<number>(`(async () => {
    const { csrfToken } = await (await fetch('/session')).json();
    const t = performance.now();
    const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: ${JSON.stringify(body)} });
    const json = await r.json();
    if (!json.data) throw new Error(JSON.stringify(json.errors));
    return performance.now() - t; })()`);
}

const rosterFile = path.join(os.tmpdir(), `bench-console-${process.pid}.csv`);
fs.writeFileSync(
  rosterFile,
  [
    'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Trạng thái',
    ...people.map((p, i) => `${p.code},${p.name},0${(i % 9) + 1}/05/1991,Nữ,${p.id},${p.phone},Đang sinh hoạt`),
  ].join('\n'),
);
cli(['import', '--org', 'HPN', rosterFile]);
const username = `bench.console.${process.pid}`;
const created = cli(['user', 'create', '--username', username, '--role', 'SECRETARIAT', '--org', 'HPN']);
const server = await startBuiltServer(ROOT, env);
const user = await enrolledUser(`http://127.0.0.1:${env.PORT}`, created);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
try {
  const base = `http://127.0.0.1:${env.PORT}`;
  const assets = fs.readdirSync(path.join(ROOT, 'dist/console/assets')).filter((f) => f.endsWith('.js'));
  const gzipKb = (files: string[]) =>
    Math.round(files.reduce((n, f) => n + gzipSync(fs.readFileSync(path.join(ROOT, 'dist/console/assets', f))).length, 0) / 1024);
  const jsGzipKb = gzipKb(assets);
  // The scripts her first screen loads (the roster after a reload), as the browser asked for them.
  const firstScreenScripts = new Set<string>();
  const noteScript = (url: string) => {
    const m = /\/assets\/([^/?]+\.js)$/.exec(url);
    if (m) firstScreenScripts.add(m[1]);
  };
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(base);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(user.password);
  await page.getByLabel('Mã xác thực').fill(totpCode(user.totpSecret, Date.now()));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page
    .getByText(/\d hồ sơ$/)
    .first()
    .waitFor({ timeout: 60_000 });
  const reloaded = async () => {
    const started = Date.now();
    await page.reload({ waitUntil: 'commit' });
    await textOnScreen(page, /\d hồ sơ$/);
    return Date.now() - started;
  };
  // The first reloads after the server started are apart (its first requests, the browser's first
  // compile of the scripts): reported on their own, then the screen as she meets it day to day.
  page.on('request', (r) => noteScript(r.url()));
  // Each GraphQL request of those first reloads, as the server answered it (ms, in the order asked).
  const warmingRequests: string[][] = [];
  page.on('requestfinished', (req) => {
    const op = /query (\w+)/.exec(req.postData() ?? '')?.[1];
    if (op) warmingRequests.at(-1)?.push(`${op} ${Math.round(req.timing().responseEnd)}`);
  });
  warmingRequests.push([]);
  const warmingUp = [await reloaded()];
  page.removeAllListeners('request');
  warmingRequests.push([]);
  warmingUp.push(await reloaded());
  warmingRequests.push([]);
  warmingUp.push(await reloaded());
  page.removeAllListeners('requestfinished');
  const firstScreen: number[] = [];
  for (let i = 0; i < rounds; i++) firstScreen.push(await reloaded());
  const search = { name: [] as number[], phone: [] as number[], cccd: [] as number[], codePart: [] as number[] };
  for (const p of people) {
    search.name.push(await timeSearch(page, foldText(p.name), p.name));
    search.phone.push(await timeSearch(page, p.phone, p.name));
    search.cccd.push(await timeSearch(page, p.id, p.name));
    search.codePart.push(await timeSearch(page, p.code.slice(-5), p.name));
  }
  // The same searches as the API alone, from the same page (her cookie, her CSRF token): with the
  // roster's count and without it — what the server takes, apart from the pause and the drawing.
  const api = { withCount: [] as number[], withoutCount: [] as number[] };
  for (const p of people)
    for (const typed of [foldText(p.name), p.phone, p.id]) {
      api.withCount.push(await apiSearch(page, typed, 'totalCount nodes { id fullName }'));
      api.withoutCount.push(await apiSearch(page, typed, 'nodes { id fullName }'));
    }
  const duplicates = { afterLastKeystroke: [] as number[], afterCheckSent: [] as number[] };
  await page.getByRole('button', { name: 'Thêm hội viên' }).click();
  for (const [i, p] of people.entries()) {
    const t = await timeDuplicateWarning(page, foldText(p.name), `0${(i % 9) + 1}/05/1991`);
    duplicates.afterLastKeystroke.push(t.total);
    duplicates.afterCheckSent.push(t.check);
  }
  const floor = await pageFloor(page);
  process.stdout.write(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        loadavg: os.loadavg().map((l) => l.toFixed(2)),
        dataDir,
        jsGzipKb: { all: jsGzipKb, firstScreen: gzipKb([...firstScreenScripts]) },
        firstScreenAfterServerStartMs: warmingUp,
        requestsOfThoseReloadsMs: warmingRequests,
        firstScreenMs: summary(firstScreen),
        searchAfterLastKeystrokeMs: {
          name: summary(search.name),
          phone: summary(search.phone),
          cccd: summary(search.cccd),
          codePart: summary(search.codePart),
        },
        apiSearchMs: { withCount: summary(api.withCount), withoutCount: summary(api.withoutCount) },
        duplicateWarningMs: {
          afterLastKeystroke: summary(duplicates.afterLastKeystroke),
          afterCheckSent: summary(duplicates.afterCheckSent),
        },
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
  fs.rmSync(rosterFile, { force: true });
}
