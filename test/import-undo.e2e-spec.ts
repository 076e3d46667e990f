import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lastEndedPeriod } from '../src/common/dates/period.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { ImportUndoService } from '../src/roster-io/import/import-undo.service.js';
import { RosterImportService, type ImportSummary } from '../src/roster-io/import/roster-import.service.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { Role } from '../src/access/role.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ghi chú';
const REASON = 'nhập nhầm tệp của Hội Phụ nữ';

/** Issue 17, item 5: a finished import rolled back for 30 days, while nobody else has changed its records. */
describe('undoing an import', () => {
  let t: TestApp;
  let importer: RosterImportService;
  let undo: ImportUndoService;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-undo-'));
  let n = 0;
  const importRows = async (org: string, rows: string[]): Promise<ImportSummary> => {
    const p = path.join(dir, `${org.toLowerCase()}-${++n}.csv`);
    fs.writeFileSync(p, `${[HEADER, ...rows].join('\n')}\n`);
    const s = await importer.import(p, { organization: org, createUnits: true }, CLI_PRINCIPAL);
    expect(s.rejected).toBe(0);
    return s;
  };
  /** Every row of the organization's records, history, flags and suggestions, as text (updated_at and version left out: an undo bumps them). */
  const stateOf = async (org: string) => {
    const rows = (sql: string) => t.sql<{ row: string }>(sql, [org]).then((r) => r.map((x) => x.row));
    return {
      records: await rows(
        `SELECT (to_jsonb(r) - 'updated_at' - 'version')::text AS row FROM member_record r WHERE organization_code = $1 ORDER BY id`,
      ),
      events: await rows(
        `SELECT to_jsonb(e)::text AS row FROM membership_event e JOIN member_record r ON r.id = e.record_id WHERE r.organization_code = $1 ORDER BY e.id`,
      ),
      flags: await rows(
        `SELECT to_jsonb(f)::text AS row FROM record_flag f JOIN member_record r ON r.id = f.record_id WHERE r.organization_code = $1 ORDER BY f.record_id, f.code`,
      ),
      suggestions: await rows(
        `SELECT to_jsonb(s)::text AS row FROM record_suggestion s JOIN member_record r ON r.id = s.record_id WHERE r.organization_code = $1 ORDER BY s.id`,
      ),
    };
  };
  const idOf = async (org: string, code: string) =>
    (await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE organization_code = $1 AND external_id = $2`, [org, code]))[0].id;
  const statusOf = async (jobId: string) =>
    (await t.sql<{ status: string }>(`SELECT status FROM import_job WHERE id = $1`, [jobId]))[0].status;

  beforeAll(async () => {
    t = await createTestApp();
    importer = t.app.get(RosterImportService);
    undo = t.app.get(ImportUndoService);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('puts every field, status, history event, flag and suggestion of the organization back as before a file that creates, updates and ends memberships', async () => {
    await importRows('HND', [
      'U-1,Nguyễn Văn An,12/03/1970,Nam,001070012345,0912345678,00004,CHI-1,Đang sinh hoạt,',
      'U-2,Lê Thị Bình,1965,Nữ,001165012346,,00004,CHI-1,Đang sinh hoạt,chuyển đi nơi khác',
      'U-3,Trần Văn Ba,1968,Nam,001068012347,,00004,CHI-1,Tạm dừng sinh hoạt,',
      'U-4,Đỗ Văn Tư,1/5/1968,Nam,001068012348,,00004,CHI-2,Đang sinh hoạt,',
    ]);
    await t.app.get(LinkerService).link();
    // A flag of before (a decision's, kept through link runs): it stays.
    await t.sql(`INSERT INTO record_flag (record_id, code, severity, message) VALUES ($1, 'MOVED_AWAY', 'WARNING', 'Đã chuyển đi')`, [
      await idOf('HND', 'U-3'),
    ]);
    const before = await stateOf('HND');
    expect([before.flags.length, before.suggestions.length]).toEqual([1, 1]);

    const s = await importRows('HND', [
      'U-1,Nguyễn Văn An,12/03/1970,Nam,001070012345,0987654321,00004,CHI-1,Đang sinh hoạt,đã mất tháng 8/2026',
      'U-2,Lê Thị Bình,1965,Nữ,001165012346,,00004,CHI-2,Đang sinh hoạt,',
      'U-3,Trần Văn Ba,1968,Nam,001068012347,,00004,CHI-1,Xóa tên,',
      'U-4,Đỗ Văn Tư,1/5/1968,Nam,001068012348,,00004,CHI-2,Đang sinh hoạt,',
      'U-5,Phạm Thị Năm,1990,Nữ,001190012349,,00004,CHI-2,Đang sinh hoạt,chuyển đi nơi khác',
      'U-6,Đỗ Văn Tư,1/5/1968,Nam,001068012348,,00004,CHI-1,Đang sinh hoạt,',
    ]);
    expect([s.created, s.updated, s.unchanged]).toEqual([2, 3, 1]);
    // The two listings of one CCCD flagged by the import (flagDuplicateListings).
    for (const code of ['U-4', 'U-6'])
      expect(await t.sql(`SELECT code FROM record_flag WHERE record_id = $1`, [await idOf('HND', code)])).toContainEqual({
        code: 'DUPLICATE_IN_ORG',
      });
    const during = await stateOf('HND');
    expect(during.records.length).toBe(before.records.length + 2);
    expect(during.events.length).toBeGreaterThan(before.events.length);
    expect(during.suggestions.length).toBeGreaterThan(before.suggestions.length);
    expect(await t.sql(`SELECT DISTINCT kind FROM membership_event WHERE import_job_id = $1 ORDER BY kind`, [s.jobId])).toEqual([
      { kind: 'ADMITTED' },
      { kind: 'ENDED' },
      { kind: 'TRANSFERRED' },
    ]);
    const created = [await idOf('HND', 'U-5'), await idOf('HND', 'U-6')];
    expect((await t.sql(`SELECT 1 FROM record_person WHERE record_id = ANY($1)`, [created])).length).toBe(2);

    const job = await undo.undoImport(s.jobId, REASON, CLI_PRINCIPAL);
    expect(job.status).toBe('UNDONE');
    expect(await stateOf('HND')).toEqual(before);
    // Their person and links went with the records created.
    expect(await t.sql(`SELECT 1 FROM record_person WHERE record_id = ANY($1)`, [created])).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM record_link WHERE record_a = ANY($1) OR record_b = ANY($1)`, [created])).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM import_undo_image WHERE job_id = $1`, [s.jobId])).toEqual([]);
    // Audited: who, which job, how many; the reason in the erasable note.
    const audit = await t.sql<{ actor_name: string; detail: unknown; text: string }>(
      `SELECT e.actor_name, e.detail, n.text FROM audit_event e JOIN audit_note n ON n.id = e.note_id WHERE e.action = 'IMPORT_UNDO' AND e.subject_id = $1`,
      [s.jobId],
    );
    expect(audit).toEqual([{ actor_name: CLI_PRINCIPAL.name, detail: { removed: 2, reverted: 3, unitsRemoved: 0 }, text: REASON }]);
    const shown = await t.gql<{ importJob: { status: string; undo: { by: string; reason: string } } }>(
      `query($id: ID!) { importJob(id: $id) { status undo { by reason } } }`,
      { id: s.jobId },
    );
    expect(shown.data!.importJob).toEqual({ status: 'UNDONE', undo: { by: CLI_PRINCIPAL.name, reason: REASON } });
    // Undone once: not twice.
    await expect(undo.undoImport(s.jobId, REASON, CLI_PRINCIPAL)).rejects.toThrow(/đã được hoàn tác ngày/);
    // The same file again imports again (the digests put back too).
    const again = await importRows('HND', [
      'U-1,Nguyễn Văn An,12/03/1970,Nam,001070012345,0987654321,00004,CHI-1,Đang sinh hoạt,',
      'U-7,Vũ Văn Bảy,1980,Nam,,,00004,CHI-1,Đang sinh hoạt,',
    ]);
    expect([again.created, again.updated]).toEqual([1, 1]);
  });

  it('removes the branches (and a base) it created that nothing else has, and says how many; keeps those used or changed since', async () => {
    const unitsOf = async () =>
      (await t.sql<{ code: string }>(`SELECT code FROM unit WHERE organization_code = 'DTN' ORDER BY code`)).map((u) => u.code);
    const s = await importRows('DTN', [
      'D-1,Nguyễn Văn Một,2000,Nam,,,00004,CHI-A,Đang sinh hoạt,',
      'D-2,Nguyễn Văn Hai,2000,Nam,,,00004,CHI-B,Đang sinh hoạt,',
      'D-3,Nguyễn Văn Ba,2000,Nam,,,00004,CHI-C,Đang sinh hoạt,',
      'D-4,Nguyễn Văn Bốn,2000,Nam,,,00004,CHI-D,Đang sinh hoạt,',
      'D-5,Nguyễn Văn Năm,2000,Nam,,,00008,CHI-E,Đang sinh hoạt,',
    ]);
    const created = ['CHI-A', 'CHI-B', 'CHI-C', 'CHI-D', 'CHI-E', 'DTN-00004', 'DTN-00008'];
    expect(await unitsOf()).toEqual(created);
    expect((await t.sql(`SELECT 1 FROM audit_event WHERE action = 'UNIT_CREATED' AND detail->>'importJob' = $1`, [s.jobId])).length).toBe(
      7,
    );
    // Since: a member added to CHI-B by hand, CHI-C renamed, a secretariat kept to CHI-D.
    const added = await t.gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
      i: { organization: 'DTN', fullName: 'Lê Văn Sáu', birthDate: '2001', sex: 'MALE', unit: 'CHI-B' },
    });
    expect(added.errors).toBeUndefined();
    const renamed = await t.gql(`mutation { renameUnit(input: { organization: "DTN", code: "CHI-C", name: "Chi đoàn Thôn 3" }) { code } }`);
    expect(renamed.errors).toBeUndefined();
    await t.createUser('bt-chi-d', Role.SECRETARIAT, 'DTN', 'CHI-D');

    await undo.undoImport(s.jobId, REASON, CLI_PRINCIPAL);
    // CHI-A and CHI-E emptied, and the base made for CHI-E alone: gone. The base of the others stays.
    expect(await unitsOf()).toEqual(['CHI-B', 'CHI-C', 'CHI-D', 'DTN-00004']);
    const audit = await t.sql<{ detail: unknown }>(`SELECT detail FROM audit_event WHERE action = 'IMPORT_UNDO' AND subject_id = $1`, [
      s.jobId,
    ]);
    expect(audit).toEqual([{ detail: { removed: 5, reverted: 0, unitsRemoved: 3 } }]);
    const shown = await t.gql<{ importJob: { undo: { unitsRemoved: number } } }>(
      `query($id: ID!) { importJob(id: $id) { undo { unitsRemoved } } }`,
      { id: s.jobId },
    );
    expect(shown.data!.importJob.undo).toEqual({ unitsRemoved: 3 });
  });

  it('refuses while another user has changed a record the import wrote, naming how many and which Mã hồ sơ', async () => {
    await importRows('CCB', [
      'C-1,Hà Văn Một,1950,Nam,,,00004,CHI-1,Đang sinh hoạt,',
      'C-2,Hà Văn Hai,1951,Nam,,,00004,CHI-1,Đang sinh hoạt,',
    ]);
    const s = await importRows('CCB', [
      'C-1,Hà Văn Một,1950,Nam,,0912000001,00004,CHI-1,Đang sinh hoạt,',
      'C-2,Hà Văn Hai,1951,Nam,,0912000002,00004,CHI-1,Đang sinh hoạt,',
      'C-3,Hà Văn Ba,1952,Nam,,,00004,CHI-1,Đang sinh hoạt,',
    ]);
    const edit = await t.gql(`mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { phone } }`, {
      id: await idOf('CCB', 'C-2'),
      i: { phone: '0912999999' },
    });
    expect(edit.errors).toBeUndefined();
    const refused = await t.gql(`mutation($j: ID!, $r: String!) { undoImport(jobId: $j, reason: $r) { status } }`, {
      j: s.jobId,
      r: REASON,
    });
    expect(refused.errors![0].message).toMatch(/: 1 hồ sơ đã được sửa sau lượt nhập — \S.* \(mã C-2\)\./);
    expect(await statusOf(s.jobId)).toBe('DONE');
    expect((await t.sql(`SELECT 1 FROM member_record WHERE organization_code = 'CCB' AND external_id = 'C-3'`)).length).toBe(1);
  });

  it('names the later import that changed its records: that one is undone first, then this one', async () => {
    const week1 = await importRows('CCB', ['W-1,Lò Văn Tuần,1950,Nam,,,00004,CHI-1,Đang sinh hoạt,']);
    const week2 = await importRows('CCB', ['W-1,Lò Văn Tuần,1950,Nam,,0912000011,00004,CHI-1,Đang sinh hoạt,']);
    const name = (await t.sql<{ source_name: string }>(`SELECT source_name FROM import_job WHERE id = $1`, [week2.jobId]))[0].source_name;
    const blocked = await t.gql<{ importJob: { undoBlocked: string | null } }>(`query($id: ID!) { importJob(id: $id) { undoBlocked } }`, {
      id: week1.jobId,
    });
    expect(blocked.data!.importJob.undoBlocked).toMatch(
      new RegExp(
        // (imported here as on the command line: the operator's to undo, as it says)
        `Lượt nhập sau \\(tệp ${name} ngày \\d\\d/\\d\\d/\\d{4} — nhập bằng dòng lệnh trên máy chủ: nhờ người vận hành hoàn tác\\) đã sửa các hồ sơ này: hoàn tác lượt đó trước, rồi hoàn tác lượt này\\.$`,
      ),
    );
    await undo.undoImport(week2.jobId, REASON, CLI_PRINCIPAL);
    await undo.undoImport(week1.jobId, REASON, CLI_PRINCIPAL);
    expect(await t.sql(`SELECT 1 FROM member_record WHERE organization_code = 'CCB' AND external_id = 'W-1'`)).toEqual([]);
  });

  it('puts back the line digest its unchanged rows wrote: the right list uploaded after undoing the wrong one matches as before', async () => {
    const list = (name: string, line: string) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, `Họ và tên,Ngày sinh,Giới tính,Chi hội\n${line}\n`);
      return p;
    };
    const opts = { organization: 'HPN', createUnits: true, assignIds: true };
    // Her list: a member of a year alone, no phone, no CCCD (only her line tells her apart next month).
    await importer.import(list('dung-1.csv', 'Mùa Thị Sua,1981,Nữ,Bản Kéo'), opts, CLI_PRINCIPAL);
    const [sua] = await t.sql<{ external_id: string }>(`SELECT external_id FROM member_record WHERE full_name = 'Mùa Thị Sua'`);
    // The wrong file: its line held, she says it is Mùa Thị Sua; nothing of hers changes, only the line is another.
    const wrong = await importer.import(list('nham.csv', 'Mùa Thị Sua,1981,Nữ,Chi hội Bản Kéo'), { ...opts, preview: true }, CLI_PRINCIPAL);
    expect((await importer.preview(wrong.jobId, CLI_PRINCIPAL)).rows.map((r) => r.fate)).toEqual(['HELD']);
    await importer.confirm(wrong.jobId, CLI_PRINCIPAL, { again: true, decisions: [{ sheet: null, row: 2, code: sua.external_id }] });
    const applied = await importer.confirm(wrong.jobId, CLI_PRINCIPAL, {});
    expect([applied.unchanged, applied.held]).toEqual([1, 0]);
    await undo.undoImport(wrong.jobId, REASON, CLI_PRINCIPAL);
    // Her own list again: the member it made, not a namesake to decide.
    // (Another file, so its codes are others: her line alone says who she is.)
    const again = await importer.import(
      list('dung-2.csv', 'Mùa Thị Sua,1981,Nữ,Bản Kéo\nSùng Thị Pà,1990,Nữ,Bản Kéo'),
      opts,
      CLI_PRINCIPAL,
    );
    expect([again.unchanged, again.held, again.created]).toEqual([1, 0, 1]);
    expect(await t.sql(`SELECT 1 FROM import_undo_digest WHERE job_id = $1`, [wrong.jobId])).toEqual([]);
  });

  it('refuses after 30 days, when the images are dropped', async () => {
    const s = await importRows('CCB', ['C-9,Hà Văn Chín,1959,Nam,,,00004,CHI-1,Đang sinh hoạt,']);
    await t.sql(`UPDATE import_job SET started_at = now() - interval '31 days', finished_at = now() - interval '31 days' WHERE id = $1`, [
      s.jobId,
    ]);
    await expect(undo.undoImport(s.jobId, REASON, CLI_PRINCIPAL)).rejects.toThrow(/đã quá 30 ngày kể từ lượt nhập ngày/);
    expect((await t.sql(`SELECT 1 FROM import_undo_image WHERE job_id = $1`, [s.jobId])).length).toBe(1);
    expect(await undo.purge(new Date())).toBeGreaterThanOrEqual(1);
    expect(await t.sql(`SELECT 1 FROM import_undo_image WHERE job_id = $1`, [s.jobId])).toEqual([]);
  });

  it('never alters a final report', async () => {
    const now = new Date();
    const reports = t.app.get(ReportsService);
    await t.app.get(LinkerService).link();
    const final = await reports.run(lastEndedPeriod('MONTH', now).key, null, { now });
    expect(final.final).toBe(true);
    const snapshotText = () =>
      t.sql<{ t: string }>(
        `SELECT (SELECT to_jsonb(s)::text FROM report_snapshot s WHERE s.id = $1)
              || (SELECT coalesce(string_agg(to_jsonb(r)::text, '|' ORDER BY r.id), '') FROM report_row r WHERE r.snapshot_id = $1)
              || (SELECT coalesce(string_agg(to_jsonb(p)::text, '|' ORDER BY p.record_id), '') FROM report_phantom p WHERE p.snapshot_id = $1) AS t`,
        [final.id],
      );
    const before = await snapshotText();
    const s = await importRows('HND', [
      'U-2,Lê Thị Bình,1965,Nữ,001165012346,,00004,CHI-1,Đã mất,',
      'U-8,Vi Thị Tám,1985,Nữ,,,00004,CHI-1,Đang sinh hoạt,',
    ]);
    expect([s.created, s.updated]).toEqual([1, 1]);
    await undo.undoImport(s.jobId, REASON, CLI_PRINCIPAL);
    expect(await snapshotText()).toEqual(before);
  });

  it('keeps the before-images sealed, and drops them with the person on erasure', async () => {
    await importRows('HPN', ['P-1,Lường Thị Xoan,1975,Nữ,001175043210,0911222333,00004,CHI-1,Đang sinh hoạt,']);
    const s = await importRows('HPN', ['P-1,Lường Thị Xuân,1975,Nữ,001175043219,0911222444,00004,CHI-1,Đang sinh hoạt,']);
    expect(s.updated).toBe(1);
    const [image] = await t.sql<{ text: string; raw: string }>(
      `SELECT i::text AS text, encode(before_sealed, 'escape') AS raw FROM import_undo_image i WHERE job_id = $1`,
      [s.jobId],
    );
    for (const clear of ['Xoan', 'Lường', '001175043210', '043210', '0911222333'])
      expect([image.text, image.raw].some((x) => x.normalize('NFC').includes(clear))).toBe(false);
    const erased = await t.gql(`mutation($id: ID!) { erasePersonalData(id: $id, reason: "Đơn yêu cầu xóa ngày 12/11/2026") { id } }`, {
      id: await idOf('HPN', 'P-1'),
    });
    expect(erased.errors).toBeUndefined();
    expect(await t.sql(`SELECT 1 FROM import_undo_image WHERE job_id = $1`, [s.jobId])).toEqual([]);
    await expect(undo.undoImport(s.jobId, REASON, CLI_PRINCIPAL)).rejects.toThrow(/1 hồ sơ của lượt nhập không còn dữ liệu để hoàn tác/);
  });

  it('is a CLI command: 0 done, 1 refused, 2 bad usage', async () => {
    const s = await importRows('CCB', ['C-20,Hà Văn Hai Mươi,1960,Nam,,,00004,CHI-1,Đang sinh hoạt,']);
    const env = { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText };
    const cli = path.resolve(import.meta.dirname, '../bin/lienthong.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'import-undo', ...args], { env, encoding: 'utf8' });
    expect(run(s.jobId).status).toBe(2);
    expect(run('not-a-job', '--reason', REASON).status).toBe(2);
    expect(run(s.jobId, '--reason', 'ngắn').status).toBe(2);
    const done = run(s.jobId, '--reason', REASON);
    expect([done.status, done.stderr]).toEqual([0, '']);
    expect(done.stdout).toContain('UNDONE');
    expect(done.stdout).toContain('chi hội/đơn vị đã xóa (do lượt nhập tạo, không còn dùng)\t0');
    expect(await t.sql(`SELECT 1 FROM member_record WHERE organization_code = 'CCB' AND external_id = 'C-20'`)).toEqual([]);
    const again = run(s.jobId, '--reason', REASON);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('đã được hoàn tác');
  });
});
