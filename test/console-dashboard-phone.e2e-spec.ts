import { Role } from '../src/access/role.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';
const PAO = 'Lò Văn Páo,03/02/1961,Nam,001061000001,0912000001,03199,CHI-1,Đang sinh hoạt';
const IN = 'Quàng Thị Ín,06/05/1970,Nữ,001170000002,0912000002,03199,CHI-1,Đang sinh hoạt';
const TU = 'Lò Văn Tú,03/02/2001,Nam,001201000009,0912000009,03199,CHI-1,Đang sinh hoạt';

/**
 * The Ban Dân vận officer's overlap of organizations on a 390-px phone, with the seven organizations and
 * an association of a long name: before, each row was headed by the organization's full name, squeezed
 * into a column one or two words wide (rows 110–170 px tall, eight of them). Now each row is one line
 * headed by the code, the names once in a key beneath, and the cells are still `overlap`'s.
 */
describe('the console: the overlap of organizations on a phone', () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp();
    const added = await t.gql(
      `mutation { createAssociation(input: { code: "CTD", name: "Hội Chữ thập đỏ tỉnh Điện Biên", memberTerm: "hội viên" }) { code } }`,
    );
    expect(added.errors).toBeUndefined();
    await t.importRoster('HND', HEADER, [
      `HND-1,${PAO}`,
      `HND-2,${IN}`,
      // In a commune of a long name: the communes' table must keep it in its column.
      'HND-9,Lò Văn Chung,04/04/1966,Nam,001066000019,0912000019,03127,CHI-9,Đang sinh hoạt',
    ]);
    await t.importRoster('CCB', HEADER, [`CCB-1,${PAO}`]);
    await t.importRoster('NCT', HEADER, [`NCT-1,${PAO}`]);
    await t.importRoster('CTD', HEADER, [`CTD-1,${PAO}`]);
    await t.importRoster('HPN', HEADER, [`HPN-2,${IN}`]);
    await t.importRoster('CD', HEADER, [`CD-2,${IN}`, `CD-3,${TU}`]);
    await t.importRoster('DTN', HEADER, [`DTN-3,${TU}`]);
    const run = await t.gql(`mutation { startLinkRun { id } }`);
    expect(run.errors).toBeUndefined();
    await eventually(async () => {
      const r = await t.gql<{ linkRuns: { status: string }[] }>(`{ linkRuns { status } }`);
      expect(r.data!.linkRuns[0].status).toBe('DONE');
    }, 60_000);
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('keeps each row of the overlap one line high on a 390-px phone, the names in a key, the cells the API’s', async () => {
    const { data } = await t.gql<{ overlap: { matrix: { a: string; b: string; persons: number }[] } }>(
      `{ overlap(scope: "province") { matrix { a b persons } } }`,
    );
    const matrix = data!.overlap.matrix;
    const codes = [...new Set(matrix.flatMap((c) => [c.a, c.b]))].sort();
    expect(codes).toEqual(['CCB', 'CD', 'CTD', 'DTN', 'HND', 'HPN', 'NCT']);
    expect(matrix.find((c) => c.a === 'CTD' && c.b === 'HND')?.persons ?? matrix.find((c) => c.a === 'HND' && c.b === 'CTD')?.persons).toBe(
      1,
    );
    const organizations = (
      await t.gql<{ organizations: { code: string; name: string; abbreviation: string }[] }>(`{ organizations { code name abbreviation } }`)
    ).data!.organizations;
    const names = new Map(organizations.map((o) => [o.code, o.name]));
    // The rows in the organizations' own order (the report files' too), not by code.
    const order = organizations.map((o) => o.code).filter((c) => codes.includes(c));

    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-dien-thoai', Role.DAN_VAN));
    const overlap = page.getByTestId('overlap');
    await overlap.locator('td[data-a="CTD"][data-b="HND"]').waitFor();
    // The cells are `overlap`'s.
    for (const c of matrix) expect(await overlap.locator(`td[data-a="${c.a}"][data-b="${c.b}"]`).innerText()).toBe(String(c.persons));
    // Each row one line: headed by its short name as papers write it (CĐ, ĐTN: not the code without its Đ), the full name its title.
    const abbr = (code: string) => ({ CD: 'CĐ', DTN: 'ĐTN' })[code] ?? code;
    expect(Object.fromEntries(organizations.map((o) => [o.code, o.abbreviation]))).toMatchObject({ CD: 'CĐ', DTN: 'ĐTN', HPN: 'HPN' });
    expect(order.slice(0, 3)).toEqual(['CD', 'DTN', 'HPN']);
    const rows = overlap.locator('tbody tr');
    expect(await rows.count()).toBe(codes.length);
    for (const [i, code] of order.entries()) {
      const { height } = (await rows.nth(i).boundingBox())!;
      expect({ code, height, oneLine: height <= 40 }).toEqual({ code, height, oneLine: true });
      const head = rows.nth(i).locator('th');
      expect(await head.innerText()).toBe(abbr(code));
      expect(await head.locator('abbr').getAttribute('title')).toBe(names.get(code));
    }
    // Every name once, beside its code, beneath the table.
    const key = await page.getByTestId('overlap-key').innerText();
    for (const code of codes) expect(key).toMatch(new RegExp(`${abbr(code)}\\s+${names.get(code)!}`));
    // Nothing wider than the phone, the table whole without a swipe.
    expect(await page.evaluate<number>('Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)')).toBeLessThanOrEqual(
      390,
    );
    const table = (await overlap.boundingBox())!;
    expect(table.x >= 0 && table.x + table.width <= 390).toBe(true);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });

  it("keeps a commune's long name within its column of the communes' table on a phone, the figures beside it readable", async () => {
    const context = await b.context('phone');
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-xa-dai', Role.DAN_VAN));
    const name = page.getByRole('button', { name: 'Xem tổng quan của Phường Điện Biên Phủ' });
    await name.waitFor();
    const cell = page.getByTestId('communes').locator('tbody tr.ant-table-row').filter({ has: name }).locator('td').first();
    const [box, within] = [(await name.boundingBox())!, (await cell.boundingBox())!];
    expect(box.x + box.width).toBeLessThanOrEqual(within.x + within.width + 0.5);
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });
});
