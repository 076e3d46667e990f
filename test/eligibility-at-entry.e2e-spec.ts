import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../src/access/role.js';
import { ImportUndoService } from '../src/roster-io/import/import-undo.service.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL as CLI, createTestApp, type TestApp } from './test-app.js';
import { scratchDir } from './support/scratch.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị';

/**
 * A member out of her organization's rules is flagged the moment she is written — by the form or an
 * import — not at the next link run: Cảnh báo, the person's row and the counts show it at once, and a
 * corrected birth date or sex (or the undo of the import that made the error) takes the flag away.
 */
describe('eligibility flags at entry (the form, an import, its undo)', () => {
  let t: TestApp;
  let dtn: string;
  const dir = scratchDir('eligible');
  let n = 0;
  const importRows = async (rows: string[]) => {
    const file = path.join(dir, `hpn-${++n}.csv`);
    fs.writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
    return t.app.get(RosterImportService).import(file, { organization: 'HPN', createUnits: true }, CLI);
  };
  const state = async (code: string) => {
    const [r] = await t.sql<{
      flags: { code: string; severity: string; message: string }[] | null;
      person: { flags: string[]; ao: boolean; ao_reasons: string[] } | null;
    }>(
      `SELECT (SELECT json_agg(json_build_object('code', f.code, 'severity', f.severity, 'message', f.message) ORDER BY f.code) FROM record_flag f WHERE f.record_id = r.id) AS flags,
              (SELECT row_to_json(p) FROM (SELECT flags, ao, ao_reasons FROM record_person WHERE record_id = r.id) p) AS person
         FROM member_record r WHERE r.external_id = $1`,
      [code],
    );
    return r;
  };
  const flagged = async (code: string, token: string) =>
    (
      await t.gql<{ flaggedRecords: { externalId: string }[] }>(`{ flaggedRecords(code: "${code}") { externalId } }`, {}, { token })
    ).data!.flaggedRecords.map((x) => x.externalId);

  beforeAll(async () => {
    t = await createTestApp();
    dtn = await t.serviceToken(Role.SECRETARIAT, 'DTN');
  });
  afterAll(async () => t.close());

  it('flags a 40-year-old Đoàn member saved by the form at once, suspected for it; her corrected birth year clears both', async () => {
    const created = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation { createMemberRecord(input: { organization: "DTN", externalId: "DTN-OLD", fullName: "Điêu Văn Khánh", sex: MALE, birthDate: "12/04/1986", communeCode: "00004" }) { id } }`,
      {},
      { token: dtn },
    );
    expect(created.errors).toBeUndefined();
    const s = await state('DTN-OLD');
    expect(s.flags).toEqual([
      { code: 'INELIGIBLE_AGE', severity: 'PHANTOM', message: expect.stringContaining('quá độ tuổi tối đa 35') as unknown },
    ]);
    expect(s.person).toEqual({ flags: ['INELIGIBLE_AGE'], ao: true, ao_reasons: ['INELIGIBLE_AGE'] });
    expect(await flagged('INELIGIBLE_AGE', dtn)).toEqual(['DTN-OLD']);
    expect(await flagged('AO', dtn)).toEqual(['DTN-OLD']);

    const fixed = await t.gql(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { birthDate: "12/04/2001", reason: "Gõ nhầm năm sinh" }) { id } }`,
      { id: created.data!.createMemberRecord.id },
      { token: dtn },
    );
    expect(fixed.errors).toBeUndefined();
    expect(await state('DTN-OLD')).toEqual({ flags: null, person: { flags: [], ao: false, ao_reasons: [] } });
    expect(await flagged('INELIGIBLE_AGE', dtn)).toEqual([]);
  });

  it('flags a record nothing identifies at once, as a warning (never a suspicion), and clears it when she adds a phone', async () => {
    const created = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation { createMemberRecord(input: { organization: "DTN", externalId: "DTN-BARE", fullName: "Giàng A Lử", sex: MALE, birthDate: "2001", communeCode: "00004" }) { id } }`,
      {},
      { token: dtn },
    );
    expect(created.errors).toBeUndefined();
    expect(await state('DTN-BARE')).toEqual({
      flags: [
        {
          code: 'NO_IDENTITY',
          severity: 'WARNING',
          message: 'Không có số định danh, ngày sinh đầy đủ hay số điện thoại để xác định người này',
        },
      ],
      person: { flags: ['NO_IDENTITY'], ao: false, ao_reasons: [] },
    });
    const phoned = await t.gql(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { phone: "0912 000 777" }) { id } }`,
      { id: created.data!.createMemberRecord.id },
      { token: dtn },
    );
    expect(phoned.errors).toBeUndefined();
    expect(await state('DTN-BARE')).toEqual({ flags: null, person: { flags: [], ao: false, ao_reasons: [] } });
  });

  it('takes the flag and the suspicion away from a membership she ends (an ended member is out of no rule)', async () => {
    const created = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation { createMemberRecord(input: { organization: "DTN", externalId: "DTN-ENDED", fullName: "Lò Văn Thắm", sex: MALE, birthDate: "03/03/1980", communeCode: "00004" }) { id } }`,
      {},
      { token: dtn },
    );
    expect(created.errors).toBeUndefined();
    expect((await state('DTN-ENDED')).person).toMatchObject({ flags: ['INELIGIBLE_AGE'], ao: true });
    const ended = await t.gql(
      `mutation($id: ID!) { endMembership(input: { id: $id, status: MATURED, date: "01/11/2026", reason: "Quá tuổi đoàn" }) { status } }`,
      { id: created.data!.createMemberRecord.id },
      { token: dtn },
    );
    expect(ended.errors).toBeUndefined();
    expect(await state('DTN-ENDED')).toEqual({ flags: null, person: { flags: [], ao: false, ao_reasons: [] } });
  });

  it('flags a man in a Hội Phụ nữ import at once, clears him when the corrected list comes, and flags him again when that import is undone', async () => {
    const first = await importRows(['HPN-1,Lò Văn Pọm,05/05/1980,Nam,00004,P1', 'HPN-2,Lò Thị Ín,06/06/1982,Nữ,00004,P1']);
    expect(first.created).toBe(2);
    expect((await state('HPN-1')).flags).toEqual([
      { code: 'INELIGIBLE_SEX', severity: 'PHANTOM', message: expect.stringContaining('tổ chức chỉ kết nạp nữ') as unknown },
    ]);
    // What she can do when he is an honorary member: said where the warning is.
    expect((await state('HPN-1')).flags![0].message).toContain('trừ hội viên danh dự: nếu đúng vậy, ghi "Có" ở cột Hội viên danh dự');
    expect((await state('HPN-1')).person).toMatchObject({ flags: ['INELIGIBLE_SEX'], ao: true });
    expect((await state('HPN-2')).flags).toBeNull();

    const corrected = await importRows(['HPN-1,Lò Thị Pọm,05/05/1980,Nữ,00004,P1', 'HPN-2,Lò Thị Ín,06/06/1982,Nữ,00004,P1']);
    expect(corrected.updated).toBe(1);
    expect(await state('HPN-1')).toEqual({ flags: null, person: { flags: [], ao: false, ao_reasons: [] } });

    await t.app.get(ImportUndoService).undoImport(corrected.jobId, 'nhập nhầm danh sách chưa sửa', CLI);
    expect((await state('HPN-1')).flags).toEqual([expect.objectContaining({ code: 'INELIGIBLE_SEX', severity: 'PHANTOM' })]);
    expect((await state('HPN-1')).person).toMatchObject({ flags: ['INELIGIBLE_SEX'], ao: true, ao_reasons: ['INELIGIBLE_SEX'] });
  });

  it('reads the sex of a Hội Phụ nữ list without a Giới tính column from each CCCD: a man’s card is flagged and told at import; Thị with a man’s card puts the card in doubt', async () => {
    const file = path.join(dir, 'hpn-khong-gioi-tinh.csv');
    fs.writeFileSync(
      file,
      [
        'Mã hồ sơ,Họ và tên,Ngày sinh,Số CCCD,Mã xã,Mã đơn vị',
        // A woman's card (1900s: 1), a man's card and a name that does not say, a man's card on a name with Thị.
        'HPN-21,Quàng Thị Lả,05/05/1980,001180012345,00004,P1',
        'HPN-22,Lò Pọm,06/06/1982,001082012346,00004,P1',
        'HPN-23,Cầm Thị Xuân,07/07/1984,001084012347,00004,P1',
      ].join('\n'),
    );
    const imported = await t.app.get(RosterImportService).import(file, { organization: 'HPN', createUnits: true }, CLI);
    expect(imported.created).toBe(3);
    const sexes = await t.sql<{ external_id: string; sex: string | null; warnings: { column: string | null; message: string }[] }>(
      `SELECT external_id, sex, import_warnings AS warnings FROM member_record WHERE external_id IN ('HPN-21', 'HPN-22', 'HPN-23') ORDER BY external_id`,
    );
    expect(sexes.map((r) => [r.external_id, r.sex])).toEqual([
      ['HPN-21', 'FEMALE'],
      ['HPN-22', 'MALE'],
      ['HPN-23', null],
    ]);
    expect((await state('HPN-22')).flags).toEqual([expect.objectContaining({ code: 'INELIGIBLE_SEX', severity: 'PHANTOM' })]);
    expect(sexes[1].warnings).toContainEqual(
      expect.objectContaining({
        column: 'Số CCCD',
        message: expect.stringContaining('giới tính lấy theo chữ số thứ 4 của số CCCD') as unknown,
      }),
    );
    expect((await state('HPN-21')).flags).toBeNull();
    // Thị and a man's digit: the card is in doubt, not her — a warning to check it (Cảnh báo finds it), no suspicion.
    expect((await state('HPN-23')).flags).toEqual([
      { code: 'ID_MISMATCH', severity: 'WARNING', message: expect.stringContaining('chữ đệm Thị/Văn') as unknown },
    ]);
    expect(sexes[2].warnings).toContainEqual({
      column: 'Số CCCD',
      message: expect.stringContaining("giới tính Nam trong số, tên có chữ đệm 'Thị'") as unknown,
      at: expect.any(String) as unknown,
      field: 'idNumber',
    });
  });
});
