import ExcelJS from 'exceljs';
import { LinkerService } from '../src/linker/linker.service.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { createTestApp, type TestApp } from './test-app.js';
import { accessProvince, EVERYONE, type Who } from './support/access-province.js';

/**
 * What each role gets inside the answers it may have (access-matrix.e2e-spec.ts checks only that an
 * allowed read answers): every record id in an answer, GraphQL or REST download, must be one the
 * role may read, by an oracle written in SQL apart from src/.
 */
const READERS: Who[] = ['admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan'];

describe('what each role gets inside the answers it may have', () => {
  let t: TestApp;
  let tokens = {} as Record<Who, string | null>;
  const ids = { dtnA: '', dtnB: '', hpn: '', job: '', report: '' };
  let planted: string[] = [];

  // ---- helpers ----

  /** The oracle: which of `recordIds` the role may read (admin and Ban Dân vận: all; a secretariat: its organization, unit subtree). */
  const mayRead = async (who: Who, recordIds: string[]): Promise<string[]> =>
    (
      await t.sql<{ id: string }>(
        `SELECT r.id FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id WHERE r.id = ANY($1::uuid[]) AND (
           $2 IN ('admin', 'danVan') OR ($2 = 'dtn' AND r.organization_code = 'DTN') OR ($2 = 'hpn' AND r.organization_code = 'HPN')
           OR ($2 = 'dtnUnitA' AND r.organization_code = 'DTN'
               AND u.path LIKE (SELECT path FROM unit WHERE organization_code = 'DTN' AND code = 'A') || '%'))`,
        [recordIds, who],
      )
    ).map((r) => r.id);

  /** Every id of `recordIds` is one `who` may read. */
  async function expectNothingOutside(who: Who, recordIds: string[]): Promise<void> {
    const allowed = new Set(await mayRead(who, recordIds.filter(Boolean)));
    expect(recordIds.filter((id) => !allowed.has(id))).toEqual([]);
  }

  /** Record ids of an organization's Mã hồ sơ. */
  const idsOfCodes = async (org: string, codes: string[]): Promise<string[]> =>
    (await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE organization_code = $1 AND external_id = ANY($2)`, [org, codes])).map(
      (r) => r.id,
    );

  const download = (who: Who, url: string) =>
    fetch(`${t.url}${url}`, { headers: tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {} });

  /** Mã hồ sơ (column 0) of a downloaded roster CSV, header checked. */
  function csvCodes(text: string): string[] {
    const lines = text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0].split(',')[0]).toBe('Mã hồ sơ');
    return lines.slice(1).map((l) => l.split(',')[0].replace(/^"|"$/g, ''));
  }

  /** Mã hồ sơ and organization of each row of the workbook's names sheet, or null without one. */
  async function namesSheet(body: ArrayBuffer): Promise<{ org: string; code: string }[] | null> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body);
    const ws = wb.getWorksheet('Nghi ảo');
    if (!ws) return null;
    let header = 0;
    ws.eachRow((row, n) => {
      if (!header && row.getCell(3).text === 'Mã hồ sơ') header = n;
    });
    expect(header).toBeGreaterThan(0);
    const rows: { org: string; code: string }[] = [];
    ws.eachRow((row, n) => {
      if (n > header) rows.push({ org: row.getCell(2).text, code: row.getCell(3).text });
    });
    return rows;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const province = await accessProvince(t, 'Mã hồ sơ,Họ và tên\nJ-1,Lê Văn Một\n,Không Có Mã\n');
    tokens = province.tokens;
    Object.assign(ids, province.ids);
    await t.app.get(LinkerService).link();
    // Flags planted on the three fixed records, so that the test does not depend on the phantom rules.
    planted = [ids.dtnA, ids.dtnB, ids.hpn];
    await t.sql(`UPDATE record_person SET flags = '{INACTIVE}', ao = true, ao_reasons = '{INACTIVE}' WHERE record_id = ANY($1::uuid[])`, [
      planted,
    ]);
    await t.sql(
      `INSERT INTO record_flag (record_id, code, severity, message, evidence)
       SELECT id, 'INACTIVE', 'PHANTOM', 'thử', '{}' FROM unnest($1::uuid[]) id ON CONFLICT DO NOTHING`,
      [planted],
    );
    ids.report = (await t.app.get(ReportsService).run('2026-Q3', null, { now: new Date('2026-10-02T00:00:00Z') })).id;
    // The planted records as the report's suspected phantoms too (whether they fall in 2026-Q3 depends on today's date).
    await t.sql(
      `INSERT INTO report_phantom (snapshot_id, record_id, organization_code, commune_code, reasons)
       SELECT $1, r.id, r.organization_code, r.commune_code, '{INACTIVE}' FROM member_record r WHERE r.id = ANY($2::uuid[])
       ON CONFLICT DO NOTHING`,
      [ids.report, planted],
    );
  });
  afterAll(async () => t.close());

  // ---- flags ----

  it.each(READERS)('flaggedRecords as %s: only records it may read, and all of the planted ones it may read', async (who) => {
    const r = await t.gql<{ flaggedRecords: { recordId: string }[] }>(
      `{ flaggedRecords(first: 500) { recordId } }`,
      {},
      {
        token: tokens[who],
      },
    );
    expect(r.errors).toBeUndefined();
    const returned = r.data!.flaggedRecords.map((f) => f.recordId);
    await expectNothingOutside(who, returned);
    expect(returned).toEqual(expect.arrayContaining(await mayRead(who, planted)));
  });

  it('walks the flagged records page by page with the cursor: the same records, none twice, suspected phantoms first', async () => {
    type Flagged = { recordId: string; ao: boolean; cursor: string };
    const page = async (after: string | null) =>
      (
        await t.gql<{ flaggedRecords: Flagged[] }>(`query($a: String) { flaggedRecords(first: 2, after: $a) { recordId ao cursor } }`, {
          a: after,
        })
      ).data!.flaggedRecords;
    const all = (await t.gql<{ flaggedRecords: Flagged[] }>(`{ flaggedRecords(first: 500) { recordId ao cursor } }`)).data!.flaggedRecords;
    expect(all.length).toBeGreaterThan(2);
    const walked: Flagged[] = [];
    for (let next = await page(null); next.length; next = await page(next[next.length - 1].cursor)) walked.push(...next);
    expect(walked.map((f) => f.recordId)).toEqual(all.map((f) => f.recordId));
    expect(walked.map((f) => f.ao)).toEqual([...walked.map((f) => f.ao)].sort((a, b) => Number(b) - Number(a)));
    const bad = await t.gql(`{ flaggedRecords(after: "garbage") { recordId } }`);
    expect(bad.errors![0].message).toContain('con trỏ trang');
  });

  it.each(READERS)('flagCounts as %s: rows only for the organizations and units it may see', async (who) => {
    const r = await t.gql<{ flagCounts: { organization: string; unitCode: string | null; code: string }[] }>(
      `{ flagCounts { organization unitCode code records } }`,
      {},
      { token: tokens[who] },
    );
    expect(r.errors).toBeUndefined();
    const seen = r.data!.flagCounts.map((c) => `${c.organization}/${c.unitCode ?? ''}`);
    const allowed: Record<string, (k: string) => boolean> = {
      admin: () => true,
      danVan: () => true,
      dtn: (k) => k.startsWith('DTN/'),
      dtnUnitA: (k) => k === 'DTN/A',
      hpn: (k) => k.startsWith('HPN/'),
    };
    expect(seen.filter((k) => !allowed[who](k))).toEqual([]);
    // The planted flags it may read are counted where they are.
    const units = await t.sql<{ k: string }>(
      `SELECT r.organization_code || '/' || coalesce(u.code, '') AS k FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.id = ANY($1::uuid[])`,
      [await mayRead(who, planted)],
    );
    const inactive = r.data!.flagCounts.filter((c) => c.code === 'INACTIVE').map((c) => `${c.organization}/${c.unitCode ?? ''}`);
    expect(inactive).toEqual(expect.arrayContaining(units.map((u) => u.k)));
  });

  // ---- REST downloads ----

  const DOWNLOADS: { path: () => string; title: string; expect: Partial<Record<Who, number>> }[] = [
    { title: '/exports/DTN.csv', path: () => '/exports/DTN.csv', expect: { admin: 200, dtn: 200, dtnUnitA: 200 } },
    { title: '/exports/HPN.csv', path: () => '/exports/HPN.csv', expect: { admin: 200, hpn: 200 } },
    {
      // A secretariat kept to unit A does not see a job started for the whole organization.
      title: 'the error file of an organization-wide DTN import',
      path: () => `/imports/${ids.job}/errors.csv`,
      expect: { admin: 200, dtn: 200, dtnUnitA: 404, hpn: 404 },
    },
    {
      // The same roles as the error file; this job's file had its own codes, so no result file (404) even in scope.
      title: 'the result file of a DTN import that assigned no code',
      path: () => `/imports/${ids.job}/result.xlsx`,
      expect: { admin: 404, dtn: 404, dtnUnitA: 404, hpn: 404 },
    },
    // Templates are not scoped: any roster writer gets any organization's.
    { title: '/templates/DTN.xlsx', path: () => '/templates/DTN.xlsx', expect: { admin: 200, dtn: 200, dtnUnitA: 200, hpn: 200 } },
    {
      title: 'a report as JSON',
      path: () => `/reports/${ids.report}.json`,
      expect: { admin: 200, dtn: 200, dtnUnitA: 200, hpn: 200, danVan: 200, auditor: 200 },
    },
    {
      title: 'a report as a workbook',
      path: () => `/reports/${ids.report}.xlsx`,
      expect: { admin: 200, dtn: 200, dtnUnitA: 200, hpn: 200, danVan: 200, auditor: 200 },
    },
  ];
  const downloadCases = DOWNLOADS.flatMap((d) =>
    EVERYONE.map((who) => [d.title, who, d.expect[who] ?? (who === 'anon' ? 401 : 403), d] as const),
  );

  it.each(downloadCases)('GET %s as %s → %i', async (_title, who, status, d) => {
    const res = await download(who, d.path());
    await res.arrayBuffer();
    expect(res.status).toBe(status);
  });

  it.each(['admin', 'dtn', 'dtnUnitA'] as Who[])('/exports/DTN.csv as %s: only the records it may read', async (who) => {
    const res = await download(who, '/exports/DTN.csv');
    expect(res.status).toBe(200);
    const codes = csvCodes(await res.text());
    const recordIds = await idsOfCodes('DTN', codes);
    expect(recordIds).toHaveLength(codes.length);
    await expectNothingOutside(who, recordIds);
    expect(codes).toContain('M-1');
    if (who === 'dtnUnitA') expect(codes).not.toContain('M-2');
    else expect(codes).toEqual(expect.arrayContaining(['M-2', 'J-1']));
  });

  // The roster with the full CCCD numbers (a POST with a written reason): the clear-data rule, scope included.
  const CLEAR_EXPORT: Partial<Record<Who, number>> = { admin: 200, dtn: 200, dtnUnitA: 200 };
  it.each(EVERYONE.map((who) => [who, CLEAR_EXPORT[who] ?? (who === 'anon' ? 401 : 403)] as const))(
    'POST /exports/DTN/cccd.csv as %s → %i, only the records it may change',
    async (who, status) => {
      const res = await fetch(`${t.url}/exports/DTN/cccd.csv`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {}) },
        body: JSON.stringify({ reason: 'Đối chiếu với Công an phường theo công văn số 7' }),
      });
      const text = await res.text();
      expect(res.status).toBe(status);
      if (status !== 200) return;
      const codes = csvCodes(text);
      await expectNothingOutside(who, await idsOfCodes('DTN', codes));
      expect(codes).toContain('M-1');
      if (who === 'dtnUnitA') expect(codes).not.toContain('M-2');
    },
  );

  it.each(['admin', 'hpn'] as Who[])('/exports/HPN.csv as %s: only the records it may read', async (who) => {
    const res = await download(who, '/exports/HPN.csv');
    expect(res.status).toBe(200);
    const codes = csvCodes(await res.text());
    const recordIds = await idsOfCodes('HPN', codes);
    expect(recordIds).toHaveLength(codes.length);
    await expectNothingOutside(who, recordIds);
    expect(codes).toContain('M-3');
  });

  it.each(['admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'] as Who[])(
    'a report downloaded as %s: no names in the JSON; in the workbook, names only of records it may read',
    async (who) => {
      const json = await download(who, `/reports/${ids.report}.json`);
      const text = await json.text();
      expect(text).not.toContain('fullName');
      expect(text).not.toContain('Trần Văn');
      const xlsx = await download(who, `/reports/${ids.report}.xlsx`);
      expect(xlsx.status).toBe(200);
      const names = await namesSheet(await xlsx.arrayBuffer());
      if (who === 'auditor') {
        expect(names).toBeNull();
        return;
      }
      expect(names).not.toBeNull();
      const recordIds = (
        await Promise.all(
          ['DTN', 'HPN'].map((org) =>
            idsOfCodes(
              org,
              names!.filter((n) => n.org === org).map((n) => n.code),
            ),
          ),
        )
      ).flat();
      expect(recordIds).toHaveLength(names!.length);
      await expectNothingOutside(who, recordIds);
      expect(recordIds).toEqual(expect.arrayContaining(await mayRead(who, planted)));
    },
  );

  // ---- other answers with record ids ----

  it.each(READERS)('reportPhantoms as %s: only records it may read', async (who) => {
    const r = await t.gql<{ reportPhantoms: { recordId: string }[] }>(
      `query($id: ID!) { reportPhantoms(report: $id) { recordId } }`,
      { id: ids.report },
      { token: tokens[who] },
    );
    expect(r.errors).toBeUndefined();
    const returned = r.data!.reportPhantoms.map((p) => p.recordId);
    await expectNothingOutside(who, returned);
    expect(returned).toEqual(expect.arrayContaining(await mayRead(who, planted)));
  });

  it.each(READERS)("person as %s: a record's id only where it may read the record; not found where it may read none", async (who) => {
    const outcomes = new Set<string>();
    for (const recordId of planted) {
      const [{ person_id }] = await t.sql<{ person_id: string }>(`SELECT person_id FROM record_person WHERE record_id = $1`, [recordId]);
      const all = (await t.sql<{ record_id: string }>(`SELECT record_id FROM record_person WHERE person_id = $1`, [person_id])).map(
        (x) => x.record_id,
      );
      const r = await t.gql<{ person: { records: { recordId: string | null }[] } }>(
        `query($id: ID!) { person(id: $id) { records { organization recordId } } }`,
        { id: person_id },
        { token: tokens[who] },
      );
      if ((await mayRead(who, all)).length === 0) {
        // Not even where the person is listed: the same answer as an unknown id.
        expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        expect(r.data?.person ?? null).toBeNull();
        outcomes.add('not found');
        continue;
      }
      outcomes.add('found');
      expect(r.errors).toBeUndefined();
      const shown = r.data!.person.records.map((x) => x.recordId).filter((x): x is string => x !== null);
      await expectNothingOutside(who, shown);
      // And the record itself, where the role may read it.
      expect(shown.includes(recordId)).toBe((await mayRead(who, [recordId])).length === 1);
    }
    // Province-wide readers find every planted person; an organization's or a unit's secretariat meets both answers.
    expect([...outcomes].sort()).toEqual(who === 'admin' || who === 'danVan' ? ['found'] : ['found', 'not found']);
  });

  it.each(READERS)("possibleDuplicates as %s: a record's id only where it may read the record", async (who) => {
    for (const [given, recordId] of [
      ['Bình', ids.dtnA],
      ['Cường', ids.dtnB],
      ['Dũng', ids.hpn],
    ]) {
      const r = await t.gql<{ possibleDuplicates: { recordId: string | null }[] }>(
        `query($n: String!) { possibleDuplicates(input: { fullName: $n, birthDate: "2004", phone: "0912345678" }) { organization recordId } }`,
        { n: `Trần Văn ${given}` },
        { token: tokens[who] },
      );
      expect(r.errors).toBeUndefined();
      const shown = r.data!.possibleDuplicates.map((x) => x.recordId).filter((x): x is string => x !== null);
      await expectNothingOutside(who, shown);
      expect(shown.includes(recordId)).toBe((await mayRead(who, [recordId])).length === 1);
    }
  });
});
