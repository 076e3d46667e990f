import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { createTestApp, type TestApp } from './test-app.js';

/** Rosters over HTTP for secretariats: upload starts a job, GraphQL follows it, files download. */
describe('roster upload and downloads over HTTP', () => {
  let t: TestApp;
  let dtn: string;
  let danVan: string;
  beforeAll(async () => {
    t = await createTestApp();
    dtn = await t.logIn(await t.createUser('vp.dtn', Role.SECRETARIAT, 'DTN'));
    danVan = await t.logIn(await t.createUser('bandanvan', Role.DAN_VAN));
  });
  afterAll(async () => t.close());

  const upload = (content: string, name: string, query: string, token: string | null) => {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/csv' }), name);
    return fetch(`${t.url}/imports?${query}`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  };
  const CSV =
    '\uFEFFMã hồ sơ,Họ và tên,Ngày sinh,Giới tính\nD-1,Nguyễn Văn An,2001,Nam\nD-2,Lê Thị Bình,31/02/2002,Nữ\nD-3,Trần Văn Cường,2003,Nam\n';

  it('starts an import from an upload; GraphQL gives its status, counts and row errors; the error file downloads', async () => {
    const res = await upload(CSV, 'đoàn-viên.csv', 'organization=DTN', dtn);
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    type Job = {
      importJob: {
        status: string;
        sourceName: string;
        created: number;
        rejected: number;
        errorFileUrl: string;
        errors: { row: number; column: string; message: string }[];
      };
    };
    let job: Job['importJob'] | undefined;
    for (let i = 0; i < 100; i++) {
      const r = await t.gql<Job>(
        `query($id: ID!) { importJob(id: $id) { status sourceName created rejected errorFileUrl errors { row column message } } }`,
        { id: jobId },
        { token: dtn },
      );
      job = r.data!.importJob;
      if (job.status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job).toMatchObject({ status: 'DONE', sourceName: 'đoàn-viên.csv', created: 2, rejected: 1 });
    expect(job!.errors).toEqual([
      { row: 3, column: 'Ngày sinh', message: "Ngày sinh: '31/02/2002' không hợp lệ: tháng 2/2002 không có ngày 31" },
    ]);
    const file = await fetch(`${t.url}${job!.errorFileUrl}`, { headers: { authorization: `Bearer ${dtn}` } });
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition')!)).toContain('đoàn-viên.loi.csv');
    expect(await file.text()).toContain('D-2,Lê Thị Bình,31/02/2002');
    // Another role or no token: refused, with a JSON reason.
    const other = await fetch(`${t.url}${job!.errorFileUrl}`, { headers: { authorization: `Bearer ${danVan}` } });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { code: string }).code).toBe('FORBIDDEN');
  });

  it('refuses uploads without a token, from a role that does not keep rosters, for another organization, or without a file', async () => {
    expect((await upload(CSV, 'a.csv', 'organization=DTN', null)).status).toBe(401);
    expect((await upload(CSV, 'a.csv', 'organization=DTN', danVan)).status).toBe(403);
    const hpn = await upload(CSV, 'a.csv', 'organization=HPN', dtn);
    expect(hpn.status).toBe(403);
    expect(((await hpn.json()) as { message: string }).message).toContain('HPN');
    const none = await fetch(`${t.url}/imports?organization=DTN`, { method: 'POST', headers: { authorization: `Bearer ${dtn}` } });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { message: string }).message).toContain("trường 'file'");
  });

  it('downloads the roster and the template as .xlsx', async () => {
    const roster = await fetch(`${t.url}/exports/DTN.xlsx`, { headers: { authorization: `Bearer ${dtn}` } });
    expect(roster.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await roster.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(1).value).toBe('D-1');
    const tpl = await fetch(`${t.url}/templates/HPN.xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get('content-disposition')).toContain('mau-HPN.xlsx');
    expect((await fetch(`${t.url}/exports/HPN.csv`, { headers: { authorization: `Bearer ${dtn}` } })).status).toBe(403);
    expect((await fetch(`${t.url}/exports/DTN.pdf`, { headers: { authorization: `Bearer ${dtn}` } })).status).toBe(400);
  });
});
