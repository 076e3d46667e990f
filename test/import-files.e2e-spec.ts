import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { createTestApp, type TestApp } from './test-app.js';

/** Each cell of the first sheet as text, with whether it is formatted as Text (`@`). */
async function cellsOf(file: string | Buffer): Promise<{ rows: string[][]; text: boolean[][]; columnsText: boolean[] }> {
  const wb = new ExcelJS.Workbook();
  if (typeof file === 'string') await wb.xlsx.readFile(file);
  else await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  const text: boolean[][] = [];
  ws.eachRow((row) => {
    const values: string[] = [];
    const formats: boolean[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      values.push(cell.text);
      formats.push(cell.numFmt === '@');
    }
    rows.push(values);
    text.push(formats);
  });
  const columnsText = Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).numFmt === '@');
  return { rows, text, columnsText };
}

/** Issue 16 item 7: files a secretary can fix in Excel — the error and result files of a workbook are workbooks with text columns. */
describe('error, result and template files as Excel keeps them (issue 16)', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-files-'));
  beforeAll(async () => {
    t = await createTestApp({ PROVINCE: '11' });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const roster = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Số điện thoại', 'Mã đơn vị']);
    ws.addRow(['Lò Thị Lan', '12/03/1985', 'Nữ', '011185012345', '0912345678', '']);
    // Refused by its unit code (a bad date alone only warns); the date's warning is said with it.
    ws.addRow(['Cà Thị Ín', '31/02/1992', 'Nữ', '011192012345', '0987654321', 'CHI 01!']);
    await wb.xlsx.writeFile(file);
    return fs.readFileSync(file);
  };

  it('writes, over the CLI, the rejected rows of an .xlsx to <name>.loi.xlsx and the codes to <name>.ma.xlsx, zeros kept as text', async () => {
    const p = path.join(dir, 'hpn.xlsx');
    await roster(p);
    {
      const env = { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText };
      const cli = path.resolve(import.meta.dirname, '../bin/lienthong.js');
      const run = spawnSync(process.execPath, [cli, 'import', '--org', 'HPN', p], { env, encoding: 'utf8' });
      expect(run.stdout).toContain(path.join(dir, 'hpn.loi.xlsx'));
      expect(run.stdout).toContain(path.join(dir, 'hpn.ma.xlsx'));
      const errors = await cellsOf(path.join(dir, 'hpn.loi.xlsx'));
      const header = errors.rows[0];
      const row = errors.rows[1];
      const at = (h: string) => row[header.indexOf(h)];
      expect([at('Họ và tên'), at('Số CCCD'), at('Số điện thoại'), at('Ngày sinh')]).toEqual([
        'Cà Thị Ín',
        '011192012345',
        '0987654321',
        '31/02/1992',
      ]);
      expect(at('Lỗi')).toMatch(/Mã đơn vị/);
      expect(at('Lỗi')).toMatch(/Ngày sinh/);
      expect(errors.text[1][header.indexOf('Số CCCD')]).toBe(true);
      expect(errors.columnsText[header.indexOf('Số CCCD')]).toBe(true);
      const result = await cellsOf(path.join(dir, 'hpn.ma.xlsx'));
      expect(result.rows[1][result.rows[0].indexOf('Mã hồ sơ')]).toMatch(/^HPN-[0-9a-f]{8}-1$/);
      expect(result.rows[1][result.rows[0].indexOf('Số CCCD')]).toBe('011185012345');
    }
  });

  it('serves over HTTP the error file of an uploaded .xlsx as .xlsx, and a template with a commune of the deployment’s province', async () => {
    const token = await t.logIn(await t.createUser('vp.hpn', Role.SECRETARIAT, 'HPN'));
    const content = await roster(path.join(dir, 'http.xlsx'));
    const form = new FormData();
    form.append('file', new Blob([content]), 'ds-hoi-vien.xlsx');
    const auth = { authorization: `Bearer ${token}` };
    const { jobId } = (await (await fetch(`${t.url}/imports?organization=HPN`, { method: 'POST', body: form, headers: auth })).json()) as {
      jobId: string;
    };
    let job: { status: string; rejected: number; errorFileUrl: string } | undefined;
    for (let i = 0; i < 100; i++) {
      job = (
        await t.gql<{ importJob: typeof job }>(
          `query($id: ID!) { importJob(id: $id) { status rejected errorFileUrl } }`,
          { id: jobId },
          { token },
        )
      ).data!.importJob;
      if (job!.status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job).toMatchObject({ status: 'DONE', rejected: 1, errorFileUrl: `/imports/${jobId}/errors.xlsx` });
    const file = await fetch(`${t.url}${job!.errorFileUrl}`, { headers: auth });
    expect(decodeURIComponent(file.headers.get('content-disposition')!)).toContain('ds-hoi-vien.loi.xlsx');
    const errors = await cellsOf(Buffer.from(await file.arrayBuffer()));
    expect(errors.rows[1][errors.rows[0].indexOf('Số CCCD')]).toBe('011192012345');
    // The CSV stays available.
    expect((await fetch(`${t.url}/imports/${jobId}/errors.csv`, { headers: auth })).status).toBe(200);

    const template = await cellsOf(Buffer.from(await (await fetch(`${t.url}/templates/HPN.xlsx`, { headers: auth })).arrayBuffer()));
    const commune = template.rows[1][template.rows[0].indexOf('Mã xã')];
    const [where] = await t.sql<{ province_code: string }>(`SELECT province_code FROM commune WHERE code = $1`, [commune]);
    expect(where.province_code).toBe('11');
    for (const h of ['Số CCCD', 'Số điện thoại', 'Mã hồ sơ', 'Mã xã']) expect(template.columnsText[template.rows[0].indexOf(h)]).toBe(true);
  });
});
