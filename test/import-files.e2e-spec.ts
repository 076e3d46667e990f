import iconv from 'iconv-lite';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
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
  it("imports what older programs save as Excel over HTTP: an Excel 97–2003 .xls and a web system's table saved as .xls", async () => {
    const token = await t.logIn(await t.createUser('vp.hpn.cu', Role.SECRETARIAT, 'HPN'));
    const ws = XLSX.utils.aoa_to_sheet([
      ['DANH SÁCH HỘI VIÊN'],
      ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Số điện thoại'],
      // The CCCD typed into a General cell (its 0 lost), the birth date a real date cell.
      [1, 'Lò Thị Xuân', 31_112, 11185022222, '0912 345 679'],
    ]);
    (ws.C3 as XLSX.CellObject).z = 'dd/mm/yyyy';
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, ws, 'DS');
    const page =
      '<html><head><meta charset="utf-8"></head><body><table><tr><th>Họ và tên</th><th>Ngày sinh</th><th>Số CCCD</th></tr>' +
      '<tr><td>Cầm Thị Nguyệt</td><td>05/06/1990</td><td>011190033333</td></tr></table></body></html>';
    for (const [name, content] of [
      ['ds-cu.xls', XLSX.write(book, { bookType: 'biff8', type: 'buffer' }) as Buffer],
      ['xuat-excel.xls', Buffer.from(page)],
    ] as const) {
      const form = new FormData();
      form.append('file', new Blob([content]), name);
      const res = await fetch(`${t.url}/imports?organization=HPN&assignIds=true`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${token}` },
      });
      expect([name, res.status]).toEqual([name, 202]);
      const { jobId } = (await res.json()) as { jobId: string };
      let job: { status: string; created: number; rejected: number } | undefined;
      for (let i = 0; i < 200 && (!job || job.status === 'RUNNING'); i++) {
        if (job) await new Promise((r) => setTimeout(r, 50));
        job = (
          await t.gql<{ importJob: typeof job }>(
            `query($id: ID!) { importJob(id: $id) { status created rejected } }`,
            { id: jobId },
            { token },
          )
        ).data!.importJob;
      }
      expect([name, job]).toEqual([name, { status: 'DONE', created: 1, rejected: 0 }]);
    }
    const stored = await t.sql<{ full_name: string; birth: string; id_number_masked: string; phone: string | null }>(
      `SELECT full_name, to_char(birth_date, 'DD/MM/YYYY') AS birth, id_number_masked, phone FROM member_record
        WHERE full_name IN ('Lò Thị Xuân', 'Cầm Thị Nguyệt') ORDER BY full_name`,
    );
    expect(stored).toEqual([
      { full_name: 'Cầm Thị Nguyệt', birth: '05/06/1990', id_number_masked: '0111******33', phone: null },
      { full_name: 'Lò Thị Xuân', birth: '06/03/1985', id_number_masked: '0111******22', phone: '0912345679' },
    ]);
  });

  /** Her own roster: her columns in her order (STT first, a column of her own, no Mã hồ sơ), a refused row, a totals line. */
  const herRoster = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Chi hội 1');
    ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Mã đơn vị', 'Tổ']);
    ws.addRow(['1', 'Quàng Thị Mai', '05/06/1987', '011187012346', '', 'Tổ 1']);
    ws.addRow(['2', 'Lường Thị Hoa', '07/08/1993', '011193012347', 'CHI 01!', 'Tổ 2']);
    ws.addRow(['', 'Tổng cộng: 2 hội viên', '', '', '', '']);
    await wb.xlsx.writeFile(file);
    return fs.readFileSync(file);
  };
  const cliEnv = () => ({ ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText });
  const lienthong = (...args: string[]) =>
    spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), ...args], { env: cliEnv(), encoding: 'utf8' });
  const HER_HEADER = ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Mã đơn vị', 'Tổ'];
  let cliResult: string[][] = [];

  it('keeps her own columns in the error file beside the reason; fixed in Excel, it imports again (CLI); skipped lines printed', async () => {
    const p = path.join(dir, 'chi-hoi.xlsx');
    await herRoster(p);
    const run = lienthong('import', '--org', 'HPN', p);
    expect(run.stdout).toMatch(/^tạo mới\t1$/m);
    expect(run.stdout).toMatch(/^lỗi\t1$/m);
    // The totals line, as HTTP's skippedRows says it.
    expect(run.stderr).toContain('dòng 4 (trang Chi hội 1): bỏ qua: ');
    const errorsFile = path.join(dir, 'chi-hoi.loi.xlsx');
    const errors = await cellsOf(errorsFile);
    expect(errors.rows[0]).toEqual([...HER_HEADER, 'Dòng trong tệp gốc', 'Cột', 'Giá trị', 'Lỗi']);
    expect(errors.rows).toHaveLength(2);
    expect(errors.rows[1].slice(0, 9)).toEqual([
      '2',
      'Lường Thị Hoa',
      '07/08/1993',
      '011193012347',
      'CHI 01!',
      'Tổ 2',
      'Chi hội 1!3',
      'Mã đơn vị',
      'CHI 01!',
    ]);
    expect(errors.rows[1][9]).toMatch(/^Mã đơn vị/);
    for (const h of ['Số CCCD', 'Mã đơn vị']) expect(errors.columnsText[HER_HEADER.indexOf(h)]).toBe(true);
    expect(errors.text[1][HER_HEADER.indexOf('Số CCCD')]).toBe(true);
    // Her sheet's name kept.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(errorsFile);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chi hội 1']);

    // She fixes the unit cell in Excel and imports the error file back.
    wb.worksheets[0].getRow(2).getCell(HER_HEADER.indexOf('Mã đơn vị') + 1).value = '';
    await wb.xlsx.writeFile(errorsFile);
    const again = lienthong('import', '--org', 'HPN', errorsFile);
    expect(again.stdout).toMatch(/^tạo mới\t1$/m);
    expect(again.stdout).toMatch(/^lỗi\t0$/m);
    const [hoa] = await t.sql<{ birth_date: string }>(
      `SELECT birth_date::text FROM member_record WHERE organization_code = 'HPN' AND full_name = 'Lường Thị Hoa'`,
    );
    expect(hoa.birth_date).toBe('1993-08-07');

    // The result file: her rows and columns, the code each got, what became of it.
    expect(run.stdout).toContain(path.join(dir, 'chi-hoi.ma.xlsx'));
    const result = await cellsOf(path.join(dir, 'chi-hoi.ma.xlsx'));
    expect(result.rows[0]).toEqual(['Mã hồ sơ', ...HER_HEADER, 'Kết quả', 'Lý do', 'Cảnh báo']);
    const [, mai, hoaRow, total] = result.rows;
    expect(mai.slice(1, 7)).toEqual(['1', 'Quàng Thị Mai', '05/06/1987', '011187012346', '', 'Tổ 1']);
    expect([mai[0], mai[7], mai[8]]).toEqual([expect.stringMatching(/^HPN-[0-9a-f]{8}-1$/), 'đã thêm', '']);
    expect([hoaRow[0], hoaRow[7], hoaRow[8]]).toEqual([
      expect.stringMatching(/^HPN-[0-9a-f]{8}-2$/),
      'lỗi',
      expect.stringMatching(/^Mã đơn vị/),
    ]);
    expect([total[0], total[2], total[7], total[8]]).toEqual(['', 'Tổng cộng: 2 hội viên', 'bỏ qua', expect.stringMatching(/^bỏ qua: /)]);
    const [rec] = await t.sql<{ external_id: string }>(
      `SELECT external_id FROM member_record WHERE organization_code = 'HPN' AND full_name = 'Quàng Thị Mai'`,
    );
    expect(rec.external_id).toBe(mai[0]);
    cliResult = result.rows;
  });

  it('writes the side files of a semicolon CSV (Excel on a Vietnamese Windows, Windows-1258) with semicolons, so her Excel opens them in columns', () => {
    const p = path.join(dir, 'chi-hoi-excel.csv');
    const lines = ['STT;Họ và tên;Ngày sinh;Mã đơn vị', '1;Lò Thị Dịu;12/03/1990;', '2;Lò Thị Mơ;1991;CHI 01!'];
    // As Windows writes Vietnamese in 1258: the tone marks apart (combining), the vowel's own mark kept on it (â, ơ, ư).
    const cp1258 = (text: string) => text.normalize('NFD').replace(/[aeouAEOU][\u0302\u0306\u031b]/g, (m) => m.normalize('NFC'));
    fs.writeFileSync(p, iconv.encode(cp1258(`${lines.join('\r\n')}\r\n`), 'windows1258'));
    const run = lienthong('import', '--org', 'HPN', p);
    expect(run.stdout).toMatch(/^lỗi\t1$/m);
    const firstLines = (f: string) =>
      fs
        .readFileSync(f, 'utf8')
        .normalize('NFC')
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, 2);
    const [errorsHeader, errorRow] = firstLines(path.join(dir, 'chi-hoi-excel.loi.csv'));
    expect(errorsHeader.split(';').slice(0, 4)).toEqual(['STT', 'Họ và tên', 'Ngày sinh', 'Mã đơn vị']);
    expect(errorRow.split(';').slice(0, 4)).toEqual(['2', 'Lò Thị Mơ', '1991', 'CHI 01!']);
    expect(firstLines(path.join(dir, 'chi-hoi-excel.ma.csv'))[0].split(';')).toContain('Mã hồ sơ');
  });

  it('serves over HTTP the same result file (GET /imports/:id/result.xlsx), to the job’s scope only', async () => {
    const token = await t.logIn(await t.createUser('vp2.hpn', Role.SECRETARIAT, 'HPN'));
    const auth = { authorization: `Bearer ${token}` };
    const upload = async (content: Buffer, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([content]), name);
      const res = await fetch(`${t.url}/imports?organization=HPN`, { method: 'POST', body: form, headers: auth });
      const { jobId } = (await res.json()) as { jobId: string };
      for (let i = 0; i < 100; i++) {
        const job = (
          await t.gql<{ importJob: { status: string } }>(`query($id: ID!) { importJob(id: $id) { status } }`, { id: jobId }, { token })
        ).data!.importJob;
        if (job.status !== 'RUNNING') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return jobId;
    };
    // The same bytes as the CLI's import: the same codes; the member row is now unchanged.
    const jobId = await upload(fs.readFileSync(path.join(dir, 'chi-hoi.xlsx')), 'chi-hoi.xlsx');
    const { importJob } = (
      await t.gql<{ importJob: { resultFileUrl: string | null } }>(
        `query($id: ID!) { importJob(id: $id) { resultFileUrl } }`,
        { id: jobId },
        { token },
      )
    ).data!;
    expect(importJob.resultFileUrl).toBe(`/imports/${jobId}/result.xlsx`);
    const skippedOf = async (id: string, as = token) =>
      (
        await t.gql<{ importJob: { skipped: unknown[] } }>(
          `query($id: ID!) { importJob(id: $id) { skipped { sheet row reason } } }`,
          { id },
          { token: as },
        )
      ).data?.importJob.skipped;
    expect(await skippedOf(jobId)).toEqual([{ sheet: 'Chi hội 1', row: 4, reason: "bỏ qua: dòng tổng cộng ('Tổng cộng: 2 hội viên')" }]);
    const file = await fetch(`${t.url}${importJob.resultFileUrl}`, { headers: auth });
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition')!)).toContain('chi-hoi.ma.xlsx');
    const result = await cellsOf(Buffer.from(await file.arrayBuffer()));
    expect(result.rows).toEqual(cliResult.map((r, i) => (i === 1 ? [...r.slice(0, 7), 'không đổi', ...r.slice(8)] : r)));
    expect(result.columnsText[result.rows[0].indexOf('Số CCCD')]).toBe(true);
    // Its error file keeps her columns too.
    const errors = await cellsOf(
      Buffer.from(await (await fetch(`${t.url}/imports/${jobId}/errors.xlsx`, { headers: auth })).arrayBuffer()),
    );
    expect(errors.rows[0].slice(0, 6)).toEqual(HER_HEADER);
    const [audit] = await t.sql<{ action: string; detail: { rows: number } }>(
      `SELECT action, detail FROM audit_event WHERE subject_type = 'IMPORT_RESULT' AND subject_id = $1`,
      [jobId],
    );
    expect(audit).toEqual({ action: 'EXPORT', detail: { rows: 3, format: 'csv' } });

    // Another organization's secretariat does not find the job; a file with its own codes has no result file.
    const other = await t.logIn(await t.createUser('vp.hnd', Role.SECRETARIAT, 'HND'));
    expect((await fetch(`${t.url}/imports/${jobId}/result.xlsx`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404);
    const coded = new ExcelJS.Workbook();
    coded.addWorksheet('DS').addRows([
      ['Mã hồ sơ', 'Họ và tên', 'Ngày sinh'],
      ['HPN-X1', 'Vì Thị Xuân', '1990'],
      ['', '', 'Tổng cộng: 1'],
    ]);
    const codedJob = await upload(Buffer.from(await coded.xlsx.writeBuffer()), 'co-ma.xlsx');
    const none = await fetch(`${t.url}/imports/${codedJob}/result.xlsx`, { headers: auth });
    expect(none.status).toBe(404);
    expect(await none.text()).toContain('không có tệp kết quả');
    const codedView = await t.gql<{ importJob: { resultFileUrl: string | null } }>(
      `query($id: ID!) { importJob(id: $id) { resultFileUrl } }`,
      { id: codedJob },
      { token },
    );
    expect(codedView.data!.importJob.resultFileUrl).toBeNull();
    // Its skipped lines are kept all the same (every import's are), to the job's scope only.
    expect(await skippedOf(codedJob)).toEqual([{ sheet: 'DS', row: 3, reason: "bỏ qua: dòng tổng cộng ('Tổng cộng: 1')" }]);
    expect(await skippedOf(codedJob, other)).toBeUndefined();
  });

  it('gives her values back as she typed them, and her result file imported again reads as the first time and changes nothing', async () => {
    // A real roster: title, two-row merged header, column numbers, a date cell, a CCCD number, totals, signatures.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Chi hội Co Mận');
    ws.addRow(['HỘI LHPN XÃ THANH NƯA']);
    ws.addRow(['DANH SÁCH HỘI VIÊN NĂM 2026']);
    ws.addRow(['STT', 'Họ và tên', 'Năm sinh', '', 'Số CCCD', 'Địa chỉ', '', 'Ngày vào Hội']);
    ws.addRow(['', '', 'Nam', 'Nữ', '', 'Thôn, bản', 'Xã', '']);
    ws.mergeCells('C3:D3');
    ws.mergeCells('F3:G3');
    ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)']);
    ws.addRow([1, 'Lò Thị Xuân', '', new Date(Date.UTC(1985, 2, 12)), 11185001234, 'Bản Co Mận', 'Thanh Luông', '3/2010']);
    ws.addRow([2, 'Quàng Thị Hoa', '', '12/3/1985', '011190004567', 'Bản Co Mận', 'Thanh Nưa', 2005]);
    ws.addRow([3, 'Nguyễn Văn Tuấn', 1979, '', '', 'Tổ 3', '', '15.8.2015']);
    ws.addRow(['', 'Tổng cộng: 3 hội viên']);
    ws.addRow(['', '', '', '', '', 'Thanh Nưa, ngày 15 tháng 11 năm 2026']);
    ws.addRow(['', 'NGƯỜI LẬP BIỂU', '', '', '', 'CHI HỘI TRƯỞNG']);
    ws.addRow(['', 'Lò Thị Xuân', '', '', '', 'Quàng Thị Hoa']);
    const p = path.join(dir, 'co-man.xlsx');
    await wb.xlsx.writeFile(p);
    const skippedOf = (stderr: string) => [...stderr.matchAll(/\): (bỏ qua: .*)$/gm)].map((m) => m[1]);
    const warnedOf = (stdout: string, stderr: string) => [
      stdout.match(/^tạo mới\t\d+$/m)?.[0],
      stderr.match(/(\d+) dòng có cảnh báo/)?.[1],
    ];

    const first = lienthong('import', '--org', 'HPN', p);
    expect(first.stdout).toMatch(/^tạo mới\t3$/m);
    expect(skippedOf(first.stderr)).toHaveLength(5);
    // Warned: Xuân (the zeros of her CCCD put back), Hoa (her CCCD says born 1990, the row 1985), Tuấn (a man in the HPN).
    expect(warnedOf(first.stdout, first.stderr)[1]).toBe('3');
    const result = await cellsOf(path.join(dir, 'co-man.ma.xlsx'));
    const [xuan, hoa] = result.rows.filter((r) => r[2] === 'Lò Thị Xuân' || r[2] === 'Quàng Thị Hoa');
    // Her date cell as dd/mm/yyyy (not 1985-03-12); her text exactly as typed.
    expect([xuan[4], hoa[4], hoa[5]]).toEqual(['12/03/1985', '12/3/1985', '011190004567']);

    // The result file brought back: our columns known and ignored, the same lines skipped for the same reasons, nothing changed.
    const again = lienthong('import', '--org', 'HPN', path.join(dir, 'co-man.ma.xlsx'));
    const ignored = (stderr: string) => stderr.match(/bỏ qua các cột.*$/m)?.[0];
    expect(ignored(again.stderr)).toBe(ignored(first.stderr));
    expect(skippedOf(again.stderr)).toEqual(skippedOf(first.stderr));
    for (const [line, n] of [
      ['tạo mới', 0],
      ['cập nhật', 0],
      ['không đổi', 3],
      ['lỗi', 0],
    ])
      expect(again.stdout).toMatch(new RegExp(`^${line}\t${n}$`, 'm'));
    // The unchanged rows still carry their warnings, and are counted so.
    expect(warnedOf(again.stdout, again.stderr)[1]).toBe('3');
    // With its codes the file gets no result file: the warned rows are listed, each with what it says.
    const listed = [...again.stderr.matchAll(/^\[lienthong\] cảnh báo: .*dòng (\d+) \S+: (.*)$/gm)];
    expect(listed.map((m) => m[1])).toHaveLength(3);
    expect(listed.map((m) => m[2]).join('\n')).toMatch(/Số CCCD.*thiếu/);
  });
});

describe('a file that is not a roster, over the CLI', () => {
  it('is refused at once with the import’s message, before the database is opened (nothing made in DATA_DIR)', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-not-roster-'));
    try {
      const image = path.resolve(import.meta.dirname, 'fixtures/rosters/wrong/anh-chup.png');
      const run = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'import', '--org', 'HPN', image], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({
        status: 1,
        stderr: expect.stringContaining("'anh-chup.png' là tệp ảnh") as unknown,
      });
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
