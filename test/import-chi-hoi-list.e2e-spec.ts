import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

type Planned = { row: number; fate: string; reason: string | null };

/**
 * An upland commune's Hội Phụ nữ: the office imported the whole commune once (a Chi hội column);
 * then each bản's list comes as its chi hội keeps it — its title names the chi hội, no Mã hồ sơ,
 * no Chi hội column, most members with a year of birth alone and no phone. The members it lists
 * again are hers, not held each month for her decision; a namesake of that year elsewhere in the
 * commune still holds the row.
 */
describe("a bản's own list after the commune's: its members known by their chi hội", () => {
  let t: TestApp;
  let token: string;
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, token, query, variables);
  const HEAD = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại', 'Ngày vào Hội'];

  /** The commune's roster, as SheetJS saves it: every bản, with its Chi hội. */
  const communeRoster = (rows: string[][]) => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['DANH SÁCH HỘI VIÊN HỘI LIÊN HIỆP PHỤ NỮ XÃ'],
      [...HEAD, 'Chi hội'],
      ...rows.map((r, i) => [i + 1, ...r]),
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Danh sách');
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };
  /** A bản's list, as ExcelJS saves it: title rows, her chi hội named in the title only, a total row. */
  const banList = async (rows: string[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['HỘI LHPN XÃ']);
    ws.addRow(['DANH SÁCH HỘI VIÊN CHI HỘI BẢN PA CÒ']);
    ws.addRow([]);
    ws.addRow([...HEAD, 'Ghi chú']);
    rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
    ws.addRow(['', `Tổng số: ${rows.length} hội viên`]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  /** Previewed, then confirmed as the console does: the preview's rows. */
  const importFile = async (file: Buffer, name: string) => {
    const id = await uploadRoster(t, token, file, name, 'organization=HPN&assignIds=true&preview=true');
    await waitForJob(gql, id, 'PREVIEW');
    const { importPreview } = await gql<{ importPreview: { rows: Planned[] } }>(
      `query($id: ID!) { importPreview(jobId: $id, first: 100) { rows { row fate reason } } }`,
      { id },
    );
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
    await waitForJob(gql, id, 'DONE');
    return importPreview.rows;
  };
  const records = () =>
    t.sql<{ full_name: string; unit: string; phone: string | null }>(
      `SELECT r.full_name, u.code AS unit, r.phone FROM member_record r JOIN unit u ON u.id = r.unit_id
        WHERE r.organization_code = 'HPN' ORDER BY r.full_name, u.code`,
    );

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      { organization: 'HPN', code: 'PN-XA', name: 'Hội LHPN xã', kind: 'BASE', communeCode: '00004' },
      { organization: 'HPN', code: 'PN-PC', name: 'Chi hội bản Pa Cò', kind: 'BRANCH', parent: 'PN-XA' },
      { organization: 'HPN', code: 'PN-TL', name: 'Chi hội bản Tà Lèng', kind: 'BRANCH', parent: 'PN-XA' },
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    token = await t.logIn(await t.createUser('vp.pn.xa', Role.SECRETARIAT, 'HPN', 'PN-XA'));
    const rows = await importFile(
      communeRoster([
        ['Vàng Thị Dí', '1977', 'Nữ', '', '1998', 'Bản Pa Cò'],
        ['Giàng Thị Mỷ', '1980', 'Nữ', '', '', 'Bản Pa Cò'],
        ['Lò Thị Xuân', '1990', 'Nữ', '', '2010', 'Bản Pa Cò'],
        ['Sùng Thị Pà', '01/01/1985', 'Nữ', '', '', 'Bản Pa Cò'],
        // Her namesake of the same year, in the other bản: two people.
        ['Vàng Thị Dí', '1977', 'Nữ', '', '2001', 'Bản Tà Lèng'],
        ['Thào Thị Sua', '1988', 'Nữ', '', '', 'Bản Tà Lèng'],
      ]),
      'toan-xa.xlsx',
    );
    expect(rows.map((r) => r.fate)).toEqual(Array(6).fill('CREATED'));
  });
  afterAll(() => t?.close());

  it('takes the members it lists again for hers (a phone added), holds the one with a namesake elsewhere, adds the new one', async () => {
    const rows = await importFile(
      await banList([
        ['Giàng Thị Mỷ', '1980', 'Nữ', '', '', ''],
        ['Lò Thị Xuân', '1990', 'Nữ', '0912 345 678', '2010', 'Chi hội trưởng'],
        ['Sùng Thị Pà', '1985', 'Nữ', '', '', ''],
        ['Vàng Thị Dí', '1977', 'Nữ', '', '1998', ''],
        ['Hờ Thị Dua', '1995', 'Nữ', '', '08/03/2026', 'Kết nạp mới'],
      ]),
      'ban-pa-co.xlsx',
    );
    const fates = Object.fromEntries(rows.map((r) => [r.row, r.fate]));
    // Title rows and a blank one above the header: the members are rows 5 to 9.
    expect(['UNCHANGED', 'UPDATED']).toContain(fates[5]);
    expect(fates[6]).toBe('UPDATED');
    expect(['UNCHANGED', 'UPDATED']).toContain(fates[7]);
    expect(fates[8]).toBe('HELD');
    expect(rows.find((r) => r.row === 8)!.reason).toMatch(/Vàng Thị Dí|PN|HPN/);
    expect(fates[9]).toBe('CREATED');
    // One record each; Xuân's phone on hers; the new member in Pa Cò; the two Dí untouched.
    expect(await records()).toEqual([
      { full_name: 'Giàng Thị Mỷ', unit: 'PN-PC', phone: null },
      { full_name: 'Hờ Thị Dua', unit: 'PN-PC', phone: null },
      { full_name: 'Lò Thị Xuân', unit: 'PN-PC', phone: '0912345678' },
      { full_name: 'Sùng Thị Pà', unit: 'PN-PC', phone: null },
      { full_name: 'Thào Thị Sua', unit: 'PN-TL', phone: null },
      { full_name: 'Vàng Thị Dí', unit: 'PN-PC', phone: null },
      { full_name: 'Vàng Thị Dí', unit: 'PN-TL', phone: null },
    ]);
  });

  it('keeps the full birth date a record has when her list gives its year alone', async () => {
    const added = await gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
      i: { organization: 'HPN', fullName: 'Cứ Thị Ly', birthDate: '12/05/1975', sex: 'FEMALE', communeCode: '00004', unit: 'PN-PC' },
    });
    expect(added).toBeDefined();
    const rows = await importFile(await banList([['Cứ Thị Ly', '1975', 'Nữ', '', '', '']]), 'ban-pa-co-2.xlsx');
    expect(rows.map((r) => [r.row, r.fate])).toEqual([[5, 'UNCHANGED']]);
    const births = await t.sql<{ birth: string; precision: string }>(
      `SELECT birth_date::text AS birth, birth_date_precision AS precision FROM member_record WHERE full_name = 'Cứ Thị Ly'`,
    );
    expect(births).toEqual([{ birth: '1975-05-12', precision: 'DAY' }]);
  });
});
