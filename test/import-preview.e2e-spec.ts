import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { CHANGED_SINCE_PLAN } from '../src/roster-io/import/import-apply.js';
import { TO_LOOK } from '../src/roster-io/import/import-preview.js';
import { PreviewDiscards } from '../src/roster-io/import/preview-discard.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { JobClaim } from '../src/roster-io/import/job-claim.js';
import { DataSource } from 'typeorm';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';

/** Given names without digits (a digit in a name refuses the row). */
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Lan', 'Long', 'Minh', 'Nam', 'Oanh'];

type Rec = { external_id: string; full_name: string; birth_date: string | null; phone: string | null; version: number };

/** Issue 17: the staged import — its preview is what the apply does, row by row; confirm, the wrong organization, the CLI. */
describe('staged import: preview, confirm, the wrong organization (issue 17)', () => {
  let t: TestApp;
  let importer: RosterImportService;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-preview-'));
  const file = (name: string, lines: string[]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, `\uFEFF${lines.join('\n')}\n`);
    return p;
  };
  const records = (org: string, like: string) =>
    t.sql<Rec>(
      `SELECT external_id, full_name, birth_date::text, phone, version FROM member_record WHERE organization_code = $1 AND external_id LIKE $2 ORDER BY external_id`,
      [org, like],
    );

  beforeAll(async () => {
    t = await createTestApp();
    importer = t.app.get(RosterImportService);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("waits, when she confirms the moment the preview is shown, for the preview's own run to let go of it (not 'being confirmed')", async () => {
    const s = await importer.import(
      file('pv-nhanh.csv', ['Mã hồ sơ,Họ và tên', 'PV-NHANH,Lò Văn Nhanh']),
      { organization: 'HND', preview: true },
      CLI_PRINCIPAL,
    );
    expect(s.status).toBe('PREVIEW');
    // Held as the preview's run holds it in the moment after it says PREVIEW.
    const held = (await JobClaim.take(t.app.get(DataSource), s.jobId))!;
    const confirming = importer.confirm(s.jobId, CLI_PRINCIPAL, {});
    await new Promise((r) => setTimeout(r, 400));
    await held.release();
    expect((await confirming).status).toBe('DONE');
    expect(await records('HND', 'PV-NHANH')).toHaveLength(1);
  });

  it('previews without writing, and the confirmation does exactly what the preview said, row by row', async () => {
    const header = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính';
    await importer.import(
      file('pv-seed.csv', [header, 'PV-1,Lò Văn An,1970,Nam', 'PV-2,Lò Văn Bình,1971,Nam']),
      { organization: 'HND' },
      CLI_PRINCIPAL,
    );
    const before = await records('HND', 'PV-%');
    const p = file('pv.csv', [
      header,
      'PV-1,Lò Văn An,1970,Nam',
      'PV-2,Lò Văn Bình,1961,Nam',
      'PV-3,Lò Văn Cường,1972,Nam',
      'PV-3,Lò Văn Lặp,1973,Nam',
    ]);
    const s = await importer.import(p, { organization: 'HND', preview: true }, CLI_PRINCIPAL);
    expect(s.status).toBe('PREVIEW');
    expect(await records('HND', 'PV-%')).toEqual(before);
    const preview = await importer.preview(s.jobId, CLI_PRINCIPAL);
    // Each row named, the refused one too (her name as read): she sees whose row it is before she fixes it.
    expect(preview.rows.map((r) => [r.row, r.fate, r.code, r.changed, r.fullName])).toEqual([
      [2, 'UNCHANGED', 'PV-1', [], 'Lò Văn An'],
      [3, 'UPDATED', 'PV-2', ['birthDate'], 'Lò Văn Bình'],
      [4, 'CREATED', 'PV-3', [], 'Lò Văn Cường'],
      [5, 'REFUSED', 'PV-3', [], 'Lò Văn Lặp'],
    ]);
    expect(preview.counts).toMatchObject({ CREATED: 1, UPDATED: 1, UNCHANGED: 1, REFUSED: 1 });

    const done = await importer.confirm(s.jobId, CLI_PRINCIPAL, {});
    expect(done.status).toBe('DONE');
    // Every row's fate read back from the records and the rejected rows.
    const after = new Map((await records('HND', 'PV-%')).map((r) => [r.external_id, r]));
    const was = new Map(before.map((r) => [r.external_id, r]));
    const errors = await importer.rowErrors(s.jobId, CLI_PRINCIPAL);
    for (const r of preview.rows) {
      const rec = after.get(r.code!);
      if (r.fate === 'CREATED') expect([rec?.version, was.has(r.code!)]).toEqual([1, false]);
      if (r.fate === 'UPDATED') expect([rec!.version, rec!.birth_date]).toEqual([was.get(r.code!)!.version + 1, '1961-01-01']);
      if (r.fate === 'UNCHANGED') expect(rec).toEqual(was.get(r.code!));
      if (r.fate === 'REFUSED') expect(errors.map((e) => e.rowNumber)).toContain(r.row);
    }
    expect(errors).toHaveLength(1);
    const job = (
      await t.sql<{ created: number; updated: number; unchanged: number; rejected: number }>(
        `SELECT created, updated, unchanged, rejected FROM import_job WHERE id = $1`,
        [s.jobId],
      )
    )[0];
    expect(job).toEqual({ created: 1, updated: 1, unchanged: 1, rejected: 1 });
    // The applied plan keeps no values.
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM import_plan_row WHERE job_id = $1 AND record_values IS NOT NULL`,
      [s.jobId],
    );
    expect(n).toBe(0);
  });

  it('writes in the result file of a file without codes the fate its preview showed, row by row', async () => {
    const p = file('pv-nocode.csv', ['Họ và tên,Ngày sinh,Giới tính', 'Cà Văn Một,1950,Nam', ',1951,Nam', 'Cà Văn Ba,1952,Nam']);
    const s = await importer.import(p, { organization: 'NCT', preview: true }, CLI_PRINCIPAL);
    const preview = await importer.preview(s.jobId, CLI_PRINCIPAL);
    expect(preview.rows.map((r) => r.fate)).toEqual(['CREATED', 'REFUSED', 'CREATED']);
    expect(preview.rows[1].fullName).toBeNull(); // no name read: nothing to name her row by
    await importer.confirm(s.jobId, CLI_PRINCIPAL, {});
    const out = path.join(dir, 'pv-nocode.ma.csv');
    expect(await importer.writeResultFile(s.jobId, out, CLI_PRINCIPAL)).toBe(3);
    const label = { CREATED: 'đã thêm', REFUSED: 'lỗi', UPDATED: 'đã cập nhật', UNCHANGED: 'không đổi', HELD: 'chờ quyết định' };
    const lines = fs
      .readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const at = lines[0].split(',').indexOf('Kết quả');
    expect(lines.slice(1).map((l) => l.split(',')[at])).toEqual(preview.rows.map((r) => label[r.fate]));
    expect((await records('NCT', preview.rows[0].code!)).length).toBe(1);
  });

  it('plans the kept file again with the mapping the secretary corrected, then applies it', async () => {
    const p = file('map.csv', ['Mã hồ sơ,Tên gọi đầy đủ,Ngày sinh', 'MP-1,Sầm Văn Một,1960', 'MP-2,Sầm Văn Hai,1961']);
    const s = await importer.import(p, { organization: 'HND', preview: true }, CLI_PRINCIPAL);
    const preview = await importer.preview(s.jobId, CLI_PRINCIPAL);
    // Her name column is not one the template knows: every row lacks a name.
    expect(preview.rows.map((r) => r.fate)).toEqual(['REFUSED', 'REFUSED']);
    expect(preview.mapping).not.toContainEqual(expect.objectContaining({ field: 'fullName' }));
    const done = await importer.confirm(s.jobId, CLI_PRINCIPAL, { mapping: [{ header: 'Tên gọi đầy đủ', field: 'fullName' }] });
    expect([done.status, done.created, done.rejected]).toEqual(['DONE', 2, 0]);
    expect((await records('HND', 'MP-%')).map((r) => r.full_name)).toEqual(['Sầm Văn Một', 'Sầm Văn Hai']);
    const [job] = await t.sql<{ plan: { mapping: { header: string; field: string }[] } }>(`SELECT plan FROM import_job WHERE id = $1`, [
      s.jobId,
    ]);
    // In her file's order, the column she corrected where it is in her file (not moved last).
    expect(job.plan.mapping).toEqual([
      { header: 'Mã hồ sơ', field: 'externalId' },
      { header: 'Tên gọi đầy đủ', field: 'fullName' },
      { header: 'Ngày sinh', field: 'birthDate' },
    ]);
  });

  it('says from which unit to which a row moves its member (a move made in the console, undone by an older list, is seen)', async () => {
    const header = 'Mã hồ sơ,Họ và tên,Ngày sinh,Mã xã,Mã đơn vị';
    await importer.import(
      file('mv1.csv', [header, 'MV-1,Lò Văn Một,1990,00004,MV-TO-3']),
      { organization: 'HND', createUnits: true },
      CLI_PRINCIPAL,
    );
    await importer.import(
      file('mv2.csv', [header, 'MV-2,Lò Văn Hai,1991,00004,MV-TO-4']),
      { organization: 'HND', createUnits: true },
      CLI_PRINCIPAL,
    );
    const s = await importer.import(
      file('mv3.csv', [header, 'MV-1,Lò Văn Một,1990,00004,MV-TO-4']),
      { organization: 'HND', preview: true },
      CLI_PRINCIPAL,
    );
    const [row] = (await importer.preview(s.jobId, CLI_PRINCIPAL)).rows;
    expect(row).toMatchObject({ fate: 'UPDATED', unitBefore: 'MV-TO-3', unitAfter: 'MV-TO-4' });
    expect(row.changed).toContain('unitId');
  });

  it('names in the preview the units its confirmation will create, and creates none before it', async () => {
    const header = 'Họ và tên,Ngày sinh,Mã xã,Chi hội';
    const s = await importer.import(
      file('uc.csv', [
        header,
        'Lò Văn Pọm,1980,00004,Bản Pá Khôm',
        'Lò Văn Pẻng,1982,00004,Bản Co Muông',
        'Lò Văn Phăn,1985,00004,Bản Pá Khôm',
      ]),
      { organization: 'HND', createUnits: true, preview: true, assignIds: true },
      CLI_PRINCIPAL,
    );
    const preview = await importer.preview(s.jobId, CLI_PRINCIPAL);
    // Each once, in file order (with the commune's base unit, when the organization has none there yet).
    expect(preview.unitsToCreate.filter((n) => !n.startsWith('Cơ sở '))).toEqual(['Bản Pá Khôm', 'Bản Co Muông']);
    expect(await t.sql(`SELECT 1 FROM unit WHERE name IN ('Bản Pá Khôm', 'Bản Co Muông')`)).toEqual([]);
  });

  it('creates the units her file names when she asks for it at the preview (not at the upload), after planning again', async () => {
    const header = 'Họ và tên,Ngày sinh,Mã xã,Chi hội';
    const s = await importer.import(
      file('uc2.csv', [header, 'Lò Văn Pệt,1981,00004,Bản Nà Sáng']),
      { organization: 'HND', preview: true, assignIds: true },
      CLI_PRINCIPAL,
    );
    const before = await importer.preview(s.jobId, CLI_PRINCIPAL);
    expect([before.withoutUnit, before.unitsToCreate]).toEqual([1, []]);
    await importer.confirm(s.jobId, CLI_PRINCIPAL, { again: true, createUnits: true });
    const after = await importer.preview(s.jobId, CLI_PRINCIPAL);
    expect(after.unitsToCreate).toContain('Bản Nà Sáng');
    expect(after.withoutUnit).toBe(0);
    await importer.confirm(s.jobId, CLI_PRINCIPAL, {});
    const [pet] = await t.sql<{ unit: string }>(
      `SELECT u.name AS unit FROM member_record r JOIN unit u ON u.id = r.unit_id WHERE r.full_name = 'Lò Văn Pệt'`,
    );
    expect(pet.unit).toBe('Bản Nà Sáng');
    // Asking for what the job already does plans nothing again.
    const t2 = await importer.import(
      file('uc3.csv', [header, 'Lò Văn Pệt,1981,00004,Bản Nà Sáng']),
      { organization: 'HND', preview: true },
      CLI_PRINCIPAL,
    );
    await expect(importer.confirm(t2.jobId, CLI_PRINCIPAL, { again: true, createUnits: false })).rejects.toThrow(/Chưa có gì để xem lại/);
  });

  it('shows as rows to look at the changed and noted rows and those warned of more than a 0 put back — this month and next', async () => {
    const header = 'Họ và tên,Ngày sinh,Số CCCD,Số điện thoại,Ghi chú';
    const rows = [
      'Quàng Văn Một,1980,1.40581E+10,912000101,', // a CCCD Excel cut to E+: to look at
      'Quàng Văn Hai,1981,,912000102,', // a phone's 0 put back: nothing to look at
      'Quàng Văn Ba,1982,,912000103,đã mất 5/2026', // a note to decide
      'Quàng Văn Bốn,31/02/1983,,,', // a birth date no calendar has: written with it left empty, to look at
    ];
    const toLook = async (jobId: string) =>
      (await importer.preview(jobId, CLI_PRINCIPAL, 100, 0, TO_LOOK)).rows.map((r) => [r.fullName, r.fate]);
    const first = await importer.import(
      file('look1.csv', [header, ...rows]),
      { organization: 'CCB', assignIds: true, preview: true },
      CLI_PRINCIPAL,
    );
    expect(await toLook(first.jobId)).toEqual([
      ['Quàng Văn Một', 'CREATED'],
      ['Quàng Văn Ba', 'CREATED'],
      ['Quàng Văn Bốn', 'CREATED'],
    ]);
    // Counted beside the fates before she confirms ("Bị từ chối: 0" is not all is well), as the result counts them after:
    // every row warned, a 0 put back too (the CLI lists them, with how to keep zeros next time).
    const head = await importer.preview(first.jobId, CLI_PRINCIPAL, 1);
    expect([head.counts.CREATED, head.counts.REFUSED, head.warned]).toEqual([4, 0, 4]);
    expect((await importer.confirm(first.jobId, CLI_PRINCIPAL, {})).warned).toBe(head.warned);
    // Next month, sent again in full without codes: the E+ row, unchanged, is still to look at.
    const again = await importer.import(file('look2.csv', [header, ...rows]), { organization: 'CCB', preview: true }, CLI_PRINCIPAL);
    expect(await toLook(again.jobId)).toEqual([
      ['Quàng Văn Một', 'UNCHANGED'],
      ['Quàng Văn Bốn', 'UNCHANGED'],
    ]);
    expect((await importer.preview(again.jobId, CLI_PRINCIPAL, 1)).warned).toBe(4);
    // A changed phone (her file with the codes given): to look at, as any change.
    const [{ external_id: code }] = await t.sql<{ external_id: string }>(
      `SELECT external_id FROM member_record WHERE full_name = 'Quàng Văn Hai'`,
    );
    const changed = await importer.import(
      file('look3.csv', ['Mã hồ sơ,Họ và tên,Ngày sinh,Số điện thoại', `${code},Quàng Văn Hai,1981,0912000999`]),
      { organization: 'CCB', preview: true },
      CLI_PRINCIPAL,
    );
    expect(await toLook(changed.jobId)).toEqual([['Quàng Văn Hai', 'UPDATED']]);
  });

  it('shows a corrected name, birth date and phone as they were and as the file gives them', async () => {
    const header = 'Mã hồ sơ,Họ và tên,Ngày sinh,Số điện thoại';
    await importer.import(file('ed1.csv', [header, 'ED-1,Mùa Thị De,1990,0912000777']), { organization: 'HND' }, CLI_PRINCIPAL);
    const s = await importer.import(
      file('ed2.csv', [header, 'ED-1,Mùa Thị Dế,12/03/1990,0912000888']),
      { organization: 'HND', preview: true },
      CLI_PRINCIPAL,
    );
    const [row] = (await importer.preview(s.jobId, CLI_PRINCIPAL)).rows;
    expect(row.fate).toBe('UPDATED');
    // The phone changes too: shown masked (its last digits tell the numbers apart), never in clear.
    expect(row.edits).toEqual([
      { field: 'fullName', before: 'Mùa Thị De', after: 'Mùa Thị Dế' },
      { field: 'birthDate', before: '1990', after: '1990-03-12' },
      { field: 'phone', before: '091****777', after: '091****888' },
    ]);
    // Her file ends the membership (Trạng thái Đã mất): the gravest change, by its words, before and after.
    const ended = await importer.import(
      file('ed3.csv', [`${header},Trạng thái`, 'ED-1,Mùa Thị De,1990,0912000777,Đã mất']),
      { organization: 'HND', preview: true },
      CLI_PRINCIPAL,
    );
    expect((await importer.preview(ended.jobId, CLI_PRINCIPAL)).rows[0].edits).toEqual([
      { field: 'status', before: 'Đang sinh hoạt', after: 'Đã mất' },
    ]);
  });

  it("shows a changed CCCD masked, before and after; an older list's CMND never takes the CCCD away", async () => {
    const header = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD';
    await importer.import(file('id1.csv', [header, 'ID-1,Lường Thị Minh,1990,Nữ,001190012345']), { organization: 'HND' }, CLI_PRINCIPAL);
    const corrected = await importer.import(
      file('id2.csv', [header, 'ID-1,Lường Thị Minh,1990,Nữ,001190067890']),
      { organization: 'HND', preview: true },
      CLI_PRINCIPAL,
    );
    const [row] = (await importer.preview(corrected.jobId, CLI_PRINCIPAL)).rows;
    expect(row.edits).toEqual([{ field: 'idNumber', before: '0011******45', after: '0011******90' }]);
    // Her older list, brought back: its 9-digit CMND is not written over the 12-digit CCCD that replaced it, and the row says so.
    const olderFile = file('id3.csv', [header, 'ID-1,Lường Thị Minh,1990,Nữ,040123456']);
    const seen = await importer.import(olderFile, { organization: 'HND', preview: true }, CLI_PRINCIPAL);
    const [older] = (await importer.preview(seen.jobId, CLI_PRINCIPAL)).rows;
    expect([older.fate, older.edits, older.warnings]).toEqual([
      'UNCHANGED',
      [],
      "Số CCCD '040****56': đây là số CMND cũ (9 số), hồ sơ đã có số CCCD 0011******45 — giữ số CCCD. Nếu số CCCD trên hồ sơ sai, hãy sửa trên hồ sơ",
    ]);
    expect(await importer.import(olderFile, { organization: 'HND' }, CLI_PRINCIPAL)).toMatchObject({ unchanged: 1, warned: 1 });
    const [kept] = await t.sql<{ id_number_masked: string; id_kind: string }>(
      `SELECT id_number_masked, id_kind FROM member_record WHERE external_id = 'ID-1'`,
    );
    expect([kept.id_number_masked, kept.id_kind]).toEqual(['0011******45', 'CCCD']);
  });

  it("names each of the organization's own fields that a row changes (the Đoàn's Ngày vào Đoàn), not their store", async () => {
    const header = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đoàn';
    await importer.import(
      file('pv-dtn-seed.csv', [header, 'PV-D1,Lò Văn Dũng,2000,Nam,26/03/2016']),
      { organization: 'DTN' },
      CLI_PRINCIPAL,
    );
    const s = await importer.import(
      file('pv-dtn.csv', [header, 'PV-D1,Lò Văn Dũng,2000,Nam,26/03/2017']),
      {
        organization: 'DTN',
        preview: true,
      },
      CLI_PRINCIPAL,
    );
    const [row] = (await importer.preview(s.jobId, CLI_PRINCIPAL)).rows;
    // Her Ngày vào Đoàn is the Đoàn member's Ngày vào too (the file has no Ngày vào): both change.
    expect([row.fate, row.changed]).toEqual(['UPDATED', ['profile', 'joinDate', 'profile.youthUnionJoinDate']]);
    // The console names it by the column her file has.
    const columns = await t.gql<{ rosterColumns: { field: string; header: string }[] }>(
      `{ rosterColumns(organization: "DTN") { field header } }`,
    );
    expect(columns.data!.rosterColumns.find((c) => c.field === 'profile.youthUnionJoinDate')?.header).toBe('Ngày vào Đoàn');
  });

  it('never applies a preview a later import overtook: refused with why, out of her list, planned afresh on "Xem lại"; a file uploaded again hides the older preview', async () => {
    const header = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính';
    await importer.import(file('ot-11.csv', [header, 'OT-1,Cà Văn Hung,1970,Nam']), { organization: 'CCB' }, CLI_PRINCIPAL);
    // November's list previewed again and left waiting; December's corrections imported meanwhile.
    const stale = await importer.import(
      file('ot-11b.csv', [header, 'OT-1,Cà Văn Hung,1970,Nam', 'OT-2,Cà Văn Mới,1971,Nam']),
      { organization: 'CCB', preview: true },
      CLI_PRINCIPAL,
    );
    await importer.import(file('ot-12.csv', [header, 'OT-1,Cà Văn Hưng,1970,Nam']), { organization: 'CCB' }, CLI_PRINCIPAL);
    expect((await importer.preview(stale.jobId, CLI_PRINCIPAL)).overtaken).toMatch(
      /^Xem trước này đã cũ: sau khi xem trước, danh sách đã thay đổi do lượt nhập tệp 'ot-12.csv' lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\. Bấm "Xem lại"/,
    );
    await expect(importer.confirm(stale.jobId, CLI_PRINCIPAL, {})).rejects.toThrow(/Xem trước này đã cũ/);
    expect((await records('CCB', 'OT-%')).map((r) => r.full_name)).toEqual(['Cà Văn Hưng']);
    expect((await importer.recentJobs(CLI_PRINCIPAL, 50)).map((j) => j.id)).not.toContain(stale.jobId);
    // Planned again with nothing new: today's list, the correction shown as the change it would undo; then it may be applied.
    await importer.confirm(stale.jobId, CLI_PRINCIPAL, { again: true });
    const fresh = await importer.preview(stale.jobId, CLI_PRINCIPAL);
    expect(fresh.overtaken).toBeNull();
    expect(fresh.rows.map((r) => [r.code, r.fate, r.edits])).toEqual([
      ['OT-1', 'UPDATED', [{ field: 'fullName', before: 'Cà Văn Hưng', after: 'Cà Văn Hung' }]],
      ['OT-2', 'CREATED', []],
    ]);
    // A preview she discarded ("Hủy"): out of her list, never confirmed, its kept file gone.
    const dropped = await importer.import(
      file('ot-14.csv', [header, 'OT-4,Cà Văn Bốn,1974,Nam']),
      { organization: 'CCB', preview: true },
      CLI_PRINCIPAL,
    );
    await t.app.get(PreviewDiscards).discard(dropped.jobId, CLI_PRINCIPAL);
    expect((await importer.recentJobs(CLI_PRINCIPAL, 50)).map((j) => j.id)).not.toContain(dropped.jobId);
    await expect(importer.confirm(dropped.jobId, CLI_PRINCIPAL, {})).rejects.toThrow(/không chờ xác nhận \(đã hủy\)/);
    expect(await records('CCB', 'OT-4')).toEqual([]);
    // The same file uploaded again: only the newer preview is listed.
    const first = await importer.import(
      file('ot-13.csv', [header, 'OT-3,Cà Văn Ba,1972,Nam']),
      { organization: 'CCB', preview: true },
      CLI_PRINCIPAL,
    );
    const second = await importer.import(
      file('ot-13.csv', [header, 'OT-3,Cà Văn Ba,1972,Nam']),
      { organization: 'CCB', preview: true },
      CLI_PRINCIPAL,
    );
    const listed = (await importer.recentJobs(CLI_PRINCIPAL, 50)).map((j) => j.id);
    expect(listed).toContain(second.jobId);
    expect(listed).not.toContain(first.jobId);
  });

  it('refuses at the confirmation a row whose record was changed after the preview, with the reason', async () => {
    const header = 'Mã hồ sơ,Họ và tên,Ngày sinh,Số điện thoại';
    await importer.import(
      file('ch-seed.csv', [header, 'CH-1,Hà Văn Một,1970,0912000001', 'CH-2,Hà Văn Hai,1971,0912000002']),
      { organization: 'CCB' },
      CLI_PRINCIPAL,
    );
    const s = await importer.import(
      file('ch.csv', [header, 'CH-1,Hà Văn Một,1970,0912000011', 'CH-2,Hà Văn Hai,1971,0912000022']),
      { organization: 'CCB', preview: true },
      CLI_PRINCIPAL,
    );
    await t.sql(
      `UPDATE member_record SET phone = '0987654321', version = version + 1 WHERE organization_code = 'CCB' AND external_id = 'CH-1'`,
    );
    const done = await importer.confirm(s.jobId, CLI_PRINCIPAL, {});
    expect([done.updated, done.rejected]).toEqual([1, 1]);
    expect((await records('CCB', 'CH-%')).map((r) => r.phone)).toEqual(['0987654321', '0912000022']);
    const errors = await importer.rowErrors(s.jobId, CLI_PRINCIPAL);
    expect(errors.map((e) => [e.rowNumber, e.message])).toEqual([[2, CHANGED_SINCE_PLAN]]);
  });

  it('holds a file most of whose rows break the organization’s rules until it is confirmed with a reason (GraphQL); at 80% it imports with warnings', async () => {
    const old = Array.from({ length: 12 }, (_, i) => `WO-${i},Đinh Văn ${GIVEN[i]},1950,Nam`);
    const p = file('wo.csv', ['Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính', ...old]);
    const s = await importer.import(p, { organization: 'DTN' }, CLI_PRINCIPAL);
    expect(s.status).toBe('NEEDS_CONFIRMATION');
    expect(s.waiting).toBe('100% số dòng (12/12) không đủ điều kiện vào Đoàn TNCS Hồ Chí Minh: quá 35 tuổi');
    expect(await records('DTN', 'WO-%')).toEqual([]);
    const secretariat = await t.logIn(await t.createUser('vp.dtn.wo', Role.SECRETARIAT, 'DTN'));
    const confirm = (reason: string | null) =>
      t.gql<{ confirmImport: { status: string; created: number } }>(
        `mutation($id: ID!, $r: String) { confirmImport(jobId: $id, acceptIneligible: $r) { status created } }`,
        { id: s.jobId, r: reason },
        { token: secretariat },
      );
    expect((await confirm(null)).errors?.[0].message).toContain('lý do');
    // A reason that says nothing is no reason.
    expect((await confirm('ok')).errors?.[0].message).toContain('ít nhất 10 ký tự');
    expect((await confirm('Danh sách cựu đoàn viên, giữ để đối chiếu')).data!.confirmImport).toEqual({ status: 'DONE', created: 12 });
    const [job] = await t.sql<{ accepted_ineligible: string }>(`SELECT accepted_ineligible FROM import_job WHERE id = $1`, [s.jobId]);
    expect(job.accepted_ineligible).toBe('Danh sách cựu đoàn viên, giữ để đối chiếu');
    const audit = await t.sql<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_event WHERE subject_type = 'IMPORT_JOB' AND subject_id = $1 ORDER BY id`,
      [s.jobId],
    );
    expect(audit.at(-1)!.detail).toMatchObject({ confirmed: true, ineligibleAccepted: true });

    // 8 of 10 (80%): not more than 80%, imported with the per-row warnings.
    const some = [
      ...Array.from({ length: 8 }, (_, i) => `WP-${i},Đinh Văn ${GIVEN[i]},1950,Nam`),
      'WP-8,Đinh Văn Trẻ,2005,Nam',
      'WP-9,Đinh Văn Trẻ Hai,2006,Nam',
    ];
    const ok = await importer.import(
      file('wp.csv', ['Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính', ...some]),
      { organization: 'DTN' },
      CLI_PRINCIPAL,
    );
    expect([ok.status, ok.created, ok.warned]).toEqual(['DONE', 10, 8]);

    // Previewed first, the same kind of file still needs the reason to be confirmed.
    const previewed = await importer.import(
      file('wq.csv', ['Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính', ...old.map((r) => r.replace('WO-', 'WQ-'))]),
      { organization: 'DTN', preview: true },
      CLI_PRINCIPAL,
    );
    expect([previewed.status, previewed.waiting]).toEqual([
      'PREVIEW',
      '100% số dòng (12/12) không đủ điều kiện vào Đoàn TNCS Hồ Chí Minh: quá 35 tuổi',
    ]);
    const confirmPreview = (reason: string | null) =>
      t.gql<{ confirmImport: { status: string; created: number } }>(
        `mutation($id: ID!, $r: String) { confirmImport(jobId: $id, acceptIneligible: $r) { status created } }`,
        { id: previewed.jobId, r: reason },
        { token: secretariat },
      );
    expect((await confirmPreview(null)).errors?.[0].message).toContain('lý do');
    expect(await records('DTN', 'WQ-%')).toEqual([]);
    expect((await confirmPreview('Danh sách cựu đoàn viên, giữ để đối chiếu')).data!.confirmImport).toEqual({
      status: 'DONE',
      created: 12,
    });
  });

  it('answers an upload with ?preview=true with the job id; the console reads the preview (masked, audited) and confirms it', async () => {
    const secretariat = await t.logIn(await t.createUser('vp.hpn.pv', Role.SECRETARIAT, 'HPN'));
    const form = new FormData();
    form.append(
      'file',
      new Blob(['\uFEFFMã hồ sơ,Họ và tên,Số CCCD\nHP-1,Lò Thị Một,001190012345\nHP-2,,001190012346\n'], { type: 'text/csv' }),
      'hp.csv',
    );
    const res = await fetch(`${t.url}/imports?organization=HPN&preview=true`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${secretariat}` },
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    type P = {
      importPreview: {
        status: string;
        counts: { fate: string; count: number }[];
        rows: { row: number; fate: string; code: string; reason: string | null }[];
        mapping: { header: string; field: string }[];
      };
    };
    let pv: P['importPreview'] | undefined;
    for (let i = 0; i < 100 && pv?.status !== 'PREVIEW'; i++) {
      pv = (
        await t.gql<P>(
          `query($id: ID!) { importPreview(jobId: $id) { status counts { fate count } rows { row fate code reason } mapping { header field } } }`,
          { id: jobId },
          { token: secretariat },
        )
      ).data!.importPreview;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(pv!.rows.map((r) => [r.row, r.fate, r.code])).toEqual([
      [2, 'CREATED', 'HP-1'],
      [3, 'REFUSED', 'HP-2'],
    ]);
    expect(pv!.mapping).toContainEqual({ header: 'Số CCCD', field: 'idNumber' });
    // What a column may be read as, in words — the columns read on import only among them (Địa chỉ, Ghi chú).
    const columns = await t.gql<{ rosterColumns: { field: string; header: string }[] }>(
      `{ rosterColumns(organization: "HPN") { field header } }`,
      {},
      { token: secretariat },
    );
    expect(columns.data!.rosterColumns).toEqual(
      expect.arrayContaining([
        { field: 'idNumber', header: 'Số CCCD' },
        { field: 'address', header: 'Địa chỉ' },
        { field: 'note', header: 'Ghi chú' },
      ]),
    );
    expect(JSON.stringify(pv)).not.toContain('001190012345');
    expect(await records('HPN', 'HP-%')).toEqual([]);
    const audit = await t.sql(`SELECT 1 FROM audit_event WHERE subject_type = 'IMPORT_PREVIEW' AND subject_id = $1`, [jobId]);
    expect(audit.length).toBeGreaterThan(0);
    const c = await t.gql<{ confirmImport: { status: string; created: number; rejected: number } }>(
      `mutation($id: ID!) { confirmImport(jobId: $id) { status created rejected } }`,
      { id: jobId },
      { token: secretariat },
    );
    expect(c.data!.confirmImport).toEqual({ status: 'DONE', created: 1, rejected: 1 });
  });

  it("reads next month's file as her secretariat corrected the same header last time, and says so; another unit's secretariat starts afresh", async () => {
    type Pv = { status: string; mapping: { header: string; field: string }[]; rememberedColumns: string[]; rows: { fate: string }[] };
    const upload = async (token: string, name: string, csv: string) => {
      const form = new FormData();
      form.append('file', new Blob([`\uFEFF${csv}`], { type: 'text/csv' }), name);
      const res = await fetch(`${t.url}/imports?organization=HND&preview=true`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${token}` },
      });
      const { jobId } = (await res.json()) as { jobId: string };
      let pv: Pv | undefined;
      for (let i = 0; i < 100 && pv?.status !== 'PREVIEW'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const q = `query($id: ID!) { importPreview(jobId: $id) { status mapping { header field } rememberedColumns rows { fate } } }`;
        pv = (await t.gql<{ importPreview: Pv }>(q, { id: jobId }, { token })).data!.importPreview;
      }
      return { jobId, pv: pv! };
    };
    // A header the reading does not know (the test above corrected another one for the whole organization).
    const header = 'Mã hồ sơ,Tên gọi khai sinh,Ngày sinh';
    const her = await t.logIn(await t.createUser('vp.hnd.nho', Role.SECRETARIAT, 'HND'));
    const november = await upload(her, 'thang-11.csv', `${header}\nNHO-1,Sầm Văn Một,1960\n`);
    expect([november.pv.rememberedColumns, november.pv.rows.map((r) => r.fate)]).toEqual([[], ['REFUSED']]);
    const confirmed = await t.gql<{ confirmImport: { status: string; created: number } }>(
      `mutation($id: ID!, $m: [ColumnMappingInput!]) { confirmImport(jobId: $id, mapping: $m) { status created } }`,
      { id: november.jobId, m: [{ header: 'Tên gọi khai sinh', field: 'fullName' }] },
      { token: her },
    );
    expect(confirmed.data!.confirmImport).toEqual({ status: 'DONE', created: 1 });

    // Undone (the rows taken back), her reading of the column stays hers.
    const undone = await t.gql(
      `mutation($id: ID!) { undoImport(jobId: $id, reason: "Gửi nhầm tệp tháng 11") { status } }`,
      {
        id: november.jobId,
      },
      { token: her },
    );
    expect(undone.errors).toBeUndefined();
    const december = await upload(her, 'thang-12.csv', `${header}\nNHO-1,Sầm Văn Một,1960\nNHO-2,Sầm Thị Hai,1962\n`);
    expect(december.pv.rememberedColumns).toEqual(['Tên gọi khai sinh']);
    expect(december.pv.mapping).toContainEqual({ header: 'Tên gọi khai sinh', field: 'fullName' });
    expect(december.pv.rows.map((r) => r.fate)).toEqual(['CREATED', 'CREATED']);

    const unit = await t.gql(
      `mutation { createUnit(input: { organization: "HND", name: "Hội Nông dân xã Nà Nhạn", kind: BASE, communeCode: "00008" }) { code } }`,
    );
    const code = (unit.data as { createUnit: { code: string } }).createUnit.code;
    const other = await t.logIn(await t.createUser('vp.hnd.nanhan', Role.SECRETARIAT, 'HND', code));
    const theirs = await upload(other, 'ds.csv', `${header}\nNHO-9,Lò Văn Chín,1970\n`);
    expect([theirs.pv.rememberedColumns, theirs.pv.rows.map((r) => r.fate)]).toEqual([[], ['REFUSED']]);
    // She corrects the column in the preview, then cancels to fix a row of her file: the file sent again is read as she corrected it.
    const again = await t.gql(
      `mutation($id: ID!, $m: [ColumnMappingInput!]) { previewImportAgain(jobId: $id, mapping: $m) { id } }`,
      { id: theirs.jobId, m: [{ header: 'Tên gọi khai sinh', field: 'fullName' }] },
      { token: other },
    );
    expect(again.errors).toBeUndefined();
    await waitForJob(<T>(q: string, v: Record<string, unknown> = {}) => gqlAs<T>(t, other, q, v), theirs.jobId, 'PREVIEW');
    const dropped = await t.gql(`mutation($id: ID!) { discardImportPreview(jobId: $id) }`, { id: theirs.jobId }, { token: other });
    expect(dropped.errors).toBeUndefined();
    const fixed = await upload(other, 'ds-sua.csv', `${header}\nNHO-9,Lò Văn Chín,1971\n`);
    expect([fixed.pv.rememberedColumns, fixed.pv.rows.map((r) => r.fate)]).toEqual([['Tên gọi khai sinh'], ['CREATED']]);
  });

  it('keeps reading her file as remembered — the column she left unused too — each time she plans it again', async () => {
    type Pv = { status: string; mapping: { header: string; field: string }[]; unusedColumns: string[]; rows: { fate: string }[] };
    const unit = await t.gql<{ createUnit: { code: string } }>(
      `mutation { createUnit(input: { organization: "HND", name: "Hội Nông dân xã Mường Phăng", kind: BASE, communeCode: "00004" }) { code } }`,
    );
    const token = await t.logIn(await t.createUser('vp.hnd.mp', Role.SECRETARIAT, 'HND', unit.data!.createUnit.code));
    const gql = <T>(q: string, v: Record<string, unknown> = {}) => gqlAs<T>(t, token, q, v);
    const preview = async (jobId: string) => {
      await waitForJob(gql, jobId, 'PREVIEW');
      const q = `query($id: ID!) { importPreview(jobId: $id) { status mapping { header field } unusedColumns rows { fate } } }`;
      return (await gql<{ importPreview: Pv }>(q, { id: jobId })).importPreview;
    };
    const upload = (name: string, csv: string) =>
      uploadRoster(t, token, Buffer.from(`\uFEFF${csv}`), name, 'organization=HND&preview=true');
    // Her list's Quê quán (the only place column) is where her members come from: she leaves it unused, once.
    const header = 'Mã hồ sơ,Họ và tên,Ngày sinh,Quê quán';
    const first = await upload('t11.csv', `${header}\nQQ-1,Lò Văn Một,1960,Nghệ An\n`);
    expect((await preview(first)).mapping).toContainEqual({ header: 'Quê quán', field: 'address' });
    // As the console does it: the mapping corrected and planned again ("Xem lại"), then confirmed.
    const m = [{ header: 'Quê quán', field: '' }];
    await gql(`mutation($id: ID!, $m: [ColumnMappingInput!]) { previewImportAgain(jobId: $id, mapping: $m) { id } }`, { id: first, m });
    await preview(first);
    expect(
      (await gql<{ confirmImport: { status: string } }>(`mutation($id: ID!) { confirmImport(jobId: $id) { status } }`, { id: first }))
        .confirmImport.status,
    ).toBe('DONE');
    // Next month's file is read so; planned again (twice: a unit created, then not), it still is.
    const next = await upload('t12.csv', `${header}\nQQ-1,Lò Văn Một,1960,Nghệ An\nQQ-2,Lò Văn Hai,1962,Thanh Hóa\n`);
    const read = (pv: Pv) => ({
      quequan: pv.mapping.find((x) => x.header === 'Quê quán')?.field ?? null,
      unused: pv.unusedColumns,
      fates: pv.rows.map((r) => r.fate),
    });
    const want = { quequan: null, unused: ['Quê quán'], fates: ['UNCHANGED', 'CREATED'] };
    expect(read(await preview(next))).toEqual(want);
    for (const createUnits of [true, false]) {
      const again = await gql(`mutation($id: ID!, $c: Boolean) { previewImportAgain(jobId: $id, createUnits: $c) { id } }`, {
        id: next,
        c: createUnits,
      });
      expect(again).toBeDefined();
      expect(read(await preview(next))).toEqual(want);
    }
  });

  it("remembers only the columns she corrected: a Quê quán read as her address in a list that had no other place is not next month's address", async () => {
    type Pv = { mapping: { header: string; field: string }[]; rememberedColumns: string[] };
    const unit = await t.gql<{ createUnit: { code: string } }>(
      `mutation { createUnit(input: { organization: "CCB", name: "Hội CCB xã Mường Phăng", kind: BASE, communeCode: "00004" }) { code } }`,
    );
    const token = await t.logIn(await t.createUser('vp.ccb.mp', Role.SECRETARIAT, 'CCB', unit.data!.createUnit.code));
    const gql = <T>(q: string, v: Record<string, unknown> = {}) => gqlAs<T>(t, token, q, v);
    const preview = async (name: string, csv: string) => {
      const id = await uploadRoster(t, token, Buffer.from(`\uFEFF${csv}`), name, 'organization=CCB&preview=true');
      await waitForJob(gql, id, 'PREVIEW');
      const q = `query($id: ID!) { importPreview(jobId: $id) { mapping { header field } rememberedColumns } }`;
      return { id, pv: (await gql<{ importPreview: Pv }>(q, { id })).importPreview };
    };
    // November's list says only where each comes from: read as the address (nothing else says it), imported as read.
    const november = await preview('t11.csv', 'Họ và tên,Ngày sinh,Quê quán\nLò Văn Mười,1950,xã Nà Tấu\n');
    expect(november.pv.mapping).toContainEqual({ header: 'Quê quán', field: 'address' });
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { status } }`, { id: november.id });
    // December's has a Nơi ở too: that is where they live, and Quê quán is where they come from — not "as she corrected it".
    const december = await preview('t12.csv', 'Họ và tên,Ngày sinh,Quê quán,Nơi ở\nLò Văn Mười,1950,xã Nà Tấu,thôn Co Sản\n');
    expect(december.pv.rememberedColumns).toEqual([]);
    expect(december.pv.mapping).toContainEqual({ header: 'Nơi ở', field: 'address' });
    expect(december.pv.mapping.find((m) => m.header === 'Quê quán')).toBeUndefined();
  });

  it('says in the preview (GraphQL) which sheet was skipped and which second table beside the first was not read', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Hướng dẫn').addRow(['Điền mỗi hội viên một dòng, không gộp ô.']);
    const list = wb.addWorksheet('Danh sách');
    list.addRow(['Mã hồ sơ', 'Họ và tên', 'Ngày sinh', '', 'Mã hồ sơ', 'Họ và tên', 'Ngày sinh']);
    list.addRow(['SN-1', 'Lò Văn An', '1970', '', 'SN-2', 'Lò Văn Bình', '1971']);
    const xlsx = path.join(dir, 'hai-bang.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const s = await importer.import(xlsx, { organization: 'HND', preview: true }, CLI_PRINCIPAL);
    const r = await t.gql<{ importPreview: { sheetNotes: { sheet: string | null; note: string }[]; rows: { code: string }[] } }>(
      `query($id: ID!) { importPreview(jobId: $id) { sheetNotes { sheet note } rows { code } } }`,
      { id: s.jobId },
    );
    const { sheetNotes, rows } = r.data!.importPreview;
    expect(rows.map((row) => row.code)).toEqual(['SN-1']);
    expect(sheetNotes.map((n) => n.sheet)).toEqual(['Hướng dẫn', 'Danh sách']);
    expect(sheetNotes[0].note).toContain('không tìm thấy dòng tiêu đề');
    expect(sheetNotes[1].note).toMatch(/hai bảng cạnh nhau .*cột F.*chưa được nhập/);
  });

  describe('lienthong import', () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'import', ...args], {
        env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText, DATA_DIR: dir },
        encoding: 'utf8',
      });

    it('--dry-run prints the plan and writes nothing (exit 0); the import runs (0), the same file again adds nothing; bad usage exits 2', async () => {
      const p = file('cli.csv', ['Mã hồ sơ,Họ và tên,Ngày sinh', 'CL-1,Vi Văn Một,1960', 'CL-2,Vi Văn Hai,1961', 'CL-3,,1962']);
      const dry = cli(['--org', 'HND', '--dry-run', p]);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain('tạo mới\t2');
      expect(dry.stdout).toContain('lỗi\t1');
      expect(dry.stderr).toContain('tạo mới: dòng 2 CL-1');
      // The file names no unit: the two members would land without one, and she is told.
      expect(dry.stderr).toContain('2 dòng chưa có chi hội/đơn vị');
      expect(await records('HND', 'CL-%')).toEqual([]);
      // Nor a copy of her file (names, CCCDs) kept for a confirmation the command line never makes: the plan dropped.
      const dryJob = /^lượt nhập\t(.+)$/m.exec(dry.stdout)![1];
      expect(fs.readdirSync(path.join(dir, 'previews')).filter((f) => f.startsWith(dryJob))).toEqual([]);
      expect((await t.sql<{ d: string }>(`SELECT options->>'discarded' AS d FROM import_job WHERE id = $1`, [dryJob]))[0].d).toBe('true');
      // A birth date no calendar has: its row is written with the date empty — said before the import, not only after it.
      const unread = cli(['--org', 'HND', '--dry-run', file('cli-ngay.csv', ['Họ và tên,Ngày sinh', 'Vi Văn Năm,30/02/1965'])]);
      expect(unread.stdout).toContain('lỗi\t0');
      expect(unread.stderr).toContain('1 dòng sẽ ghi kèm cảnh báo (ô không đọc được sẽ để trống');
      // Which row, and what: she corrects her file before she imports it.
      expect(unread.stderr).toMatch(/cảnh báo: dòng 2\b[^\n]*Ngày sinh[^\n]*30\/02\/1965/);
      expect(dry.stderr).not.toContain('cảnh báo');
      // A file with a chi hội column naming a chi hội nobody has: told so, and how to create it — not to add the column it has.
      const named = file('cli-chi-hoi.csv', ['Họ và tên,Ngày sinh,Chi hội', 'Vi Văn Bốn,1964,Chi hội Bản Mới']);
      const dryNamed = cli(['--org', 'HND', '--dry-run', named]);
      expect(dryNamed.stderr).toContain('1 dòng chưa xếp được vào chi hội/đơn vị (ô chi hội để trống, hoặc tên chi hội chưa có');
      expect(dryNamed.stderr).toContain('nhập với --create-units để tạo');
      // The same said by the import itself; with --create-units it is not advised again.
      const created = cli(['--org', 'HND', '--create-units', named]);
      expect(created.stderr).toContain('1 dòng chưa xếp được vào chi hội/đơn vị');
      expect(created.stderr).not.toContain('nhập với --create-units');
      const run = cli(['--org', 'HND', p]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('tạo mới\t2');
      // The job's id (for its undo), and the held rows counted.
      expect(run.stdout).toMatch(/^lượt nhập\t[0-9a-f-]{36}$/m);
      expect(run.stdout).toContain('chờ quyết định\t0');
      const again = cli(['--org', 'HND', p]);
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('tạo mới\t0');
      expect(again.stdout).toContain('không đổi\t2');
      expect((await records('HND', 'CL-%')).length).toBe(2);
      // Her file marks one dead: the dry run says whose membership it ends, and how.
      const died = cli([
        '--org',
        'HND',
        '--dry-run',
        file('cli-mat.csv', ['Mã hồ sơ,Họ và tên,Ngày sinh,Trạng thái', 'CL-1,Vi Văn Một,1960,Đã mất']),
      ]);
      expect(died.stderr).toContain('cập nhật: dòng 2 CL-1 (Trạng thái) — Đang sinh hoạt → Đã mất');
      // What a row changes, in her columns' words (not the fields' names in the code).
      const changed = cli(['--org', 'HND', '--dry-run', file('cli-sua.csv', ['Mã hồ sơ,Họ và tên,Ngày sinh', 'CL-1,Vi Văn Một,1965'])]);
      expect(changed.stderr).toContain('cập nhật: dòng 2 CL-1 (Ngày sinh)');
      expect(cli(['--org', 'HND', '--no-such-option', p]).status).toBe(2);
    }, 120_000);

    it('exits 1 when nothing was imported: every row refused, or a file for another organization; --accept-ineligible imports it (0)', async () => {
      const bad = cli(['--org', 'HND', file('cli-bad.csv', ['Mã hồ sơ,Họ và tên', 'CB-1,Lò Văn 1', 'CB-2,Lò Văn 2'])]);
      expect(bad.status).toBe(1);
      const wrong = file('cli-wrong.csv', [
        'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính',
        ...Array.from({ length: 10 }, (_, i) => `CW-${i},Lường Thị ${GIVEN[i]},1940,Nữ`),
      ]);
      const waits = cli(['--org', 'DTN', wrong]);
      expect(waits.status).toBe(1);
      expect(waits.stderr).toContain('100% số dòng (10/10) không đủ điều kiện vào Đoàn TNCS Hồ Chí Minh: quá 35 tuổi');
      // Nothing written: no count that reads as done.
      expect(waits.stdout).not.toContain('tạo mới');
      expect(waits.stderr).toContain('chưa ghi gì');
      expect(await records('DTN', 'CW-%')).toEqual([]);
      expect(cli(['--org', 'DTN', '--accept-ineligible', 'ok', wrong]).status).toBe(1);
      const accepted = cli(['--org', 'DTN', '--accept-ineligible', 'danh sách cũ', wrong]);
      expect(accepted.status).toBe(0);
      expect((await records('DTN', 'CW-%')).length).toBe(10);
    }, 120_000);
  });
});
