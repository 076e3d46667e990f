import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import XLSX from 'xlsx';
import { Role } from '../src/access/role.js';
import { periodContaining, previousPeriod } from '../src/common/dates/period.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { STRUCK } from '../src/reports/figures/figure-wording.js';
import { ReportExportService } from '../src/reports/report-export.service.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { pdfText } from './support/pdf-text.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào';

/**
 * The Ban Dân vận asks how many phantoms the review struck off this period: the records whose warning
 * a secretariat confirmed in the period, in the report beside its joiners and leavers — by organization,
 * by commune, in its files — and not those she found a false alarm.
 */
describe("a report's phantoms struck off in the period", () => {
  let t: TestApp;
  let reports: ReportsService;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-struck-'));
  const current = periodContaining('QUARTER', new Date());
  const idOf = async (org: string, externalId: string) =>
    (await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE organization_code = $1 AND external_id = $2`, [org, externalId]))[0]
      .id;
  /** Her decision on the member's DECEASED warning, as the console sends it. */
  const decide = async (token: string, recordId: string, resolution: 'CONFIRMED' | 'FALSE_ALARM') => {
    const r = await t.gql(
      `mutation($id: ID!, $r: String!) { resolveFlag(recordId: $id, code: "DECEASED", resolution: $r, note: "Đã kiểm tra với thôn") }`,
      { id: recordId, r: resolution },
      { token },
    );
    expect(r.errors).toBeUndefined();
  };

  beforeAll(async () => {
    t = await createTestApp();
    reports = t.app.get(ReportsService);
    // Three the register lists as dead: two Hội Phụ nữ members in commune 00004, a Hội Nông dân member in 00008.
    await t.importRegister([
      'Phạm Thị Dung,05/06/1960,Nữ,001160000003,00004,Đã mất,15/06/2025',
      'Lý Thị Hoa,01/01/1955,Nữ,001155000013,00004,Đã mất,02/02/2026',
      'Hà Văn Thọ,02/02/1940,Nam,001040066666,00008,Đã mất,15/06/2025',
      'Nguyễn Thị An,01/02/1980,Nữ,001180000001,00004,Còn sống,',
    ]);
    await t.importRoster('HPN', HEADER, [
      'HPN-1,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00004,HPN-B1,Đang sinh hoạt,01/01/2010',
      'HPN-2,Phạm Thị Dung,05/06/1960,Nữ,001160000003,0911000003,00004,HPN-B1,Đang sinh hoạt,01/01/1995',
      'HPN-3,Lý Thị Hoa,01/01/1955,Nữ,001155000013,0911000013,00004,HPN-B1,Đang sinh hoạt,01/01/1990',
      // Listed twice (her CCCD under a second code), and Trần Thị Lụa who moves away: ended from their pages, below.
      'HPN-4,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00004,HPN-B1,Đang sinh hoạt,01/01/2010',
      'HPN-5,Trần Thị Lụa,03/03/1983,Nữ,,0911000015,00004,HPN-B1,Đang sinh hoạt,01/01/2012',
    ]);
    await t.importRoster('HND', HEADER, ['HND-1,Hà Văn Thọ,02/02/1940,Nam,001040066666,0911000011,00008,HND-B1,Đang sinh hoạt,01/01/2000']);
    await t.app.get(LinkerService).link();
    const hpn = await t.logIn(await t.createUser('xa-hpn', Role.SECRETARIAT, 'HPN'));
    const hnd = await t.logIn(await t.createUser('xa-hnd', Role.SECRETARIAT, 'HND'));
    // Both confirmed in Cảnh báo today; the Hội Nông dân's was a namesake: a false alarm.
    await decide(hpn, await idOf('HPN', 'HPN-2'), 'CONFIRMED');
    await decide(hpn, await idOf('HPN', 'HPN-3'), 'CONFIRMED');
    await decide(hnd, await idOf('HND', 'HND-1'), 'FALSE_ALARM');
    // From their pages (Xóa tên, and a move away, which no warning foresaw): the listing twice is struck off as its
    // warning says, so counted; the move is a leaver only.
    const end = async (externalId: string, status: string, reason: string) => {
      const r = await t.gql(
        `mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`,
        { i: { id: await idOf('HPN', externalId), status, date: new Date().toISOString().slice(0, 10), reason } },
        { token: hpn },
      );
      expect(r.errors).toBeUndefined();
    };
    await end('HPN-4', 'STRUCK_OFF', 'Ghi trùng với HPN-1');
    await end('HPN-5', 'LEFT', 'Chuyển đi xã khác');
  }, 120_000);

  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const read = async (id: string) => {
    const r = await t.gql<{
      report: { totals: { struck: number | null; leavers: number }; organizations: { code: string; struck: number | null }[] };
      reportRows: { nodes: { organizationCode: string; communeCode: string | null; struck: number | null }[] };
    }>(
      `query($id: ID!) {
         report(id: $id) { totals { struck leavers } organizations { code struck } }
         reportRows(report: $id) { nodes { organizationCode communeCode struck } }
       }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  const communeTotals = async (commune: string) => {
    const r = await t.gql<{ communeReports: { period: string; totals: { struck: number | null } }[] }>(
      `query($c: String!) { communeReports(commune: $c) { period totals { struck } } }`,
      { c: commune },
    );
    expect(r.errors).toBeUndefined();
    return r.data!.communeReports.find((x) => x.period === current.key)!.totals;
  };

  it('counts the confirmed warnings of the period by organization and commune, not the false alarm', async () => {
    const s = await reports.run(current.key, null, { now: new Date() });
    const { report, reportRows } = await read(s.id);
    expect(report.totals.struck).toBe(3);
    expect(report.organizations.map((o) => [o.code, o.struck])).toEqual(
      expect.arrayContaining([
        ['HPN', 3],
        ['HND', 0],
      ]),
    );
    expect(reportRows.nodes.find((r) => r.organizationCode === 'HPN' && r.communeCode === '00004')!.struck).toBe(3);
    expect(reportRows.nodes.filter((r) => r.organizationCode === 'HND').map((r) => r.struck)).toEqual([0]);
    // A commune secretariat's Tổng quan reads its part of the province's report.
    expect((await communeTotals('00004')).struck).toBe(3);
    // As Tổng quan counts the confirmed since ever: the same three.
    const live = await t.gql<{ liveFigures: { confirmedPhantoms: number } }>(`{ liveFigures { confirmedPhantoms } }`);
    expect(live.data!.liveFigures.confirmedPhantoms).toBe(3);
    expect((await communeTotals('00008')).struck).toBe(0);
    // Decided today: none in the quarter before, whose report is counted as of its last day.
    const before = await reports.run(previousPeriod(current).key, null, { now: new Date() });
    expect((await read(before.id)).report.totals.struck).toBe(0);
  });

  it('says the figure and how it is counted in the workbook and the PDF the Ban Dân vận sends up', async () => {
    await reports.run(previousPeriod(current).key, null, { now: new Date() });
    const s = await reports.run(current.key, null, { now: new Date() });
    const xlsx = path.join(dir, 'report.xlsx');
    await t.app.get(ReportExportService).write(s, 'xlsx', xlsx, CLI_PRINCIPAL);
    // SheetJS, not the library that wrote it.
    const wb = XLSX.read(fs.readFileSync(xlsx), { type: 'buffer' });
    const rows = (name: string) => XLSX.utils.sheet_to_json<(string | number | null)[]>(wb.Sheets[name], { header: 1, defval: null });
    // Against the quarter before, which had none: +2.
    expect(rows('Tổng hợp').find((r) => r[0] === STRUCK.label)).toEqual([STRUCK.label, 3, 0, 3, STRUCK.note]);
    const byOrg = rows('Theo tổ chức');
    const column = byOrg.find((r) => r.includes('Đã rà soát, kết thúc sinh hoạt'))!.indexOf('Đã rà soát, kết thúc sinh hoạt');
    expect(byOrg.find((r) => r[0] === 'HPN')![column]).toBe(3);
    expect(byOrg.find((r) => String(r[1]).startsWith('Toàn bộ ('))![column]).toBe(3);
    const byCommune = rows('Theo xã');
    const at = byCommune.find((r) => r.includes('Đã rà soát, kết thúc sinh hoạt'))!.indexOf('Đã rà soát, kết thúc sinh hoạt');
    expect(byCommune.find((r) => r[0] === '00004' && r[2] === 'HPN')![at]).toBe(3);

    const pdf = path.join(dir, 'report.pdf');
    await t.app.get(ReportExportService).write(s, 'pdf', pdf, CLI_PRINCIPAL);
    const text = await pdfText(pdf);
    expect(text).toContain(`${STRUCK.label} 3 `);
    // Its column by organization, the heading whole (not cut to "Rà soát,…").
    expect(text).toMatch(/Thôi SH\s+Đã rà soát\s+Tỷ lệ tập hợp/);
    expect(text.replace(/\s+/g, '')).toContain(`${STRUCK.label}: ${STRUCK.note}`.replace(/\s+/g, ''));
  });

  it('says "not known", not 0, for a report counted before the figure was kept', async () => {
    const s = await reports.run(current.key, null, { now: new Date() });
    // As a snapshot of an earlier version stored it: no figure in its data, none in its rows.
    await t.sql(`UPDATE report_snapshot SET data = data #- '{totals,struck}' WHERE id = $1`, [s.id]);
    await t.sql(
      `UPDATE report_snapshot SET data = jsonb_set(data, '{organizations}', (SELECT jsonb_agg(o - 'struck') FROM jsonb_array_elements(data->'organizations') o)) WHERE id = $1`,
      [s.id],
    );
    await t.sql(`UPDATE report_row SET struck = NULL WHERE snapshot_id = $1`, [s.id]);
    const { report, reportRows } = await read(s.id);
    expect(report.totals.struck).toBeNull();
    expect(report.organizations.every((o) => o.struck === null)).toBe(true);
    expect(reportRows.nodes.every((r) => r.struck === null)).toBe(true);
    expect((await communeTotals('00004')).struck).toBeNull();
  });

  it('keeps the false alarm in sight, with its reason, after the next link run stops raising it', async () => {
    await t.app.get(LinkerService).link();
    const hnd = await t.logIn(await t.createUser('xa-hnd-2', Role.SECRETARIAT, 'HND'));
    const r = await t.gql<{
      flaggedRecords: { externalId: string; flags: { code: string; resolution: string | null; note: string | null; message: string }[] }[];
    }>(`{ flaggedRecords(dismissed: true, problemsOnly: true) { externalId flags { code resolution note message } } }`, {}, { token: hnd });
    expect(r.errors).toBeUndefined();
    const tho = r.data!.flaggedRecords.find((x) => x.externalId === 'HND-1')!;
    expect(tho.flags).toEqual([
      expect.objectContaining({
        code: 'DECEASED',
        resolution: 'FALSE_ALARM',
        note: 'Đã kiểm tra với thôn',
        message: expect.stringMatching(/^Đã bác bỏ ngày \d{2}\/\d{2}\/\d{4}/) as string,
      }),
    ]);
    // …and her waiting list (false alarms left out) does not show it.
    const waiting = await t.gql<{ flaggedRecords: { externalId: string }[] }>(`{ flaggedRecords { externalId } }`, {}, { token: hnd });
    expect(waiting.data!.flaggedRecords.map((x) => x.externalId)).not.toContain('HND-1');
  });
});
