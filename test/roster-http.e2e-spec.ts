import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { Role } from '../src/access/role.js';
import { APP_CONFIG } from '../src/config/config.module.js';
import type { AppConfig } from '../src/config/app-config.js';
import { ImportJobsAtStart } from '../src/roster-io/import/import-jobs.js';
import { gqlAs, waitForJob } from './support/import-jobs.js';
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
    // D-2 has no name: the one thing that refuses a row now (a bad date only leaves its cell empty, issue 16).
    '\uFEFFMã hồ sơ,Họ và tên,Ngày sinh,Giới tính\nD-1,Nguyễn Văn An,2001,Nam\nD-2,,2002,Nữ\nD-3,Trần Văn Cường,2003,Nam\n';

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
    expect(job!.errors).toEqual([{ row: 3, column: 'Họ và tên', message: 'Họ và tên: không được để trống' }]);
    const file = await fetch(`${t.url}${job!.errorFileUrl}`, { headers: { authorization: `Bearer ${dtn}` } });
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition')!)).toContain('đoàn-viên.loi.csv');
    expect(await file.text()).toContain('D-2,,2002');
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
    // Under the title block and the header (STT first): the two records, then the foot after a blank row.
    let header = 1;
    while (header < 20 && ws.getRow(header).getCell(1).value !== 'STT') header++;
    const first = header + 1;
    expect([ws.getRow(first).getCell(1).value, ws.getRow(first).getCell(2).value]).toEqual([1, 'D-1']);
    expect(ws.getRow(first + 1).getCell(1).value).toBe(2);
    expect(ws.getRow(first + 2).getCell(1).value).toBeNull();
    expect(ws.getRow(first + 3).getCell(1).text).toMatch(/^Tổng số: 2 đoàn viên; trong đó: /);
    const tpl = await fetch(`${t.url}/templates/HPN.xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get('content-disposition')).toContain('mau-HPN.xlsx');
    expect((await fetch(`${t.url}/exports/HPN.csv`, { headers: { authorization: `Bearer ${dtn}` } })).status).toBe(403);
    expect((await fetch(`${t.url}/exports/DTN.pdf`, { headers: { authorization: `Bearer ${dtn}` } })).status).toBe(400);
  });

  type JobView = { status: string; failure: string | null; created: number; rowsRead: number };
  const jobOf = async (id: string, token: string) =>
    t.gql<{ importJob: JobView }>(`query($id: ID!) { importJob(id: $id) { status failure created rowsRead } }`, { id }, { token });
  const finished = async (id: string, token: string): Promise<JobView> => {
    for (let i = 0; i < 200; i++) {
      const j = (await jobOf(id, token)).data!.importJob;
      if (j.status !== 'RUNNING') return j;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${id} still RUNNING`);
  };

  it('keeps a unit-limited secretariat to the jobs started within its unit (and their error files)', async () => {
    for (const u of [
      { organization: 'DTN', code: 'TINH', name: 'Tỉnh đoàn', kind: 'PROVINCE' },
      { organization: 'DTN', code: 'A', name: 'Đoàn phường Ba Đình', kind: 'BASE', parent: 'TINH', communeCode: '00004' },
      { organization: 'DTN', code: 'B', name: 'Đoàn phường Ngọc Hà', kind: 'BASE', parent: 'TINH', communeCode: '00008' },
    ])
      expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u })).errors).toBeUndefined();
    const unitA = await t.logIn(await t.createUser('vp.dtn.a', Role.SECRETARIAT, 'DTN', 'A'));
    const unitB = await t.logIn(await t.createUser('vp.dtn.b', Role.SECRETARIAT, 'DTN', 'B'));
    const res = await upload(
      'Mã hồ sơ,Họ và tên,Ngày sinh,Mã đơn vị,Số CCCD\nB-1,Lê Văn Bảo,2001,B,001201012345\nB-2,,31/02/2001,B,001201012346\n',
      'b.csv',
      'organization=DTN',
      unitB,
    );
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    expect(await finished(jobId, unitB)).toMatchObject({ status: 'DONE', created: 1 });
    // Unit A's secretariat neither sees the job nor downloads its error file (a clear CCCD of unit B).
    const seen = await jobOf(jobId, unitA);
    expect(seen.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const file = await fetch(`${t.url}/imports/${jobId}/errors.csv`, { headers: { authorization: `Bearer ${unitA}` } });
    expect(file.status).toBe(404);
    expect(await file.text()).not.toContain('001201012346');
    // Its own secretariat and the organization's do.
    expect((await fetch(`${t.url}/imports/${jobId}/errors.csv`, { headers: { authorization: `Bearer ${unitB}` } })).status).toBe(200);
    expect((await jobOf(jobId, dtn)).data!.importJob.status).toBe('DONE');
  });

  it('never lets two runners run one job: a second upload of a file being imported is refused; once stopped, it resumes', async () => {
    const content = 'Mã hồ sơ,Họ và tên,Ngày sinh\nR-1,Nguyễn Văn Rạng,2001\nR-2,Nguyễn Văn Sáng,2002\n';
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(content).digest('hex');
    // A job of this file, as a runner in another process leaves it while it runs: RUNNING, its lock held.
    const [{ id }] = await t.sql<{ id: string }>(
      `INSERT INTO import_job (organization_code, source_name, source_sha256, status, actor_name) VALUES ('DTN', 'r.csv', $1, 'RUNNING', 'other') RETURNING id`,
      [sha],
    );
    const runner = new pg.Client({ connectionString: t.databaseUrl });
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('import-job'), hashtext($1))`, [id]);
      const second = await upload(content, 'r.csv', 'organization=DTN', dtn);
      expect(second.status).toBe(409);
      const body = (await second.json()) as { code: string; message: string };
      expect(body.code).toBe('CONFLICT');
      expect(body.message).toContain('đang được nhập');
      expect(body.message).not.toContain(id);
      // A unit's secretariat sending the same file meanwhile is refused too: the same rows, written twice at once.
      const unitA = await t.logIn(await t.createUser('vp.dtn.a2', Role.SECRETARIAT, 'DTN', 'A'));
      const hers = await upload(content, 'r.csv', 'organization=DTN', unitA);
      expect([hers.status, ((await hers.json()) as { message: string }).message]).toEqual([
        409,
        "Tệp 'r.csv' đang được nhập vào tổ chức DTN (lượt nhập chưa xong): chờ lượt đó xong rồi xem kết quả, không cần gửi lại",
      ]);
    } finally {
      await runner.end();
    }
    // The runner is gone (its connection closed): the next upload of the file resumes that job.
    const again = await upload(content, 'r.csv', 'organization=DTN', dtn);
    expect(again.status).toBe(202);
    const { jobId } = (await again.json()) as { jobId: string };
    expect(jobId).toBe(id);
    expect(await finished(jobId, dtn)).toMatchObject({ status: 'DONE', created: 2 });
  });

  it('at start marks a job left RUNNING by a killed process FAILED and resumable, and removes leftover uploads', async () => {
    const content = 'Mã hồ sơ,Họ và tên,Ngày sinh\nK-1,Nguyễn Văn Khánh,2001\nK-2,Nguyễn Văn Kiên,2002\n';
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(content).digest('hex');
    const [{ id }] = await t.sql<{ id: string }>(
      `INSERT INTO import_job (organization_code, source_name, source_sha256, status, actor_name, rows_committed) VALUES ('DTN', 'k.csv', $1, 'RUNNING', 'x', 0) RETURNING id`,
      [sha],
    );
    const dataDir = t.app.get<AppConfig>(APP_CONFIG).dataDir;
    const leftover = path.join(dataDir, 'uploads', '4194001');
    fs.mkdirSync(leftover, { recursive: true });
    fs.writeFileSync(path.join(leftover, 'roster.upload'), content);
    await t.app.get(ImportJobsAtStart).onApplicationBootstrap();
    expect(fs.existsSync(leftover)).toBe(false);
    const j = (await jobOf(id, dtn)).data!.importJob;
    expect(j.status).toBe('FAILED');
    expect(j.failure).toContain('gửi lại đúng tệp này');
    // Sent again: the same job goes on (and the CLI's "run the same file again" still resumes).
    const again = await upload(content, 'k.csv', 'organization=DTN', dtn);
    const { jobId } = (await again.json()) as { jobId: string };
    expect(jobId).toBe(id);
    expect(await finished(jobId, dtn)).toMatchObject({ status: 'DONE', created: 2, failure: null });
  });

  it('takes ten uploads at once without hanging: each is answered (202, or 429 when it waited too long), every accepted one ends DONE, /health stays up', async () => {
    const tokens = await Promise.all([1, 2, 3].map(() => t.serviceToken(Role.SECRETARIAT, 'DTN')));
    const csv = (n: number) =>
      '\uFEFFMã hồ sơ,Họ và tên,Ngày sinh,Giới tính\n' +
      Array.from({ length: 200 }, (_, i) => `C${n}-${i},Nguyễn Văn ${String.fromCharCode(65 + (i % 26))},1990,Nam`).join('\n');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, n) => upload(csv(n), `cung-luc-${n}.csv`, 'organization=DTN', tokens[n % 3])),
    );
    expect(answers.map((r) => r.status).filter((s) => s !== 202 && s !== 429)).toEqual([]);
    const jobs = await Promise.all(answers.filter((r) => r.status === 202).map(async (r) => ((await r.json()) as { jobId: string }).jobId));
    expect(jobs.length).toBeGreaterThan(0);
    for (const id of jobs) await waitForJob((q, v) => gqlAs(t, dtn, q, v), id, 'DONE');
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});
