import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../src/access/role.js';
import { RosterExportService } from '../src/roster-io/export/roster-export.service.js';
import { ImportUndoService } from '../src/roster-io/import/import-undo.service.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL as CLI, createTestApp, type TestApp } from './test-app.js';
import { scratchDir } from './support/scratch.js';

/**
 * Her roster's village column (Thôn, bản; Thôn/xóm; Tổ dân phố) is the member's, kept with the
 * record: read by the import (a cell that cannot be kept leaves a warning, never a refused row),
 * typed in the form, shown to those who manage the record, written back by the export, and
 * erased with the person's other data.
 */
describe('the member’s village (thôn, bản): imported, typed, shown, exported, erased', () => {
  let t: TestApp;
  let dtn: string;
  let danVan: string;
  const dir = scratchDir('village');
  let n = 0;
  const importCsv = async (lines: string[]) => {
    const file = path.join(dir, `dtn-${++n}.csv`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return t.app.get(RosterImportService).import(file, { organization: 'DTN', createUnits: true }, CLI);
  };
  const village = async (code: string) =>
    (await t.sql<{ village: string | null }>(`SELECT village FROM member_record WHERE external_id = $1`, [code]))[0]?.village;
  const shown = async (code: string, token: string) =>
    (
      await t.gql<{ memberRecords: { nodes: { village: string | null }[] } }>(
        `query($s: String) { memberRecords(organization: "DTN", search: $s) { nodes { village } } }`,
        { s: code },
        { token },
      )
    ).data!.memberRecords.nodes[0]?.village;

  beforeAll(async () => {
    t = await createTestApp();
    dtn = await t.serviceToken(Role.SECRETARIAT, 'DTN');
    danVan = await t.serviceToken(Role.DAN_VAN);
  });
  afterAll(async () => t.close());

  it('keeps the village of a roster’s Thôn/xóm column; a cell it cannot keep leaves a warning and the member is written', async () => {
    const first = await importCsv([
      'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị,Thôn/xóm',
      'DTN-V1,Lò Văn Sướng,05/05/2001,Nam,00004,P1,  Bản   Na Sang ',
      'DTN-V2,Quàng Thị Ơn,06/06/2002,Nữ,00004,P1,Tổ 5',
      'DTN-V3,Cà Văn Piêng,07/07/2003,Nam,00004,P1,=HYPERLINK("x")',
    ]);
    expect(first).toMatchObject({ created: 3, rejected: 0 });
    expect([await village('DTN-V1'), await village('DTN-V2'), await village('DTN-V3')]).toEqual(['Bản Na Sang', 'Tổ 5', null]);
    const [warned] = await t.sql<{ warnings: { column: string; message: string }[] }>(
      `SELECT import_warnings AS warnings FROM member_record WHERE external_id = 'DTN-V3'`,
    );
    expect(warned.warnings).toEqual([
      // Named by her column as her file writes it.
      expect.objectContaining({ column: 'Thôn/xóm', message: expect.stringMatching(/^Thôn\/xóm: .*không phải tên thôn, bản/) as unknown }),
    ]);

    // The corrected list: one village changed is one record updated, the rest unchanged.
    const again = await importCsv([
      'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị,Thôn/xóm',
      'DTN-V1,Lò Văn Sướng,05/05/2001,Nam,00004,P1,Bản Pá Khoang',
      'DTN-V2,Quàng Thị Ơn,06/06/2002,Nữ,00004,P1,Tổ 5',
    ]);
    expect(again).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await village('DTN-V1')).toBe('Bản Pá Khoang');
    // Undone, the village is as it was; imported again, as corrected.
    await t.app.get(ImportUndoService).undoImport(again.jobId, 'gửi nhầm bản chưa duyệt', CLI);
    expect(await village('DTN-V1')).toBe('Bản Na Sang');
    await importCsv([
      'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị,Thôn/xóm',
      'DTN-V1,Lò Văn Sướng,05/05/2001,Nam,00004,P1,Bản Pá Khoang',
    ]);
    expect(await village('DTN-V1')).toBe('Bản Pá Khoang');
  });

  it('takes the village typed in the form, shows it to the secretariat and not to the Ban Dân vận, and clears it when emptied', async () => {
    const created = await t.gql<{ createMemberRecord: { id: string; village: string | null } }>(
      `mutation { createMemberRecord(input: { organization: "DTN", externalId: "DTN-V9", fullName: "Tòng Văn Hặc", birthDate: "2004", village: "Thôn Đông" }) { id village } }`,
      {},
      { token: dtn },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createMemberRecord.village).toBe('Thôn Đông');
    expect(await shown('DTN-V9', dtn)).toBe('Thôn Đông');
    expect(await shown('DTN-V9', danVan)).toBeNull();

    const refused = await t.gql(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { village: "Thôn <Đông>" }) { id } }`,
      { id: created.data!.createMemberRecord.id },
      { token: dtn },
    );
    expect(refused.errors?.[0]?.message).toMatch(/Thôn\/bản: 'Thôn <Đông>' không phải tên thôn, bản/);
    const cleared = await t.gql(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { village: "" }) { id } }`,
      { id: created.data!.createMemberRecord.id },
      { token: dtn },
    );
    expect(cleared.errors).toBeUndefined();
    expect(await village('DTN-V9')).toBeNull();
  });

  it('writes the village back in the export, beside the commune, and erases it with her other data', async () => {
    const out = path.join(dir, 'dtn.csv');
    await t.app.get(RosterExportService).export({ organization: 'DTN', format: 'csv', out }, CLI);
    const [header, ...lines] = fs
      .readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const at = header.indexOf('Thôn/bản');
    expect(header.slice(at - 1, at + 1)).toEqual(['Mã xã', 'Thôn/bản']);
    expect(lines.find((l) => l[0] === 'DTN-V1')?.[at]).toBe('Bản Pá Khoang');

    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'DTN-V2'`);
    const erased = await t.gql(`mutation($id: ID!) { erasePersonalData(id: $id, reason: "Đơn yêu cầu xóa ngày 01/12/2026") { id } }`, {
      id,
    });
    expect(erased.errors).toBeUndefined();
    expect(await t.sql(`SELECT village FROM member_record WHERE id = $1`, [id])).toEqual([{ village: null }]);
  });
});
