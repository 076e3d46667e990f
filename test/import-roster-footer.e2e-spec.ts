import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

type Counts = { fate: string; count: number }[];

/**
 * A roster as a commune secretary files it ends with a totals line and a signature block: titles on
 * the left and on the right (the right one under the `Mã xã` column), "(Ký, ghi rõ họ tên)", a place
 * and date, then the signers' names. None of it is a member: every such line is skipped with why —
 * never refused (an error she would have to fix), never created — and the preview says what the
 * confirmed import then does.
 */
describe('an Excel roster with a totals line and a signature block under its members', () => {
  let t: TestApp;
  let token: string;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, token, query, variables);
  const waitFor = (id: string, status: string) => waitForJob(gql, id, status);

  const roster = async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS hội viên');
    ws.addRow(['HỘI LHPN XÃ BẢN PHỦ', '', '', '', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    ws.addRow(['DANH SÁCH HỘI VIÊN NĂM 2026']);
    ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Số điện thoại', 'Mã xã', 'Ghi chú']); // row 3
    ws.addRow([1, 'Lò Thị Mai', '12/03/1985', 'Nữ', '011185012345', '0912345678', '00004', '']);
    ws.addRow([2, 'Cà Thị Dung', '15/08/1979', 'Nữ', '', '0987654321', '00004', '']);
    ws.addRow([3, 'Quàng Thị Hoa', '1990', 'Nữ', '', '', '00004', '']);
    ws.addRow([4, 'Tòng Thị Phương', '20/03/2004', 'Nữ', '', '', '00004', '']);
    ws.addRow([5, 'Lường Thị Xuân', '1966', 'Nữ', '', '', '00004', 'Chi hội trưởng']); // row 8
    ws.addRow([]);
    ws.addRow(['', 'Tổng cộng: 120 hội viên']); // row 10
    ws.addRow(['', '', '', '', '', '', 'Bản Phủ, ngày 15 tháng 11 năm 2026']);
    ws.addRow(['', 'Người lập biểu', '', '', '', '', 'TM. BAN CHẤP HÀNH']);
    ws.addRow(['', '(Ký, ghi rõ họ tên)', '', '', '', '', 'CHỦ TỊCH']);
    ws.addRow([]);
    ws.addRow(['', 'Nguyễn Thị Hoa', '', '', '', '', 'Lò Thị Thanh']); // row 15: the signers' names
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.logIn(await t.createUser('vp.hpn.banphu', Role.SECRETARIAT, 'HPN'));
  });
  afterAll(() => t?.close());

  it('creates the 5 members, skips the totals and signature lines with why, refuses nothing, as its preview said', async () => {
    const jobId = await uploadRoster(t, token, await roster(), 'ds-hoi-vien-ban-phu.xlsx', 'organization=HPN&preview=true&assignIds=true');
    await waitFor(jobId, 'PREVIEW');
    const { importPreview: p } = await gql<{ importPreview: { counts: Counts; rows: { row: number; fate: string }[] } }>(
      `query($id: ID!) { importPreview(jobId: $id) { counts { fate count } rows { row fate } } }`,
      { id: jobId },
    );
    expect(p.rows).toEqual([4, 5, 6, 7, 8].map((row) => ({ row, fate: 'CREATED' })));
    const previewed = Object.fromEntries(p.counts.map((c) => [c.fate, c.count]));
    expect(previewed).toMatchObject({ CREATED: 5, SKIPPED: 5 });
    expect(previewed.REFUSED ?? 0).toBe(0);

    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id: jobId });
    await waitFor(jobId, 'DONE');
    const { importJob } = await gql<{
      importJob: { created: number; updated: number; rejected: number; held: number; skipped: { row: number; reason: string }[] };
    }>(`query($id: ID!) { importJob(id: $id) { created updated rejected held skipped { row reason } } }`, { id: jobId });
    expect(importJob).toMatchObject({ created: previewed.CREATED, updated: 0, rejected: 0, held: 0 });
    expect(importJob.skipped).toEqual([
      { row: 10, reason: "bỏ qua: dòng tổng cộng ('Tổng cộng: 120 hội viên')" },
      { row: 11, reason: "bỏ qua: dòng địa danh, ngày tháng ('Bản Phủ, ngày 15 tháng 11 năm 2026')" },
      { row: 12, reason: "bỏ qua: dòng chữ ký hoặc tiêu đề ('Người lập biểu TM. BAN CHẤP HÀNH')" },
      { row: 13, reason: "bỏ qua: dòng chữ ký hoặc tiêu đề ('(Ký, ghi rõ họ tên) CHỦ TỊCH')" },
      { row: 15, reason: "bỏ qua: chỉ có họ tên 'Nguyễn Thị Hoa' sau khi danh sách đã hết (tên người ký)" },
    ]);
    expect(importJob.skipped).toHaveLength(previewed.SKIPPED);
    const names = await t.sql<{ full_name: string }>(
      `SELECT full_name FROM member_record WHERE organization_code = 'HPN' ORDER BY external_id`,
    );
    expect(names.map((n) => n.full_name)).toEqual(['Lò Thị Mai', 'Cà Thị Dung', 'Quàng Thị Hoa', 'Tòng Thị Phương', 'Lường Thị Xuân']);
    // Nothing of the footer is kept as a row to fix.
    const kept = await t.sql(
      `SELECT 1 FROM import_row_error WHERE job_id = $1 AND COALESCE(outcome, 'REJECTED') NOT IN ('SKIPPED', 'CREATED')`,
      [jobId],
    );
    expect(kept).toEqual([]);
  });

  it('imports the members of a template numbered down to row 8,000 (a STT alone on each line), the numbered lines said in one entry', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['STT', 'Mã hồ sơ', 'Họ và tên', 'Ngày sinh', 'Giới tính']);
    for (let i = 1; i <= 300; i++) ws.addRow([i, `ST-${i}`, `Lò Thị ${String.fromCharCode(65 + (i % 26))}`, '12/03/1985', 'Nữ']);
    for (let i = 301; i <= 8000; i++) ws.addRow([i]);
    const jobId = await uploadRoster(t, token, Buffer.from(await wb.xlsx.writeBuffer()), 'ds-8000.xlsx', 'organization=HPN');
    await waitFor(jobId, 'DONE');
    const { importJob } = await gql<{ importJob: { created: number; rejected: number; skipped: { row: number }[] } }>(
      `query($id: ID!) { importJob(id: $id) { created rejected skipped(first: 2) { row } } }`,
      { id: jobId },
    );
    expect(importJob).toMatchObject({ created: 300, rejected: 0, skipped: [{ row: 302 }, { row: 303 }] });
    // Every numbered line kept for her to see: more than one statement's parameters allow (it failed there).
    const kept = await t.sql<{ n: number; last: number }>(
      `SELECT count(*)::int AS n, max(row_number) AS last FROM import_row_error WHERE job_id = $1 AND outcome = 'SKIPPED'`,
      [jobId],
    );
    expect(kept).toEqual([{ n: 7700, last: 8001 }]);
  });
});
