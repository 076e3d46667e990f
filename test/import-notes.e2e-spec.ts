import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { writeSuggestions } from '../src/roster-io/import/import-notes.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { DataSource } from 'typeorm';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

/** An .xlsx written by exceljs: one sheet, a header row and the rows as given. */
async function xlsx(file: string, rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return fs.readFileSync(file);
}

type Rec = { externalId: string; fullName: string; importWarnings: { column: string | null; message: string }[] };

/** Issue 16: what an import says of a row it keeps (warnings, eligibility, Ghi chú suggestions), and codes without asking. */
describe('import warnings, suggestions and codes assigned (issue 16)', () => {
  let t: TestApp;
  let importer: RosterImportService;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-notes-'));
  const recordsOf = async (org: string, token?: string) =>
    (
      await t.gql<{ memberRecords: { nodes: Rec[] } }>(
        `{ memberRecords(organization: "${org}", first: 50) { nodes { externalId fullName importWarnings { column message } } } }`,
        {},
        token ? { token } : {},
      )
    ).data!.memberRecords.nodes.sort((a, b) => a.fullName.localeCompare(b.fullName));

  beforeAll(async () => {
    t = await createTestApp();
    importer = t.app.get(RosterImportService);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports an .xlsx without Mã hồ sơ over the CLI path, writes the codes back, and warns of a man in the Hội Phụ nữ', async () => {
    const p = path.join(dir, 'hpn.xlsx');
    await xlsx(p, [
      ['Họ và tên', 'Ngày sinh', 'Giới tính'],
      ['Lò Thị Lan', '1980', 'Nữ'],
      ['Quàng Văn Nam', '1975', 'Nam'],
    ]);
    const s = await importer.import(p, { organization: 'HPN' }, CLI_PRINCIPAL);
    expect([s.created, s.rejected, s.warned]).toEqual([2, 0, 1]);
    // The codes written back, in a workbook like the input.
    expect(s.resultFile).toBe(path.join(dir, 'hpn.ma.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(s.resultFile!);
    const codes = [2, 3].map((r) => wb.worksheets[0].getRow(r).getCell(1).text);
    expect(codes.every((c) => /^HPN-[0-9a-f]{8}-\d+$/.test(c))).toBe(true);
    const recs = await recordsOf('HPN');
    expect(recs.map((r) => [r.fullName, r.importWarnings.map((w) => w.column)])).toEqual([
      ['Lò Thị Lan', []],
      ['Quàng Văn Nam', ['Giới tính']],
    ]);
    // The same file again: keyed by the codes it was given, nothing new.
    const again = await importer.import(p, { organization: 'HPN' }, CLI_PRINCIPAL);
    expect([again.created, again.unchanged]).toEqual([0, 2]);
  });

  it('warns of an 80-year-old in the Đoàn, and replaces the warning when the row is imported again corrected', async () => {
    const p = path.join(dir, 'dtn.xlsx');
    await xlsx(p, [
      ['Mã hồ sơ', 'Họ và tên', 'Ngày sinh', 'Giới tính'],
      ['DV-1', 'Cà Văn Già', '1946', 'Nam'],
    ]);
    await importer.import(p, { organization: 'DTN' }, CLI_PRINCIPAL);
    const [old] = await recordsOf('DTN');
    expect(old.importWarnings).toHaveLength(1);
    expect(old.importWarnings[0]).toMatchObject({ column: 'Ngày sinh' });
    expect(old.importWarnings[0].message).toMatch(/tuổi/);
    await xlsx(p, [
      ['Mã hồ sơ', 'Họ và tên', 'Ngày sinh', 'Giới tính'],
      ['DV-1', 'Cà Văn Già', '2004', 'Nam'],
    ]);
    await importer.import(p, { organization: 'DTN' }, CLI_PRINCIPAL);
    expect((await recordsOf('DTN'))[0].importWarnings).toEqual([]);
  });

  it('says so when a commune name is found in two provinces and the member is left with no commune, never silently', async () => {
    const p = path.join(dir, 'nct.xlsx');
    await xlsx(p, [
      ['Mã hồ sơ', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Xã/Phường'],
      ['NCT-T1', 'Lò Thị Xuân', '12/03/1950', 'Nữ', 'Thanh An'],
    ]);
    const summary = await importer.import(p, { organization: 'NCT' }, CLI_PRINCIPAL);
    expect(summary).toMatchObject({ created: 1, warned: 1 });
    const [rec] = await recordsOf('NCT');
    expect(rec.importWarnings).toHaveLength(1);
    expect(rec.importWarnings[0]).toMatchObject({ column: 'Xã/Phường' });
    expect(rec.importWarnings[0].message).toMatch(
      /^Xã\/Phường 'Thanh An': tên 'Thanh An' trùng \d+ xã\/phường \(.*Điện Biên.*\), chưa biết hội viên ở xã nào nên ô xã để trống\. Hãy ghi mã xã mới/,
    );
    const [stored] = await t.sql<{ commune_code: string | null; n: number }>(
      `SELECT commune_code, cardinality(commune_candidates) AS n FROM member_record WHERE external_id = 'NCT-T1'`,
    );
    expect(stored.commune_code).toBeNull();
    expect(stored.n).toBeGreaterThan(1);

    // Her own commune's roster, its unit in Điện Biên's Thanh An: the name is that commune, without a word.
    const [{ code: thanhAn }] = await t.sql<{ code: string }>(
      `SELECT c.code FROM commune c JOIN province p ON p.code = c.province_code WHERE c.name = 'Xã Thanh An' AND p.name LIKE '%Điện Biên'`,
    );
    const unit = { organization: 'NCT', code: 'NCT-TA', name: 'Hội Người cao tuổi xã Thanh An', kind: 'BASE', communeCode: thanhAn };
    expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: unit })).errors).toBeUndefined();
    await xlsx(p, [
      ['Mã hồ sơ', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Xã/Phường', 'Mã đơn vị'],
      ['NCT-T2', 'Quàng Thị Mai', '15/08/1949', 'Nữ', 'Thanh An', 'NCT-TA'],
    ]);
    expect(await importer.import(p, { organization: 'NCT' }, CLI_PRINCIPAL)).toMatchObject({ created: 1, warned: 0 });
    expect(await t.sql(`SELECT commune_code FROM member_record WHERE external_id = 'NCT-T2'`)).toEqual([{ commune_code: thanhAn }]);
  });

  it('settles a warning once she corrects its field on the record: the phone that lost its 0 and the birth date refused go, the rest stays', async () => {
    const p = path.join(dir, 'hpn-sua.xlsx');
    await xlsx(p, [
      ['Mã hồ sơ', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số điện thoại', 'Ngày vào'],
      ['SUA-1', 'Khoàng Thị Khánh', '15/08/2027', 'Nữ', 981234219, '2031'],
    ]);
    await importer.import(p, { organization: 'HPN' }, CLI_PRINCIPAL);
    const warned = async () => (await recordsOf('HPN')).find((r) => r.externalId === 'SUA-1')!.importWarnings.map((w) => w.column);
    expect(await warned()).toEqual(['Ngày sinh', 'Số điện thoại', 'Ngày vào']);
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'SUA-1'`);
    const edit = (input: Record<string, unknown>) =>
      t.gql(`mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { id } }`, { id, i: input });
    // The phone saved as it was (the form sends every field): nothing settled.
    expect((await edit({ phone: '0981234219' })).errors).toBeUndefined();
    expect(await warned()).toEqual(['Ngày sinh', 'Số điện thoại', 'Ngày vào']);
    expect((await edit({ phone: '0981234210', birthDate: '15/08/1987' })).errors).toBeUndefined();
    expect(await warned()).toEqual(['Ngày vào']);
  });

  it('keeps the house and tổ dân phố of her Địa chỉ as the member’s place: two namesakes of one ward told apart next quarter', async () => {
    const p = path.join(dir, 'nct-dia-chi.xlsx');
    const rows: (string | number)[][] = [
      ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Địa chỉ'],
      [1, 'Nguyễn Thị Lan', 1948, 'Nữ', 'Số 12 Trần Thái Tông, TDP 2, phường Ba Đình, Hà Nội'],
      [2, 'Nguyễn Thị Lan', 1948, 'Nữ', 'Số 40 Đội Cấn, TDP 5, phường Ba Đình, Hà Nội'],
    ];
    await xlsx(p, rows);
    const first = await importer.import(p, { organization: 'NCT' }, CLI_PRINCIPAL);
    expect([first.created, first.held]).toEqual([2, 0]);
    const kept = await t.sql<{ village: string; commune_code: string }>(
      `SELECT village, commune_code FROM member_record WHERE organization_code = 'NCT' AND full_name = 'Nguyễn Thị Lan' ORDER BY village`,
    );
    expect(kept).toEqual([
      { village: 'Số 12 Trần Thái Tông, TDP 2', commune_code: '00004' },
      { village: 'Số 40 Đội Cấn, TDP 5', commune_code: '00004' },
    ]);
    // Next quarter, her rows in another order: each is her own, none held.
    await xlsx(p, [rows[0], rows[2], rows[1]]);
    const next = await importer.import(p, { organization: 'NCT' }, CLI_PRINCIPAL);
    expect([next.created, next.held]).toEqual([0, 0]);
  });

  it('imports a file without Mã hồ sơ over HTTP too (codes assigned), with the same warnings', async () => {
    const token = await t.logIn(await t.createUser('vp.hpn', Role.SECRETARIAT, 'HPN'));
    const content = await xlsx(path.join(dir, 'http.xlsx'), [
      ['Họ và tên', 'Ngày sinh', 'Giới tính'],
      ['Vì Văn Hùng', '1970', 'Nam'],
    ]);
    const form = new FormData();
    form.append('file', new Blob([content]), 'http.xlsx');
    const res = await fetch(`${t.url}/imports?organization=HPN`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    let job: { status: string; created: number; rejected: number; warned: number } | undefined;
    for (let i = 0; i < 100; i++) {
      job = (
        await t.gql<{ importJob: typeof job }>(
          `query($id: ID!) { importJob(id: $id) { status created rejected warned } }`,
          { id: jobId },
          { token },
        )
      ).data!.importJob;
      if (job!.status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job).toEqual({ status: 'DONE', created: 1, rejected: 0, warned: 1 });
    const hung = (await recordsOf('HPN', token)).find((r) => r.fullName === 'Vì Văn Hùng')!;
    expect(hung.externalId).toMatch(/^HPN-[0-9a-f]{8}-1$/);
    expect(hung.importWarnings.map((w) => w.column)).toEqual(['Giới tính']);
  });

  it('keeps Ghi chú facts as suggestions that survive a link run, masked, never applied, and gone on erasure', async () => {
    const [lan] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE full_name = 'Lò Thị Lan'`);
    const db = t.app.get(DataSource);
    const [job] = await t.sql<{ id: string; external_id: string }>(
      `SELECT j.id, r.external_id FROM import_job j, member_record r WHERE r.id = $1 AND j.organization_code = 'HPN' LIMIT 1`,
      [lan.id],
    );
    const note = 'đã mất tháng 8/2026, CMND cũ 040123456';
    const facts = [
      { kind: 'DIED' as const, when: { year: 2026, month: 8, precision: 'MONTH' as const }, evidence: note },
      { kind: 'OLD_ID_CARD' as const, evidence: note },
    ];
    await db.transaction((em) => writeSuggestions(em, 'HPN', job.id, [{ externalId: job.external_id, facts }]));
    // The same note again is the same suggestion.
    await db.transaction((em) => writeSuggestions(em, 'HPN', job.id, [{ externalId: job.external_id, facts }]));
    await t.app.get(LinkerService).link();
    type S = { memberRecord: { status: string; suggestions: { kind: string; evidence: string; when: string | null; status: string }[] } };
    const q = `query($id: ID!) { memberRecord(id: $id) { status suggestions { kind evidence when status } } }`;
    const r = (await t.gql<S>(q, { id: lan.id })).data!.memberRecord;
    expect(r.status).toBe('ACTIVE');
    expect(r.suggestions).toEqual([
      { kind: 'DIED', evidence: 'đã mất tháng 8/2026, CMND cũ 040****56', when: '2026-08', status: 'OPEN' },
      { kind: 'OLD_ID_CARD', evidence: 'đã mất tháng 8/2026, CMND cũ 040****56', when: null, status: 'OPEN' },
    ]);
    // The roster finds the records whose notes are still to answer.
    const withNotes = async () =>
      (
        await t.gql<{ memberRecords: { nodes: { fullName: string }[] } }>(
          `{ memberRecords(organization: "HPN", status: null, flag: "NOTES", first: 50) { nodes { fullName } } }`,
        )
      ).data!.memberRecords.nodes.map((n) => n.fullName);
    expect(await withNotes()).toEqual(['Lò Thị Lan']);
    await t.sql(`UPDATE member_record SET erased_at = now() WHERE id = $1`, [lan.id]);
    expect(await t.sql(`SELECT 1 FROM record_suggestion WHERE record_id = $1`, [lan.id])).toEqual([]);
    expect(await withNotes()).toEqual([]);
  });
  it('writes the suggestion of a row whose only change is its Ghi chú (the row digest counts the note)', async () => {
    const p = path.join(dir, 'ghi-chu.xlsx');
    const header = ['Mã hồ sơ', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Ghi chú'];
    await xlsx(p, [header, ['HPN-GC-1', 'Lò Thị Nga', '1980', 'Nữ', '']]);
    expect((await importer.import(p, { organization: 'HPN' }, CLI_PRINCIPAL)).created).toBe(1);
    await xlsx(p, [header, ['HPN-GC-1', 'Lò Thị Nga', '1980', 'Nữ', 'Đã chuyển đi Lai Châu T6/2026']]);
    // Her preview says what the note says before anything is written.
    const previewed = await importer.import(p, { organization: 'HPN', preview: true }, CLI_PRINCIPAL);
    const [row] = (await importer.preview(previewed.jobId, CLI_PRINCIPAL)).rows;
    expect([row.fate, row.noteKinds]).toEqual(['UNCHANGED', ['MOVED_AWAY']]);
    const again = await importer.import(p, { organization: 'HPN' }, CLI_PRINCIPAL);
    expect([again.created, again.updated, again.unchanged]).toEqual([0, 0, 1]);
    const kinds = await t.sql<{ kind: string }>(
      `SELECT s.kind FROM record_suggestion s JOIN member_record r ON r.id = s.record_id WHERE r.external_id = 'HPN-GC-1'`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['MOVED_AWAY']);
  });
  it('keeps the office her Ghi chú or a bracket after the name gives as the member’s Chức vụ', async () => {
    const p = path.join(dir, 'chuc-vu.xlsx');
    await xlsx(p, [
      ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Ghi chú'],
      ['Vì Thị Hoa', '1979', 'Nữ', 'Chi hội trưởng'],
      ['Tòng Thị Én (Chi hội phó)', '1983', 'Nữ', ''],
    ]);
    await importer.import(p, { organization: 'HPN' }, CLI_PRINCIPAL);
    const rows = await t.sql<{ full_name: string; position: string }>(
      `SELECT full_name, profile->>'position' AS position FROM member_record WHERE full_name IN ('Vì Thị Hoa', 'Tòng Thị Én') ORDER BY full_name`,
    );
    expect(rows).toEqual([
      { full_name: 'Tòng Thị Én', position: 'Chi hội phó' },
      { full_name: 'Vì Thị Hoa', position: 'Chi hội trưởng' },
    ]);
  });
});
