import ExcelJS from 'exceljs';
import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

type PreviewRow = { row: number; fate: string; code: string | null; reason: string | null; warnings: string | null };

/**
 * The template's own `Mã đơn vị` column as secretaries fill it: the branch's name ("Chi hội 3",
 * without accents, in capitals) as often as its code. Every unit column reads a code or a name the
 * same way; a name no unit has, or one two communes' units share, lands the member without a unit
 * and says so on her row — only a cell that is neither a code nor a name refuses it.
 */
describe('an Excel roster whose Mã đơn vị column holds names as well as codes', () => {
  let t: TestApp;
  let token: string;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, token, query, variables);
  const waitFor = (id: string, status: string) => waitForJob(gql, id, status);

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      { organization: 'HPN', code: 'HPN-BD', name: 'Hội LHPN phường Ba Đình', kind: 'BASE', communeCode: '00004' },
      { organization: 'HPN', code: 'BD-3', name: 'Chi hội 3', kind: 'BRANCH', parent: 'HPN-BD' },
      { organization: 'HPN', code: 'BD-BP', name: 'Chi hội thôn Bản Phủ', kind: 'BRANCH', parent: 'HPN-BD' },
      { organization: 'HPN', code: 'BD-1', name: 'Chi hội 1', kind: 'BRANCH', parent: 'HPN-BD' },
      { organization: 'HPN', code: 'HPN-NH', name: 'Hội LHPN phường Ngọc Hà', kind: 'BASE', communeCode: '00008' },
      { organization: 'HPN', code: 'NH-1', name: 'Chi hội 1', kind: 'BRANCH', parent: 'HPN-NH' },
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    token = await t.logIn(await t.createUser('vp.hpn.donvi', Role.SECRETARIAT, 'HPN'));
  });
  afterAll(() => t?.close());

  it('puts each member in the unit her Mã đơn vị names by name or code; an unknown or ambiguous name is a warning on her row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['DANH SÁCH HỘI VIÊN']);
    ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Mã xã', 'Mã đơn vị']);
    ws.addRow([1, 'Nguyễn Thị An', '12/03/1985', '00004', 'Chi hội 3']); // row 3: a name
    ws.addRow([2, 'Trần Thị Bình', '05/06/1990', '00004', 'chi hoi thon ban phu']); // without accents, lower case
    ws.addRow([3, 'Lê Thị Cúc', '01/01/1988', '00004', 'BD-3']); // a code
    ws.addRow([4, 'Phạm Thị Dung', '02/02/1992', '00004', 'Chi hội 9']); // row 6: no unit has it
    ws.addRow([5, 'Vũ Thị Em', '03/03/1993', '', 'CHI HỘI 1']); // row 7: two communes have it, the row has no commune
    ws.addRow([6, 'Đỗ Thị Giang', '04/04/1994', '00008', 'Chi hội 1']); // the row's commune tells which
    ws.addRow([7, 'Hà Thị Hoa', '05/05/1995', '00004', 'CHI 01!']); // row 9: neither a code nor a name
    ws.addRow([8, 'Kiều Thị Oanh', '06/06/1996', '00008', 'Chi hội 3']); // row 10: only Ba Đình has one, she is of Ngọc Hà
    const jobId = await uploadRoster(
      t,
      token,
      await wb.xlsx.writeBuffer(),
      'hoi-vien.xlsx',
      'organization=HPN&preview=true&assignIds=true',
    );
    await waitFor(jobId, 'PREVIEW');

    const { importPreview: p } = await gql<{ importPreview: { withoutUnit: number; rows: PreviewRow[] } }>(
      `query($id: ID!) { importPreview(jobId: $id) { withoutUnit rows { row fate code reason warnings } } }`,
      { id: jobId },
    );
    const at = (row: number) => p.rows.find((r) => r.row === row)!;
    expect(p.rows.map((r) => [r.row, r.fate])).toEqual([
      [3, 'CREATED'], [4, 'CREATED'], [5, 'CREATED'], [6, 'CREATED'], [7, 'CREATED'], [8, 'CREATED'], [9, 'REFUSED'], [10, 'CREATED'],
    ]); // prettier-ignore
    expect(at(6).warnings).toBe(
      'Mã đơn vị: không có chi hội/đơn vị tên \'Chi hội 9\' trong tổ chức HPN: hội viên được nhập, chưa có đơn vị; sửa lại mã hoặc tên cho đúng, hoặc nhập lại với "Tạo các chi hội (đơn vị) … mà chưa có"',
    );
    expect(at(7).warnings).toBe(
      "Mã đơn vị: có 2 đơn vị tên 'CHI HỘI 1' (mã BD-1, NH-1): hội viên được nhập, chưa có đơn vị; ghi Mã đơn vị thay cho tên rồi nhập lại",
    );
    // A name repeated in every commune is never another commune's unit: Ba Đình's secretary would list her.
    expect(at(10).warnings).toBe(
      'Mã đơn vị: \'Chi hội 3\' là tên chi hội/đơn vị của xã khác (mã BD-3), không phải của xã ghi ở dòng này: hội viên được nhập, chưa có đơn vị; nếu đúng là đơn vị đó, ghi Mã đơn vị thay cho tên, nếu không, sửa Mã xã hoặc nhập lại với "Tạo các chi hội (đơn vị) … mà chưa có"',
    );
    expect(at(9).reason).toContain("Mã đơn vị: 'CHI 01!' không hợp lệ: không phải mã đơn vị");
    expect(at(9).reason).toContain('hãy ghi mã hoặc tên chi hội/đơn vị');
    // A refused row shows no code of ours: nothing is created under it.
    expect(at(9).code).toBeNull();
    expect(at(3).code).toMatch(/^HPN-[0-9a-f]{8}-1$/);
    expect(p.withoutUnit).toBe(3);

    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id: jobId });
    await waitFor(jobId, 'DONE');
    const landed = await t.sql<{ full_name: string; unit: string | null }>(
      `SELECT r.full_name, u.code AS unit FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.organization_code = 'HPN' ORDER BY r.external_id`,
    );
    expect(Object.fromEntries(landed.map((r) => [r.full_name, r.unit]))).toEqual({
      'Nguyễn Thị An': 'BD-3',
      'Trần Thị Bình': 'BD-BP',
      'Lê Thị Cúc': 'BD-3',
      'Phạm Thị Dung': null,
      'Vũ Thị Em': null,
      'Đỗ Thị Giang': 'NH-1',
      'Kiều Thị Oanh': null,
    });
    // The warning stays on her record, under her column.
    const { memberRecords } = await gql<{
      memberRecords: { nodes: { fullName: string; importWarnings: { column: string | null; message: string }[] }[] };
    }>(`{ memberRecords(organization: "HPN", first: 10) { nodes { fullName importWarnings { column message } } } }`);
    const dung = memberRecords.nodes.find((n) => n.fullName === 'Phạm Thị Dung')!;
    expect(dung.importWarnings).toEqual([{ column: 'Mã đơn vị', message: expect.stringContaining("tên 'Chi hội 9'") as string }]);
    // No unit was created (not asked to).
    expect(await t.sql(`SELECT code FROM unit WHERE organization_code = 'HPN' ORDER BY code`)).toEqual(
      ['BD-1', 'BD-3', 'BD-BP', 'HPN-BD', 'HPN-NH', 'NH-1'].map((code) => ({ code })),
    );
  });

  it('with "create units", creates a name it does not know as a branch of that name in the row’s commune', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Mã xã', 'Mã đơn vị']);
    ws.addRow(['Kim Thị Khánh', '06/06/1996', '00004', 'Chi hội Khu phố 9']);
    ws.addRow(['Lò Thị Lan', '07/07/1997', '00004', 'CHI-MOI']);
    // Ngọc Hà has no "Chi hội 3" (Ba Đình has): created in Ngọc Hà, twice named, once made.
    ws.addRow(['Nông Thị Nga', '09/09/1999', '00008', 'Chi hội 3']);
    ws.addRow(['Ông Thị Oanh', '10/10/1990', '00008', 'chi hoi 3']);
    // No commune in the row, and her account is the province's: no branch can be made, the member is imported all the same.
    ws.addRow(['Mạc Thị Mơ', '08/08/1998', '', 'Chi hội Bản Che Căn']);
    const jobId = await uploadRoster(
      t,
      token,
      await wb.xlsx.writeBuffer(),
      'hoi-vien-moi.xlsx',
      'organization=HPN&createUnits=true&assignIds=true',
    );
    await waitFor(jobId, 'DONE');
    const landed = await t.sql<{ full_name: string; code: string; name: string }>(
      `SELECT r.full_name, u.code, u.name FROM member_record r JOIN unit u ON u.id = r.unit_id
        WHERE r.full_name IN ('Kim Thị Khánh', 'Lò Thị Lan', 'Nông Thị Nga', 'Ông Thị Oanh') ORDER BY r.full_name`,
    );
    expect(landed).toEqual([
      { full_name: 'Kim Thị Khánh', code: '00004-CHI-HOI-KHU-PHO-9', name: 'Chi hội Khu phố 9' },
      // A code in the code column is created with that code, as before.
      { full_name: 'Lò Thị Lan', code: 'CHI-MOI', name: 'CHI-MOI' },
      { full_name: 'Nông Thị Nga', code: '00008-CHI-HOI-3', name: 'Chi hội 3' },
      { full_name: 'Ông Thị Oanh', code: '00008-CHI-HOI-3', name: 'Chi hội 3' },
    ]);
    const { importJob } = await gql<{ importJob: { created: number; rejected: number } }>(
      `query($id: ID!) { importJob(id: $id) { created rejected } }`,
      { id: jobId },
    );
    expect(importJob).toEqual({ created: 5, rejected: 0 });
    const [mo] = await t.sql<{ unit_id: string | null; import_warnings: unknown }>(
      `SELECT unit_id, import_warnings FROM member_record WHERE full_name = 'Mạc Thị Mơ'`,
    );
    expect(mo.unit_id).toBeNull();
    expect(JSON.stringify(mo.import_warnings)).toContain("'Chi hội Bản Che Căn' chưa có và chưa tạo được vì dòng không cho biết xã/phường");
  });

  it('reads a branch name within the row’s commune for an office kept to a unit over several communes, not only the province’s', async () => {
    await t.createUnits([
      { organization: 'HND', code: 'HND-KV', name: 'Hội Nông dân khu vực Ba Đình', kind: 'PROVINCE' },
      { organization: 'HND', code: 'HND-BD', name: 'Hội Nông dân phường Ba Đình', kind: 'BASE', communeCode: '00004', parent: 'HND-KV' },
      { organization: 'HND', code: 'HND-BD-5', name: 'Chi hội 5', kind: 'BRANCH', parent: 'HND-BD' },
      { organization: 'HND', code: 'HND-NH', name: 'Hội Nông dân phường Ngọc Hà', kind: 'BASE', communeCode: '00008', parent: 'HND-KV' },
    ]);
    const office = await t.logIn(await t.createUser('vp.hnd.khuvuc', Role.SECRETARIAT, 'HND', 'HND-KV'));
    const jobId = await uploadRoster(
      t,
      office,
      Buffer.from('Họ và tên,Ngày sinh,Mã xã,Chi hội\nLò Văn Khánh,01/02/1970,00008,Chi hội 5\nCầm Văn Lả,02/03/1971,00004,Chi hội 5\n'),
      'hoi-vien.csv',
      'organization=HND&assignIds=true',
    );
    await waitForJob(<T>(q: string, v?: Record<string, unknown>) => gqlAs<T>(t, office, q, v), jobId, 'DONE');
    // Ngọc Hà's member is not put in Ba Đình's "Chi hội 5" (she lands in the office's own unit, and her row says so); Ba Đình's is.
    const landed = await t.sql<{ full_name: string; code: string | null; import_warnings: unknown }>(
      `SELECT r.full_name, u.code, r.import_warnings FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.organization_code = 'HND' ORDER BY r.full_name`,
    );
    expect(landed.map((r) => [r.full_name, r.code])).toEqual([
      ['Cầm Văn Lả', 'HND-BD-5'],
      ['Lò Văn Khánh', 'HND-KV'],
    ]);
    expect(JSON.stringify(landed[1].import_warnings)).toContain("'Chi hội 5' là tên chi hội/đơn vị của xã khác (mã HND-BD-5)");
  });

  it('with "create units", a company union’s secretariat creates its tổ công đoàn under her CĐCS, as she may by hand', async () => {
    const cdcs = {
      organization: 'CD',
      code: 'CDCS-MAY',
      name: 'Công đoàn cơ sở Công ty May Ngọc Hà',
      kind: 'ENTERPRISE',
      communeCode: '00008',
    };
    // Under a ward's union, as the operator first tried: refused, in words, saying where it goes.
    const ward = { organization: 'CD', code: 'CD-NH', name: 'Công đoàn phường Ngọc Hà', kind: 'BASE', communeCode: '00008' };
    expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: ward })).errors).toBeUndefined();
    const under = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, {
      i: { ...cdcs, code: 'CDCS-X', parent: 'CD-NH' },
    });
    expect(JSON.stringify(under.errors)).toContain(
      "Đơn vị cấp trên 'CD-NH' (cơ sở (xã, phường)) không thể chứa đơn vị cơ sở (doanh nghiệp, cơ quan): một cơ sở đặt ngay dưới cấp tỉnh",
    );
    expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: cdcs })).errors).toBeUndefined();
    const binh = await t.logIn(await t.createUser('vp.cdcs.may', Role.SECRETARIAT, 'CD', 'CDCS-MAY'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['STT', 'Họ và tên', 'Năm sinh', 'Tổ công đoàn']);
    ws.addRow([1, 'Nguyễn Văn Cắt', 1990, 'Tổ Cắt']);
    ws.addRow([2, 'Trần Thị May', 1992, 'Tổ May 1']);
    ws.addRow([3, 'Lê Thị Là', 1994, 'Tổ Cắt']);
    const jobId = await uploadRoster(t, binh, await wb.xlsx.writeBuffer(), 'doan-vien-cd.xlsx', 'organization=CD&createUnits=true');
    await waitForJob(<T>(q: string, v?: Record<string, unknown>) => gqlAs<T>(t, binh, q, v), jobId, 'DONE');
    const landed = await t.sql<{ full_name: string; unit: string; parent: string }>(
      `SELECT r.full_name, u.name AS unit, p.code AS parent FROM member_record r JOIN unit u ON u.id = r.unit_id
         JOIN unit p ON p.id = u.parent_id WHERE r.organization_code = 'CD' ORDER BY r.full_name`,
    );
    expect(landed).toEqual([
      { full_name: 'Lê Thị Là', unit: 'Tổ Cắt', parent: 'CDCS-MAY' },
      { full_name: 'Nguyễn Văn Cắt', unit: 'Tổ Cắt', parent: 'CDCS-MAY' },
      { full_name: 'Trần Thị May', unit: 'Tổ May 1', parent: 'CDCS-MAY' },
    ]);
  });
  it("finds next month the chi hội her title created ('CHI HỘI CCB THÔN HÒA BÌNH') by the place alone ('Hòa Bình'), its CCB kept in capitals", async () => {
    const base = { organization: 'CCB', code: 'CCB-BD', name: 'Hội CCB phường Ba Đình', kind: 'BASE', communeCode: '00004' };
    expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: base })).errors).toBeUndefined();
    const her = await t.logIn(await t.createUser('vp.ccb.bd', Role.SECRETARIAT, 'CCB', 'CCB-BD'));
    const asHer = <T>(q: string, v: Record<string, unknown> = {}) => gqlAs<T>(t, her, q, v);
    const imported = async (name: string, rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('DS');
      for (const r of rows) ws.addRow(r);
      const id = await uploadRoster(t, her, Buffer.from(await wb.xlsx.writeBuffer()), name, 'organization=CCB&createUnits=true');
      await waitForJob(asHer, id, 'DONE');
    };
    const unitOf = async (name: string) =>
      (
        await t.sql<{ name: string }>(`SELECT u.name FROM member_record r JOIN unit u ON u.id = r.unit_id WHERE r.full_name = $1`, [name])
      )[0]?.name;
    await imported('thang-11.xlsx', [
      ['DANH SÁCH HỘI VIÊN CHI HỘI CCB THÔN HÒA BÌNH'],
      ['STT', 'Họ và tên', 'Năm sinh'],
      [1, 'Bạc Văn Sương', 1955],
    ]);
    expect(await unitOf('Bạc Văn Sương')).toBe('Chi hội CCB thôn Hòa Bình');
    await imported('thang-12.xlsx', [
      ['STT', 'Họ và tên', 'Năm sinh', 'Chi hội'],
      [1, 'Lò Văn Thoại', 1958, 'Hòa Bình'],
    ]);
    expect(await unitOf('Lò Văn Thoại')).toBe('Chi hội CCB thôn Hòa Bình');
    expect(await t.sql(`SELECT 1 FROM unit WHERE organization_code = 'CCB'`)).toHaveLength(2);
  });
});
