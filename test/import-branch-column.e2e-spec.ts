import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

type Preview = {
  counts: { fate: string; count: number }[];
  mapping: { header: string; field: string }[];
  unusedColumns: string[];
  withoutUnit: number;
};

/**
 * A commune's real roster has no `Mã đơn vị` but a `Chi hội` column with the branch's name: the
 * preview reads it as the unit (and says which columns it does not use and how many rows stay
 * without a unit), and the confirmed import puts each member in her branch.
 */
describe('an Excel roster whose branch is a "Chi hội" column of names', () => {
  let t: TestApp;
  let token: string;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, token, query, variables);
  const waitFor = (id: string, status: string) => waitForJob(gql, id, status);
  const roster = async (rows: (string | number)[][], title = 'DANH SÁCH HỘI VIÊN HỘI LHPN PHƯỜNG BA ĐÌNH') => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow([title]);
    ws.addRow([]);
    ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Mã xã', 'Chi hội', 'Nhóm sở thích']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const upload = (file: Buffer, query: string) => uploadRoster(t, token, file, 'hoi-vien-ba-dinh.xlsx', query);

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      { organization: 'HPN', code: 'HPN-BD', name: 'Hội LHPN phường Ba Đình', kind: 'BASE', communeCode: '00004' },
      { organization: 'HPN', code: 'BD-1', name: 'Chi hội Khu phố 1', kind: 'BRANCH', parent: 'HPN-BD' },
      // The same branch name in another commune: the row's commune tells which.
      { organization: 'HPN', code: 'HPN-NH', name: 'Hội LHPN phường Ngọc Hà', kind: 'BASE', communeCode: '00008' },
      { organization: 'HPN', code: 'NH-1', name: 'Chi hội Khu phố 1', kind: 'BRANCH', parent: 'HPN-NH' },
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    token = await t.logIn(await t.createUser('vp.hpn', Role.SECRETARIAT, 'HPN'));
  });
  afterAll(() => t?.close());

  it('previews the Chi hội column as the unit, lists the unused column, counts the rows without a unit, and imports members into their branch', async () => {
    const file = await roster([
      [1, 'Nguyễn Thị An', '12/03/1985', '00004', 'chi hoi khu pho 1', 'Múa'],
      [2, 'Trần Thị Bình', '05/06/1990', '00004', 'Chi hội Khu phố 2', ''],
      [3, 'Lê Thị Cúc', '01/01/1988', '00004', '', 'Hát'],
    ]);
    const jobId = await upload(file, 'organization=HPN&preview=true&createUnits=true&assignIds=true');
    await waitFor(jobId, 'PREVIEW');
    const { importPreview: p } = await gql<{ importPreview: Preview }>(
      `query($id: ID!) { importPreview(jobId: $id) { counts { fate count } mapping { header field } unusedColumns withoutUnit } }`,
      { id: jobId },
    );
    expect(p.mapping).toContainEqual({ header: 'Chi hội', field: 'unit' });
    expect(p.unusedColumns).toEqual(['Nhóm sở thích']);
    expect(p.withoutUnit).toBe(1);
    expect(p.counts).toContainEqual({ fate: 'CREATED', count: 3 });

    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id: jobId });
    await waitFor(jobId, 'DONE');
    const { memberRecords } = await gql<{ memberRecords: { nodes: { fullName: string; unit: { code: string; name: string } | null }[] } }>(
      `{ memberRecords(organization: "HPN", first: 10) { nodes { fullName unit { code name } } } }`,
    );
    const unitOf = Object.fromEntries(memberRecords.nodes.map((n) => [n.fullName, n.unit]));
    expect(unitOf).toEqual({
      'Nguyễn Thị An': { code: 'BD-1', name: 'Chi hội Khu phố 1' },
      'Trần Thị Bình': { code: '00004-CHI-HOI-KHU-PHO-2', name: 'Chi hội Khu phố 2' },
      'Lê Thị Cúc': null,
    });
  });

  it('imports without a unit, and says so, a branch name it does not know (without creating units) or one several communes have', async () => {
    // The title names no commune (a title that does settles which commune's chi hội: import-title-commune.e2e-spec.ts).
    const file = await roster(
      [
        [1, 'Đỗ Thị Giang', '04/04/1994', '', 'Chi hội Khu phố 1', ''],
        [2, 'Hà Thị Hoa', '05/05/1995', '00004', 'Chi hội Khu phố 9', ''],
        [3, 'Kim Thị Khánh', '06/06/1996', '00008', 'CHI HOI KHU PHO 1', ''],
      ],
      'DANH SÁCH HỘI VIÊN HỘI LHPN NĂM 2025',
    );
    const jobId = await upload(file, 'organization=HPN&preview=true&assignIds=true');
    await waitFor(jobId, 'PREVIEW');
    const { importPreview } = await gql<{
      importPreview: { withoutUnit: number; rows: { row: number; fate: string; reason: string | null; warnings: string | null }[] };
    }>(`query($id: ID!) { importPreview(jobId: $id) { withoutUnit rows { row fate reason warnings } } }`, { id: jobId });
    const [ambiguous, unknown, found] = importPreview.rows;
    expect([ambiguous.fate, unknown.fate, found.fate]).toEqual(['CREATED', 'CREATED', 'CREATED']);
    expect(ambiguous.warnings).toContain(
      "có 2 đơn vị tên 'Chi hội Khu phố 1' (mã BD-1, NH-1): hội viên được nhập, chưa có đơn vị; ghi Mã đơn vị thay cho tên",
    );
    // A branch column may be an address: the member is kept, told that she has no unit yet.
    expect(unknown.warnings).toContain(
      "không có chi hội/đơn vị tên 'Chi hội Khu phố 9' trong tổ chức HPN: hội viên được nhập, chưa có đơn vị",
    );
    expect(importPreview.withoutUnit).toBe(2);
  });

  it('says plainly that every row lands without a unit when the file has no unit column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Mã xã']);
    ws.addRow(['Phạm Thị Dung', '02/02/1992', '00004']);
    ws.addRow(['Vũ Thị Em', '03/03/1993', '00004']);
    const jobId = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'organization=HPN&preview=true&assignIds=true');
    await waitFor(jobId, 'PREVIEW');
    const { importPreview } = await gql<{ importPreview: Preview }>(
      `query($id: ID!) { importPreview(jobId: $id) { withoutUnit unusedColumns } }`,
      { id: jobId },
    );
    expect(importPreview).toEqual({ withoutUnit: 2, unusedColumns: [] });
  });

  it('reads a "Thôn/Chi hội" column as the chi hội, and "nt" (như trên) as the member above — a Ghi chú too —, never in a name or a birth date', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Mã xã', 'Thôn/Chi hội', 'Dân tộc', 'Ghi chú']);
    ws.addRow([1, 'Hoàng Thị Mai', '07/07/1977', '00008', 'Khu phố 1', 'Tày', 'Đi làm ăn xa']);
    ws.addRow([2, 'Nông Thị Lụa', '08/08/1978', '00008', 'nt', 'nt', 'nt']);
    ws.addRow([3, 'Lục Thị Hiền', '"', '00008', '"', 'như trên']);
    const jobId = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'organization=HPN&preview=true&assignIds=true');
    await waitFor(jobId, 'PREVIEW');
    const { importPreview } = await gql<{ importPreview: Preview }>(
      `query($id: ID!) { importPreview(jobId: $id) { mapping { header field } withoutUnit } }`,
      { id: jobId },
    );
    expect(importPreview.mapping).toContainEqual({ header: 'Thôn/Chi hội', field: 'unit' });
    expect(importPreview.withoutUnit).toBe(0);
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id: jobId });
    await waitFor(jobId, 'DONE');
    const rows = await t.sql<{ full_name: string; unit: string; ethnicity: string | null; birth_date: string | null }>(
      `SELECT r.full_name, u.code AS unit, r.ethnicity, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date
         FROM member_record r JOIN unit u ON u.id = r.unit_id WHERE r.commune_code = '00008' ORDER BY r.birth_date NULLS LAST`,
    );
    expect(rows).toEqual([
      { full_name: 'Hoàng Thị Mai', unit: 'NH-1', ethnicity: 'Tày', birth_date: '1977-07-07' },
      { full_name: 'Nông Thị Lụa', unit: 'NH-1', ethnicity: 'Tày', birth_date: '1978-08-08' },
      // A birth date is hers alone: "như trên" there is not the member above's.
      { full_name: 'Lục Thị Hiền', unit: 'NH-1', ethnicity: 'Tày', birth_date: null },
    ]);
    // "nt" under a Ghi chú is that note again: both are away, for her to decide on.
    const notes = await t.sql<{ full_name: string; kinds: string[] }>(
      `SELECT r.full_name, array_agg(s.kind ORDER BY s.kind) AS kinds FROM member_record r JOIN record_suggestion s ON s.record_id = r.id
        WHERE r.commune_code = '00008' GROUP BY r.full_name ORDER BY r.full_name`,
    );
    expect(notes.map((n) => n.full_name)).toEqual(['Hoàng Thị Mai', 'Nông Thị Lụa']);
    expect(notes[1].kinds).toEqual(notes[0].kinds);
  });
});
