import { DataSource } from 'typeorm';
import { asOf, periodContaining } from '../src/common/dates/period.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { OrganizationsService } from '../src/membership/organization/organizations.service.js';
import { resolveReportingArea } from '../src/membership/unit/reporting-area.js';
import { countReportFromRecords } from '../src/reports/counting/count-report.js';
import type { ReportData } from '../src/reports/figures/report-figures.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

/**
 * A commune's organization × organization table (found by a helper playing the provincial Ban Dân
 * vận: Tổng quan said HPN 109 in Xã Chà Tở, the saved report's "Trùng giữa tổ chức" 111 beside its
 * own "Theo tổ chức" 109): a person counts under an organization when ACTIVE in it in that commune
 * — not in it somewhere else in the province. The report's matrix is the live `overlap` of the
 * commune, and its diagonal each organization's people there.
 */
describe("a commune's overlap of organizations", () => {
  let t: TestApp;
  const current = periodContaining('QUARTER', new Date());
  const roster = (org: string, rows: string[]) => t.importRoster(org, HEADER, rows);

  beforeAll(async () => {
    // The deployment's province: Hà Nội, where 00004 and 00008 are.
    t = await createTestApp({ PROVINCE: '01' });
    // An: HPN in 00004, HND in 00008. Bình: HPN and HND, both in 00004. Cúc: NCT in 00004, HPN in 00008. Dũng: HND in 00004 only.
    await roster('HPN', [
      'HPN-1,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00004,HPN-B1,Đang sinh hoạt',
      'HPN-2,Trần Thị Bình,03/04/1950,Nữ,001150000002,0911000002,00004,HPN-B1,Đang sinh hoạt',
      'HPN-3,Lê Thị Cúc,07/08/1955,Nữ,001155000004,0911000004,00008,HPN-B2,Đang sinh hoạt',
    ]);
    await roster('HND', [
      'HND-1,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00008,HND-B2,Đang sinh hoạt',
      'HND-2,Trần Thị Bình,03/04/1950,Nữ,001150000002,0911000002,00004,HND-B1,Đang sinh hoạt',
      'HND-3,Phạm Văn Dũng,05/06/1970,Nam,001070000005,0911000005,00004,HND-B1,Đang sinh hoạt',
    ]);
    await roster('NCT', ['NCT-1,Lê Thị Cúc,07/08/1955,Nữ,001155000004,0911000004,00004,NCT-B1,Đang sinh hoạt']);
    await t.app.get(LinkerService).link();
  }, 120_000);

  afterAll(() => t.close());

  type Matrix = { a: string; b: string; people: number }[];
  const live = async (scope: string): Promise<Matrix> => {
    const r = await t.gql<{ overlap: { matrix: { a: string; b: string; persons: number }[] } }>(
      `query($s: String!) { overlap(scope: $s) { matrix { a b persons } } }`,
      { s: scope },
    );
    expect(r.errors).toBeUndefined();
    return r.data!.overlap.matrix.map(({ a, b, persons }) => ({ a, b, people: persons }));
  };
  const diagonalIsPeople = (data: ReportData) => {
    for (const o of data.organizations.filter((x) => x.people > 0))
      expect({ org: o.code, people: data.overlap.find((m) => m.a === o.code && m.b === o.code)?.people }).toEqual({
        org: o.code,
        people: o.people,
      });
  };

  it('counts in a commune only the memberships there, in the saved report as on Tổng quan', async () => {
    const expected: Matrix = [
      { a: 'HND', b: 'HND', people: 2 }, // Bình, Dũng — not An, whose HND is in 00008
      { a: 'HND', b: 'HPN', people: 1 }, // Bình
      { a: 'HPN', b: 'HPN', people: 2 }, // An, Bình — not Cúc, whose HPN is in 00008
      { a: 'NCT', b: 'NCT', people: 1 }, // Cúc; no HPN × NCT here
    ];
    expect(await live('commune:00004')).toEqual(expected);
    const report = await t.app.get(ReportsService).run(current.key, 'commune:00004', { now: new Date() });
    expect(report.data.overlap).toEqual(expected);
    diagonalIsPeople(report.data);
    // The same figures counted from the records (the way a unit's report is counted).
    const definitions = t.app
      .get(OrganizationsService)
      .list()
      .map((o) => o.definition);
    const fromRecords = await t.app.get(DataSource).transaction(async (em) => {
      const area = await resolveReportingArea(em, 'commune:00004');
      return countReportFromRecords(em, definitions, current, asOf(current, new Date()), area);
    });
    expect(fromRecords.data.overlap).toEqual(expected);
    expect(fromRecords.data).toEqual(report.data);
  });

  it('counts the other commune by the same rule, and the province as before (all of a person’s organizations)', async () => {
    const other = await t.app.get(ReportsService).run(current.key, 'commune:00008', { now: new Date() });
    expect(other.data.overlap).toEqual(await live('commune:00008'));
    expect(other.data.overlap).toEqual([
      { a: 'HND', b: 'HND', people: 1 },
      { a: 'HPN', b: 'HPN', people: 1 },
    ]);
    diagonalIsPeople(other.data);
    const province = await t.app.get(ReportsService).run(current.key, null, { now: new Date() });
    expect(province.data.overlap).toEqual(await live('province'));
    expect(province.data.overlap).toEqual([
      { a: 'HND', b: 'HND', people: 3 },
      { a: 'HND', b: 'HPN', people: 2 },
      { a: 'HPN', b: 'HPN', people: 3 },
      { a: 'HPN', b: 'NCT', people: 1 },
      { a: 'NCT', b: 'NCT', people: 1 },
    ]);
    diagonalIsPeople(province.data);
  });

  it("keeps each commune's people, one in two organizations there once, as Tổng quan counts them", async () => {
    const reports = t.app.get(ReportsService);
    const province = await reports.run(current.key, null, { now: new Date() });
    const c4 = await t.sql<{ name: string }>(`SELECT name FROM commune WHERE code = '00004'`);
    const c8 = await t.sql<{ name: string }>(`SELECT name FROM commune WHERE code = '00008'`);
    // 00004: An (HPN), Bình (HPN and HND: once), Dũng (HND), Cúc (NCT) — five memberships, four people.
    // 00008: An (HND), Cúc (HPN). An and Cúc count in both communes.
    const byCode = Object.fromEntries(province.data.peopleByCommune!.map((c) => [c.code ?? '', c]));
    expect(byCode).toEqual({
      // Bình is the one in two organizations there; An and Cúc are one each in 00008.
      '00004': {
        code: '00004',
        name: c4[0].name,
        memberships: 5,
        people: 4,
        peopleNotSuspected: 4,
        peopleInSeveralOrgs: 1,
        suspectedPhantoms: 0,
      },
      '00008': {
        code: '00008',
        name: c8[0].name,
        memberships: 2,
        people: 2,
        peopleNotSuspected: 2,
        peopleInSeveralOrgs: 0,
        suspectedPhantoms: 0,
      },
    });
    const dashboard = await t.gql<{ liveCommunes: { communes: unknown[] } }>(
      `{ liveCommunes { communes { code name memberships people peopleNotSuspected peopleInSeveralOrgs suspectedPhantoms } } }`,
    );
    expect(dashboard.data!.liveCommunes.communes).toEqual(province.data.peopleByCommune);
    // An organization's report: its own people in each commune.
    const hnd = await reports.run(current.key, 'org:HND', { now: new Date() });
    expect(Object.fromEntries(hnd.data.peopleByCommune!.map((c) => [c.code ?? '', [c.memberships, c.people]]))).toEqual({
      '00004': [2, 2], // Bình, Dũng
      '00008': [1, 1], // An
    });
    // Through the API, as the console and scripts read it.
    const read = await t.gql<{ report: { peopleByCommune: { code: string; people: number }[] } }>(
      `query($p: String!) { report(period: $p) { peopleByCommune { code people } } }`,
      { p: current.key },
    );
    expect(read.data!.report.peopleByCommune).toEqual(province.data.peopleByCommune!.map(({ code, people }) => ({ code, people })));
  });
  it("refuses a report for another province's commune (a namesake of hers would be listed as hers, counting no one), saying so", async () => {
    const [far] = await t.sql<{ code: string }>(`SELECT code FROM commune WHERE province_code = '11' ORDER BY code LIMIT 1`);
    const r = await t.gql(`mutation($s: String!, $p: String!) { runReport(period: $p, scope: $s) { id } }`, {
      s: `commune:${far.code}`,
      p: current.key,
    });
    expect(r.errors?.[0].message).toMatch(
      /thuộc Tỉnh Điện Biên, không thuộc tỉnh của hệ thống này: báo cáo chỉ lập cho các xã, phường trong tỉnh/,
    );
    expect(await t.sql(`SELECT 1 FROM report_snapshot WHERE scope = $1`, [`commune:${far.code}`])).toEqual([]);
  });
});
