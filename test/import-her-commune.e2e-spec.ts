import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

type Row = { full_name: string; unit: string | null; commune_code: string | null };

/**
 * A commune's office imports her roster as she keeps it (a new user's findings): the chi hội written
 * short ("Ngọc Khánh" for "Chi hội Khu phố Ngọc Khánh"), a hamlet in Địa chỉ that is also a
 * phường's name elsewhere, no commune column, a chi hội to create. Nobody moves out of her chi hội or
 * her commune because the file wrote them the way secretaries do.
 */
describe("a commune office's own roster: her chi hội written short, hamlets in Địa chỉ, no commune column", () => {
  let t: TestApp;
  let token: string;
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, token, query, variables);
  const roster = async (rows: (string | number)[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['DANH SÁCH HỘI VIÊN CHI HỘI PHỤ NỮ PHƯỜNG BA ĐÌNH']);
    ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Địa chỉ', 'Chi hội']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  type Planned = { row: number; fate: string; warnings: string | null; changed: string[] };
  /** Previewed, then confirmed as she would: the preview's rows. */
  const importRoster = async (rows: (string | number)[][], query = '') => {
    const id = await uploadRoster(t, token, await roster(rows), 'danh-sach.xlsx', `organization=HPN&assignIds=true&preview=true${query}`);
    await waitForJob(gql, id, 'PREVIEW');
    const { importPreview } = await gql<{ importPreview: { rows: Planned[] } }>(
      `query($id: ID!) { importPreview(jobId: $id, first: 100) { rows { row fate warnings changed } } }`,
      { id },
    );
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
    await waitForJob(gql, id, 'DONE');
    return importPreview.rows;
  };
  const members = () =>
    t.sql<Row>(
      `SELECT r.full_name, u.code AS unit, r.commune_code FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.organization_code = 'HPN' ORDER BY r.full_name`,
    );
  const member = async (name: string) => (await members()).find((m) => m.full_name === name)!;

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      { organization: 'HPN', code: 'HPN-BD', name: 'Hội LHPN phường Ba Đình', kind: 'BASE', communeCode: '00004' },
      { organization: 'HPN', code: 'BD-NK', name: 'Chi hội Khu phố Ngọc Khánh', kind: 'BRANCH', parent: 'HPN-BD' },
      { organization: 'HPN', code: 'BD-2', name: 'Chi hội Khu phố 2', kind: 'BRANCH', parent: 'HPN-BD' },
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    token = await t.logIn(await t.createUser('vp.ba-dinh', Role.SECRETARIAT, 'HPN', 'HPN-BD'));
    // Her roster as the system has it: two members in their chi hội, in Phường Ba Đình.
    for (const [name, cccd, unit] of [
      ['Đỗ Thị Hạnh', '001185012345', 'BD-NK'],
      ['Vũ Thị Lan', '001190054321', 'BD-2'],
    ])
      await gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
        i: { organization: 'HPN', fullName: name, birthDate: '1985', idNumber: cccd, communeCode: '00004', unit },
      });
  });
  afterAll(() => t?.close());

  it('keeps every member in her chi hội and her commune, and puts new ones where their chi hội is', async () => {
    const planned = await importRoster([
      // Her chi hội by its place alone; a hamlet that is also Phường Ngọc Hà's name.
      [1, 'Đỗ Thị Hạnh', '1985', '001185012345', 'Ngọc Hà', 'Ngọc Khánh'],
      // A chi hội the file names that nobody has: she stays in hers.
      [2, 'Vũ Thị Lan', '1985', '001190054321', '', 'Tổ Xa Lạ'],
      // New: no commune anywhere in the row; her chi hội says where she is.
      [3, 'Mai Thị Hồng', '12/03/1990', '', '', 'Khu phố 2'],
      [4, 'Lý Thị Nga', '05/06/1992', '', 'Bản Co Mị', ''],
    ]);
    // The two she has are left as they are, each told why in the preview.
    expect(planned.map((p) => [p.row, p.fate])).toEqual([
      [3, 'UNCHANGED'],
      [4, 'UNCHANGED'],
      [5, 'CREATED'],
      [6, 'CREATED'],
    ]);
    expect(planned[0].warnings).toMatch(/trùng tên Phường Ngọc Hà.*giữ Phường Ba Đình/);
    expect(planned[1].warnings).toContain('giữ nguyên đơn vị đang có (Chi hội Khu phố 2)');
    expect(await member('Đỗ Thị Hạnh')).toMatchObject({ unit: 'BD-NK', commune_code: '00004' });
    expect(await member('Vũ Thị Lan')).toMatchObject({ unit: 'BD-2', commune_code: '00004' });
    expect(await member('Mai Thị Hồng')).toMatchObject({ unit: 'BD-2', commune_code: '00004' });
    expect(await member('Lý Thị Nga')).toMatchObject({ unit: 'HPN-BD', commune_code: '00004' });
    expect(planned[3].warnings ?? '').not.toContain('Địa chỉ');
  });

  it('creates the chi hội she names under her own unit, with no commune column, and imports the file', async () => {
    await importRoster([[1, 'Hà Thị Mơ', '1979', '', '', 'Chi hội Khu phố Mới']], '&createUnits=true');
    const [created] = await t.sql<{ code: string; parent: string; commune_code: string }>(
      `SELECT u.code, p.code AS parent, u.commune_code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.name = 'Chi hội Khu phố Mới'`,
    );
    expect(created).toMatchObject({ parent: 'HPN-BD', commune_code: '00004' });
    expect(await member('Hà Thị Mơ')).toMatchObject({ unit: created.code, commune_code: '00004' });
  });

  it('reads a workbook kept one sheet per chi hội, without a chi hội column: each sheet names where its rows go', async () => {
    await gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
      i: {
        organization: 'HPN',
        fullName: 'Lương Thị Hoa',
        birthDate: '1992',
        idNumber: '001192011111',
        communeCode: '00004',
        unit: 'BD-2',
      },
    });
    // Saved by SheetJS, not the library the server reads with; each sheet with its title, as a chi hội keeps it.
    const wb = XLSX.utils.book_new();
    for (const [sheet, rows] of [
      [
        'Ngọc Khánh',
        [
          [1, 'Phan Thị Thu', '1988'],
          [2, 'Lương Thị Hoa', '1992', '001192011111'],
        ],
      ],
      ['Khu phố 2', [[1, 'Tạ Thị Yến', '1991']]],
      // Her office's own name: the whole commune's list, nobody moved to the office.
      ['Hội LHPN phường Ba Đình', [[1, 'Đỗ Thị Hạnh', '1985', '001185012345']]],
      [
        'Sheet4',
        [
          [1, 'Ngô Thị Bích', '1970'],
          [2, 'Vũ Thị Lan', '1985', '001190054321'],
        ],
      ],
    ] as const) {
      const title = [`DANH SÁCH HỘI VIÊN ${sheet.toUpperCase()}`];
      XLSX.utils.book_append_sheet(
        wb,
        XLSX.utils.aoa_to_sheet([title, ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD'], ...rows.map((r) => [...r])]),
        sheet,
      );
    }
    const file = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const id = await uploadRoster(t, token, file, 'cac-chi-hoi.xlsx', 'organization=HPN&assignIds=true');
    await waitForJob(gql, id, 'DONE');
    expect(await member('Phan Thị Thu')).toMatchObject({ unit: 'BD-NK', commune_code: '00004' });
    // Listed in Khu phố 2, now on Ngọc Khánh's sheet: she has moved there.
    expect(await member('Lương Thị Hoa')).toMatchObject({ unit: 'BD-NK' });
    expect(await member('Tạ Thị Yến')).toMatchObject({ unit: 'BD-2', commune_code: '00004' });
    // A sheet whose name is no unit of hers: a new member lands in her own unit, a listed one stays.
    expect(await member('Ngô Thị Bích')).toMatchObject({ unit: 'HPN-BD' });
    expect(await member('Vũ Thị Lan')).toMatchObject({ unit: 'BD-2' });
    expect(await member('Đỗ Thị Hạnh')).toMatchObject({ unit: 'BD-NK' });
  });

  it('reads a SheetJS workbook saved with real dates (cellDates), the CCCD under "Số ĐDCN/CCCD", the hamlet under "Địa chỉ (thôn/xóm)"', async () => {
    const wb = XLSX.utils.book_new();
    const born = new Date(Date.UTC(2001, 6, 10));
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet(
        [
          ['DANH SÁCH HỘI VIÊN CHI HỘI KHU PHỐ 2'],
          ['STT', 'Họ và tên', 'Ngày sinh', 'Số ĐDCN/CCCD', 'Địa chỉ (thôn/xóm)'],
          [1, 'Hà Thị Ngọc', born, '001301099123', 'Tổ 5, phường Ba Đình'],
        ],
        { cellDates: true },
      ),
      'Khu phố 2',
    );
    const file = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellDates: true }) as Buffer;
    // Its date cell holds the ISO text (t="d"), which a reader taking it for a number would put in 1905.
    expect((XLSX.read(file, { type: 'buffer', cellDates: true }).Sheets['Khu phố 2'].C3 as XLSX.CellObject).t).toBe('d');
    const id = await uploadRoster(t, token, file, 'khu-pho-2.xlsx', 'organization=HPN&assignIds=true');
    await waitForJob(gql, id, 'DONE');
    const [stored] = await t.sql<{ birth_date: string; id_number_masked: string; commune_code: string }>(
      `SELECT to_char(birth_date, 'DD/MM/YYYY') AS birth_date, id_number_masked, commune_code FROM member_record WHERE full_name = 'Hà Thị Ngọc'`,
    );
    expect(stored).toEqual({ birth_date: '10/07/2001', id_number_masked: '0013******23', commune_code: '00004' });
  });

  it('with createUnits, creates the chi hội a sheet is named for; a sheet named for no branch creates nothing', async () => {
    const wb = XLSX.utils.book_new();
    for (const [sheet, name] of [
      ['Chi hội Khu phố 7', 'Đinh Thị Xuân'],
      ['Thôn 3', 'Kiều Thị Thắm'],
    ]) {
      const rows = [
        ['STT', 'Họ và tên', 'Ngày sinh'],
        [1, name, '1987'],
      ];
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
    }
    const file = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const id = await uploadRoster(t, token, file, 'chi-hoi-moi.xlsx', 'organization=HPN&assignIds=true&createUnits=true&preview=true');
    await waitForJob(gql, id, 'PREVIEW');
    const { importPreview } = await gql<{ importPreview: { sheetNotes: { sheet: string; note: string }[] } }>(
      `query($id: ID!) { importPreview(jobId: $id) { sheetNotes { sheet note } } }`,
      { id },
    );
    expect(importPreview.sheetNotes.map((n) => n.sheet)).toEqual(['Chi hội Khu phố 7']);
    expect(importPreview.sheetNotes[0].note).toContain('"Chi hội Khu phố 7" theo tên trang tính');
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
    await waitForJob(gql, id, 'DONE');
    const units = await t.sql<{ code: string; parent: string; commune_code: string }>(
      `SELECT u.code, p.code AS parent, u.commune_code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.name IN ('Chi hội Khu phố 7', 'Thôn 3')`,
    );
    expect(units).toEqual([{ code: '00004-CHI-HOI-KHU-PHO-7', parent: 'HPN-BD', commune_code: '00004' }]);
    expect(await member('Đinh Thị Xuân')).toMatchObject({ unit: '00004-CHI-HOI-KHU-PHO-7', commune_code: '00004' });
    expect(await member('Kiều Thị Thắm')).toMatchObject({ unit: 'HPN-BD' });
  });

  it('moves a member her list had left in her office into the chi hội whose sheet now lists her, the row itself unchanged', async () => {
    const book = async (sheet: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(sheet);
      ws.addRow(['Mã hồ sơ', 'Họ và tên', 'Ngày sinh']);
      ws.addRow(['HPN-CH-9', 'Quàng Thị Chín', '1989']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    for (const [sheet, unit] of [
      ['Danh sách', 'HPN-BD'],
      ['Khu phố 2', 'BD-2'],
    ]) {
      const id = await uploadRoster(t, token, await book(sheet), 'chi-hoi.xlsx', 'organization=HPN');
      await waitForJob(gql, id, 'DONE');
      expect(await member('Quàng Thị Chín')).toMatchObject({ unit });
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM member_record WHERE external_id = 'HPN-CH-9'`)).toEqual([{ n: 1 }]);
  });

  it("reads a chi hội's own list, its sheet unnamed: the title says which chi hội", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['HỘI LHPN PHƯỜNG BA ĐÌNH', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    ws.addRow(['DANH SÁCH HỘI VIÊN CHI HỘI KHU PHỐ NGỌC KHÁNH NĂM 2026']);
    ws.addRow(['STT', 'Họ và tên', 'Ngày sinh']);
    ws.addRow([1, 'Kiều Thị Vân', '1983']);
    const id = await uploadRoster(t, token, Buffer.from(await wb.xlsx.writeBuffer()), 'ngoc-khanh.xlsx', 'organization=HPN&assignIds=true');
    await waitForJob(gql, id, 'DONE');
    expect(await member('Kiều Thị Vân')).toMatchObject({ unit: 'BD-NK', commune_code: '00004' });
  });

  it('matches, the next week, a member her own import put in her unit: no commune in the row, yet not held', async () => {
    const before = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM member_record WHERE full_name = 'Lý Thị Nga'`);
    expect(before[0].n).toBe(1);
    // Her list again, no commune, no chi hội, no CCCD or phone: the full birth date and her ward are the evidence.
    const planned = await importRoster([[1, 'Lý Thị Nga', '05/06/1992', '', '', '']]);
    expect(planned.map((p) => p.fate)).toEqual(['UNCHANGED']);
    const after = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM member_record WHERE full_name = 'Lý Thị Nga'`);
    expect(after[0].n).toBe(1);
  });
  it('takes her same list again as unchanged: a member with a year alone and nothing else to tell is her own line, not held', async () => {
    const rows = [
      [1, 'Xa Thị Lan', '1965', '', '', ''],
      [2, 'Trần Văn Sơn', '1948', '', '', ''],
    ];
    expect((await importRoster(rows)).map((p) => p.fate)).toEqual(['CREATED', 'CREATED']);
    expect(await t.sql(`SELECT 1 FROM member_record WHERE full_name IN ('Xa Thị Lan', 'Trần Văn Sơn') AND import_digest IS NULL`)).toEqual(
      [],
    );
    const withoutUnit = async () =>
      (await t.sql<{ n: string }>(`SELECT plan->>'withoutUnit' AS n FROM import_job ORDER BY started_at DESC LIMIT 1`))[0].n;
    expect(await withoutUnit()).toBe('2');
    // Next month and the month after (each upload a file of its own): her own lines each time, never asked about,
    // nor told again that they have no chi hội.
    expect((await importRoster(rows)).map((p) => p.fate)).toEqual(['UNCHANGED', 'UNCHANGED']);
    expect(await withoutUnit()).toBe('0');
    expect((await importRoster(rows)).map((p) => p.fate)).toEqual(['UNCHANGED', 'UNCHANGED']);
  });

  it('keeps what she corrected on screen when next month’s list gives the same lines again: no second record, nothing held, nothing reverted', async () => {
    const rows = [
      [1, 'Lò Thị Pánh', '1968', '011168000111', '', ''],
      [2, 'Giàng Thị Páo', '1975', '', '', ''],
    ];
    expect((await importRoster(rows)).map((p) => p.fate)).toEqual(['CREATED', 'CREATED']);
    const listed = async () =>
      t.sql<{ id: string; full_name: string; id_number_masked: string | null; phone: string | null }>(
        `SELECT id, full_name, id_number_masked, phone FROM member_record WHERE full_name IN ('Lò Thị Pánh', 'Giàng Thị Páo') ORDER BY full_name`,
      );
    const [páo, pánh] = await listed();
    // Her corrections from Cảnh báo: the CCCD typed wrong, the phone found.
    for (const [id, input] of [
      [pánh.id, { idNumber: '011168696845' }],
      [páo.id, { phone: '0912 777 888' }],
    ] as const)
      await gql(`mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { id } }`, { id, i: input });
    // Next month, her Excel as it was: her own lines, nothing to do.
    expect((await importRoster(rows)).map((p) => p.fate)).toEqual(['UNCHANGED', 'UNCHANGED']);
    expect((await listed()).map((r) => [r.full_name, r.id_number_masked, r.phone])).toEqual([
      ['Giàng Thị Páo', null, '0912777888'],
      ['Lò Thị Pánh', '0111******45', null],
    ]);
  });

  it('matches next month a member whose row names her chi hội (no commune): her full birth date in her ward, not held to ask for the ward', async () => {
    await importRoster([[1, 'Bùi Thị Sen', '16/11/1968', '', '', 'Ngọc Khánh']]);
    // Re-typed next month: her chi hội written in full, the line changed, still no commune, CCCD or phone.
    const planned = await importRoster([[1, 'Bùi Thị Sen', '16/11/1968', '', 'Tổ 3', 'Chi hội Khu phố Ngọc Khánh']]);
    expect(planned.map((p) => p.fate)).not.toContain('HELD');
    const sen = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM member_record WHERE full_name = 'Bùi Thị Sen'`);
    expect(sen[0].n).toBe(1);
  });

  it('tells her, of a member who moved to another commune’s unit since, to leave the row out (not "check the code" of a code her file lacks)', async () => {
    await t.createUnits([{ organization: 'HPN', code: 'HPN-NH', name: 'Hội LHPN phường Ngọc Hà', kind: 'BASE', communeCode: '00008' }]);
    await t.sql(
      `UPDATE member_record SET unit_id = (SELECT id FROM unit WHERE code = 'HPN-NH'), commune_code = '00008' WHERE full_name = 'Đỗ Thị Hạnh'`,
    );
    const id = await uploadRoster(
      t,
      token,
      await roster([[1, 'Đỗ Thị Hạnh', '1985', '001185012345', '', 'Chi hội Khu phố Ngọc Khánh']]),
      'danh-sach-cu.xlsx',
      'organization=HPN&assignIds=true&preview=true',
    );
    await waitForJob(gql, id, 'PREVIEW');
    const { importPreview } = await gql<{ importPreview: { rows: { fate: string; reason: string | null }[] } }>(
      `query($id: ID!) { importPreview(jobId: $id) { rows { fate reason } } }`,
      { id },
    );
    expect(importPreview.rows).toEqual([
      {
        fate: 'REFUSED',
        reason: expect.stringContaining('không còn thuộc đơn vị của bạn (đã chuyển sinh hoạt hoặc chuyển đơn vị): bỏ dòng này') as unknown,
      },
    ]);
    expect(importPreview.rows[0].reason).not.toMatch(/Ngọc Hà|HPN-NH/);
  });
});
