import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, enrolledUser, startBuiltServer } from '../bench/bench-tools.js';
import { totpCode } from '../src/accounts/totp.js';

/**
 * `npm run console:screenshots`: the console's screens on the demo province (3,000 people, linked),
 * at 1366×768 and on a 390-px phone, into docs/console/ — so a reader sees the console without
 * running it. Needs the build (`npm run build`) and Debian's Chromium (CHROMIUM_PATH).
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const OUT = path.join(ROOT, 'docs', 'console');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-screens-'));
const env = { ...process.env, DATA_DIR: path.join(work, 'data'), PORT: '3917', REPORT_SCHEDULE: 'off', LOG_LEVEL: 'error' };

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`lienthong ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A corrected roster sent again without codes, as secretaries do: known members (updated or held) and rows to refuse. */
function messyRoster(demoDir: string): string {
  const [header, ...rows] = fs
    .readFileSync(path.join(demoDir, 'HPN.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const cols = header.split(',');
  const code = cols.indexOf('Mã hồ sơ');
  const name = cols.indexOf('Họ và tên') - 1;
  const birth = cols.indexOf('Ngày sinh') - 1;
  // Sent again without the Mã hồ sơ column: each row is matched to the member it names, or held when in doubt.
  const keep = (cells: string[]) => cells.filter((_, i) => i !== code);
  const again = rows.slice(0, 12).map((r) => keep(r.split(',')));
  const id = cols.indexOf('Số CCCD') - 1;
  const phone = cols.indexOf('Số điện thoại') - 1;
  // A member without her numbers and with her name misspelt: held for a decision; another with a new phone: updated.
  again[1][id] = '';
  again[1][phone] = '';
  again[1][name] = again[1][name].replace(/(\p{L})$/u, '$1$1');
  again[2][phone] = '0912000111';
  again[3][birth] = '31/02/1990';
  again[5][name] = '';
  again[7][birth] = (again[7][birth].split('/').pop() ?? '1980').toString();
  const file = path.join(work, 'danh-sach-hoi-vien-gui-lai.csv');
  fs.writeFileSync(file, [keep(cols).join(','), ...again.map((r) => r.join(','))].join('\n'));
  return file;
}

async function shoot(page: Page, name: string, size: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, `${name}-${size}.png`), fullPage });
}

/** The month before this one, as a report's period (`2026-11`). */
function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}
const demo = path.join(work, 'demo');
cli(['seed', '--demo', '--persons', '3000', '--out', demo, '--load']);
cli(['link']);
// Two quarters of reports: the dashboard's trend and the reports screen have something to show.
for (const period of ['2026-Q3', '2026-Q4'])
  cli(['report', '--period', period, '--format', 'json', '--out', path.join(work, `${period}.json`)]);
const created = cli(['user', 'create', '--username', 'vp.hpn', '--role', 'SECRETARIAT', '--org', 'HPN']);
const officerCreated = cli(['user', 'create', '--username', 'bdv.tinh', '--role', 'DAN_VAN']);
const adminCreated = cli(['user', 'create', '--username', 'quantri', '--role', 'ADMIN']);
// A newcomer who has not enrolled yet: her first log-in's QR code step.
const newcomer = /enrolment-password\t(\S+)/.exec(
  cli(['user', 'create', '--username', 'vp.moi', '--role', 'SECRETARIAT', '--org', 'HPN']),
)![1];
// The Ban Dân vận's home, Tổng quan, with a stored period beside the live figures.
cli(['report', '--period', lastMonth(), '--out', path.join(work, 'bao-cao.json')]);
const roster = messyRoster(demo);
const server = await startBuiltServer(ROOT, env);
const user = await enrolledUser(`http://127.0.0.1:${env.PORT}`, created);
const officer = await enrolledUser(`http://127.0.0.1:${env.PORT}`, officerCreated);
const admin = await enrolledUser(`http://127.0.0.1:${env.PORT}`, adminCreated);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
fs.mkdirSync(OUT, { recursive: true });
/** The last time step whose code each user used: a code is used once. */
// Their enrolment used this step's code.
const usedStep = new Map([user, officer, admin].map((u) => [u.username, Math.floor(Date.now() / 30_000)]));
/** Her log-in through the page; her second waits for the next code. */
async function logIn(
  page: Page,
  who: { username: string; password: string; totpSecret: string },
  size: string,
  shot = true,
): Promise<void> {
  await page.goto(`http://127.0.0.1:${env.PORT}/`);
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  while (Math.floor(Date.now() / 30_000) <= (usedStep.get(who.username) ?? -1)) await page.waitForTimeout(1000);
  usedStep.set(who.username, Math.floor(Date.now() / 30_000));
  await page.getByLabel('Mã xác thực').fill(totpCode(who.totpSecret, Date.now()));
  if (shot) await shoot(page, 'dang-nhap', size);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
try {
  for (const [size, viewport] of [
    ['1366', { width: 1366, height: 768 }],
    ['390', { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const first = await context.newPage();
    await first.goto(`http://127.0.0.1:${env.PORT}/`);
    await first.getByRole('button', { name: 'Kích hoạt tài khoản' }).click();
    await first.getByLabel('Tên đăng nhập').fill('vp.moi');
    await first.getByLabel('Mật khẩu lần đầu').fill(newcomer);
    await first.getByRole('button', { name: 'Tiếp tục' }).click();
    await first.getByRole('img', { name: /Mã QR/ }).waitFor();
    await shoot(first, 'kich-hoat', size, true);
    await first.close();
    const page = await context.newPage();
    await logIn(page, user, size);
    await page.getByText(/\d hồ sơ/).waitFor();
    await shoot(page, 'danh-sach', size);
    await page.getByRole('searchbox').fill('nguyen thi');
    await page.waitForTimeout(800);
    await shoot(page, 'tim-kiem', size);
    await page.getByRole('table').getByRole('button').first().click();
    await page.getByRole('dialog').getByText('Quá trình').waitFor();
    await shoot(page, 'ho-so', size);
    // The add form, with her name and birth date typed again: the duplicate warning finds her.
    const name = (await page.getByRole('dialog').locator('.ant-drawer-title').innerText()).trim();
    const birth = (await page.getByRole('dialog').locator('tr', { hasText: 'Ngày sinh' }).locator('td').first().innerText()).trim();
    await page.getByRole('dialog').getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('button', { name: 'Thêm hội viên' }).click();
    const form = page.getByRole('dialog', { name: 'Thêm hội viên' });
    await form.getByLabel('Họ và tên').fill(name);
    await form.getByLabel(/^Ngày sinh/).fill(birth);
    await form.getByText(/^(Có thể đã có người này|Không thấy hồ sơ)/).waitFor();
    await shoot(page, 'them-hoi-vien', size);
    await form.getByRole('button', { name: 'Hủy' }).click();
    // What she typed is not saved: the form asks before dropping it.
    await page.getByRole('dialog', { name: 'Bỏ những gì đã nhập?' }).getByRole('button', { name: 'Bỏ, đóng lại' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'Nhập danh sách' }).click();
    await shoot(page, 'nhap-chon-tep', size);
    await page.locator('input[type=file]').setInputFiles(roster);
    // The preview step itself (the list of past imports below the upload has the same fates' words).
    await page.getByRole('button', { name: 'Nhập vào danh sách' }).waitFor();
    await shoot(page, 'nhap-xem-truoc', size, true);
    await page.getByRole('link', { name: 'Cảnh báo' }).click();
    await page.getByRole('heading', { name: /Cảnh báo/ }).waitFor();
    await page
      .getByText(/\d hồ sơ/)
      .first()
      .waitFor();
    await shoot(page, 'canh-bao', size);
    await page.getByRole('link', { name: 'Chi hội / đơn vị' }).click();
    await page.locator('.ant-tree-title').first().waitFor();
    await page.getByRole('checkbox').nth(1).waitFor();
    await shoot(page, 'don-vi', size);
    // Her own Tổng quan: her unit's figures (or her organization's).
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByRole('heading', { level: 1, name: /^Tổng quan — / }).waitFor();
    await page.getByTestId('communes').locator('tbody tr.ant-table-row').first().waitFor();
    await shoot(page, 'so-lieu', size, true);
    // The printable roster of one unit, as the browser's print dialog would get it (no menu, A4 landscape).
    await page.getByRole('link', { name: 'Danh sách hội viên', exact: true }).click();
    await page.getByRole('searchbox').waitFor();
    // On a phone the print link is in the panel behind "Lọc".
    if (size === '390') await page.getByRole('button', { name: /^Lọc/ }).click();
    await page.getByRole('link', { name: 'In danh sách' }).click();
    await page.getByRole('article').getByRole('row').nth(1).waitFor();
    await page.emulateMedia({ media: 'print' });
    await shoot(page, 'in-danh-sach', size);
    await page.emulateMedia({ media: 'screen' });
    // Her báo cáo tăng, giảm of this year, beside the printable roster.
    await page.getByRole('link', { name: 'Danh sách hội viên', exact: true }).click();
    await page.getByRole('searchbox').waitFor();
    if (size === '390') await page.getByRole('button', { name: /^Lọc/ }).click();
    await page.getByRole('link', { name: 'Báo cáo tăng, giảm' }).click();
    await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^Năm \d{4} \(đang diễn ra/ })
      .click();
    await page.getByText(/^Năm \d{4} \(từ ngày/).waitFor();
    await shoot(page, 'tang-giam', size);
    await page.getByRole('link', { name: 'Hướng dẫn' }).click();
    await shoot(page, 'huong-dan', size);
    await context.close();
    // The Ban Dân vận's screens, then the administrator's.
    for (const [who, screens] of [
      [
        officer,
        [
          ['Tổng quan', 'tong-quan'],
          ['Rà soát liên kết', 'lien-ket'],
          ['Báo cáo', 'bao-cao'],
        ],
      ],
      [admin, [['Quản trị', 'quan-tri']]],
    ] as const) {
      const other = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const tab = await other.newPage();
      await logIn(tab, who, size, false);
      for (const [link, file] of screens) {
        await tab.getByRole('navigation').getByRole('link', { name: link }).click();
        await tab.getByRole('heading', { level: 1 }).first().waitFor();
        await tab.waitForLoadState('networkidle');
        if (file === 'tong-quan') await tab.getByTestId('communes').locator('tbody tr.ant-table-row').first().waitFor();
        // Its stored reports, each with its files (a table at 1366 px, one cell each on a phone).
        if (file === 'bao-cao')
          await tab
            .getByRole('link', { name: /dạng Excel$/ })
            .first()
            .waitFor();
        await shoot(tab, file, size, file === 'tong-quan');
      }
      await other.close();
    }
  }
  process.stderr.write(`screenshots in ${OUT}\n`);
} finally {
  await browser.close();
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.once('exit', r));
  fs.rmSync(work, { recursive: true, force: true });
}
