import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { periodContaining, previousPeriod } from '../src/common/dates/period.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { chooseOption, CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { pdfText } from './support/pdf-text.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào';
/** Three communes whose names sort differently by code point (Đ after G) and the Vietnamese way (Đ after D). */
const HPN = [
  'P-1,Nguyễn Thị Lan,12/03/1980,Nữ,001180000001,0911000001,00004,B1,Đang sinh hoạt,01/08/2010',
  'P-2,Trần Thị Mai,05/06/1975,Nữ,001175000002,0911000002,00235,B2,Đang sinh hoạt,01/05/2010',
  'P-3,Lê Thị Hồng,20/01/1990,Nữ,001190000003,0911000003,00025,B3,Đang sinh hoạt,01/05/2012',
];
const HND = [
  'N-1,Nguyễn Thị Lan,12/03/1980,Nữ,001180000001,0911000001,00004,B1,Đang sinh hoạt,01/08/2011',
  'N-2,Trần Thị Mai,05/06/1975,Nữ,001175000002,0911000002,00235,B2,Đang sinh hoạt,01/05/2012',
  'N-3,Phạm Văn Tuấn,02/02/1968,Nam,001068000004,0911000004,00025,B3,Đang sinh hoạt,01/05/2000',
];
const VIETNAMESE_ORDER = ['Phường Ba Đình', 'Phường Đống Đa', 'Phường Giảng Võ'];

/**
 * What a Ban Dân vận officer and the operator were misled by on the demo province: the dashboard
 * comparing "now" with the running quarter's own report (±0, always), periods written as codes
 * (2026-Q3), communes out of Vietnamese order, an organization's overlap of one cell, the report's
 * "n/a" and "schedule", and the PDF's summed "Số người" beside the dashboard's linked one.
 */
describe('the console: periods compared, communes ordered, an organization’s overlap', () => {
  let b: TestBrowser;
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-dashboard-periods-'));
  const current = periodContaining('QUARTER', new Date());
  const previous = previousPeriod(current);

  beforeAll(async () => {
    b = await launchBrowser();
    t = await createTestApp();
    fs.chmodSync(dir, 0o755);
    await t.importRoster('HPN', HEADER, HPN);
    await t.importRoster('HND', HEADER, HND);
    await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'link'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
    });
    // The quarter that ended, by the server's schedule (no caller); then the running quarter, run now.
    await t.app.get(ReportsService).run(previous.key, null, { now: new Date() });
    const r = await t.gql(`mutation($p: String!) { runReport(period: $p) { id } }`, { p: current.key });
    expect(r.errors).toBeUndefined();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const download = async (page: Page, link: ReturnType<Page['getByRole']>): Promise<string> => {
    const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(dir, `${Date.now()}-${d.suggestedFilename()}`);
    await d.saveAs(file);
    return file;
  };

  it('says, on each report, whether its period had ended when it was computed (the one rule the dashboard and its Excel read)', async () => {
    const { data, errors } = await t.gql<{ reports: { period: string; asOf: string; ended: boolean }[] }>(
      `{ reports(scope: "province") { period asOf ended } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.reports.map((r) => [r.period, r.ended])).toEqual([
      [current.key, false],
      [previous.key, true],
    ]);
    expect(data!.reports.find((r) => r.ended)!.asOf).toBe(previous.lastDay);
  });

  it('compares now with the quarter that ended, names periods, orders communes the Vietnamese way, and shows an organization’s overlap', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv', Role.DAN_VAN));
    await page.getByTestId('as-of').waitFor();
    // "Now" against the end of the last quarter, by its name; the running quarter's own report is no "before".
    const memberships = page.getByTestId('memberships');
    await memberships.getByText(`so với cuối ${previous.label}`).waitFor();
    expect(await memberships.innerText()).toContain(`${previous.label}: 6`);
    // Its report is final (the link ran after the quarter ended): nothing said of it; were it still tạm tính, it would be.
    expect(await memberships.innerText()).not.toContain('tạm tính');
    await t.sql(`UPDATE report_snapshot SET final = false WHERE period = $1`, [previous.key]);
    await page.reload();
    await memberships.getByText(`so với cuối ${previous.label} (báo cáo tạm tính)`).waitFor();
    await t.sql(`UPDATE report_snapshot SET final = true WHERE period = $1`, [previous.key]);
    await page.reload();
    await memberships.getByText(`so với cuối ${previous.label}`).waitFor();
    const body = await page.locator('main, body').first().innerText();
    expect(body).not.toContain(current.label);
    expect(body).not.toMatch(/\d{4}-Q\d/);
    await page.getByTestId('joiners').getByText(`Theo báo cáo kỳ ${previous.label}`).waitFor();
    // Joiners and the reach are the ended period's: said in their names, not "trong kỳ" beside the running one's figures.
    await page.getByTestId('joiners').getByText(`Kết nạp trong ${previous.label}`).waitFor();
    await page.getByText(`Kết nạp và ra khỏi tổ chức: ${previous.label} (kỳ gần nhất đã kết thúc)`).waitFor();
    // Beside its leavers, the phantoms its review struck off (none confirmed then), in the report's words (report-struck.e2e-spec.ts).
    await page.getByTestId('struck').getByText(`Hồ sơ đã rà soát, kết thúc sinh hoạt trong ${previous.label}: 0`).waitFor();
    await page.getByTestId('reach').getByText(`Tỷ lệ tập hợp (${previous.label})`).waitFor();

    // The communes in Vietnamese order (Đ after D, before G), on screen and from the API.
    const api = await t.gql<{ liveCommunes: { communes: { name: string }[] } }>(
      `{ liveCommunes(scope: "province") { communes { name } } }`,
    );
    expect(api.data!.liveCommunes.communes.map((c) => c.name)).toEqual(VIETNAMESE_ORDER);
    await page.getByTestId('communes').getByRole('columnheader', { name: 'Ở từ 2 tổ chức trong xã' }).waitFor();
    const rows = page.getByTestId('communes').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect((await rows.allInnerTexts()).map((r) => r.split(/\s·|\t|\n/)[0].trim())).toEqual(VIETNAMESE_ORDER);
    expect(await review(page)).toEqual(CLEAN);
    // The province's export compares with the quarter that ended too, by name.
    const province = new ExcelJS.Workbook();
    await province.xlsx.readFile(await download(page, page.getByRole('link', { name: /Xuất Excel/ })));
    const provinceRows = (sheet: string) => province.getWorksheet(sheet)!.getSheetValues() as unknown[][];
    expect(String(provinceRows('Tổng quan')[3][1])).toContain(`So với báo cáo ${previous.label}`);
    expect(provinceRows('Qua các kỳ').flat().join(' ')).toContain(previous.label);
    expect(provinceRows('Qua các kỳ').flat().join(' ')).not.toMatch(/\d{4}-Q\d/);
    // What the screen shows is in the file: people in two organizations or more, the reach of the ended period (rates as percentages).
    const split = (
      await t.gql<{ liveFigures: { peopleByOrgCount: { two: number; threeOrMore: number } } }>(
        `{ liveFigures(scope: "province") { peopleByOrgCount { two threeOrMore } } }`,
      )
    ).data!.liveFigures.peopleByOrgCount;
    const several = provinceRows('Tổng quan').find((r) => r?.[1] === 'Số người ở từ 2 tổ chức')!;
    expect(several[2]).toBe(split.two + split.threeOrMore);
    expect(split.two + split.threeOrMore).toBeGreaterThan(0);
    const reach = province.getWorksheet('Tỷ lệ tập hợp')!;
    expect(reach.getCell('A3').text).toContain(`Theo báo cáo ${previous.label}`);
    // One row per organization: its rate (reached ÷ eligible), or why it cannot be computed.
    const lines = (reach.getSheetValues() as unknown[][]).filter(
      (r) => typeof r?.[4] === 'number' || /^Không tính được/.test(String(r?.[5])),
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const r of lines) if (typeof r[4] === 'number') expect(r[4]).toBeCloseTo((r[2] as number) / (r[3] as number), 6);

    // An organization: its row of the province's overlap, not a matrix of one cell.
    const { data } = await t.gql<{ overlap: { matrix: { a: string; b: string; persons: number }[] } }>(
      `{ overlap(scope: "province") { matrix { a b persons } } }`,
    );
    const both = data!.overlap.matrix.find((c) => c.a === 'HND' && c.b === 'HPN')!.persons;
    expect(both).toBe(2);
    await chooseOption(page, page.getByRole('combobox', { name: 'Phạm vi' }), 'Hội Nông dân');
    await page.getByRole('heading', { level: 1, name: /Nông dân/ }).waitFor();
    const overlap = page.getByTestId('overlap');
    await overlap.locator('td[data-a="HND"][data-b="HPN"]').waitFor();
    expect(await overlap.locator('tbody tr').count()).toBe(1);
    expect(await overlap.locator('td[data-a="HND"][data-b="HPN"]').innerText()).toBe(String(both));
    // No report of its own: its row of the province's ended report gives its joiners, leavers, reach and "before", said so.
    const hndRow = (
      await t.gql<{
        reports: { ended: boolean; organizations: { code: string; memberships: number; joiners: number; reach: { label: string } }[] }[];
      }>(`{ reports(scope: "province") { ended organizations { code memberships joiners reach { label } } } }`)
    )
      .data!.reports.find((r) => r.ended)!
      .organizations.find((o) => o.code === 'HND')!;
    await page.getByTestId('joiners').getByText(`Theo báo cáo toàn tỉnh kỳ ${previous.label} đã lưu (phần của tổ chức này)`).waitFor();
    expect(await page.getByTestId('joiners').locator('[data-figure]').first().getAttribute('data-figure')).toBe(String(hndRow.joiners));
    expect(await page.getByTestId('memberships').innerText()).toContain(`${previous.label}: ${hndRow.memberships}`);
    const reachRows = page.getByTestId('reach').locator('dt');
    expect(await reachRows.allInnerTexts()).toEqual(['Hội Nông dân Việt Nam']);
    // Nobody is in two organizations of one organization's communes: no column of zeros for it.
    await page.getByTestId('communes').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('communes').getByRole('columnheader', { name: 'Ở từ 2 tổ chức trong xã' }).count()).toBe(0);
    expect(await review(page)).toEqual(CLEAN);

    // Its export says the same.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download(page, page.getByRole('link', { name: /Xuất Excel/ })));
    const values = (sheet: string) => book.getWorksheet(sheet)!.getSheetValues() as unknown[][];
    const head = values('Trùng giữa tổ chức').find((r) => r?.[1] === 'Tổ chức')!;
    const hnd = values('Trùng giữa tổ chức').filter((r) => typeof r?.[2] === 'number');
    expect(hnd).toHaveLength(1);
    expect(hnd[0][head.indexOf('Hội Liên hiệp Phụ nữ Việt Nam')]).toBe(both);
    expect(values('Theo xã').flat().join(' ')).not.toContain('Số người ở từ 2 tổ chức');
    // …and its reach and "before" from the province's report, as on screen.
    expect(String(values('Tổng quan')[3][1])).toContain(`So với báo cáo ${previous.label}`);
    expect(values('Tỷ lệ tập hợp').filter((r) => r?.[1] === 'Hội Nông dân Việt Nam')).toHaveLength(1);
    expect(values('Tỷ lệ tập hợp').filter((r) => r?.[1] === 'Hội Liên hiệp Phụ nữ Việt Nam')).toHaveLength(0);
    await context.close();
  });

  it('on a phone, keeps each commune’s name beside its number of lượt and of people', async () => {
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-di-dong', Role.DAN_VAN));
    const row = page.getByTestId('communes').locator('tbody tr.ant-table-row').first();
    await row.waitFor();
    // Each of these in view, whole, without swiping: the name, its roster link, số lượt, số người.
    const inView = async (cell: ReturnType<Page['locator']>) => {
      const box = (await cell.boundingBox())!;
      return box.x >= 0 && box.x + box.width <= 390;
    };
    const cells = row.locator('td');
    expect(await cells.first().innerText()).toContain(VIETNAMESE_ORDER[0]);
    for (const i of [0, 1, 2]) expect({ cell: i, inView: await inView(cells.nth(i)) }).toEqual({ cell: i, inView: true });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('tells the operator who made a report in words, its PDF says periods and rates in Vietnamese, and the log names accounts', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('van-hanh', Role.ADMIN));
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    const made = page.getByRole('row').filter({ hasText: previous.label });
    await made.getByText('lịch tự động của máy chủ').waitFor();
    expect(await page.locator('section').first().innerText()).not.toMatch(/\bschedule\b/);
    expect(await review(page)).toEqual(CLEAN);

    const pdf = await pdfText(await download(page, page.getByRole('link', { name: `Tải báo cáo ${current.label} — Toàn tỉnh dạng PDF` })));
    expect(pdf).toContain(`So với ${previous.label}.`);
    // Each commune's people once, as the dashboard counts them, and the note that says so.
    expect(pdf).toContain('Số người: mỗi người tính một lần ở một xã');
    expect(pdf).not.toContain('Cộng số người từng tổ chức');
    expect(pdf).toContain('tỷ lệ tập hợp không tính được');
    expect(pdf).not.toMatch(/n\/a|\d{4}-Q\d/);
    // People by how many organizations each is in, as on Tổng quan, with the quarter before.
    expect(pdf).toContain('Số người theo số tổ chức tham gia');
    expect(pdf).toContain('Số người ở 2 tổ chức');
    const book = new ExcelJS.Workbook();
    const excel = await download(page, page.getByRole('link', { name: `Tải báo cáo ${current.label} — Toàn tỉnh dạng Excel` }));
    // Named in Vietnamese (the province: "tinh"), not "province".
    expect(path.basename(excel)).toMatch(new RegExp(`-bao-cao-${current.key}-tinh\\.xlsx$`));
    await book.xlsx.readFile(excel);
    const summary = book.getWorksheet('Tổng hợp')!.getSheetValues() as unknown[][];
    const two = summary.find((r) => r?.[1] === 'Số người ở 2 tổ chức')!;
    expect(typeof two[3]).toBe('number'); // Kỳ trước: the quarter that ended
    expect(two[4]).toBe((two[2] as number) - (two[3] as number));
    // Each organization as the other sheets name it (ĐTN, CĐ), not by its code.
    const byOrg = summary.map((r) => r?.[1]).filter((v): v is string => typeof v === 'string' && /: số lượt$/.test(v));
    expect(byOrg.filter((l) => /^(ĐTN|CĐ):/.test(l)).length).toBeGreaterThan(0);
    expect(byOrg.filter((l) => /^(DTN|CD):/.test(l))).toEqual([]);

    // A report's names read through the API: in the log as a report read, in Vietnamese.
    const [ended] = await t.sql<{ id: string }>(`SELECT id FROM report_snapshot WHERE period = $1`, [previous.key]);
    const names = await t.gql(`query($id: ID!) { reportPhantoms(report: $id) { fullName } }`, { id: ended.id });
    expect(names.errors).toBeUndefined();
    const [read] = await t.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE subject_type = 'REPORT' AND subject_id = $1 ORDER BY id DESC LIMIT 1`,
      [ended.id],
    );
    expect(read.action).toBe('REPORT_READ');
    // The audit log: the schedule's report by the schedule, not a "service token" named in English.
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.getByText('Nhật ký', { exact: true }).click();
    const line = page.getByRole('row').filter({ hasText: 'Tính báo cáo' }).filter({ hasText: 'lịch tự động của máy chủ' });
    await line.first().waitFor();
    await page.getByRole('row').filter({ hasText: 'Xem báo cáo (tên người nghi ảo)' }).first().waitFor();
    expect(await page.locator('section').first().innerText()).not.toMatch(/\bschedule\b|REPORT_READ/);
    const [audit] = await t.sql<{ actor_name: string }>(
      `SELECT actor_name FROM audit_event WHERE action = 'REPORT_COMPUTED' AND actor_kind = 'SERVICE' LIMIT 1`,
    );
    expect(audit.actor_name).toBe('schedule');

    // An account named by its username, and found by it (the log keeps its id).
    const created = page.getByRole('row').filter({ hasText: 'Tạo tài khoản' });
    await created.filter({ hasText: 'Tài khoản bdv' }).first().waitFor();
    expect(await created.count()).toBeGreaterThan(1);
    await page.getByLabel('Mã đối tượng').fill('bdv');
    await eventually(async () => expect(await created.count()).toBe(1), 5000);
    expect(await created.innerText()).toContain('Tài khoản bdv');
    const [bdv] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'bdv'`);
    const logged = await t.sql(`SELECT 1 FROM audit_event WHERE action = 'USER_CREATED' AND subject_id = $1`, [bdv.id]);
    expect(logged).toHaveLength(1);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });
  it('says why Số người stays as it was when a pair already counted as one person is confirmed', async () => {
    // A record typed in without a number, the year alone: a pair with each record of the person it may be.
    const created = await t.gql(
      `mutation { createMemberRecord(input: { organization: "CD", externalId: "C-9", fullName: "Nguyễn Lan", sex: FEMALE, birthDate: "1980", communeCode: "00004" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    const people = async () => (await t.gql<{ liveFigures: { people: number } }>(`{ liveFigures { people } }`)).data!.liveFigures.people;
    const queued = async () => (await t.gql<{ reviewQueue: unknown[] }>(`{ reviewQueue(first: 10) { recordA } }`)).data!.reviewQueue.length;
    await eventually(async () => expect(await queued()).toBe(2), 10_000);
    const before = await people();

    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-ra-soat', Role.DAN_VAN));
    await page.getByRole('link', { name: 'Rà soát liên kết' }).click();
    const persons = page.locator('[data-count="persons"]');
    const confirm = async () => {
      await page.getByText('Nguyễn Lan').first().waitFor();
      await page.keyboard.press('c');
      await page.keyboard.type('Cùng một người: đã hỏi chi hội');
      await page.keyboard.press('Enter');
    };
    // The first pair joins her to the person: one fewer.
    await confirm();
    await persons.getByText(`${before} → ${before - 1}`).waitFor();
    expect(await page.getByTestId('already-counted').count()).toBe(0);
    // The second pair is that same person now: nothing changes, and the screen says why.
    await confirm();
    await page
      .getByTestId('already-counted')
      .getByText('đã được tính là một người từ trước')
      .waitFor()
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\n--- the screen:\n${(await page.locator('section').first().innerText()).slice(0, 3000)}`);
      });
    expect(await persons.innerText()).toContain(`${before - 1} → ${before - 1} (không đổi)`);
    // The server: both decisions logged as hers, one person fewer.
    await eventually(async () => {
      const merged = await t.sql(`SELECT 1 FROM audit_event WHERE action = 'REVIEW_SAME_PERSON' AND actor_name = 'bdv-ra-soat'`);
      expect(merged).toHaveLength(2);
    });
    expect(await people()).toBe(before - 1);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });
  it('shows the estimate of people not suspected against the quarter that ended, and its trend, as the API counts them', async () => {
    type Estimate = { liveFigures: { peopleNotSuspected: number; peopleNotSuspectedLabel: string } };
    const estimate = async () =>
      (await t.gql<Estimate>(`{ liveFigures { peopleNotSuspected peopleNotSuspectedLabel } }`)).data!.liveFigures;
    const before = (await estimate()).peopleNotSuspected;
    // Phạm Văn Tuấn, in Hội Nông dân only, now suspected: one person fewer not suspected than at the quarter's end.
    await t.sql(
      `UPDATE record_person SET ao = true, ao_reasons = '{DECEASED}'
        WHERE record_id = (SELECT id FROM member_record WHERE organization_code = 'HND' AND external_id = 'N-3')`,
    );
    await eventually(async () => expect((await estimate()).peopleNotSuspected).toBe(before - 1), 10_000);
    const now = await estimate();
    const stored = await t.gql<{ reports: { period: string; ended: boolean; totals: { peopleNotSuspected: number | null } }[] }>(
      `{ reports(scope: "province") { period ended totals { peopleNotSuspected } } }`,
    );
    const ended = stored.data!.reports.find((r) => r.period === previous.key)!;
    expect(typeof ended.totals.peopleNotSuspected).toBe('number');
    const change = now.peopleNotSuspected - ended.totals.peopleNotSuspected!;
    expect(change).toBe(-1);

    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-uoc-tinh', Role.DAN_VAN));
    const card = page.getByTestId('not-suspected');
    await card.locator(`[data-figure="${now.peopleNotSuspected}"]`).waitFor();
    expect(await card.innerText()).toContain(now.peopleNotSuspectedLabel);
    // Its change since the quarter that ended, as the other figures have it, and that quarter in its trend.
    await card.getByText(`−${Math.abs(change)} so với cuối ${previous.label}`).waitFor();
    expect(await card.innerText()).toContain(`Qua các kỳ: ${now.peopleNotSuspectedLabel}`);
    expect(await card.innerText()).toContain(`${previous.label}: ${ended.totals.peopleNotSuspected}`);
    // The communes' column under the same name.
    await page.getByTestId('communes').getByRole('columnheader', { name: now.peopleNotSuspectedLabel }).waitFor();
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it('takes the day a data request was received day first, as the operator writes it', async () => {
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('van-hanh-2', Role.ADMIN));
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.getByText('Yêu cầu về dữ liệu cá nhân', { exact: true }).click();
    const day = page.getByLabel('Ngày nhận đề nghị');
    // Today, written dd/mm/yyyy (a browser's own date field showed 12/04/2026 for 4 December).
    const vn = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const dmy = (iso: string) => iso.split('-').reverse().join('/');
    await eventually(async () => expect(await day.inputValue()).toBe(dmy(vn(new Date()))));
    // Yesterday, typed as she reads it; recorded as that day.
    const yesterday = vn(new Date(Date.now() - 86_400_000));
    await day.click();
    await day.fill(dmy(yesterday));
    await day.press('Enter');
    await chooseOption(page, page.getByRole('combobox', { name: 'Tổ chức của hồ sơ' }), 'Phụ nữ');
    await page.getByLabel('Mã hồ sơ').fill('P-1');
    await page.getByRole('button', { name: 'Ghi nhận yêu cầu' }).click();
    await page.getByRole('row').filter({ hasText: 'P-1' }).getByText(dmy(yesterday)).first().waitFor();
    const listed = await t.gql<{ personalDataRequests: { externalId: string; receivedOn: string }[] }>(
      `{ personalDataRequests(includeDone: true) { externalId receivedOn } }`,
    );
    expect(listed.data!.personalDataRequests).toEqual([{ externalId: 'P-1', receivedOn: yesterday }]);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });
});
