import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { csrfTokenFor } from '../src/common/http/request-token.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Ngày vào';

/**
 * The roster as an .xlsx a secretariat files (title, STT, names, real dates, frozen header, filters,
 * CCCD masked), and the separate export with the full CCCD numbers: a POST with a written reason,
 * for the roster writers of the organization, logged with the reason and the count.
 */
describe('roster export: the filed workbook and the full CCCD numbers', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-export-'));

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      { organization: 'DTN', code: 'A', name: 'Đoàn phường Ba Đình', kind: 'BASE', communeCode: '00004' },
      { organization: 'DTN', code: 'B', name: 'Đoàn phường Ngọc Hà', kind: 'BASE', communeCode: '00008' },
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    await t.importRoster('DTN', HEADER, [
      'D-1,Nguyễn Văn An,06/05/2001,Nam,001201012345,0912000001,00004,A,26/03/2016',
      'D-2,Trần Thị Bình,2003,Nữ,001303054321,,00008,B,03/2019',
    ]);
    tokens.dtn = await t.logIn(await t.createUser('vp.dtn', Role.SECRETARIAT, 'DTN'));
    tokens.dtnUnitA = await t.logIn(await t.createUser('vp.dtn.a', Role.SECRETARIAT, 'DTN', 'A'));
    tokens.hpn = await t.logIn(await t.createUser('vp.hpn', Role.SECRETARIAT, 'HPN'));
    tokens.danVan = await t.logIn(await t.createUser('bandanvan', Role.DAN_VAN));
    tokens.auditor = await t.serviceToken(Role.AUDITOR);
    tokens.admin = t.adminToken;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const workbook = async (res: Response) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    return book.worksheets[0];
  };
  /** The header row's number and each header's column. */
  const headerOf = (ws: ExcelJS.Worksheet) => {
    for (let r = 1; r <= 10; r++) {
      const cells = (ws.getRow(r).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
      if (cells.includes('Họ và tên')) return { row: r, col: (h: string) => cells.indexOf(h) };
    }
    throw new Error('no header row');
  };
  const clearExport = (who: string, body: unknown, org = 'DTN') =>
    fetch(`${t.url}/exports/${org}/cccd.xlsx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const REASON = 'Đối chiếu danh sách với Công an xã theo công văn 12/CV ngày 01/12';

  it('writes a title block, STT, the commune and unit names, real dates, a frozen header with filters, CCCD masked', async () => {
    const res = await fetch(`${t.url}/exports/DTN.xlsx`, { headers: { authorization: `Bearer ${tokens.dtn}` } });
    expect(res.status).toBe(200);
    const ws = await workbook(res);
    expect(ws.getCell('A1').value).toBe('Đoàn TNCS Hồ Chí Minh');
    expect(ws.getCell('A3').value).toBe('DANH SÁCH ĐOÀN VIÊN');
    expect(ws.getCell('A4').text).toMatch(/^Ngày xuất: \d{2}\/\d{2}\/\d{4}$/);
    const h = headerOf(ws);
    expect(ws.getRow(h.row).getCell(1).value).toBe('STT');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: h.row });
    const last = ws.getRow(h.row).cellCount;
    expect(ws.autoFilter).toBe(`A${h.row}:${ws.getColumn(last).letter}${h.row}`);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
    const an = ws.getRow(h.row + 1);
    const cell = (hd: string) => an.getCell(h.col(hd)).value;
    expect(an.getCell(1).value).toBe(1);
    expect(cell('Họ và tên')).toBe('Nguyễn Văn An');
    expect(cell('Tên xã/phường')).toBe('Phường Ba Đình');
    expect(cell('Tên đơn vị')).toBe('Đoàn phường Ba Đình');
    // A day is a date cell; a year or a month alone stays as written.
    expect(cell('Ngày sinh')).toEqual(new Date(Date.UTC(2001, 4, 6)));
    expect(an.getCell(h.col('Ngày sinh')).numFmt).toBe('dd/mm/yyyy');
    expect(cell('Ngày vào')).toEqual(new Date(Date.UTC(2016, 2, 26)));
    const binh = ws.getRow(h.row + 2);
    expect(binh.getCell(1).value).toBe(2);
    expect(binh.getCell(h.col('Ngày sinh')).value).toBe('2003');
    expect(binh.getCell(h.col('Ngày vào')).value).toBe('03/2019');
    expect(cell('Số CCCD')).toBe('0012******45');

    // …and it imports back to the same records.
    const file = path.join(dir, 'dtn.xlsx');
    await ws.workbook.xlsx.writeFile(file);
    const s = await t.app.get(RosterImportService).import(file, { organization: 'DTN' }, CLI_PRINCIPAL);
    expect({ created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected }).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      rejected: 0,
    });
  });

  it('refuses the full numbers without a written reason', async () => {
    for (const body of [{}, { reason: 'vì cần' }, { reason: '          ' }]) {
      const res = await clearExport('dtn', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain('Lý do');
    }
    expect(await t.sql(`SELECT 1 FROM audit_event WHERE action = 'EXPORT' AND detail->>'clearIdNumbers' = 'true'`)).toEqual([]);
  });

  it('gives her own organization the full numbers, logged with the reason and the count, never a number', async () => {
    const res = await clearExport('dtn', { reason: REASON });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('DTN-cccd.xlsx');
    const ws = await workbook(res);
    const h = headerOf(ws);
    const ids = [1, 2].map((i) => ws.getRow(h.row + i).getCell(h.col('Số CCCD')).value);
    expect(ids).toEqual(['001201012345', '001303054321']);
    expect(ws.getCell('A5').text).toContain('số CCCD đầy đủ');
    const rows = await t.sql<{ detail: Record<string, unknown>; text: string; line: string }>(
      `SELECT e.detail, n.text, e::text AS line FROM audit_event e JOIN audit_note n ON n.id = e.note_id
        WHERE e.action = 'EXPORT' AND e.actor_name = 'vp.dtn' AND e.detail->>'clearIdNumbers' = 'true'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].text).toBe(REASON);
    expect(rows[0].detail).toMatchObject({ rows: 2, format: 'xlsx', unit: null });
    expect(rows[0].line).not.toMatch(/001201012345|001303054321/);
  });

  it('keeps a unit-limited secretariat to its unit, and lets an administrator take any organization', async () => {
    const a = await workbook(await clearExport('dtnUnitA', { reason: REASON }));
    const h = headerOf(a);
    expect(a.getRow(h.row + 1).getCell(h.col('Số CCCD')).value).toBe('001201012345');
    expect(a.getRow(h.row + 2).getCell(1).value).toBeNull();
    const admin = await clearExport('admin', { reason: REASON, unit: 'B' });
    expect(admin.status).toBe(200);
    const b = await workbook(admin);
    expect(b.getCell('A2').value).toBe('Đoàn phường Ngọc Hà');
    expect(b.getRow(headerOf(b).row + 1).getCell(headerOf(b).col('Số CCCD')).value).toBe('001303054321');
  });

  it('refuses another organization, roles that may not take clear data, no token, and a session without its CSRF header', async () => {
    const hpn = await clearExport('hpn', { reason: REASON });
    expect(hpn.status).toBe(403);
    expect(((await hpn.json()) as { message: string }).message).toContain('DTN');
    for (const who of ['danVan', 'auditor']) expect((await clearExport(who, { reason: REASON })).status).toBe(403);
    const anon = await fetch(`${t.url}/exports/DTN/cccd.xlsx`, { method: 'POST', body: '{}' });
    expect(anon.status).toBe(401);
    // A browser session: the cookie alone is refused; with the header it goes through.
    const cookie = `lt_session=${tokens.dtn}`;
    const post = (headers: Record<string, string>) =>
      fetch(`${t.url}/exports/DTN/cccd.xlsx`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ reason: REASON }),
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-csrf-token': csrfTokenFor(tokens.dtn) })).status).toBe(200);
    // Only the exports that went through are logged with the numbers: dtn twice, dtnUnitA, admin.
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM audit_event WHERE action = 'EXPORT' AND detail->>'clearIdNumbers' = 'true'`,
    );
    expect(n).toBe('4');
  });
});
