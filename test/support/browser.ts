import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { LIBRARY_ICON_NAMES } from '../../console/src/icon-names.js';
import { totpCode } from '../../src/accounts/totp.js';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../bench/bench-tools.js';

export interface TestBrowser {
  browser: Browser;
  /** A new context (its own cookies) at a screen size: 1366×768 or a 390-px phone. */
  context(size?: 'desktop' | 'phone'): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  // Playwright gives each launch a new empty profile (--user-data-dir) of its own.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  return {
    browser,
    context: (size = 'desktop') =>
      browser.newContext({
        // A phone as Chromium emulates one: its viewport, touch, and mobile layout (text autosizing, overlay scrollbars).
        ...(size === 'phone'
          ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
          : { viewport: { width: 1366, height: 768 } }),
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        // As she set her system to ask for less motion: no animation to wait out (motion itself: console-motion.e2e-spec.ts).
        reducedMotion: 'reduce',
      }),
    close: () => browser.close(),
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (id: the elements). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the console's policy (no inline script) stays as it is.
  // Once per document (about 0.2 s each time): the console is one page, and axe stays loaded in it.
  if (await page.evaluate<boolean>(`typeof window.axe === 'undefined'`)) await page.evaluate(axeSource);
  // A button fading in, a hover colour on its way: judged once its finite animations have ended (a second at most).
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => null))),
    new Promise((r) => setTimeout(r, 1000)),
  ])`);
  const violations = await page.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>(
    `axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'best-practice'], resultTypes: ['violations'] }).then((r) => r.violations)`,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Common English words of user interfaces: none may be visible (codes such as DTN or HND, and
 * proper names, are not words of this list). Whole words, any case.
 */
const ENGLISH = (
  'the and of search next previous page pages items item loading error cancel submit login log password user ' +
  'username name status select close ok yes data empty filter reset confirm delete edit save help logout sign ' +
  'expand collapse total per sort ascending descending clear today now week month year more less back home ' +
  'settings members member roster unit commune flags warning success failed invalid required please click here ' +
  'open upload download export import columns column show hide selected all none from with'
).split(' ');
const ENGLISH_RE = new RegExp(`(^|[^\\p{L}])(${ENGLISH.join('|')})(?=$|[^\\p{L}])`, 'giu');

/** The English words visible on the page (its text, placeholders, labels read by a screen reader). */
export async function visibleEnglish(page: Page): Promise<string[]> {
  // In the page (as text: these tests are typed without the browser's DOM). Hidden elements
  // (aria-hidden, or inside one) are neither seen nor read; codes (<code>, <kbd>: a TOTP secret's
  // random groups, a command) are not words.
  const text = await page.evaluate<string>(`(() => {
    const attrs = [...document.querySelectorAll('[placeholder],[aria-label],[title],[alt]')]
      .filter((el) => !el.closest('[aria-hidden="true"]'))
      .flatMap((el) => ['placeholder', 'aria-label', 'title', 'alt'].map((a) => el.getAttribute(a) ?? ''));
    let body = document.body.innerText;
    for (const code of document.querySelectorAll('code, kbd')) body = body.replace(code.innerText, ' ');
    return [document.title, body, ...attrs].join('\\n');
  })()`);
  // The library's icons as a screen reader names them: 'down', 'caret-up', 'double-right' are English.
  const icons = (
    await page.evaluate<string[]>(
      `[...document.querySelectorAll('.anticon[aria-label]')].filter((el) => !el.closest('[aria-hidden="true"]')).map((el) => el.getAttribute('aria-label'))`,
    )
  ).filter((name) => name in LIBRARY_ICON_NAMES);
  // …and names from the code (birthDate, idNumber): camelCase is never Vietnamese.
  return [...text.matchAll(ENGLISH_RE)].map((m) => m[2]).concat(text.match(/\b[a-z]+[A-Z][A-Za-z]*\b/g) ?? [], icons);
}

/** Logs in through the console's page as she would: name, password, the code of her app (computed). */
export async function logInThroughPage(
  context: BrowserContext,
  url: string,
  user: { username: string; password: string; totpSecret: string },
  code = totpCode(user.totpSecret, Date.now()),
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu').fill(user.password);
  await page.getByLabel('Mã xác thực').fill(code);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

/** The words in English and the serious accessibility problems of the page as it is now: both empty on every screen. */
export async function review(page: Page): Promise<{ english: string[]; accessibility: string[] }> {
  return { english: await visibleEnglish(page), accessibility: await accessibilityProblems(page) };
}
export const CLEAN = { english: [], accessibility: [] };

/** Retries `check` for up to `ms` (what the server writes in the background, as the audit batch). */
export async function eventually(check: () => Promise<void>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Chooses `option` in the antd select `box` as she would: opens it, clicks the option in the open
 * list, and again until the select shows it. Under load a list can close while it opens (the screen
 * drawn again), and a click on an option still moving can be lost: both seen red in CI.
 */
export async function chooseOption(page: Page, box: Locator, option: string | RegExp): Promise<void> {
  // The select around her combobox (however the combobox was found: a chained locator cannot be a `has`).
  const select = box.locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  for (let attempt = 1; ; attempt++) {
    try {
      const open = page.locator('.ant-select-dropdown:visible');
      if (!(await open.count())) await box.click({ timeout: 5000 });
      await open.locator('.ant-select-item-option').filter({ hasText: option }).first().click({ timeout: 5000 });
      const shown = typeof option === 'string' ? (t: string) => t.includes(option) : (t: string) => option.test(t.trim());
      return await eventually(async () => {
        if (!shown(await select.innerText())) throw new Error(`the select does not show '${String(option)}'`);
      });
    } catch (e) {
      if (attempt === 4) throw e;
    }
  }
}

/**
 * The fields of the open dialogs that have no label in sight tied to them (a `<label for>` or a
 * wrapping `<label>` with text, or `aria-labelledby` text): a placeholder or an aria-label alone
 * leaves her guessing once she types. Each as the start of its HTML.
 */
export async function unlabelledDialogFields(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const seen = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const text = (el) => (el && seen(el) ? el.innerText.trim() : '');
    const fields = [...document.querySelectorAll('.ant-modal-wrap input:not([type=hidden]), .ant-modal-wrap textarea')]
      .filter((el) => seen(el.closest('.ant-modal-wrap')) && !el.closest('[aria-hidden="true"]'));
    return fields
      .filter((el) => {
        const byFor = el.id ? text(document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) : '';
        const byRef = (el.getAttribute('aria-labelledby') ?? '').split(/\\s+/).map((id) => text(document.getElementById(id))).join('');
        return !(byFor || text(el.closest('label')) || byRef);
      })
      .map((el) => el.outerHTML.slice(0, 120));
  })()`);
}
