import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QueryRunner } from 'typeorm';
import { DatePrecisions1763700000019 } from '../migrations/1763700000019-date-precisions.js';
import { ImportDigestKept1763700000046 } from '../migrations/1763700000046-import-digest-kept.js';
import { RosterExportService } from '../src/roster-io/export/roster-export.service.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

/**
 * Every date of a record keeps the precision it was given (issue 16): a year (`2005`), a month
 * (`3/2010`) or a day, through the form, the import, GraphQL, the export and migration 1763700000019.
 */
describe('every date keeps the precision it was given', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-dates-'));
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const DATES = `birthDate birthDatePrecision joinDate joinDatePrecision lastActivityDate lastActivityDatePrecision
    lastDuesDate lastDuesDatePrecision`;
  type Dates = Record<string, string | null>;
  const stored = (externalId: string) =>
    t.sql<Dates>(
      `SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth, birth_date_precision AS birth_p, to_char(join_date, 'YYYY-MM-DD') AS join,
              join_date_precision AS join_p, to_char(last_activity_date, 'YYYY-MM-DD') AS activity,
              last_activity_date_precision AS activity_p, to_char(last_dues_date, 'YYYY-MM-DD') AS dues, last_dues_date_precision AS dues_p
         FROM member_record WHERE external_id = $1`,
      [externalId],
    );

  it('through the form: each date stored as the first day of what is known beside its precision, shown as given', async () => {
    const created = await t.gql<{ createMemberRecord: Dates & { id: string } }>(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id ${DATES} } }`,
      {
        i: {
          organization: 'HPN',
          externalId: 'HPN-D1',
          fullName: 'Lò Thị Tháng',
          sex: 'FEMALE',
          birthDate: 'tháng 5/1990',
          joinDate: '2005',
          lastActivityDate: 'T3/2025',
          lastDuesDate: '15/06/2025',
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const { id, ...dates } = created.data!.createMemberRecord;
    expect(dates).toEqual({
      birthDate: '1990-05',
      birthDatePrecision: 'MONTH',
      joinDate: '2005',
      joinDatePrecision: 'YEAR',
      lastActivityDate: '2025-03',
      lastActivityDatePrecision: 'MONTH',
      lastDuesDate: '2025-06-15',
      lastDuesDatePrecision: 'DAY',
    });
    expect(await stored('HPN-D1')).toEqual([
      {
        birth: '1990-05-01',
        birth_p: 'MONTH',
        join: '2005-01-01',
        join_p: 'YEAR',
        activity: '2025-03-01',
        activity_p: 'MONTH',
        dues: '2025-06-15',
        dues_p: 'DAY',
      },
    ]);

    const updated = await t.gql<{ updateMemberRecord: Dates }>(
      `mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { ${DATES} } }`,
      { id, i: { lastActivityDate: '', lastDuesDate: '2025' } },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateMemberRecord).toMatchObject({
      lastActivityDate: null,
      lastActivityDatePrecision: null,
      lastDuesDate: '2025',
      lastDuesDatePrecision: 'YEAR',
    });
    expect(await stored('HPN-D1')).toEqual([
      expect.objectContaining({ activity: null, activity_p: null, dues: '2025-01-01', dues_p: 'YEAR' }),
    ]);
  });

  const CSV = [
    'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị,Ngày vào,Ngày sinh hoạt gần nhất,Ngày đóng phí gần nhất',
    'HND-D1,Lò Văn Một,3/1970,Nam,00004,CHI-1,2005,2025,tháng 3/2025',
    'HND-D2,Lò Văn Hai,12/03/1970,Nam,00004,CHI-1,15/05/2001,03-2025,10/10/2025',
  ];

  it('through the import and the export: nothing said to be stored as 01/01, shown back as given, re-imported unchanged', async () => {
    const importer = t.app.get(RosterImportService);
    const input = path.join(dir, 'hnd.csv');
    fs.writeFileSync(input, CSV.join('\n'));
    const s = await importer.import(input, { organization: 'HND', createUnits: true }, CLI_PRINCIPAL);
    expect([s.created, s.rejected]).toEqual([2, 0]);
    const recs = await t.gql<{ memberRecords: { nodes: (Dates & { externalId: string; importWarnings: { message: string }[] })[] } }>(
      `{ memberRecords(organization: "HND", first: 10) { nodes { externalId ${DATES} importWarnings { message } } } }`,
    );
    const by = (code: string) => recs.data!.memberRecords.nodes.find((r) => r.externalId === code)!;
    expect(by('HND-D1')).toMatchObject({ birthDate: '1970-03', joinDate: '2005', lastActivityDate: '2025', lastDuesDate: '2025-03' });
    expect(by('HND-D1').lastActivityDatePrecision).toBe('YEAR');
    expect(by('HND-D2')).toMatchObject({
      birthDate: '1970-03-12',
      joinDate: '2001-05-15',
      lastActivityDate: '2025-03',
      lastDuesDate: '2025-10-10',
    });
    expect(recs.data!.memberRecords.nodes.flatMap((r) => r.importWarnings.map((w) => w.message))).toEqual([]);

    // Into a folder that does not exist: refused at once with the path, in either format (the CLI says it in Vietnamese).
    for (const format of ['csv', 'xlsx'] as const)
      await expect(
        t.app
          .get(RosterExportService)
          .export({ organization: 'HND', format, out: path.join(dir, 'khong-co', `hnd.${format}`) }, CLI_PRINCIPAL),
      ).rejects.toMatchObject({ code: 'ENOENT', path: path.join(dir, 'khong-co', `hnd.${format}`) });
    const out = path.join(dir, 'hnd-export.csv');
    await t.app.get(RosterExportService).export({ organization: 'HND', format: 'csv', out }, CLI_PRINCIPAL);
    const [header, ...lines] = fs
      .readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const shown = (code: string) => {
      const cells = lines.find((l) => l[0] === code)!;
      return ['Ngày sinh', 'Ngày vào', 'Ngày sinh hoạt gần nhất', 'Ngày đóng phí gần nhất'].map((h) => cells[header.indexOf(h)]);
    };
    expect(shown('HND-D1')).toEqual(['03/1970', '2005', '2025', '03/2025']);
    expect(shown('HND-D2')).toEqual(['12/03/1970', '15/05/2001', '03/2025', '10/10/2025']);
    const again = await importer.import(out, { organization: 'HND' }, CLI_PRINCIPAL);
    expect([again.created, again.updated, again.unchanged, again.rejected]).toEqual([0, 0, 2, 0]);
  });

  it("keeps an organization's own date (DTN's Ngày vào Đoàn) as given, and exports it the Vietnamese way", async () => {
    const r = await t.gql<{ createMemberRecord: { profile: { key: string; value: string }[] } }>(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { profile { key value } } }`,
      {
        i: {
          organization: 'DTN',
          externalId: 'DTN-D1',
          fullName: 'Lò Văn Đoàn',
          birthDate: '2000',
          profile: [{ key: 'youthUnionJoinDate', value: 'T3/2016' }],
        },
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.createMemberRecord.profile).toEqual([{ key: 'youthUnionJoinDate', value: '2016-03' }]);
    const out = path.join(dir, 'dtn-export.csv');
    await t.app.get(RosterExportService).export({ organization: 'DTN', format: 'csv', out }, CLI_PRINCIPAL);
    const [header, row] = fs
      .readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.split(','));
    expect(row[header.indexOf('Ngày vào Đoàn')]).toBe('03/2016');
    // It is her Ngày vào too (none was given), and the Kết nạp in her history is dated by it, not by the day she was typed in.
    expect(row[header.indexOf('Ngày vào')]).toBe('03/2016');
    const [admitted] = await t.sql<{ d: string }>(
      `SELECT e.effective_date::text AS d FROM membership_event e JOIN member_record r ON r.id = e.record_id
        WHERE r.external_id = 'DTN-D1' AND e.kind = 'ADMITTED'`,
    );
    expect(admitted.d).toBe('2016-03-01');
  });

  it('takes a Đoàn roster’s Ngày vào Đoàn as the join date when it has no Ngày vào column; a Ngày vào given wins', async () => {
    const file = path.join(dir, 'dtn-doan.csv');
    fs.writeFileSync(file, 'Mã hồ sơ,Họ và tên,Ngày sinh,Ngày vào Đoàn\nDTN-J1,Lò Văn Thanh,12/05/2001,26/03/2017\n');
    await t.app.get(RosterImportService).import(file, { organization: 'DTN' }, CLI_PRINCIPAL);
    fs.writeFileSync(file, 'Mã hồ sơ,Họ và tên,Ngày sinh,Ngày vào,Ngày vào Đoàn\nDTN-J2,Lò Văn Thành,12/05/2001,01/09/2019,26/03/2017\n');
    await t.app.get(RosterImportService).import(file, { organization: 'DTN' }, CLI_PRINCIPAL);
    const rows = await t.sql<{ external_id: string; join_date: string; d: string }>(
      `SELECT r.external_id, r.join_date::text, e.effective_date::text AS d FROM member_record r
         JOIN membership_event e ON e.record_id = r.id AND e.kind = 'ADMITTED'
        WHERE r.external_id IN ('DTN-J1', 'DTN-J2') ORDER BY r.external_id`,
    );
    expect(rows).toEqual([
      { external_id: 'DTN-J1', join_date: '2017-03-26', d: '2017-03-26' },
      { external_id: 'DTN-J2', join_date: '2019-09-01', d: '2019-09-01' },
    ]);
  });

  it('migration 1763700000019: the dates stored before it are days, their import digests kept', async () => {
    const q = { query: (sql: string) => t.sql(sql) } as unknown as QueryRunner;
    const migration = new DatePrecisions1763700000019();
    // The schema as it stood then: the trigger that cleared an import digest on any other write, gone since …046.
    const kept = new ImportDigestKept1763700000046();
    await kept.down(q);
    await migration.down(q);
    // As a record stood before: a join date without its precision (a day), two dates with no column for one, a digest.
    await t.sql(`UPDATE member_record SET join_date_precision = NULL, import_digest = '\\x0102' WHERE external_id = 'HND-D2'`);
    // A year alone imported before it: stored as 1 January, with a warning saying so (and another warning, kept).
    const said = {
      column: 'Ngày sinh hoạt gần nhất',
      message: 'Ngày sinh hoạt gần nhất: chỉ ghi năm 2025, đã lưu là ngày 01/01/2025',
      at: '',
    };
    const other = { column: 'Địa chỉ', message: 'Địa chỉ: không rõ xã', at: '' };
    await t.sql(`UPDATE member_record SET import_warnings = $1::jsonb WHERE external_id = 'HND-D1'`, [JSON.stringify([other, said])]);
    await migration.up(q);
    await kept.up(q);
    const [d1] = await t.sql<{ p: string; warnings: unknown[] }>(
      `SELECT last_activity_date_precision AS p, import_warnings AS warnings FROM member_record WHERE external_id = 'HND-D1'`,
    );
    expect(d1).toEqual({ p: 'YEAR', warnings: [other] });
    expect(await stored('HND-D2')).toEqual([expect.objectContaining({ join_p: 'DAY', activity_p: 'DAY', dues_p: 'DAY' })]);
    const [digest] = await t.sql<{ d: string }>(`SELECT encode(import_digest, 'hex') AS d FROM member_record WHERE external_id = 'HND-D2'`);
    expect(digest.d).toBe('0102');
    // A record without those dates gets no precision for them; a month said in the narrower column before it is its year.
    expect(await stored('HPN-D1')).toEqual([expect.objectContaining({ birth_p: 'YEAR', activity: null, activity_p: null, dues_p: 'DAY' })]);
  });
});
