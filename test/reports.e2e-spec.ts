import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ProvisionalReports1763700000016 } from '../migrations/1763700000016-provisional-reports.js';
import XLSX from 'xlsx';
import { Role } from '../src/access/role.js';
import { todayInVietnam } from '../src/common/dates/partial-date.js';
import { vietnamTime } from '../src/common/dates/vietnam-time.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { MemberRecordsService } from '../src/membership/member-record/member-records.service.js';
import { MemberStatus } from '../src/membership/status/member-status.js';
import { lastEndedPeriod, periodContaining, previousPeriod } from '../src/common/dates/period.js';
import { COMMUNE_PEOPLE_NOTE } from '../src/reports/figures/figure-wording.js';
import { ReportExportService } from '../src/reports/report-export.service.js';
import { ReportScheduler } from '../src/reports/report-scheduler.js';
import type { ReportSnapshot } from '../src/reports/report.entities.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { pdfText } from './support/pdf-text.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào,Ngày sinh hoạt gần nhất';
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * Reconciliation reports on a real PostgreSQL: a small province (register for commune 00004) with
 * people in several organizations, a duplicate, a dead member, a joiner and a leaver of today.
 */
describe('reconciliation reports', () => {
  let t: TestApp;
  let reports: ReportsService;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-reports-'));
  const today = todayInVietnam();
  const now = () => new Date();
  const current = periodContaining('QUARTER', new Date());
  const roster = (org: string, rows: string[]) => t.importRoster(org, HEADER, rows);
  const recordId = async (org: string, externalId: string) =>
    (await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE organization_code = $1 AND external_id = $2`, [org, externalId]))[0]
      .id;

  beforeAll(async () => {
    t = await createTestApp();
    reports = t.app.get(ReportsService);
    await t.importRegister([
      'Nguyễn Thị An,01/02/1980,Nữ,001180000001,00004,Còn sống,',
      'Trần Thị Bình,03/04/1950,Nữ,001150000002,00004,Còn sống,',
      'Phạm Thị Dung,05/06/1960,Nữ,001160000003,00004,Đã mất,15/06/2025',
      'Lê Thị Cúc,07/08/2009,Nữ,001309000004,00004,Còn sống,',
      'Hoàng Văn Em,09/10/2000,Nam,001200000005,00004,Còn sống,',
      'Vũ Văn Phú,11/12/1940,Nam,001040000006,00004,Còn sống,',
      'Hà Văn Thọ,02/02/1940,Nam,001040066666,00004,Đã mất,15/06/2025',
    ]);
    await roster('HPN', [
      'HPN-1,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00004,HPN-B1,Đang sinh hoạt,01/01/2010,01/10/2026',
      'HPN-2,Trần Thị Bình,03/04/1950,Nữ,001150000002,0911000002,00004,HPN-B1,Đang sinh hoạt,01/01/1990,01/10/2026',
      'HPN-3,Phạm Thị Dung,05/06/1960,Nữ,001160000003,0911000003,00004,HPN-B1,Đang sinh hoạt,01/01/1995,01/10/2026',
      'HPN-4,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00004,HPN-B2,Đang sinh hoạt,01/01/2012,01/10/2026',
      `HPN-5,Đỗ Thị Giang,02/03/1985,Nữ,,0911000005,00008,HPN-B3,Đang sinh hoạt,${vn(today)},`,
      // Listed today for a while (sinh hoạt tạm thời): no kết nạp, as she is not in số lượt.
      `HPN-6,Lường Thị Tạm,05/05/1990,Nữ,,0911000012,00008,HPN-B3,Sinh hoạt tạm thời,${vn(today)},`,
    ]);
    await roster('NCT', [
      'NCT-1,Trần Thị Bình,03/04/1950,Nữ,001150000002,0911000002,00004,NCT-B1,Đang sinh hoạt,01/01/2010,01/10/2026',
      'NCT-2,Vũ Văn Phú,11/12/1940,Nam,001040000006,0911000006,00004,NCT-B1,Đang sinh hoạt,01/01/2000,01/10/2026',
      'NCT-3,Hà Văn Thọ,02/02/1940,Nam,001040066666,0911000011,00004,NCT-B1,Đang sinh hoạt,01/01/2000,01/10/2026',
    ]);
    await roster('DTN', [
      'DTN-1,Hoàng Văn Em,09/10/2000,Nam,001200000005,0911000007,00004,DTN-B1,Đang sinh hoạt,01/01/2016,01/10/2026',
      'DTN-2,Lê Thị Cúc,07/08/2009,Nữ,001309000004,0911000008,00004,DTN-B1,Đang sinh hoạt,01/01/2025,01/10/2026',
    ]);
    await roster('HND', [
      'HND-1,Vũ Văn Phú,11/12/1940,Nam,001040000006,0911000006,00004,HND-B1,Đang sinh hoạt,01/01/1980,01/10/2026',
      'HND-2,Trần Thị Bình,03/04/1950,Nữ,001150000002,0911000002,00004,HND-B1,Đang sinh hoạt,01/01/1985,01/10/2026',
      'HND-3,Kim Văn Khải,04/05/1975,Nam,001075000009,0911000009,00008,HND-B2,Tạm dừng sinh hoạt,01/01/2000,01/10/2026',
      'HND-4,Lò Văn Lâm,06/07/1970,Nam,001070000010,0911000010,00008,HND-B2,Đang sinh hoạt,01/01/2000,01/10/2026',
    ]);
    await roster('CD', ['CD-1,Hoàng Văn Em,09/10/2000,Nam,001200000005,0911000007,00008,CD-B1,Đang sinh hoạt,01/01/2022,01/10/2026']);
    // Lò Văn Lâm leaves today: a leaver of this period, still a member at the end of the last one.
    await t.app
      .get(MemberRecordsService)
      .end({ id: await recordId('HND', 'HND-4'), status: MemberStatus.LEFT, date: today, reason: 'Chuyển đi nơi khác' }, CLI_PRINCIPAL);
    await t.app.get(LinkerService).link();
  }, 120_000);

  /** The estimate of people not suspected as the API gives it: the report's number, the dashboard's name and note. */
  const estimateOf = async (id: string) => {
    const r = await t.gql<{
      report: { totals: { peopleNotSuspected: number | null } };
      liveFigures: { peopleNotSuspectedLabel: string; peopleNotSuspectedNote: string };
    }>(
      `query($id: ID!) { report(id: $id) { totals { peopleNotSuspected } } liveFigures { peopleNotSuspectedLabel peopleNotSuspectedNote } }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    const value = r.data!.report.totals.peopleNotSuspected;
    expect(typeof value).toBe('number');
    return { value: value!, label: r.data!.liveFigures.peopleNotSuspectedLabel, note: r.data!.liveFigures.peopleNotSuspectedNote };
  };

  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("counts the period's figures as independent SQL over the database does", async () => {
    const s = await reports.run(current.key, null, { now: now() });
    expect(s).toMatchObject({ period: current.key, scope: 'province', scopeLabel: 'Toàn tỉnh', final: false, asOfDay: today });
    const who = `coalesce(p.person_id, r.id)`;
    const active = `FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE r.status = 'ACTIVE'`;
    const [sql] = await t.sql<Record<string, number>>(
      `SELECT count(*)::int AS memberships, count(DISTINCT ${who})::int AS people, count(*) FILTER (WHERE p.ao)::int AS "suspectedPhantoms",
              count(*) FILTER (WHERE r.id_number_hash IS NULL)::int AS "withoutIdNumber",
              count(DISTINCT ${who}) FILTER (WHERE NOT coalesce(p.ao, false))::int AS "peopleNotSuspected" ${active}`,
    );
    const [several] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT ${who} ${active} GROUP BY 1 HAVING count(DISTINCT r.organization_code) > 1) x`,
    );
    const [moves] = await t.sql<{ joiners: number; leavers: number }>(
      `SELECT (SELECT count(*)::int FROM member_record r WHERE coalesce(r.join_date, r.created_at::date) BETWEEN $1 AND $2 AND r.status <> 'TEMPORARY') AS joiners,
              (SELECT count(DISTINCT record_id)::int FROM membership_event WHERE kind = 'ENDED' AND effective_date BETWEEN $1 AND $2) AS leavers`,
      [current.firstDay, today],
    );
    expect(s.data.totals).toMatchObject({ ...sql, peopleInSeveralOrgs: several.n, ...moves });
    // What the data plants, so the SQL above is not trivially zero.
    expect(s.data.totals).toMatchObject({ joiners: 1, leavers: 1, duplicateRecords: 1 });
    expect(s.data.peopleByOrgCount.threeOrMore).toBe(1); // Trần Thị Bình: HPN, NCT, HND
    // The estimate leaves out people suspected in every organization they are in (the dead), as the dashboard does.
    expect(sql.peopleNotSuspected).toBeLessThan(sql.people);
    const live = await t.gql<{ liveFigures: { peopleNotSuspected: number } }>(`{ liveFigures { peopleNotSuspected } }`);
    expect(live.data!.liveFigures.peopleNotSuspected).toBe(s.data.totals.peopleNotSuspected);

    const byOrg = await t.sql<{ org: string; memberships: number; people: number; phantoms: number }>(
      `SELECT r.organization_code AS org, count(*)::int AS memberships, count(DISTINCT ${who})::int AS people,
              count(*) FILTER (WHERE p.ao)::int AS phantoms ${active} GROUP BY 1`,
    );
    for (const o of byOrg) {
      const f = s.data.organizations.find((x) => x.code === o.org)!;
      expect([f.memberships, f.people, f.duplicateRecords, f.suspectedPhantoms]).toEqual([
        o.memberships,
        o.people,
        o.memberships - o.people,
        o.phantoms,
      ]);
    }
    expect(s.data.organizations.map((o) => o.code)).not.toContain('MTTQ');
    const reasons = await t.sql<{ org: string; reason: string; n: number }>(
      `SELECT r.organization_code AS org, x AS reason, count(*)::int AS n
         FROM member_record r JOIN record_person p ON p.record_id = r.id, unnest(p.ao_reasons) x
        WHERE r.status = 'ACTIVE' AND p.ao GROUP BY 1, 2`,
    );
    for (const r of reasons) expect(s.data.organizations.find((o) => o.code === r.org)!.phantomsByReason[r.reason]).toBe(r.n);
    expect(s.data.organizations.find((o) => o.code === 'HPN')!.phantomsByReason.DECEASED).toBe(1);
    expect(s.data.organizations.find((o) => o.code === 'NCT')!.phantomsByReason.DECEASED).toBe(1);

    const matrix = await t.sql<{ a: string; b: string; people: number }>(
      `WITH po AS (SELECT DISTINCT ${who} AS who, r.organization_code AS org ${active})
       SELECT x.org AS a, y.org AS b, count(*)::int AS people FROM po x JOIN po y ON y.who = x.who AND x.org <= y.org GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(s.data.overlap).toEqual(matrix);

    // Tỷ lệ tập hợp: HPN's people not suspected of being phantoms (the dead Phạm Thị Dung is not reached)
    // against the register's women of 18 and over alive today, in the communes it covers.
    const [hpn] = await t.sql<{ eligible: number; reached: number }>(
      `SELECT (SELECT count(*)::int FROM resident x WHERE x.sex = 'FEMALE' AND (x.alive OR x.death_date > $1::date)
                 AND x.birth_date <= $1::date - interval '18 years') AS eligible,
              (SELECT count(DISTINCT ${who})::int ${active} AND r.organization_code = 'HPN' AND NOT coalesce(p.ao, false)
                 AND r.commune_code IN (SELECT commune_code FROM resident)) AS reached`,
      [today],
    );
    expect(hpn).toEqual({ eligible: 2, reached: 2 });
    expect(s.data.organizations.find((o) => o.code === 'HPN')!.reach).toMatchObject({ known: true, eligible: 2, reached: 2, rate: 1 });
    expect(s.data.organizations.find((o) => o.code === 'DTN')!.reach).toMatchObject({ known: true, eligible: 2, reached: 2 });
    expect(s.data.organizations.find((o) => o.code === 'NCT')!.reach).toMatchObject({ known: true, eligible: 2, reached: 2 });
    for (const code of ['CD', 'HND', 'CCB']) expect(s.data.organizations.find((o) => o.code === code)!.reach.known).toBe(false);

    // Rows add up to the totals; the commune of the register carries its eligible population.
    const rows = await reports.rows(s.id);
    expect(rows.nodes.reduce((n, r) => n + r.memberships, 0)).toBe(sql.memberships);
    expect(rows.nodes.find((r) => r.organizationCode === 'HPN' && r.communeCode === '00004')).toMatchObject({
      eligible: 2,
      people: 3,
      reached: 2,
      rate: 1,
    });
    expect((await reports.rows(s.id, { organization: 'hnd', commune: '00008' })).nodes).toEqual([
      expect.objectContaining({ memberships: 0, leavers: 1, eligible: null }),
    ]);

    // Scopes: a commune and an organization.
    const commune = await reports.run(current.key, 'commune:00008', { now: now() });
    const [c8] = await t.sql<{ n: number; real: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT ${who}) FILTER (WHERE NOT coalesce(p.ao, false))::int AS real ${active} AND r.commune_code = '00008'`,
    );
    expect(commune.data.totals.memberships).toBe(c8.n);
    expect(commune.data.totals.peopleNotSuspected).toBe(c8.real);
    expect(commune.data.organizations.find((o) => o.code === 'HPN')!.reach).toMatchObject({ known: false });
    const org = await reports.run(current.key, 'org:hpn', { now: now() });
    expect(org.scope).toBe('org:HPN');
    expect(org.data.organizations.map((o) => o.code)).toEqual(['HPN']);
    // HPN's people, and the other organizations they are in: Bình in NCT and HND.
    expect(org.data.overlap).toContainEqual({ a: 'HND', b: 'NCT', people: 1 });
    const orgPhantoms = await reports.phantoms(org.id, CLI_PRINCIPAL);
    expect(orgPhantoms.length).toBe(org.data.totals.suspectedPhantoms);
    expect(orgPhantoms.every((p) => p.organizationCode === 'HPN')).toBe(true);
    await expect(reports.run(current.key, 'district:1', { now: now() })).rejects.toThrow('không hợp lệ');
    await expect(reports.run('2026-Q5', null, { now: now() })).rejects.toThrow("Kỳ báo cáo '2026-Q5' không hợp lệ");
  });

  it('counts a period that is over as of its last day, from the dated history', async () => {
    const last = lastEndedPeriod('MONTH', now());
    const before = await reports.run(last.key, null, { now: now() });
    const nowReport = await reports.run(current.key, null, { now: now() });
    expect(before).toMatchObject({ final: true, asOfDay: last.lastDay });
    const org = (s: ReportSnapshot, code: string) => s.data.organizations.find((o) => o.code === code)!.memberships;
    // Lò Văn Lâm left today: a member then. Đỗ Thị Giang joined today: not yet.
    expect(org(before, 'HND')).toBe(org(nowReport, 'HND') + 1);
    expect(org(before, 'HPN')).toBe(org(nowReport, 'HPN') - 1);
    expect(before.data.totals.leavers).toBe(0);
  });

  it('lists the reports newest first, as the console says: of one period, the one computed last first', async () => {
    const month = periodContaining('MONTH', now());
    const list = async () =>
      (
        await t.gql<{ reports: { scope: string }[] }>(`query($p: String!) { reports(period: $p) { scope } }`, { p: month.key })
      ).data!.reports.map((r) => r.scope);
    await reports.run(month.key, 'org:HPN', { now: now() });
    await reports.run(month.key, 'province', { now: now() });
    expect(await list()).toEqual(['province', 'org:HPN']);
    await reports.run(month.key, 'org:HPN', { now: now() });
    expect(await list()).toEqual(['org:HPN', 'province']);
  });

  it('keeps an official report computed again, as it was sent up, reached from the one that replaced it', async () => {
    const last = lastEndedPeriod('MONTH', now());
    const sent = await reports.run(last.key, null, { now: now() });
    expect(sent.final).toBe(true);
    const again = await t.gql<{ runReport: { id: string; replaced: { id: string; totals: { memberships: number } }[] } }>(
      `mutation($p: String!) { runReport(period: $p) { id replaced { id totals { memberships } } } }`,
      { p: last.key },
    );
    expect(again.errors).toBeUndefined();
    const now2 = again.data!.runReport;
    expect(now2.replaced[0]).toEqual({ id: sent.id, totals: { memberships: sent.data.totals.memberships } });
    // The list and the period's report are the new one; the one sent up is still there, whole, by its id.
    const listed = await t.gql<{ reports: { id: string }[] }>(`query($p: String!) { reports(period: $p) { id } }`, { p: last.key });
    expect(listed.data!.reports.map((r) => r.id)).toEqual([now2.id]);
    const old = await t.gql<{ report: { id: string; totals: { memberships: number } } }>(
      `query($id: ID!) { report(id: $id) { id totals { memberships } } }`,
      {
        id: sent.id,
      },
    );
    expect(old.data!.report).toEqual({ id: sent.id, totals: { memberships: sent.data.totals.memberships } });
    expect((await reports.rows(sent.id)).nodes.length).toBeGreaterThan(0);
  });

  it('gives identical figures when a period is run twice, and keeps one snapshot of it', async () => {
    const a = await reports.run(current.key, null, { now: now() });
    const rowsA = await reports.rows(a.id);
    const phantomsA = await reports.phantoms(a.id, CLI_PRINCIPAL);
    const b = await reports.run(current.key, null, { now: now() });
    expect(b.id).not.toBe(a.id);
    expect(b.data).toEqual(a.data);
    expect((await reports.rows(b.id)).nodes).toEqual(rowsA.nodes);
    expect(await reports.phantoms(b.id, CLI_PRINCIPAL)).toEqual(phantomsA);
    expect(phantomsA.map((p) => p.fullName)).toContain('Phạm Thị Dung');
    const kept = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM report_snapshot WHERE period = $1 AND scope = 'province'`, [
      current.key,
    ]);
    expect(kept[0].n).toBe(1);
    const orphans = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM report_row WHERE snapshot_id = $1`, [a.id]);
    expect(orphans[0].n).toBe(0);
  });

  it('leaves the previous snapshot in place, whole, when a run is interrupted half-way', async () => {
    const first = await reports.run(current.key, null, { now: now() });
    const rowsBefore = (await reports.rows(first.id)).nodes;
    await t.app
      .get(MemberRecordsService)
      .end({ id: await recordId('DTN', 'DTN-2'), status: MemberStatus.LEFT, date: today, reason: 'Xin ra' }, CLI_PRINCIPAL);
    const seen: unknown[] = [];
    await expect(
      reports.run(current.key, null, {
        now: now(),
        onStage: async (stage) => {
          if (stage !== 'written') return;
          // New snapshot written, not committed: another connection still sees the old one, whole.
          seen.push(
            ...(await t.sql(
              `SELECT id, (data->'totals'->>'memberships')::int AS m FROM report_snapshot WHERE period = $1 AND scope = 'province'`,
              [current.key],
            )),
          );
          throw new Error('mất điện giữa chừng');
        },
      }),
    ).rejects.toThrow('mất điện giữa chừng');
    expect(seen).toEqual([{ id: first.id, m: first.data.totals.memberships }]);
    const after = await reports.find(current.key);
    expect(after.id).toBe(first.id);
    expect(after.data).toEqual(first.data);
    expect((await reports.rows(first.id)).nodes).toEqual(rowsBefore);
    const [stray] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_row WHERE snapshot_id NOT IN (SELECT id FROM report_snapshot)`,
    );
    expect(stray.n).toBe(0);
    // The next run goes through and sees the change.
    const next = await reports.run(current.key, null, { now: now() });
    expect(next.data.totals.memberships).toBe(first.data.totals.memberships - 1);
    expect(next.data.totals.leavers).toBe(first.data.totals.leavers + 1);
  });

  it('runs one report at a time: a second instance is refused while the lock is held', async () => {
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock($1, $2)`, [0x4c54, 8]);
      await expect(reports.run(current.key, null, { now: now() })).rejects.toThrow('Một báo cáo khác đang được lập');
      const r = await reports.catchUp(new Date('2026-07-10T09:00:00+07:00'), ['QUARTER'], ['province']);
      expect(r).toEqual([expect.objectContaining({ period: '2026-Q2', outcome: 'BUSY' })]);
      await other.query(`SELECT pg_advisory_unlock($1, $2)`, [0x4c54, 8]);
      const again = await reports.catchUp(new Date('2026-07-10T09:00:00+07:00'), ['QUARTER'], ['province']);
      expect(again).toMatchObject([{ period: '2026-Q2', scope: 'province', outcome: 'COMPUTED' }]);
    } finally {
      await other.end();
    }
  });

  it('catches up the last missed period of the schedule (not every one before it), and a report made before its period ended', async () => {
    // 1/10/2026 00:30 in Vietnam is 30/9 17:30 UTC: the quarter just over is Q3.
    const atStart = new Date('2026-09-30T17:30:00Z');
    await reports.run('2026-Q3', null, { now: new Date('2026-09-20T10:00:00+07:00') });
    expect((await reports.find('2026-Q3')).final).toBe(false);
    expect(await reports.catchUp(atStart, ['QUARTER', 'YEAR'], ['province', 'org:HPN'])).toMatchObject([
      { period: '2026-Q3', scope: 'province', outcome: 'COMPUTED' },
      { period: '2026-Q3', scope: 'org:HPN', outcome: 'COMPUTED' },
      { period: '2025', scope: 'province', outcome: 'COMPUTED' },
      { period: '2025', scope: 'org:HPN', outcome: 'COMPUTED' },
    ]);
    expect((await reports.find('2026-Q3')).final).toBe(true);
    expect(await t.sql(`SELECT period FROM report_snapshot WHERE period IN ('2026-Q1', '2025-Q4', '2025-Q3')`)).toEqual([]);
    // A scope the configuration got wrong is reported and does not stop the others.
    const again = await reports.catchUp(atStart, ['QUARTER'], ['org:XYZ', 'province']);
    expect(again).toEqual([
      { period: '2026-Q3', scope: 'org:XYZ', outcome: 'FAILED', message: "Không có tổ chức mã 'XYZ'." },
      { period: '2026-Q3', scope: 'province', outcome: 'PRESENT' },
    ]);
  });

  it('has the server catch up its schedule at start: provisional on an empty database, final after a linker run', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const server = await createTestApp({ REPORT_SCHEDULE: 'month' });
    try {
      await server.app.get(ReportScheduler).started;
      const due = lastEndedPeriod('MONTH', new Date());
      expect(await server.sql(`SELECT period, scope, final, computed_by FROM report_snapshot`)).toEqual([
        { period: due.key, scope: 'province', final: false, computed_by: 'schedule' },
      ]);
      // One line says what it computed, from what, and that it is provisional.
      const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith(`báo cáo ${due.key}`));
      expect(lines).toEqual([
        `báo cáo ${due.key} province: đã lập, tạm tính (chưa chạy liên kết hồ sơ: mỗi hồ sơ tính là một người; lịch báo cáo sẽ lập lại sau lần liên kết đầu tiên); từ 0 hồ sơ, chưa có lần liên kết nào`,
      ]);
      const BASIS = `query($p: String!) { report(period: $p) { final basis { records linkRunId linkRunFinishedAt provisionalReason } } }`;
      type Basis = { report: { final: boolean; basis: { records: number; linkRunId: string | null; provisionalReason: string | null } } };
      const before = await server.gql<Basis>(BASIS, { p: due.key });
      expect(before.data!.report).toEqual({
        final: false,
        basis: {
          records: 0,
          linkRunId: null,
          linkRunFinishedAt: null,
          provisionalReason: expect.stringContaining('chưa chạy liên kết') as string,
        },
      });
      // Nothing new: the schedule leaves it; after a linker run it computes it again, final.
      const scheduler = server.app.get(ReportsService);
      expect(await scheduler.catchUp(new Date(), ['MONTH'], ['province'])).toEqual([
        { period: due.key, scope: 'province', outcome: 'PRESENT' },
      ]);
      await server.app.get(LinkerService).link();
      const [again] = await scheduler.catchUp(new Date(), ['MONTH'], ['province']);
      expect(again).toMatchObject({
        outcome: 'COMPUTED',
        basis: expect.stringMatching(
          /: đã lập, chính thức; từ 0 hồ sơ, lần liên kết [0-9a-f-]{36} xong lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/,
        ) as string,
      });
      const after = await server.gql<Basis>(BASIS, { p: due.key });
      expect(after.data!.report.final).toBe(true);
      expect(after.data!.report.basis).toMatchObject({ records: 0, linkRunId: expect.any(String) as string, provisionalReason: null });
      expect(await scheduler.catchUp(new Date(), ['MONTH'], ['province'])).toEqual([
        { period: due.key, scope: 'province', outcome: 'PRESENT' },
      ]);
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });

  it('turns a report stored as final before any linker run into a provisional one (migration 16)', async () => {
    const last = previousPeriod(current);
    expect((await reports.run(last.key, null, { now: now() })).final).toBe(true);
    await t.sql(
      `INSERT INTO report_snapshot (period, period_kind, scope, scope_label, as_of_day, final, computed_at, computed_by, seconds, data)
       SELECT '2020', 'YEAR', scope, scope_label, '2020-12-31', true, '2021-01-01T00:00:00+07', 'schedule', 0, data || '{"linkRun": null}'
         FROM report_snapshot WHERE period = $1 AND scope = 'province' AND superseded_at IS NULL`,
      [last.key],
    );
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      await new ProvisionalReports1763700000016().up(runner);
    } finally {
      await runner.release();
    }
    expect(await t.sql(`SELECT final FROM report_snapshot WHERE period = '2020'`)).toEqual([{ final: false }]);
    // One computed after a linker run that finished after its period stays final.
    expect(
      await t.sql(`SELECT final FROM report_snapshot WHERE period = $1 AND scope = 'province' AND superseded_at IS NULL`, [last.key]),
    ).toEqual([{ final: true }]);
    const [due] = await reports.catchUp(new Date('2021-01-10T09:00:00+07:00'), ['YEAR'], ['province']);
    expect(due).toMatchObject({ period: '2020', outcome: 'COMPUTED', basis: expect.stringContaining('chính thức') as string });
  });

  it('keeps a report provisional while the last linker run finished before its period ended', async () => {
    // The linker ran in this quarter's time, "before" a quarter that ends at the clock given.
    const future = new Date(Date.now() + 400 * 86_400_000);
    const ahead = lastEndedPeriod('QUARTER', future);
    const s = await reports.run(ahead.key, null, { now: future });
    expect(s.final).toBe(false);
    expect(s.data.records).toBe(16);
    expect(await t.gql(`query($p: String!) { report(period: $p) { basis { provisionalReason } } }`, { p: ahead.key })).toMatchObject({
      data: { report: { basis: { provisionalReason: expect.stringContaining('xong trước khi kỳ kết thúc') as string } } },
    });
  });

  it('makes again, final, a provisional report of another scope or kind than the schedule’s once its period is over and linked', async () => {
    // An organization's October, run by hand on 20 October: provisional, its reason promising the schedule will make it again.
    const october = await reports.run('2026-10', 'org:HPN', { now: new Date('2026-10-20T10:00:00+07:00') });
    expect(october.final).toBe(false);
    await t.app.get(LinkerService).link();
    const done = await reports.catchUp(new Date(), ['YEAR'], ['province']);
    expect(done).toContainEqual(expect.objectContaining({ period: '2026-10', scope: 'org:HPN', outcome: 'COMPUTED' }));
    const [stored] = await t.sql<{ final: boolean }>(
      `SELECT final FROM report_snapshot WHERE period = '2026-10' AND scope = 'org:HPN' AND superseded_at IS NULL`,
    );
    expect(stored.final).toBe(true);
    // Nothing left to make better: the next tick leaves it.
    const next = await reports.catchUp(new Date(), ['YEAR'], ['province']);
    expect(next.filter((r) => r.period === '2026-10')).toEqual([]);
  });

  it('leaves alone a provisional report of a unit that is no more, without an error every five minutes', async () => {
    const unit = { organization: 'HPN', code: 'HPN-TAM', name: 'Chi hội tạm', kind: 'BRANCH', parent: 'HPN-00004' };
    expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: unit })).errors).toBeUndefined();
    const september = await reports.run('2026-09', 'unit:HPN/HPN-TAM', { now: new Date('2026-09-20T10:00:00+07:00') });
    expect(september.final).toBe(false);
    // Undoing the import that created a unit deletes it so.
    await t.sql(`DELETE FROM unit WHERE organization_code = 'HPN' AND code = 'HPN-TAM'`);
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const done = await reports.catchUp(new Date(), ['YEAR'], ['province']);
      expect(done.filter((r) => r.scope.includes('HPN-TAM'))).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    // The report stays as it was made, for whoever reads it.
    expect(await t.sql(`SELECT final FROM report_snapshot WHERE scope = 'unit:HPN/HPN-TAM' AND superseded_at IS NULL`)).toEqual([
      { final: false },
    ]);
  });

  it('shows every role the aggregates and only readers of records the names, within their rights', async () => {
    const auditor = await t.logIn(await t.createUser('kt.bao.cao', Role.AUDITOR));
    const hpn = await t.logIn(await t.createUser('vp.hpn.bao.cao', Role.SECRETARIAT, 'HPN'));
    const run = await t.gql<{
      runReport: { id: string; totals: { memberships: number }; changes: { key: string; change: number | null }[] };
    }>(`mutation($p: String!) { runReport(period: $p) { id totals { memberships } changes { key change } } }`, { p: current.key });
    expect(run.errors).toBeUndefined();
    const id = run.data!.runReport.id;
    const forbidden = await t.gql(`mutation($p: String!) { runReport(period: $p) { id } }`, { p: current.key }, { token: auditor });
    expect(forbidden.errors![0].extensions!.code).toBe('FORBIDDEN');
    // A secretariat computes its own organization's report, not the province's.
    const ownRun = await t.gql<{ runReport: { scope: string } }>(
      `mutation($p: String!) { runReport(period: $p, scope: "org:HPN") { scope } }`,
      { p: current.key },
      { token: hpn },
    );
    expect(ownRun.data?.runReport.scope).toBe('org:HPN');
    const province = await t.gql(`mutation($p: String!) { runReport(period: $p) { id } }`, { p: current.key }, { token: hpn });
    expect(province.errors![0]).toMatchObject({
      message: 'Không có quyền: lập báo cáo phạm vi province; tài khoản này chỉ lập được báo cáo phạm vi org:HPN.',
      extensions: { code: 'FORBIDDEN' },
    });

    const seen = await t.gql<{
      report: {
        totals: { memberships: number };
        organizations: { code: string; reach: { known: boolean; rate: number | null; why: string | null } }[];
      };
      reportRows: { totalCount: number; nodes: { organizationCode: string; communeName: string | null }[] };
    }>(
      `query($p: String!, $id: ID!) {
        report(period: $p) { totals { memberships } organizations { code reach { known rate why } } }
        reportRows(report: $id, organization: "HPN") { totalCount nodes { organizationCode communeName } } }`,
      { p: current.key, id },
      { token: auditor },
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.report.totals.memberships).toBe(run.data!.runReport.totals.memberships);
    expect(seen.data!.report.organizations.find((o) => o.code === 'CD')!.reach).toMatchObject({ known: false, rate: null });
    expect(seen.data!.reportRows.nodes.every((r) => r.organizationCode === 'HPN')).toBe(true);
    expect(seen.data!.reportRows.totalCount).toBeGreaterThan(0);

    const names = `query($id: ID!) { reportPhantoms(report: $id) { organizationCode fullName reasons } }`;
    const denied = await t.gql(names, { id }, { token: auditor });
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
    const own = await t.gql<{ reportPhantoms: { organizationCode: string; fullName: string; reasons: string[] }[] }>(
      names,
      { id },
      { token: hpn },
    );
    expect(own.data!.reportPhantoms).toContainEqual({ organizationCode: 'HPN', fullName: 'Phạm Thị Dung', reasons: ['DECEASED'] });
    expect(own.data!.reportPhantoms.every((p) => p.organizationCode === 'HPN')).toBe(true);
    // Logged as a report read (not a roster page read): by whom, which report, how many names.
    const logged = await t.sql<{ action: string; organization_code: string; detail: { suspectedPhantoms: number } }>(
      `SELECT action, organization_code, detail FROM audit_event WHERE subject_type = 'REPORT' AND subject_id = $1 AND actor_name = 'vp.hpn.bao.cao'`,
      [id],
    );
    expect(logged.map((l) => [l.action, l.organization_code, l.detail.suspectedPhantoms])).toEqual([
      ['REPORT_READ', 'HPN', own.data!.reportPhantoms.length],
    ]);

    // The workbook over HTTP: an auditor's has no names sheet.
    const res = await fetch(`${t.url}/reports/${id}.xlsx`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(res.status).toBe(200);
    const wb = XLSX.read(Buffer.from(await res.arrayBuffer()), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['Tổng hợp', 'Theo tổ chức', 'Theo xã', 'Số người theo xã', 'Trùng giữa tổ chức']);
    // The administrator's has it; the one he sends on (`?names=none`) has not, and its name says so.
    const sheetsOf = async (query: string) => {
      const r = await fetch(`${t.url}/reports/${id}.xlsx${query}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(r.status).toBe(200);
      return {
        names: XLSX.read(Buffer.from(await r.arrayBuffer()), { type: 'buffer' }).SheetNames,
        file: r.headers.get('content-disposition'),
      };
    };
    expect((await sheetsOf('')).names).toContain('Nghi ảo');
    const bare = await sheetsOf('?names=none');
    expect(bare.names).not.toContain('Nghi ảo');
    expect(bare.file).toContain('-khong-ho-ten.xlsx');
    const bad = await fetch(`${t.url}/reports/${id}.docx`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('dùng json, xlsx hoặc pdf');
  });

  it('exports a workbook a third-party reader opens, ready to print, with names but never ID numbers', async () => {
    const s = await reports.run(current.key, null, { now: now() });
    const file = path.join(dir, 'report.xlsx');
    await t.app.get(ReportExportService).write(s, 'xlsx', file, CLI_PRINCIPAL);
    // SheetJS, not the library that wrote it.
    const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', bookFiles: true });
    expect(wb.SheetNames).toEqual(['Tổng hợp', 'Theo tổ chức', 'Theo xã', 'Số người theo xã', 'Trùng giữa tổ chức', 'Nghi ảo']);
    const rows = (name: string) => XLSX.utils.sheet_to_json<(string | number | null)[]>(wb.Sheets[name], { header: 1, defval: null });
    // Under the official form (report-form.e2e-spec.ts), the heading; then when and how it was made.
    const top = rows('Tổng hợp').findIndex((r) => String(r[0]).includes('BÁO CÁO RÀ SOÁT, ĐỐI CHIẾU ĐOÀN VIÊN, HỘI VIÊN'));
    expect(top).toBeGreaterThan(0);
    expect(rows('Tổng hợp')[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // Times as a person in Vietnam reads them; a running period says the report is provisional.
    expect(String(rows('Tổng hợp')[top + 1][0])).toContain(`(tạm tính: kỳ ${current.label} chưa kết thúc: số liệu còn thay đổi)`);
    expect(String(rows('Tổng hợp')[top + 1][0])).toContain(`Lập lúc ${vietnamTime(s.computedAt)} (giờ Việt Nam).`);
    expect(String(rows('Tổng hợp')[top + 1][0])).not.toContain('UTC');
    expect(rows('Tổng hợp').find((r) => r[0] === 'Số lượt (hồ sơ đang sinh hoạt)')![1]).toBe(s.data.totals.memberships);
    // The estimate of people not suspected: a number, with the dashboard's name and note, as the API gives them.
    const api = await estimateOf(s.id);
    const estimate = rows('Tổng hợp').find((r) => r[0] === api.label)!;
    expect(estimate).toBeDefined();
    expect(typeof estimate[1]).toBe('number');
    expect(estimate[1]).toBe(api.value);
    expect(estimate[4]).toBe(api.note);
    const hpnRow = rows('Theo tổ chức').find((r) => r[0] === 'HPN')!;
    expect(hpnRow.slice(1, 4)).toEqual(['Hội Liên hiệp Phụ nữ Việt Nam', 5, 4]);
    expect(rows('Theo tổ chức').find((r) => r[0] === 'CD')!).toContain('không tính được');
    // Under the organizations, the area's own figures: each person once (not the column's sum), said so.
    const area = rows('Theo tổ chức').find((r) => String(r[1]).startsWith('Toàn bộ ('))!;
    expect(area.slice(2, 4)).toEqual([s.data.totals.memberships, s.data.totals.people]);
    expect(area.at(-1)).toContain('không bằng tổng cột');
    // Organizations shortened as people write them, as on Tổng quan: CĐ, not CD (its Mã column keeps the code).
    expect(rows('Theo xã').some((r) => r.includes('CĐ'))).toBe(true);
    expect(rows('Theo xã').some((r) => r.includes('CD'))).toBe(false);
    const matrixHead = rows('Trùng giữa tổ chức').find((r) => r[0] === 'Tổ chức')!;
    expect(matrixHead).toContain('CĐ');
    expect(matrixHead).not.toContain('CD');
    // The rows of each organization in a commune say their sum is not the commune's people, and where those are.
    expect(rows('Theo xã').flat().join(' ')).toContain('số người của cả xã (mỗi người một lần) ở trang "Số người theo xã"');
    // Each commune's people, one in several organizations there once: as the report (and Tổng quan) counts them.
    const people = rows('Số người theo xã');
    expect(people.flat()).toContain(COMMUNE_PEOPLE_NOTE);
    const header = people.findIndex((r) => r[0] === 'Mã xã');
    expect(people.slice(header + 1)).toEqual(
      s.data.peopleByCommune!.map((c) => [
        c.code,
        c.name,
        c.memberships,
        c.people,
        c.peopleNotSuspected,
        c.peopleInSeveralOrgs,
        c.suspectedPhantoms,
      ]),
    );
    // Counted again here, plainly: a person in HPN twice, NCT and HND (Bình) is one.
    const [plain] = await t.sql<{ memberships: number; people: number }>(
      `SELECT count(*)::int AS memberships, count(DISTINCT coalesce(p.person_id, r.id))::int AS people
         FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE r.status = 'ACTIVE' AND r.commune_code = '00004'`,
    );
    expect(plain.people).toBeLessThan(plain.memberships);
    expect(s.data.peopleByCommune!.find((c) => c.code === '00004')).toMatchObject(plain);
    const phantoms = rows('Nghi ảo');
    expect(phantoms.find((r) => r[3] === 'Phạm Thị Dung')).toEqual(expect.arrayContaining(['HPN', 'HPN-3', 1960, 'Đã mất']));
    const everything = wb.SheetNames.flatMap((n) => rows(n).flat()).join(' ');
    expect(everything).not.toMatch(/\d{12}|\d{4}\*{6}\d{2}/);
    // A4, one page wide, the header row repeated on every page.
    const xml = (f: string) =>
      Buffer.from((wb as unknown as { files: Record<string, { content: Uint8Array }> }).files[f].content).toString();
    for (let i = 1; i <= 6; i++) {
      const sheet = xml(`xl/worksheets/sheet${i}.xml`);
      expect(sheet).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*fitToWidth="1"/);
      expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    }
    expect(xml('xl/workbook.xml').match(/_xlnm\.Print_Titles/g)).toHaveLength(6);
  });

  it('exports a PDF with charts whose Vietnamese text a third-party reader gets back intact', async () => {
    const s = await reports.run(current.key, null, { now: now() });
    const file = path.join(dir, 'report.pdf');
    await t.app.get(ReportExportService).write(s, 'pdf', file, CLI_PRINCIPAL);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(file);
    // The estimate in the key figures, its number beside its name, and how it is derived.
    const api = await estimateOf(s.id);
    expect(text).toContain(`${api.label} ${api.value.toLocaleString('vi-VN')} `);
    expect(text.replace(/\s+/g, '')).toContain(`${api.label}: ${api.note}`.replace(/\s+/g, ''));
    // Each commune's people once, however many organizations she is in there, and the note that says so.
    expect(text.replace(/\s+/g, '')).toContain(COMMUNE_PEOPLE_NOTE.replace(/\s+/g, ''));
    expect(text).not.toContain('Cộng số người từng tổ chức');
    expect(text).toContain('Ở từ 2 tổ chức');
    // A report computed before each commune's people were kept: its rows summed, and it says so.
    await t.sql(`UPDATE report_snapshot SET data = data - 'peopleByCommune' WHERE id = $1`, [s.id]);
    const older = path.join(dir, 'older.pdf');
    await t.app.get(ReportExportService).write(await reports.get(s.id), 'pdf', older, CLI_PRINCIPAL);
    expect(await pdfText(older)).toContain('Cộng số người từng tổ chức');
    for (const phrase of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Kết quả rà soát, đối chiếu đoàn viên, hội viên',
      `${current.label} — Toàn tỉnh`,
      'Trùng giữa các tổ chức',
      'Hồ sơ nghi ảo theo lý do',
      'Đã mất',
      'Số lượt và số người theo xã',
      'Xu hướng qua các kỳ',
      'Hội Liên hiệp Phụ nữ Việt Nam',
      'tỷ lệ tập hợp không tính được — CSDL dân cư không cho biết ai làm nông nghiệp',
      `kết lúc ${vietnamTime(s.data.linkRun!.finishedAt)}.`,
      `Lập lúc ${vietnamTime(s.computedAt)} (giờ Việt Nam)`,
    ])
      expect(text).toContain(phrase);
  });

  it('writes JSON whose totals are plain integers, and compares with the previous period', async () => {
    const prev = previousPeriod(current);
    await reports.run(prev.key, null, { now: now() });
    const s = await reports.run(current.key, null, { now: now() });
    const file = path.join(dir, 'report.json');
    await t.app.get(ReportExportService).write(s, 'json', file, CLI_PRINCIPAL);
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      totals: Record<string, unknown>;
      previous: { period: string };
      changes: { key: string; previous: number; change: number }[];
    };
    expect(Object.keys(json.totals)).toEqual([
      'memberships',
      'people',
      'peopleNotSuspected',
      'peopleInSeveralOrgs',
      'suspectedPhantoms',
      'duplicateRecords',
      'withoutIdNumber',
      'joiners',
      'leavers',
      'struck',
    ]);
    for (const v of Object.values(json.totals)) expect(Number.isInteger(v)).toBe(true);
    // Aggregates only: no names (a machine reads those through reportPhantoms, logged).
    expect(fs.readFileSync(file, 'utf8')).not.toContain('Phạm Thị Dung');
    expect(json.totals.memberships).toBe(s.data.totals.memberships);
    expect(json.previous.period).toBe(prev.key);
    const m = json.changes.find((c) => c.key === 'memberships')!;
    expect(m.change).toBe(s.data.totals.memberships - m.previous);
  });

  it('computes and writes a report from the command line', () => {
    const out = path.join(dir, 'cli.json');
    const r = spawnSync(
      process.execPath,
      [
        path.resolve(import.meta.dirname, '../bin/lienthong.js'),
        'report',
        '--period',
        current.key,
        '--scope',
        'commune:00004',
        '--out',
        out,
      ],
      { env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText }, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    const json = JSON.parse(fs.readFileSync(out, 'utf8')) as { report: { scope: string }; totals: { memberships: number } };
    expect(json.report.scope).toBe('commune:00004');
    expect(r.stdout).toContain(`số lượt\t${json.totals.memberships}`);
    // For a person: the day as dd/mm/yyyy, and why the report is provisional; the log in Vietnamese.
    expect(r.stdout).toContain(`đến hết ngày\t${vn(today)}`);
    expect(r.stdout).toContain(`kỳ\t${current.key} (tạm tính: kỳ ${current.label} chưa kết thúc`);
    expect(r.stderr).not.toMatch(/\b(attached|applied|started|stopped|migration\(s\))\b/);
    const bad = spawnSync(
      process.execPath,
      [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'report', '--period', '2026-13', '--out', out],
      { env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText }, encoding: 'utf8' },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("Kỳ báo cáo '2026-13' không hợp lệ: không có tháng 13");
  });
});
