import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { chooseOption, CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';
const PAO = 'Lò Văn Páo,03/02/1961,Nam,001061000001,0912000001,03199';
const IN = 'Quàng Thị Ín,06/05/1970,Nữ,001170000002,0912000002,03199';
const TU = 'Lò Văn Tú,03/02/1975,Nam,001075000009,0912000009,03199';
/** The Si Pa Phìn cơ sở and its chi hội as a unit list shows them: tree order, each chi hội with its commune. */
const SPP_TREE = ['Cơ sở Hội Nông dân xã Si Pa Phìn', 'Chi hội bản Nậm Chẩn (Xã Si Pa Phìn)', 'Chi hội bản Phìn Hồ (Xã Si Pa Phìn)'];

/**
 * A cơ sở's secretariat's own Tổng quan (a helper found she had none: only the Ban Dân vận's, which
 * she may not open): her unit with its chi hội — how many of her members are also in other
 * organizations, and where — as `liveFigures` and `overlap` of her unit say; no other scope offered,
 * and her home is still her roster.
 */
describe('the console: a unit’s Tổng quan, for its secretariat and for the Ban Dân vận', () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      { organization: 'HND', code: 'HND-SPP', name: 'Cơ sở Hội Nông dân xã Si Pa Phìn', kind: 'BASE', communeCode: '03199' },
      { organization: 'HND', code: 'CHI-1', name: 'Chi hội bản Phìn Hồ', kind: 'BRANCH', parent: 'HND-SPP' },
      { organization: 'HND', code: 'CHI-2', name: 'Chi hội bản Nậm Chẩn', kind: 'BRANCH', parent: 'HND-SPP' },
      { organization: 'HND', code: 'HND-KHAC', name: 'Cơ sở Hội Nông dân xã khác', kind: 'BASE', communeCode: '03127' },
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    // Her three members in two chi hội; Páo is also in CCB and NCT, Ín in HPN; another cơ sở's member is not hers.
    await t.importRoster('HND', HEADER, [
      `HND-1,${PAO},CHI-1,Đang sinh hoạt`,
      `HND-2,${IN},CHI-2,Đang sinh hoạt`,
      `HND-3,${TU},CHI-2,Đang sinh hoạt`,
      'HND-9,Lò Văn Chung,04/04/1966,Nam,001066000019,0912000019,03127,HND-KHAC,Đang sinh hoạt',
      // A boy of 13 in the other cơ sở: suspected, too young for the Hội.
      'HND-10,Lò Văn Nhỏ,04/04/2013,Nam,001213000020,0912000020,03127,HND-KHAC,Đang sinh hoạt',
    ]);
    await t.importRoster('CCB', HEADER, [`CCB-1,${PAO},,Đang sinh hoạt`]);
    await t.importRoster('NCT', HEADER, [`NCT-1,${PAO},,Đang sinh hoạt`]);
    await t.importRoster('HPN', HEADER, [`HPN-2,${IN},,Đang sinh hoạt`]);
    await t.app.get(LinkerService).link();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('shows her unit’s figures and where else her members are, and nothing of another scope', async () => {
    const page = await logInThroughPage(
      await b.context('desktop'),
      t.url,
      await t.createUser('vp.hnd.spp', Role.SECRETARIAT, 'HND', 'HND-SPP'),
    );
    // Her home is her roster; Tổng quan is in her menu.
    const menu = page.getByRole('link', { name: 'Tổng quan', exact: true });
    await menu.waitFor();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).first().innerText()).not.toMatch(/Tổng quan/);
    await menu.click();
    await page.getByRole('heading', { level: 1, name: /Tổng quan — Cơ sở Hội Nông dân xã Si Pa Phìn/ }).waitFor();
    const figure = async (id: string) => Number(await page.getByTestId(id).locator('[data-figure]').first().getAttribute('data-figure'));
    expect(await figure('memberships')).toBe(3);
    expect(await figure('people')).toBe(3);
    // Páo in three organizations, Ín in two, Tú in one.
    const several = page.getByTestId('several-orgs').locator('[data-figure]');
    expect(await several.getAttribute('data-figure')).toBe('2');
    // Her row of the overlap: where else her people are.
    const overlap = page.getByTestId('overlap');
    for (const [a, b2, n] of [
      ['HND', 'HND', 3],
      ['CCB', 'HND', 1],
      ['HND', 'HPN', 1],
      ['HND', 'NCT', 1],
    ] as const)
      expect(await overlap.locator(`td[data-a="${a}"][data-b="${b2}"], td[data-a="${b2}"][data-b="${a}"]`).first().innerText()).toBe(
        String(n),
      );
    // The row is her unit's people, and its note says so (not the whole organization's).
    expect(await page.getByText(/^Mỗi ô: số người của Cơ sở Hội Nông dân xã Si Pa Phìn \(HND\) đang sinh hoạt/).count()).toBe(1);
    // No other scope: no picker, no province, and her commune's row is only hers.
    expect(await page.getByRole('combobox', { name: 'Phạm vi' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Về toàn tỉnh' }).count()).toBe(0);
    // The communes' table: the one-organization scope shows no "in two organizations there" column, and a name opens nothing.
    expect(await page.getByRole('columnheader', { name: /Ở từ 2 tổ chức trong xã/ }).count()).toBe(0);
    expect(
      await page
        .getByTestId('communes')
        .getByRole('button', { name: /^Xem tổng quan của/ })
        .count(),
    ).toBe(0);
    // Her chi hội, each to open: the only scopes she is offered.
    expect(await page.getByTestId('units').getByRole('button').allInnerTexts()).toEqual(SPP_TREE.slice(1));
    // No report of her unit yet: said without sending her to a screen she does not have.
    expect(await page.getByText(/do Ban Dân vận hoặc quản trị viên lập/).count()).toBe(1);
    // Her Excel: her row of the overlap only (a full matrix's diagonal would read as other organizations' people).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Xuất Excel/ }).click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const rows = (book.getWorksheet('Trùng giữa tổ chức')!.getSheetValues() as unknown[][]).filter((r) => Array.isArray(r));
    const named = rows.filter((r) => typeof r[1] === 'string' && /^Hội /.test(r[1]));
    expect(named.map((r) => r[1])).toEqual(['Hội Nông dân Việt Nam']);
    // The same figures as the API gives her unit.
    const api = await t.gql<{ liveFigures: { memberships: number; people: number } }>(
      `{ liveFigures(scope: "unit:HND/HND-SPP") { memberships people } }`,
    );
    expect(api.data!.liveFigures).toEqual({ memberships: 3, people: 3 });
  });

  it('lets the Ban Dân vận open one unit of an organization, with its chi hội, and a chi hội’s roster from there', async () => {
    const page = await logInThroughPage(await b.context('desktop'), t.url, await t.createUser('bdv.tinh', Role.DAN_VAN));
    await page.goto(`${t.url}/#/tong-quan?pham-vi=org:HND`);
    await page.getByRole('heading', { level: 1, name: /Tổng quan — .*Nông dân/ }).waitFor();
    const figure = async (id: string) => Number(await page.getByTestId(id).locator('[data-figure]').first().getAttribute('data-figure'));
    await eventually(async () => expect(await figure('memberships')).toBe(5));
    // Found by typing a commune without accents: its units in tree order, each chi hội under its cơ sở with the
    // commune its name does not say (a province has many "Chi hội 1"); not the other commune's cơ sở.
    const box = page.getByRole('combobox', { name: 'Đơn vị, chi hội (gõ tên)' });
    await box.click();
    await box.pressSequentially('si pa phin');
    const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await eventually(async () => expect(await offered.allInnerTexts()).toEqual(SPP_TREE));
    await offered.first().click();
    await page.getByRole('heading', { level: 1, name: /Tổng quan — Cơ sở Hội Nông dân xã Si Pa Phìn/ }).waitFor();
    await eventually(async () => expect(await figure('memberships')).toBe(3));
    expect(await figure('people')).toBe(3);
    // The address names the unit (codes only): a reload shows it again, and the organization stays chosen.
    expect(page.url()).toContain('pham-vi=unit:HND/HND-SPP');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Tổng quan — Cơ sở Hội Nông dân xã Si Pa Phìn/ }).waitFor();
    // (Its name once the organizations are read: until then the choice shows its code.)
    await eventually(async () =>
      expect(
        await page.getByRole('combobox', { name: 'Phạm vi' }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').innerText(),
      ).toMatch(/Nông dân/),
    );
    // One chi hội: its members only (Ín and Tú), the same as the API's figures for it.
    await chooseOption(page, page.getByRole('combobox', { name: 'Đơn vị, chi hội (gõ tên)' }), 'Chi hội bản Nậm Chẩn');
    // Named with its commune, which its name does not say (another commune may have a "Chi hội bản Nậm Chẩn").
    await page.getByRole('heading', { level: 1, name: 'Tổng quan — Chi hội bản Nậm Chẩn, Xã Si Pa Phìn (HND)' }).waitFor();
    await eventually(async () => expect(await figure('memberships')).toBe(2));
    const api = await t.gql<{ liveFigures: { memberships: number; people: number } }>(
      `{ liveFigures(scope: "unit:HND/CHI-2") { memberships people } }`,
    );
    expect(api.data!.liveFigures).toEqual({ memberships: 2, people: 2 });
    expect(await review(page)).toEqual(CLEAN);
    // Its commune's roster from the table: that chi hội's members, not the commune's whole organization.
    await page
      .getByRole('link', { name: /^Xem danh sách hội viên của/ })
      .first()
      .click();
    await page.waitForURL(/#\/danh-sach/);
    expect(page.url()).toContain('don-vi=CHI-2');
    const names = page.getByRole('table').getByRole('cell', { name: /Lò Văn|Quàng Thị/ });
    await eventually(async () => expect((await names.allInnerTexts()).sort()).toEqual(['Lò Văn Tú', 'Quàng Thị Ín']));
    // Back, then the unit cleared: the organization's figures again.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /Tổng quan — Chi hội bản Nậm Chẩn/ }).waitFor();
    await page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Đơn vị, chi hội (gõ tên)' }) }).hover();
    await page
      .locator('.ant-select', { has: page.getByRole('combobox', { name: 'Đơn vị, chi hội (gõ tên)' }) })
      .locator('.ant-select-clear')
      .click();
    await eventually(async () => expect(await figure('memberships')).toBe(5));
    expect(page.url()).toMatch(/pham-vi=org:HND$/);
  });

  it('lists an organization’s cơ sở and a cơ sở’s chi hội with their figures, each opening its own Tổng quan', async () => {
    type U = { code: string; own: boolean; memberships: number; people: number; suspectedPhantoms: number };
    const units = async (scope: string) => {
      const r = await t.gql<{ liveUnits: { units: U[] } }>(
        `query($s: String) { liveUnits(scope: $s) { units { code own memberships people suspectedPhantoms } } }`,
        { s: scope },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.liveUnits.units;
    };
    // By name: the other commune's cơ sở ("…xã khác") before Si Pa Phìn's; each with its chi hội's members.
    expect(await units('org:HND')).toEqual([
      { code: 'HND-KHAC', own: false, memberships: 2, people: 2, suspectedPhantoms: 1 },
      { code: 'HND-SPP', own: false, memberships: 3, people: 3, suspectedPhantoms: 0 },
    ]);
    expect(await units('unit:HND/HND-SPP')).toEqual([
      { code: 'CHI-2', own: false, memberships: 2, people: 2, suspectedPhantoms: 0 },
      { code: 'CHI-1', own: false, memberships: 1, people: 1, suspectedPhantoms: 0 },
    ]);
    expect(await units('province')).toEqual([]);
    // An organization kept under its province committee: its cơ sở listed all the same, the committee's own members apart.
    await t.createUnits([
      { organization: 'CCB', code: 'CCB-TINH', name: 'Hội Cựu chiến binh tỉnh', kind: 'PROVINCE' },
      {
        organization: 'CCB',
        code: 'CCB-SPP',
        name: 'Hội Cựu chiến binh xã Si Pa Phìn',
        kind: 'BASE',
        communeCode: '03199',
        parent: 'CCB-TINH',
      },
    ]);
    await t.importRoster('CCB', HEADER, [
      'CCB-2,Lò Văn Sính,05/05/1955,Nam,001055000021,0912000021,03199,CCB-SPP,Đang sinh hoạt',
      'CCB-3,Cà Văn Ón,06/06/1956,Nam,001056000022,0912000022,03199,CCB-TINH,Đang sinh hoạt',
    ]);
    await t.app.get(LinkerService).link();
    expect(await units('org:CCB')).toEqual([
      { code: 'CCB-SPP', own: false, memberships: 1, people: 1, suspectedPhantoms: 0 },
      { code: 'CCB-TINH', own: true, memberships: 1, people: 1, suspectedPhantoms: 0 },
    ]);
    const page = await logInThroughPage(await b.context('desktop'), t.url, await t.createUser('bdv.tinh3', Role.DAN_VAN));
    await page.goto(`${t.url}/#/tong-quan?pham-vi=org:HND`);
    const table = page.getByTestId('units');
    await table.getByRole('button', { name: 'Xem tổng quan của Cơ sở Hội Nông dân xã Si Pa Phìn' }).click();
    await page.getByRole('heading', { level: 1, name: /Tổng quan — Cơ sở Hội Nông dân xã Si Pa Phìn/ }).waitFor();
    expect(page.url()).toContain('pham-vi=unit:HND/HND-SPP');
    // Its chi hội, named with their commune; their số lượt add up to the cơ sở's.
    await table.getByRole('button', { name: 'Xem tổng quan của Chi hội bản Nậm Chẩn' }).waitFor();
    expect(await table.getByRole('button').allInnerTexts()).toEqual(SPP_TREE.slice(1));
    expect(await review(page)).toEqual(CLEAN);
    // The Excel of what is on screen has them too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Xuất Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe('tong-quan-HND-HND-SPP.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const rows = (book.getWorksheet('Theo đơn vị')!.getSheetValues() as unknown[][]).filter(
      (r) => Array.isArray(r) && /^CHI-/.test(String(r[1])),
    );
    expect(rows.map((r) => [r[1], r[4]])).toEqual([
      ['CHI-2', 2],
      ['CHI-1', 1],
    ]);
  });

  it('opens a unit’s suspects in Cảnh báo: that unit’s, with its chi hội, not the organization’s', async () => {
    const within = async (unit: string | null) => {
      const r = await t.gql<{ flaggedRecords: { fullName: string }[] }>(
        `query($u: String) { flaggedRecords(organization: "HND", withinUnit: $u, code: "AO") { fullName } }`,
        { u: unit },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.flaggedRecords.map((f) => f.fullName);
    };
    expect([await within(null), await within('HND-KHAC'), await within('HND-SPP')]).toEqual([['Lò Văn Nhỏ'], ['Lò Văn Nhỏ'], []]);
    const page = await logInThroughPage(await b.context('desktop'), t.url, await t.createUser('bdv.tinh2', Role.DAN_VAN));
    await page.goto(`${t.url}/#/tong-quan?pham-vi=unit:HND/HND-KHAC`);
    await page.getByRole('heading', { level: 1, name: /Tổng quan — Cơ sở Hội Nông dân xã khác/ }).waitFor();
    await page.getByTestId('reasons').getByRole('link').first().click();
    await page.waitForURL(/#\/canh-bao/);
    expect(new URL(page.url()).hash).toMatch(/to-chuc=HND&don-vi=HND-KHAC/);
    const names = page.locator('.ant-table-tbody tr.ant-table-row td:first-child');
    await eventually(async () => expect(await names.allInnerTexts()).toEqual(['Lò Văn Nhỏ']));
    // Its unit with its commune, as many communes have a unit of one name (a tester's five "Chi hội … thôn Tân Thanh").
    const labelled = await t.gql<{ flaggedRecords: { unitName: string; unitLabel: string }[] }>(
      `{ flaggedRecords(organization: "HND", code: "AO") { unitName unitLabel } }`,
    );
    const [{ unitLabel }] = labelled.data!.flaggedRecords;
    expect(unitLabel).toMatch(/^Cơ sở Hội Nông dân xã khác \((Xã|Phường) .+\)$/);
    await page.locator('.ant-table-tbody tr.ant-table-row').getByText(unitLabel, { exact: true }).waitFor();
    // The unit is shown as chosen, and another one chosen there empties the list.
    await chooseOption(page, page.getByRole('combobox', { name: 'Đơn vị, chi hội (gõ tên)' }), 'Cơ sở Hội Nông dân xã Si Pa Phìn');
    await page.waitForURL(/don-vi=HND-SPP/);
    await page
      .getByText(/Không có hồ sơ nào|Không có cảnh báo/)
      .first()
      .waitFor();
    expect(await review(page)).toEqual(CLEAN);
    // Without an organization, a unit means nothing: said, not guessed.
    const bare = await t.gql(`{ flaggedRecords(withinUnit: "HND-SPP") { fullName } }`);
    expect(bare.errors?.[0].message).toMatch(/chọn cả tổ chức/);
    // A code the organization has no unit of (mistyped in an address): said so, not an empty list that reads "no suspects".
    const unknown = await t.gql(`{ flaggedRecords(organization: "HND", withinUnit: "HND-SSP") { fullName } }`);
    expect(unknown.errors?.[0].message).toContain("HND không có đơn vị mã 'HND-SSP'");
  });

  it('lets a cơ sở’s secretariat look at one of her chi hội, and nothing outside her unit', async () => {
    const page = await logInThroughPage(
      await b.context('desktop'),
      t.url,
      await t.createUser('vp.hnd.spp2', Role.SECRETARIAT, 'HND', 'HND-SPP'),
    );
    await page.getByRole('link', { name: 'Tổng quan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Tổng quan — Cơ sở Hội Nông dân xã Si Pa Phìn/ }).waitFor();
    const box = page.getByRole('combobox', { name: 'Đơn vị, chi hội (gõ tên)' });
    await box.click();
    // Her unit and its two chi hội: not the other commune's cơ sở.
    const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await eventually(async () => expect(await offered.allInnerTexts()).toEqual(SPP_TREE));
    await offered.filter({ hasText: 'Chi hội bản Phìn Hồ' }).click();
    await page.getByRole('heading', { level: 1, name: /Tổng quan — Chi hội bản Phìn Hồ/ }).waitFor();
    const figure = async (id: string) => Number(await page.getByTestId(id).locator('[data-figure]').first().getAttribute('data-figure'));
    await eventually(async () => expect(await figure('memberships')).toBe(1));
    // Páo, the chi hội's one member, is in three organizations.
    expect(await page.getByTestId('several-orgs').locator('[data-figure]').getAttribute('data-figure')).toBe('1');
    expect(await review(page)).toEqual(CLEAN);
  });
});
