import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, REGISTER_HEADER, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào,Ngày sinh hoạt gần nhất';
const NAMES = ['Lò Thị Phương', 'Cầm Thị Hoa', 'Quàng Văn Sống', 'Lường Thị Nhỏ', 'Điêu Thị Sớm'];

/**
 * From a dashboard figure to the people behind it: the Ban Dân vận officer opens a phantom reason's
 * figure, then a commune's suspected phantoms, in Cảnh báo already filtered (codes only in the
 * address, never a person), and those of no commune ("Chưa rõ xã"); the auditor, who may not read
 * names, is offered no such link.
 */
describe('the console: from the dashboard’s phantoms to Cảnh báo', () => {
  let t: TestApp;
  let b: TestBrowser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-console-drill-'));
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), ...args], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    t = await createTestApp();
    fs.chmodSync(dir, 0o755);
    // Two members the register says died, in two communes; one living member beside them.
    const extract = path.join(dir, 'dan-cu.csv');
    fs.writeFileSync(
      extract,
      [
        REGISTER_HEADER,
        'Lò Thị Phương,13/11/1966,Nữ,001166394928,00008,Đã mất,16/03/2023',
        'Cầm Thị Hoa,02/02/1950,Nữ,001150394929,00004,Đã mất,10/01/2024',
      ].join('\n'),
    );
    await cli('import-residents', extract);
    await t.importRoster('HND', HEADER, [
      'DEAD-A,Lò Thị Phương,13/11/1966,Nữ,,,00008,B1,Đang sinh hoạt,01/08/2017,01/10/2026',
      'LIVING,Quàng Văn Sống,05/05/1970,Nam,001070555555,0911000004,00008,B1,Đang sinh hoạt,01/05/2000,01/10/2026',
    ]);
    await t.importRoster('HPN', HEADER, [
      'DEAD-B,Cầm Thị Hoa,02/02/1950,Nữ,,,00004,C1,Đang sinh hoạt,01/05/2000,01/10/2026',
      // A girl of 14: suspected, too young.
      'CHILD,Lường Thị Nhỏ,01/01/2012,Nữ,001312000006,0911000006,00004,C1,Đang sinh hoạt,01/05/2025,01/10/2026',
    ]);
    // A union member admitted at 16 long ago: the same kind of flag, only a warning (of age now).
    await t.importRoster('CD', HEADER, [
      'EARLY,Điêu Thị Sớm,01/01/1990,Nữ,001190000007,0911000007,00004,CD-1,Đang sinh hoạt,01/05/2006,01/10/2026',
    ]);
    await cli('link');
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The names the API lists as flagged with these filters (what the screen must show). */
  const flagged = async (f: { code?: string; reason?: string; commune?: string }) => {
    const r = await t.gql<{ flaggedRecords: { fullName: string }[] }>(
      `query($c: String, $r: String, $x: String) { flaggedRecords(code: $c, reason: $r, commune: $x, first: 500) { fullName } }`,
      { c: f.code ?? null, r: f.reason ?? null, x: f.commune ?? null },
    );
    expect(r.errors).toBeUndefined();
    return r.data!.flaggedRecords.map((f) => f.fullName).sort();
  };
  /** The names in Cảnh báo's table, once it has loaded them. */
  const listed = async (page: Page, expected: string[]) => {
    const names = page.locator('.ant-table-tbody tr.ant-table-row td:first-child');
    await eventually(async () => expect((await names.allInnerTexts()).sort()).toEqual(expected), 10_000);
  };
  const hashOf = (page: Page) => new URL(page.url()).hash;

  it('opens a phantom reason and a commune’s suspected phantoms in Cảnh báo, already filtered', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-drill', Role.DAN_VAN));
    await page.getByTestId('as-of').waitFor();
    const live = await t.gql<{ liveFigures: { phantomsByReason: { reason: string; records: number }[] } }>(
      `{ liveFigures(scope: "province") { phantomsByReason { reason records } } }`,
    );
    const reasons = live.data!.liveFigures.phantomsByReason.sort((a, b) => a.reason.localeCompare(b.reason));
    expect(reasons).toEqual([
      { reason: 'DECEASED', records: 2 },
      { reason: 'INELIGIBLE_AGE', records: 1 },
    ]);
    const select = (label: string) => page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: label }) });

    // The reason's figure: both women who died, not the living man.
    await page
      .getByTestId('reasons')
      .getByRole('link', { name: /^Xem 2 hồ sơ nghi ảo vì Đã mất/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Cảnh báo' }).waitFor();
    expect(hashOf(page)).toBe('#/canh-bao?loai=AO&ly-do=DECEASED');
    expect(await flagged({ reason: 'DECEASED' })).toEqual(['Cầm Thị Hoa', 'Lò Thị Phương']);
    await listed(page, ['Cầm Thị Hoa', 'Lò Thị Phương']);
    // The filters she can change or clear, saying what they hold.
    await select('Loại cảnh báo').filter({ hasText: 'Nghi ảo' }).waitFor();
    // With the number she clicked on Tổng quan.
    await page.getByTestId('reason-filter').getByText('Chỉ hồ sơ nghi ảo vì: Đã mất (2 hồ sơ)').waitFor();
    expect(await review(page)).toEqual(CLEAN);

    // Too young: the one figure is the one girl, not the woman whose flag of the same kind is only a warning.
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page
      .getByTestId('reasons')
      .getByRole('link', { name: /^Xem 1 hồ sơ nghi ảo vì Không đủ\/quá tuổi/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Cảnh báo' }).waitFor();
    expect(hashOf(page)).toBe('#/canh-bao?loai=AO&ly-do=INELIGIBLE_AGE');
    expect(await flagged({ code: 'INELIGIBLE_AGE' })).toEqual(['Lường Thị Nhỏ', 'Điêu Thị Sớm']);
    await listed(page, ['Lường Thị Nhỏ']);
    // Another reason's address followed from here (a link given on, Back): its records, not the last ones.
    await page.goto(`${t.url}/#/canh-bao?loai=AO&ly-do=DECEASED`);
    await listed(page, ['Cầm Thị Hoa', 'Lò Thị Phương']);
    await page.goBack();
    await listed(page, ['Lường Thị Nhỏ']);
    // Without the reason: every suspected phantom, and the address says so (a reload keeps what she sees).
    await page.getByRole('button', { name: 'Bỏ lọc lý do' }).click();
    await listed(page, await flagged({ code: 'AO' }));
    expect((await flagged({ code: 'AO' })).length).toBe(3);
    expect(hashOf(page)).toBe('#/canh-bao?loai=AO');

    // A commune's suspected phantoms: only hers, the commune chosen in the filter.
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page
      .getByTestId('communes')
      .getByRole('link', { name: /^Xem 2 hồ sơ nghi ảo của .* trong Cảnh báo$/ })
      .first()
      .waitFor();
    const communeLinks = page.getByTestId('communes').getByRole('link', { name: /hồ sơ nghi ảo của/ });
    // Only where there is someone to see: the girl and a woman who died in one commune, a woman who died in the other.
    expect(await communeLinks.count()).toBe(2);
    const href = await Promise.all((await communeLinks.all()).map((a) => a.getAttribute('href')));
    expect(href.sort()).toEqual(['#/canh-bao?loai=AO&xa=00004', '#/canh-bao?loai=AO&xa=00008']);
    await page.getByTestId('communes').locator('a[href="#/canh-bao?loai=AO&xa=00008"]').click();
    await page.getByRole('heading', { level: 1, name: 'Cảnh báo' }).waitFor();
    expect(hashOf(page)).toBe('#/canh-bao?loai=AO&xa=00008');
    expect(await flagged({ code: 'AO', commune: '00008' })).toEqual(['Lò Thị Phương']);
    await listed(page, ['Lò Thị Phương']);
    // The filters say so: every suspected phantom, and the commune by its name (not the address's code);
    // without the province's count beside one commune's list (the two would disagree).
    await select('Loại cảnh báo').filter({ hasText: 'Nghi ảo' }).waitFor();
    expect(await select('Loại cảnh báo').innerText()).not.toMatch(/\d/);
    await select('Xã / phường')
      .filter({ hasText: /(Xã|Phường) \p{Lu}/u })
      .waitFor();
    // What the server was asked (its audit of the read): that commune, that code.
    await eventually(async () => {
      const rows = await t.sql<{ detail: { code: string | null; commune: string | null; reason?: string } }>(
        `SELECT detail FROM audit_event WHERE subject_type = 'FLAGGED_RECORDS' AND actor_name = 'bdv-drill' ORDER BY id`,
      );
      const asked = rows.map((r) => [r.detail.code, r.detail.reason ?? null, r.detail.commune]);
      expect(asked).toContainEqual(['AO', 'DECEASED', null]);
      expect(asked).toContainEqual(['AO', null, '00008']);
    });
    // No name anywhere in the addresses she went through.
    for (const n of NAMES) expect(decodeURIComponent(page.url())).not.toContain(n);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('opens a commune as a page of its own: Back returns to the province, and an address typed in the open tab opens its commune', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-back', Role.DAN_VAN));
    const title = page.getByRole('heading', { level: 1 });
    await page.getByTestId('as-of').waitFor();
    await title.filter({ hasText: 'Toàn tỉnh' }).waitFor();
    const names = await t.gql<{ liveCommunes: { communes: { code: string | null; name: string | null }[] } }>(
      `{ liveCommunes(scope: "province") { communes { code name } } }`,
    );
    const [first, second] = names.data!.liveCommunes.communes.filter((c) => c.code);
    await page
      .getByTestId('communes')
      .getByRole('button', { name: new RegExp(first.name!) })
      .first()
      .click();
    await title.filter({ hasText: first.name! }).waitFor();
    expect(hashOf(page)).toBe(`#/tong-quan?pham-vi=commune:${first.code}`);
    await page.goBack();
    await title.filter({ hasText: 'Toàn tỉnh' }).waitFor();
    // Her home's address, as she came in.
    expect(['', '#/', '#/tong-quan']).toContain(hashOf(page));
    await page.goForward();
    await title.filter({ hasText: first.name! }).waitFor();
    // An address given on, pasted into the tab she has open.
    await page.evaluate(`window.location.hash = '#/tong-quan?pham-vi=commune:${second.code}'`);
    await title.filter({ hasText: second.name! }).waitFor();
    await context.close();
  });

  it('offers the auditor the figures but no way to the names behind them', async () => {
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('kiem-toan-drill', Role.AUDITOR));
    await page.getByTestId('as-of').waitFor();
    await page.getByTestId('communes').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('reasons').locator('[data-figure="2"]').waitFor();
    await page.getByTestId('reasons').locator('[data-figure="1"]').waitFor();
    expect(await page.getByRole('link', { name: /hồ sơ nghi ảo/ }).count()).toBe(0);
    expect(await page.locator('a[href^="#/canh-bao"]').count()).toBe(0);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('tells apart, in Cảnh báo, a kind of flag’s records and those suspected for it: the number the dashboard shows under that reason', async () => {
    const counts = await t.gql<{ flagCounts: { code: string; label: string; records: number; suspected: number }[] }>(
      `{ flagCounts { code label records suspected } }`,
    );
    expect(counts.errors).toBeUndefined();
    const age = counts.data!.flagCounts.filter((c) => c.code === 'INELIGIBLE_AGE');
    const records = age.reduce((n, c) => n + c.records, 0);
    const suspected = age.reduce((n, c) => n + c.suspected, 0);
    const live = await t.gql<{ liveFigures: { phantomsByReason: { reason: string; label: string; records: number }[] } }>(
      `{ liveFigures(scope: "province") { phantomsByReason { reason label records } } }`,
    );
    const onDashboard = live.data!.liveFigures.phantomsByReason.find((r) => r.reason === 'INELIGIBLE_AGE')!;
    // The girl suspected, the union member's flag of the same kind only a warning.
    expect({ records, suspected }).toEqual({ records: 2, suspected: 1 });
    expect(suspected).toBe(onDashboard.records);

    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-hai-so', Role.DAN_VAN));
    await page
      .getByTestId('reasons')
      .getByRole('link', { name: `Xem ${suspected} hồ sơ nghi ảo vì ${onDashboard.label} trong Cảnh báo` })
      .waitFor();
    await page.getByRole('link', { name: 'Cảnh báo', exact: true }).click();
    await page.getByRole('combobox', { name: 'Loại cảnh báo' }).click();
    // Not "Không đủ/quá tuổi (2)" beside the dashboard's 1 under the same name: both numbers, each saying what it counts.
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: `${onDashboard.label}: ${records} hồ sơ có cảnh báo, ${suspected} nghi ảo` })
      .waitFor();
    expect(
      await page
        .locator('.ant-select-item-option')
        .filter({ hasText: /\(\d+\)$/ })
        .count(),
    ).toBe(0);
    await page.keyboard.press('Escape');
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('opens the suspected phantoms of "Chưa rõ xã" in Cảnh báo, filtered to the records without a commune', async () => {
    // A girl of 13 written without a commune: suspected, too young, counted under "Chưa rõ xã".
    await t.importRoster('HPN', HEADER, [
      'CHUA-RO-XA,Lường Thị Bé,01/01/2013,Nữ,001313000008,0911000008,,,Đang sinh hoạt,01/05/2025,01/10/2026',
    ]);
    await cli('link');
    const unknown = await t.gql<{ liveCommunes: { communes: { code: string | null; suspectedPhantoms: number }[] } }>(
      `{ liveCommunes(scope: "province") { communes { code suspectedPhantoms } } }`,
    );
    expect(unknown.data!.liveCommunes.communes.find((c) => c.code === null)).toEqual({ code: null, suspectedPhantoms: 1 });
    const without = await t.gql<{ flaggedRecords: { fullName: string }[] }>(
      `{ flaggedRecords(code: "AO", noCommune: true, first: 500) { fullName } }`,
    );
    expect(without.data!.flaggedRecords.map((r) => r.fullName)).toEqual(['Lường Thị Bé']);
    const both = await t.gql(`{ flaggedRecords(commune: "00004", noCommune: true) { fullName } }`);
    expect(both.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(both.errors![0].message).toContain('không cả hai');

    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-chua-ro-xa', Role.DAN_VAN));
    const link = page.getByTestId('communes').getByRole('link', { name: 'Xem 1 hồ sơ nghi ảo chưa rõ xã trong Cảnh báo' });
    expect(await link.getAttribute('href')).toBe('#/canh-bao?loai=AO&chua-ro-xa=1');
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Cảnh báo' }).waitFor();
    await listed(page, ['Lường Thị Bé']);
    await page.getByTestId('no-commune-filter').getByText('Chỉ hồ sơ chưa rõ xã').waitFor();
    expect(await review(page)).toEqual(CLEAN);
    // What the server was asked: the records without a commune.
    await eventually(async () => {
      const [asked] = await t.sql<{ detail: { code: string; noCommune?: boolean; commune: string | null } }>(
        `SELECT detail FROM audit_event WHERE subject_type = 'FLAGGED_RECORDS' AND actor_name = 'bdv-chua-ro-xa' ORDER BY id LIMIT 1`,
      );
      expect(asked.detail).toMatchObject({ code: 'AO', noCommune: true, commune: null });
    });
    // Cleared: every suspected phantom again.
    await page.getByRole('button', { name: 'Bỏ lọc chưa rõ xã' }).click();
    await listed(page, await flagged({ code: 'AO' }));
    expect((await flagged({ code: 'AO' })).length).toBe(4);
    await context.close();
  });
});
