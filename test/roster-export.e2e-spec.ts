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
    // Trần Thị Bình sinh hoạt tạm thời: the foot counts her under her own status, not "Đang sinh hoạt".
    const [binh] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'D-2'`);
    const temp = await t.gql(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { status: TEMPORARY, reason: "Sinh hoạt tạm thời nơi làm việc" }) { status } }`,
      {
        id: binh.id,
      },
    );
    if (temp.errors) throw new Error(JSON.stringify(temp.errors));
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

  /** Each non-empty line of the sheet from a row on, its cells' texts joined (a merged cell read once). */
  const linesFrom = (ws: ExcelJS.Worksheet, from: number) => {
    const out: string[] = [];
    for (let r = from; r <= ws.rowCount; r++) {
      const texts = [...new Set((ws.getRow(r).values as unknown[]).filter((v): v is string => typeof v === 'string' && !!v.trim()))];
      if (texts.length) out.push(texts.join(' | '));
    }
    return out;
  };

  it('writes the official title block, STT, the commune and unit names, real dates, a frozen header with filters, CCCD masked', async () => {
    const res = await fetch(`${t.url}/exports/DTN.xlsx`, { headers: { authorization: `Bearer ${tokens.dtn}` } });
    expect(res.status).toBe(200);
    const ws = await workbook(res);
    // The organization at the top left, the Quốc hiệu at the top right; the title; as of when.
    expect(linesFrom(ws, 1).slice(0, 4)).toEqual([
      'ĐOÀN TNCS HỒ CHÍ MINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      // No unit, no one commune, no province committee: the line is left to write by hand.
      'Độc lập - Tự do - Hạnh phúc',
      'DANH SÁCH ĐOÀN VIÊN',
      expect.stringMatching(/^Tính đến ngày \d{2}\/\d{2}\/\d{4}$/),
    ]);
    expect(ws.getCell('A1').value).toBe('ĐOÀN TNCS HỒ CHÍ MINH');
    expect(ws.getCell('A3').value).toBe('DANH SÁCH ĐOÀN VIÊN');
    const h = headerOf(ws);
    // Unit by unit, as she files it: each unit's name on a line of its own over its members.
    expect([1, 2, 3, 4].map((i) => ws.getRow(h.row + i).getCell(i % 2 ? 1 : h.col('Họ và tên')).value)).toEqual([
      'Đoàn phường Ba Đình',
      'Nguyễn Văn An',
      'Đoàn phường Ngọc Hà',
      'Trần Thị Bình',
    ]);
    // The foot: each status counted under its own label, the place and date, who signs (Đoàn's head is its Bí thư).
    const foot = linesFrom(ws, h.row + 5);
    expect(foot[0]).toBe('Tổng số: 2 đoàn viên; trong đó: Đang sinh hoạt: 1, Sinh hoạt tạm thời: 1; nữ: 1.');
    expect(foot[1]).toMatch(/^.+, ngày \d{2} tháng \d{1,2} năm \d{4}$/);
    expect(foot.slice(2)).toEqual(['NGƯỜI LẬP BIỂU | TM. BAN CHẤP HÀNH', 'BÍ THƯ', '(Ký, ghi rõ họ tên) | (Ký tên, đóng dấu)']);
    expect(ws.getRow(h.row).getCell(1).value).toBe('STT');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: h.row });
    const last = ws.getRow(h.row).cellCount;
    expect(ws.autoFilter).toBe(`A${h.row}:${ws.getColumn(last).letter}${h.row}`);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
    const an = ws.getRow(h.row + 2);
    const cell = (hd: string) => an.getCell(h.col(hd)).value;
    expect(an.getCell(1).value).toBe(1);
    expect(cell('Họ và tên')).toBe('Nguyễn Văn An');
    expect(cell('Tên xã/phường')).toBe('Phường Ba Đình');
    expect(cell('Tên đơn vị')).toBe('Đoàn phường Ba Đình');
    // A day is a date cell; a year or a month alone stays as written.
    expect(cell('Ngày sinh')).toEqual(new Date(Date.UTC(2001, 4, 6)));
    expect(an.getCell(h.col('Ngày sinh')).numFmt).toBe('dd/mm/yyyy');
    expect(cell('Ngày vào')).toEqual(new Date(Date.UTC(2016, 2, 26)));
    const binh = ws.getRow(h.row + 4);
    expect(binh.getCell(1).value).toBe(2);
    expect(binh.getCell(h.col('Ngày sinh')).value).toBe('2003');
    expect(binh.getCell(h.col('Ngày vào')).value).toBe('03/2019');
    expect(binh.getCell(h.col('Trạng thái')).value).toBe('Sinh hoạt tạm thời');
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
    const ids = [2, 4].map((i) => ws.getRow(h.row + i).getCell(h.col('Số CCCD')).value);
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
    // Her unit under the organization, at the top left; the Quốc hiệu beside it.
    expect(linesFrom(a, 1).slice(0, 2)).toEqual([
      'ĐOÀN TNCS HỒ CHÍ MINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'ĐOÀN PHƯỜNG BA ĐÌNH | Độc lập - Tự do - Hạnh phúc',
    ]);
    const h = headerOf(a);
    expect(a.getRow(h.row + 1).getCell(h.col('Số CCCD')).value).toBe('001201012345');
    expect(a.getRow(h.row + 2).getCell(1).value).toBeNull();
    const admin = await clearExport('admin', { reason: REASON, unit: 'B' });
    expect(admin.status).toBe(200);
    const b = await workbook(admin);
    expect(b.getCell('A2').value).toBe('ĐOÀN PHƯỜNG NGỌC HÀ');
    // The date line names the unit's commune.
    expect(linesFrom(b, headerOf(b).row + 1).join('\n')).toMatch(/^Phường Ngọc Hà, ngày \d{2} tháng \d{1,2} năm \d{4}$/m);
    expect(b.getRow(headerOf(b).row + 1).getCell(headerOf(b).col('Số CCCD')).value).toBe('001303054321');
  });

  it("signs a chi hội's roster by its chi hội trưởng, under the base above it (a chi đoàn's by its Bí thư)", async () => {
    await t.createUnits([
      { organization: 'HND', code: 'X', name: 'Hội Nông dân xã Thanh Nưa', kind: 'BASE', communeCode: '00004' },
      { organization: 'HND', code: 'X1', name: 'Chi hội thôn Co Mỵ', kind: 'BRANCH', parent: 'X' },
    ]);
    await t.importRoster('HND', HEADER, ['N-1,Lò Văn Pâng,1970,Nam,,,00004,X1,2010']);
    const sheetOf = async (unit: string) => {
      const res = await fetch(`${t.url}/exports/HND.xlsx?unit=${unit}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(res.status).toBe(200);
      const ws = await workbook(res);
      return { head: linesFrom(ws, 1).slice(0, 2), foot: linesFrom(ws, headerOf(ws).row + 2) };
    };
    const branch = await sheetOf('X1');
    expect(branch.head).toEqual([
      'HỘI NÔNG DÂN XÃ THANH NƯA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'CHI HỘI THÔN CO MỴ | Độc lập - Tự do - Hạnh phúc',
    ]);
    // A chi hội has no Ban Chấp hành of its own: its head signs alone.
    expect(branch.foot.slice(2, 4)).toEqual(['NGƯỜI LẬP BIỂU | CHI HỘI TRƯỞNG', '(Ký, ghi rõ họ tên) | (Ký tên, đóng dấu)']);
    // The base's list is still its Ban Chấp hành's, signed by its Chủ tịch.
    expect((await sheetOf('X')).foot.slice(2, 4)).toEqual(['NGƯỜI LẬP BIỂU | TM. BAN CHẤP HÀNH', 'CHỦ TỊCH']);
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

  it('says "Đã trưởng thành" only where members leave by age (Đoàn), never for Hội Nông dân, whose head is its Chủ tịch', async () => {
    await t.importRoster('HND', 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã', ['N-1,Lò Văn Pọm,1950,Nam,00004']);
    const statuses = await t.gql<{ dtn: { code: string; label: string }[]; hnd: { code: string; label: string }[] }>(
      `{ dtn: memberStatuses(organization: "DTN") { code label } hnd: memberStatuses(organization: "HND") { code label } }`,
    );
    expect(statuses.data?.dtn).toContainEqual({ code: 'MATURED', label: 'Đã trưởng thành' });
    expect(statuses.data?.hnd.map((s) => s.code)).not.toContain('MATURED');
    expect(statuses.data?.hnd.map((s) => s.label).join()).not.toMatch(/trưởng thành|quá tuổi/i);
    // What a confirmed phantom flag may mean, in the order the flag dialog offers it: the same rule.
    const outcomes = await t.gql<{ dtn: string[]; hnd: string[] }>(
      `{ dtn: flagOutcomes(organization: "DTN") hnd: flagOutcomes(organization: "HND") }`,
    );
    expect(outcomes.data).toEqual({
      dtn: ['DECEASED', 'TRANSFERRED', 'LEFT', 'MATURED', 'STRUCK_OFF'],
      hnd: ['DECEASED', 'TRANSFERRED', 'LEFT', 'STRUCK_OFF'],
    });
    const end = (external: string, status: string) =>
      t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = $1`, [external]).then(([r]) =>
        t.gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { statusLabel } }`, {
          i: { id: r.id, status, date: '01/12/2026', reason: 'Theo quyết định của Ban Chấp hành' },
        }),
      );
    const refused = await end('N-1', 'MATURED');
    expect(refused.errors?.[0].message).toContain('Hội Nông dân Việt Nam không có trưởng thành');
    expect((await end('D-1', 'MATURED')).data).toEqual({ endMembership: { statusLabel: 'Đã trưởng thành' } });

    // A Hội Nông dân record ended so before this rule reads in the Hội's words, in the console's roster and in the file.
    await t.sql(`UPDATE member_record SET status = 'MATURED' WHERE external_id = 'N-1'`);
    const listed = await t.gql<{ memberRecords: { nodes: { statusLabel: string }[] } }>(
      `{ memberRecords(organization: "HND", status: MATURED) { nodes { statusLabel } } }`,
    );
    expect(listed.data?.memberRecords.nodes).toEqual([{ statusLabel: 'Đã thôi sinh hoạt' }]);
    const hnd = await workbook(await fetch(`${t.url}/exports/HND.xlsx`, { headers: { authorization: `Bearer ${tokens.admin}` } }));
    const lines = linesFrom(hnd, 1);
    expect(lines.join('\n')).not.toMatch(/trưởng thành|quá tuổi/i);
    expect(lines).toContain('Tổng số: 1 hồ sơ đã kết thúc; trong đó: Đã thôi sinh hoạt: 1.');
    expect(lines).toContain('CHỦ TỊCH');
    // A whole organization's roster whose members are all of one commune is headed, and dated, by it.
    expect(lines[1]).toBe('PHƯỜNG BA ĐÌNH | Độc lập - Tự do - Hạnh phúc');
    expect(lines.join('\n')).toMatch(/^Phường Ba Đình, ngày \d{2} tháng \d{1,2} năm \d{4}$/m);
    const dtn = await workbook(await fetch(`${t.url}/exports/DTN.xlsx`, { headers: { authorization: `Bearer ${tokens.dtn}` } }));
    expect(linesFrom(dtn, 1)).toContain(
      'Tổng số: 2 hồ sơ: 1 đoàn viên (Sinh hoạt tạm thời: 1) và 1 hồ sơ đã kết thúc (Đã trưởng thành: 1).',
    );
  });

  it("keeps to the roster screen's status filter, with or without the full numbers; an unknown status is refused", async () => {
    const names = async (res: Response) => {
      const ws = await workbook(res);
      const h = headerOf(ws);
      const out: string[] = [];
      for (let r = h.row + 1; r <= ws.rowCount; r++) {
        // A member's row has its STT; the foot (the count, the signatures) has none.
        const [stt, name] = [ws.getRow(r).getCell(h.col('STT')).value, ws.getRow(r).getCell(h.col('Họ và tên')).value];
        if (typeof stt === 'number' && typeof name === 'string') out.push(name);
      }
      return out;
    };
    const get = (query: string) => fetch(`${t.url}/exports/DTN.xlsx${query}`, { headers: { authorization: `Bearer ${tokens.dtn}` } });
    // Trần Thị Bình sinh hoạt tạm thời; Nguyễn Văn An in whatever status the tests above left him.
    const [an] = await t.sql<{ status: string }>(`SELECT status FROM member_record WHERE external_id = 'D-1'`);
    expect(an.status).not.toBe('TEMPORARY');
    expect(await names(await get(''))).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(await names(await get('?status=TEMPORARY'))).toEqual(['Trần Thị Bình']);
    expect(await names(await clearExport('dtn', { reason: REASON, status: an.status }))).toEqual(['Nguyễn Văn An']);
    const wrong = await get('?status=DANG_SINH_HOAT');
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toContain("Trạng thái 'DANG_SINH_HOAT' không có");
  });
});
