import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Role } from '../src/access/role.js';
import { RosterExportService } from '../src/roster-io/export/roster-export.service.js';
import { interruptedMessage } from '../src/roster-io/import/import-jobs.js';
import { RosterImportService, type ImportSummary } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

/**
 * Text as Windows writes it in code page 1258: letters with a tone keep their base (â, ơ, ư…)
 * precomposed and carry the tone as a combining mark.
 */
function windows1258Form(text: string): string {
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  return [...text.normalize('NFC')]
    .map((ch) => {
      const d = ch.normalize('NFD');
      const tones = d.match(TONES)?.join('') ?? '';
      return d.replace(TONES, '').normalize('NFC') + tones;
    })
    .join('');
}

/** Rosters in and out through the real import and export, on a real PostgreSQL. */
describe('roster import and export', () => {
  let t: TestApp;
  let importer: RosterImportService;
  let exporter: RosterExportService;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-roster-'));
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const run = (p: string, org: string, extra: { createUnits?: boolean; sheet?: string; batchSize?: number } = {}) =>
    importer.import(p, { organization: org, ...extra }, CLI_PRINCIPAL);
  const counts = (s: ImportSummary) => ({ created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected });
  const records = (org: string) =>
    t.sql<{ external_id: string; full_name: string; birth_date: string | null; phone: string | null; status: string; unit: string | null }>(
      `SELECT r.external_id, r.full_name, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.phone, r.status, u.code AS unit
         FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id WHERE r.organization_code = $1 ORDER BY r.external_id`,
      [org],
    );

  beforeAll(async () => {
    t = await createTestApp();
    importer = t.app.get(RosterImportService);
    exporter = t.app.get(RosterExportService);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const CSV = [
    'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái',
    'HND-1,Nguyễn Văn An,12/03/1970,Nam,001070012345,0912345678,00004,CHI-1,Đang sinh hoạt',
    'HND-2,lê thị  bình,1965,nữ,,0168 123 4567,00001,CHI-1,',
    'HND-3,Trần Văn Ba,31/02/1970,Nam,123,,99999,CHI-1,Bay',
    'HND-1,Nguyễn Văn Lặp,1970,Nam,,,,CHI-1,',
    ',Phạm Văn Không Mã,1970,Nam,,,,CHI-1,',
    'HND-4,"Đỗ Văn Tư",1/5/1968,Nam,,+84 912 000 111,00004,CHI-2,Tạm dừng sinh hoạt',
  ].join('\n');

  it('keeps every good row and names every bad row (row, column, value, reason) in the output and an error file', async () => {
    const p = file('hnd.csv', `\uFEFF${CSV}\n`);
    const s = await run(p, 'HND', { createUnits: true });
    expect(counts(s)).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 3 });
    expect((await records('HND')).map((r) => [r.external_id, r.full_name, r.birth_date, r.phone, r.unit])).toEqual([
      ['HND-1', 'Nguyễn Văn An', '1970-03-12', '0912345678', 'CHI-1'],
      ['HND-2', 'Lê Thị Bình', '1965-01-01', '0381234567', 'CHI-1'],
      ['HND-4', 'Đỗ Văn Tư', '1968-05-01', '0912000111', 'CHI-2'],
    ]);
    // The branches made go under a base unit of the commune, named as she would look for it.
    const [base] = await t.sql<{ name: string }>(
      `SELECT p.name FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.organization_code = 'HND' AND u.code = 'CHI-1'`,
    );
    expect(base.name).toBe('Cơ sở Phường Ba Đình');
    const errors = await importer.rowErrors(s.jobId, CLI_PRINCIPAL);
    expect(errors.map((e) => e.rowNumber)).toEqual([4, 5, 6]);
    const row4 = errors[0];
    expect(row4.columnName).toContain('Ngày sinh');
    expect(row4.message).toContain("Ngày sinh: '31/02/1970' không hợp lệ");
    expect(row4.message).toContain("Số CCCD: '123' có 3 chữ số");
    expect(row4.message).toContain("Mã xã: mã xã '99999' không có");
    expect(row4.message).toContain("Trạng thái: 'Bay' không có trong danh mục");
    expect(errors[1].message).toBe("Mã hồ sơ 'HND-1' đã có ở dòng 2 của tệp");
    expect(errors[2].message).toBe('Mã hồ sơ: không được để trống');

    // The error file re-imports once fixed: its own columns are ignored.
    const errorFile = path.join(dir, 'hnd.loi.csv');
    expect(await importer.writeErrorFile(s.jobId, errorFile, CLI_PRINCIPAL)).toBe(3);
    const text = fs.readFileSync(errorFile, 'utf8');
    expect(text.split('\r\n')[0]).toContain('Mã hồ sơ,Họ và tên');
    expect(text).toContain('Dòng trong tệp gốc');
    const [head, ...rows] = text.split('\r\n');
    const fixed = [head, ...rows.filter((l) => l.startsWith('HND-3'))]
      .join('\r\n')
      .replace('31/02/1970', '28/02/1970')
      .replace(',123,', ',,')
      .replace('99999', '00004')
      .replace(',Bay,', ',Đang sinh hoạt,');
    const again = await run(file('hnd-fixed.csv', fixed), 'HND');
    expect(counts(again)).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0 });
  });

  it('changes nothing when the same file is imported twice, and updates a changed row with its history', async () => {
    const p = file('hnd-again.csv', `\uFEFF${CSV}\n`);
    const s = await run(p, 'HND', { createUnits: true });
    expect(counts(s)).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 3 });
    const changed = CSV.replace(
      'HND-1,Nguyễn Văn An,12/03/1970,Nam,001070012345,0912345678,00004,CHI-1,Đang sinh hoạt',
      'HND-1,Nguyễn Văn An,12/03/1970,Nam,0010******45,0912345678,00004,CHI-2,Đã mất',
    );
    const u = await run(file('hnd-changed.csv', changed), 'HND');
    expect(counts(u)).toEqual({ created: 0, updated: 1, unchanged: 2, rejected: 3 });
    const history = await t.sql<{ kind: string; to_status: string }>(
      `SELECT e.kind, e.to_status FROM membership_event e JOIN member_record r ON r.id = e.record_id WHERE r.external_id = 'HND-1' ORDER BY e.recorded_at, e.kind`,
    );
    expect(history.map((h) => h.kind).sort()).toEqual(['ADMITTED', 'ENDED', 'TRANSFERRED']);
    // The masked ID number typed back left the number as it was.
    const [rec] = await t.sql<{ masked: string }>(`SELECT id_number_masked AS masked FROM member_record WHERE external_id = 'HND-1'`);
    expect(rec.masked).toBe('0010******45');
  });

  it('keeps a record edited since its import when the file gives its same line again; a changed line is compared, a row written differently stays unchanged', async () => {
    const p = file('hnd-edit.csv', `\uFEFF${CSV}\n`);
    const [hnd4] = await t.sql<{ id: string; digest: string | null }>(
      `SELECT id, encode(import_digest, 'hex') AS digest FROM member_record WHERE external_id = 'HND-4'`,
    );
    expect(hnd4.digest).toMatch(/^[0-9a-f]{32}$/);
    const edit = await t.gql(`mutation($id: ID!) { updateMemberRecord(id: $id, input: { phone: "0987654321" }) { phone } }`, {
      id: hnd4.id,
    });
    expect(edit.errors).toBeUndefined();
    const [edited] = await t.sql<{ digest: string | null }>(
      `SELECT encode(import_digest, 'hex') AS digest FROM member_record WHERE id = $1`,
      [hnd4.id],
    );
    // Her edit keeps the line last imported into the record: the same line again is that record, as it now is.
    expect(edited.digest).toBe(hnd4.digest);
    // HND-4 edited since, its line in this file the one last imported: her edit stands (the file says nothing new of
    // it). HND-1, whose line the previous file changed: this file's values again.
    expect(counts(await run(p, 'HND'))).toEqual({ created: 0, updated: 1, unchanged: 2, rejected: 3 });
    expect((await records('HND')).find((r) => r.external_id === 'HND-4')?.phone).toBe('0987654321');
    // The same person written with other spacing and case is still unchanged (and is not read again next time).
    const respaced = CSV.replace('HND-4,"Đỗ Văn Tư"', 'HND-4,"ĐỖ  VĂN TƯ"');
    expect(counts(await run(file('hnd-respaced.csv', respaced), 'HND'))).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 3 });
    const [after] = await t.sql<{ line: string | null }>(`SELECT encode(import_digest, 'hex') AS line FROM member_record WHERE id = $1`, [
      hnd4.id,
    ]);
    // The name is read the Vietnamese way before the digest (issue 16, readNameCell): the respaced row says the same.
    expect(after.line).toBe(hnd4.digest);
  });

  it('reads a Windows-1258 CSV with semicolons, as Excel saves "CSV" on Vietnamese Windows', async () => {
    const text = [
      'Mã hồ sơ;Họ và tên;Ngày sinh;Giới tính;Dân tộc',
      'CCB-1;Hoàng Văn Thụ;1955;Nam;Tày',
      'CCB-2;Nguyễn Thị Định;1950;Nữ;Kinh',
    ].join('\r\n');
    const bytes = iconv.encode(windows1258Form(text), 'windows1258');
    expect(iconv.decode(bytes, 'windows1258').normalize('NFC')).toBe(text);
    expect(bytes.includes(Buffer.from('Hoàng', 'utf8'))).toBe(false);
    const s = await run(file('ccb-1258.csv', bytes), 'CCB');
    expect(counts(s)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect((await records('CCB')).map((r) => r.full_name)).toEqual(['Hoàng Văn Thụ', 'Nguyễn Thị Định']);
    const [eth] = await t.sql<{ ethnicity: string }>(`SELECT ethnicity FROM member_record WHERE external_id = 'CCB-1'`);
    expect(eth.ethnicity).toBe('Tày');
  });

  it('says plainly that a TCVN3 (.Vn font) file must be converted to Unicode', async () => {
    // "Nguyễn Văn Hải" typed with a .VnTime font, saved as bytes.
    const tcvn = Buffer.from('M· hå s¬,Hä vµ tªn\nA1,NguyÔn V¨n H¶i\nA2,TrÇn ThÞ Lª\nA3,Lª V¨n Tïng\n', 'latin1');
    await expect(run(file('tcvn3.csv', tcvn), 'CCB')).rejects.toThrow(/bảng mã TCVN3.*chuyển mã sang Unicode/);
  });

  it('reads an .xlsx with title rows, merged cells and one sheet per branch', async () => {
    const wb = new ExcelJS.Workbook();
    for (const [sheet, rows] of [
      [
        'Chi hội 1',
        [
          ['HPN-1', 'Lò Thị Xuân', '01/01/1990', 'Nữ', 'CHI-A'],
          ['HPN-2', 'Giàng Thị Mỷ', new Date(Date.UTC(1985, 6, 9)), 'Nữ', 'CHI-A'],
        ],
      ],
      ['Chi hội 2', [['HPN-3', 'Vàng Thị Dua', 33970, 'Nữ', 'CHI-B']]],
    ] as const) {
      const ws = wb.addWorksheet(sheet);
      ws.addRow(['DANH SÁCH HỘI VIÊN']);
      ws.mergeCells('A1:E1');
      ws.addRow([`${sheet} — xã Mường Phăng`]);
      ws.mergeCells('A2:E2');
      ws.addRow([]);
      ws.addRow(['STT', 'Mã HS', 'HỌ VÀ TÊN', 'Ngày sinh', 'Giới tính', 'Mã đơn vị']);
      for (const [i, r] of rows.entries()) ws.addRow([i + 1, ...r]);
    }
    const p = path.join(dir, 'hpn.xlsx');
    await wb.xlsx.writeFile(p);
    await t.gql(
      `mutation { a: createUnit(input: { organization: "HPN", code: "CHI-A", name: "Chi hội A", kind: BASE, communeCode: "00004" }) { code } b: createUnit(input: { organization: "HPN", code: "CHI-B", name: "Chi hội B", kind: BASE, communeCode: "00004" }) { code } }`,
    );
    const s = await run(p, 'HPN');
    expect(counts(s)).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(s.sheets).toEqual([
      { name: 'Chi hội 1', headerRow: 4, note: null },
      { name: 'Chi hội 2', headerRow: 4, note: null },
    ]);
    // STT is known now (the row number): no longer listed as an ignored column (issue 16).
    expect(s.ignoredColumns).toEqual([]);
    expect((await records('HPN')).map((r) => [r.external_id, r.birth_date, r.unit])).toEqual([
      ['HPN-1', '1990-01-01', 'CHI-A'],
      ['HPN-2', '1985-07-09', 'CHI-A'],
      ['HPN-3', '1993-01-01', 'CHI-B'],
    ]);
    const one = await run(p, 'HPN', { sheet: 'Chi hội 2' });
    expect(counts(one)).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
    await expect(run(p, 'HPN', { sheet: 'Không có' })).rejects.toThrow(/không có trang tính 'Không có'.*Chi hội 1, Chi hội 2/);
  });

  it('reads an .xlsx written by another program (shared strings, date styles, formulas, inline strings)', async () => {
    // test/fixtures/other-writer.xlsx is written by make-other-writer-xlsx.py (Python's zipfile, LibreOffice's layout).
    const fixture = path.resolve(import.meta.dirname, 'fixtures/other-writer.xlsx');
    const s = await run(fixture, 'CD');
    expect(counts(s)).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(s.sheets.map((x) => [x.name, x.headerRow])).toEqual([
      ['Chi hội Bản Phăng', 3],
      ['Chi hội Bản Che', 1],
    ]);
    expect((await records('CD')).map((r) => [r.external_id, r.full_name, r.birth_date, r.phone])).toEqual([
      ['ND-101', 'Lò Văn Thành', '1970-01-01', '0912345678'],
      ['ND-102', 'Quàng Thị Ín', '1978-01-01', '0982000111'],
      ['ND-201', 'Cà Văn Pâng', '1969-04-03', '0983111222'],
    ]);
  });

  it('gives a file without Mã hồ sơ its codes unasked (issue 16), and writes them back so the next import is keyed', async () => {
    const p = file('nct-khong-ma.csv', '\uFEFFHọ và tên,Ngày sinh,Giới tính\nPhạm Văn Một,1950,Nam\nPhạm Thị Hai,1952,Nữ\n');
    const s = await run(p, 'NCT');
    expect(counts(s)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(s.resultFile).toBe(path.join(dir, 'nct-khong-ma.ma.csv'));
    const result = s.resultFile!;
    const written = fs.readFileSync(result, 'utf8').trim().split('\r\n');
    expect(written[0].replace('\uFEFF', '').startsWith('Mã hồ sơ,Họ và tên')).toBe(true);
    const codes = written.slice(1).map((l) => l.split(',')[0]);
    expect(codes).toHaveLength(2);
    expect(codes.every((c) => /^NCT-[0-9a-f]{8}-\d+$/.test(c))).toBe(true);
    // The file with the codes, and the same file again, change nothing.
    expect(counts(await run(result, 'NCT'))).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(counts(await importer.import(p, { organization: 'NCT', assignIds: true, resultFile: result }, CLI_PRINCIPAL))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      rejected: 0,
    });
  });

  it('lists, with --full, the records of the units the file covers that it does not contain (and leaves them alone)', async () => {
    const p = file('hnd-mot-phan.csv', '\uFEFFMã hồ sơ,Họ và tên\nHND-1,Nguyễn Văn An\nHND-2,Lê Thị Bình\n');
    const s = await importer.import(p, { organization: 'HND', full: true }, CLI_PRINCIPAL);
    // HND-1 and HND-2 are in CHI-1: HND-3 is left out there; HND-4, in CHI-2, is not this file's (import-absent).
    expect(s.missing).toEqual(['HND-3']);
    expect((await records('HND')).map((r) => r.external_id)).toEqual(['HND-1', 'HND-2', 'HND-3', 'HND-4']);
  });

  it('keeps a secretariat of one unit to its subtree: new rows there only, no changes to other units’ records', async () => {
    await t.gql(
      `mutation { a: createUnit(input: { organization: "CCB", code: "CCB-A", name: "Chi hội A", kind: BASE, communeCode: "00004" }) { code } b: createUnit(input: { organization: "CCB", code: "CCB-B", name: "Chi hội B", kind: BASE, communeCode: "00008" }) { code } }`,
    );
    await run(file('ccb-b.csv', '\uFEFFMã hồ sơ,Họ và tên,Mã đơn vị\nCCB-9,Đinh Văn Chín,CCB-B\n'), 'CCB');
    const [unitA] = await t.sql<{ path: string }>(`SELECT path FROM unit WHERE code = 'CCB-A'`);
    const secretariatA = {
      ...CLI_PRINCIPAL,
      kind: 'USER' as const,
      name: 'vp.ccb.a',
      role: Role.SECRETARIAT,
      organization: 'CCB',
      unitPath: unitA.path,
      unitCode: 'CCB-A',
    };
    const p = file(
      'ccb-a.csv',
      '\uFEFFMã hồ sơ,Họ và tên,Mã đơn vị\nCCB-10,Đinh Văn Mười,CCB-A\nCCB-11,Đinh Văn Một,CCB-B\nCCB-12,Đinh Văn Hai,\nCCB-9,Đinh Văn Chín Sửa,CCB-A\n',
    );
    const s = await importer.import(p, { organization: 'CCB' }, secretariatA);
    // A row with an empty unit cell lands in her own unit (a commune's office's roster names no chi hội).
    expect(counts(s)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 2 });
    const landed = await t.sql<{ external_id: string }>(
      `SELECT r.external_id FROM member_record r JOIN unit u ON u.id = r.unit_id WHERE u.code = 'CCB-A' ORDER BY 1`,
    );
    expect(landed.map((r) => r.external_id)).toEqual(['CCB-10', 'CCB-12']);
    const messages = (await importer.rowErrors(s.jobId, secretariatA)).map((e) => e.message);
    expect(messages[0]).toContain("đơn vị 'CCB-B' nằm ngoài phạm vi");
    // Nothing about another unit's record: not its unit, not that it is "outside the scope".
    expect(messages[1]).toBe(
      "Mã hồ sơ 'CCB-9' không dùng được với tài khoản này (mỗi mã chỉ dùng cho một hồ sơ trong tổ chức): hãy kiểm tra lại mã, hoặc nhờ tài khoản cấp tổ chức nhập dòng này",
    );
    expect((await records('CCB')).find((r) => r.external_id === 'CCB-9')!.full_name).toBe('Đinh Văn Chín');
  });

  it('exports a roster that re-imports to the same records (CSV and .xlsx), ID numbers masked', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const out = path.join(dir, `hnd-export.${format}`);
      const { rows } = await exporter.export({ organization: 'HND', format, out }, CLI_PRINCIPAL);
      expect(rows).toBe(4);
      const s = await run(out, 'HND');
      expect(counts(s)).toEqual({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
    }
    const csv = fs.readFileSync(path.join(dir, 'hnd-export.csv'), 'utf8');
    expect(csv).toContain('0010******45');
    expect(csv).not.toContain('001070012345');
    const [log] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE action = 'EXPORT' AND subject_type = 'ROSTER'`);
    expect(log.n).toBe('2');
  });

  it('fills the downloaded template and imports it', async () => {
    const tpl = path.join(dir, 'mau-dtn.xlsx');
    await exporter.template('DTN', tpl);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tpl);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as string[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['Mã hồ sơ', 'Họ và tên', 'Ngày sinh', 'Giới tính']);
    expect((ws.getRow(2).values as string[]).slice(1, 3)).toEqual(['HS-0001', 'Nguyễn Thị Hòa']);
    ws.getRow(2).values = [];
    ws.getRow(2).values = ['DTN-9', 'Bùi Văn Chín', '05/09/2003', 'Nam'];
    const filled = path.join(dir, 'dtn-filled.xlsx');
    await wb.xlsx.writeFile(filled);
    const s = await run(filled, 'DTN');
    expect(counts(s)).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0 });
  });

  it('resumes an import killed with SIGKILL and ends with each row exactly once', async () => {
    const lines = ['Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính'];
    const given = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Lan', 'Long', 'Minh'];
    for (let i = 0; i < 6000; i++) lines.push(`NCT-${i},Trần Văn ${given[i % given.length]},${1930 + (i % 30)},Nam`);
    const p = file('nct.csv', lines.join('\n'));
    const env = { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText };
    const [{ n: before }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM member_record WHERE organization_code = 'NCT'`);
    const cli = path.resolve(import.meta.dirname, '../bin/lienthong.js');
    const child = spawn(process.execPath, [cli, 'import', '--org', 'NCT', '--batch-size', '200', p], { env, stdio: 'ignore' });
    // Kill it once some batches are in, whatever it is doing (the whole file is planned before the first batch is applied).
    for (let i = 0; i < 2400; i++) {
      const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM member_record WHERE organization_code = 'NCT'`);
      if (Number(n) - Number(before) >= 1000) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const [{ n: after }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM member_record WHERE organization_code = 'NCT'`);
    const partial = Number(after) - Number(before);
    expect(Number(partial)).toBeGreaterThan(0);
    expect(Number(partial)).toBeLessThan(6000);
    // A whole number of batches: none half-written.
    expect(Number(partial) % 200).toBe(0);

    const again = spawnSync(process.execPath, [cli, 'import', '--org', 'NCT', '--batch-size', '200', p], { env, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('tiếp tục lần nhập tệp này');
    const [{ n, distinct }] = await t.sql<{ n: string; distinct: string }>(
      `SELECT count(*) AS n, count(DISTINCT external_id) AS distinct FROM member_record WHERE organization_code = 'NCT' AND external_id LIKE 'NCT-%' AND external_id NOT LIKE 'NCT-%-%'`,
    );
    expect([n, distinct]).toEqual(['6000', '6000']);
    const [{ events }] = await t.sql<{ events: string }>(
      `SELECT count(*) AS events FROM membership_event e JOIN member_record r ON r.id = e.record_id WHERE r.organization_code = 'NCT' AND r.external_id NOT LIKE 'NCT-%-%'`,
    );
    expect(events).toBe('6000');
    // The job's counts carry over the run that was killed.
    expect(again.stdout).toContain('tạo mới\t6000');
  }, 120_000);

  it('refreshes the statistics a bulk write made stale before an import looks its rows up (the CLI stops autovacuum’s database)', async () => {
    // 12,000 records written at once (another import, a restore): nobody analyzed the table since — not even
    // autovacuum, which could otherwise analyze it first under a busy run and leave nothing to see.
    await t.sql(`ALTER TABLE member_record SET (autovacuum_enabled = false)`);
    await t.sql(
      `INSERT INTO member_record (organization_code, external_id, full_name, name_folded, family_key, given_key, version)
       SELECT 'CCB', 'CCB-S' || i, 'Nguyễn Văn Tám', 'nguyen van tam', 'nguyen', 'tam', 1 FROM generate_series(0, 11999) i`,
    );
    const stat = () =>
      t.sql<{ changed: number; analyzed: boolean }>(
        `SELECT n_mod_since_analyze::int AS changed, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'member_record'`,
      );
    // The counters reach the statistics a moment after the commit.
    for (let i = 0; i < 100 && (await stat())[0].changed < 12_000; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await stat())[0].changed).toBeGreaterThanOrEqual(12_000);

    await run(file('ccb-one.csv', 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính\nCCB-S1,Nguyễn Văn Tám,1941,Nam\n'), 'CCB');
    const [after] = await stat();
    await t.sql(`ALTER TABLE member_record RESET (autovacuum_enabled)`);
    expect(after.analyzed).toBe(true);
    expect(after.changed).toBeLessThan(12_000);
    // So a batch's lookup by Mã hồ sơ walks the organization's unique key, not all of its rows.
    const codes = Array.from({ length: 500 }, (_, i) => `CCB-S${i * 7}`);
    const plan = await t.sql<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT external_id FROM member_record WHERE organization_code = 'CCB' AND external_id = ANY($1)`,
      [codes],
    );
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('uq_member_record_org_external_id');
  }, 120_000);

  it('rejects only the row the database refuses, and a 65-character Mã hồ sơ by its limit: the good rows of the batch are written', async () => {
    // A value the database cannot take (here a limit this test adds) fails that row, not its batch or the job.
    await t.sql(`ALTER TABLE member_record ADD CONSTRAINT test_refused_name CHECK (full_name <> 'Lê Văn Bình')`);
    try {
      const p = file(
        'db-refuses.csv',
        [
          'Mã hồ sơ,Họ và tên,Ngày sinh,Dân tộc',
          'DB-1,Nguyễn Văn An,1971,Kinh',
          `DB-2,Lê Văn Bình,1972,Tày`,
          `${'X'.repeat(65)},Trần Văn Cường,1973,Kinh`,
          'DB-4,Phạm Văn Dũng,1974,Kinh',
        ].join('\n'),
      );
      const s = await run(p, 'HND');
      expect(counts(s)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 2 });
      expect((await records('HND')).map((r) => r.external_id).filter((c) => c.startsWith('DB-'))).toEqual(['DB-1', 'DB-4']);
      const errors = await importer.rowErrors(s.jobId, CLI_PRINCIPAL);
      expect(errors.map((e) => e.rowNumber)).toEqual([3, 4]);
      expect(errors[1].columnName).toBe('Mã hồ sơ');
      expect(errors[0].message).toMatch(/Dòng không lưu được/);
      expect(errors[1].message).toContain('dài 65 ký tự, tối đa 64');
    } finally {
      await t.sql(`ALTER TABLE member_record DROP CONSTRAINT test_refused_name`);
    }
  });

  it('remembers on resuming the Mã hồ sơ of rows committed before the stop: a code repeated across the resume point is an error', async () => {
    const header = '\uFEFFMã hồ sơ,Họ và tên\n';
    const p = file('resume.csv', `${header}RS-1,Lò Văn Một\nRS-2,Lò Văn Hai\nRS-3,Lò Văn Ba\nRS-1,Lò Văn Lặp\n`);
    // What a run stopped after its first batch leaves: rows 2–3 of the file committed, and its job
    // as the start-up sweep marks it (failed, interrupted, resumable from row 3 of the data).
    await run(file('resume-first.csv', `${header}RS-1,Lò Văn Một\nRS-2,Lò Văn Hai\n`), 'CCB');
    const sha = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    await t.sql(
      `INSERT INTO import_job (organization_code, source_name, source_sha256, status, rows_committed, created, actor_name, failure, interrupted, unit_path, finished_at)
       VALUES ('CCB', 'resume.csv', $1, 'FAILED', 2, 2, $2, $3, true, NULL, now())`,
      [sha, CLI_PRINCIPAL.name, interruptedMessage(2)],
    );
    const s = await run(p, 'CCB', { batchSize: 2 });
    expect(s.resumed).toBe(true);
    expect(counts(s)).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 1 });
    const errors = await importer.rowErrors(s.jobId, CLI_PRINCIPAL);
    expect(errors.map((e) => [e.rowNumber, e.message])).toEqual([[5, "Mã hồ sơ 'RS-1' đã có ở dòng 2 của tệp"]]);
    const mine = (await records('CCB')).filter((r) => r.external_id.startsWith('RS-'));
    expect(mine.map((r) => [r.external_id, r.full_name])).toEqual([
      ['RS-1', 'Lò Văn Một'],
      ['RS-2', 'Lò Văn Hai'],
      ['RS-3', 'Lò Văn Ba'],
    ]);
  });
});
