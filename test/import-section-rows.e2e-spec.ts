import XLSX from 'xlsx';
import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

type Planned = {
  row: number;
  fate: string;
  fullName: string | null;
  reason: string | null;
  warnings: string | null;
  unitNew: string | null;
  unitCreated: boolean;
};

/**
 * A commune's Hội Phụ nữ list as its office keeps it: one sheet, no Chi hội column, the members of each
 * bản under a heading line of their own ("I. CHI HỘI BẢN HUA THANH", its number under STT). The
 * members under a heading are that branch's, to the next heading; a branch she does not have yet is
 * created (`createUnits`) under her commune's office with its name as a unit's is written, or, without
 * that, her members land in her office's unit and each row says why.
 */
describe('a commune list whose bản are heading lines among the members', () => {
  let t: TestApp;
  let token: string;
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, token, query, variables);

  /** The list as SheetJS saves it: a title, the header, the bản one after the other, a total and the signature. */
  const communeList = (sections: [string, string, string[][]][], title = 'DANH SÁCH HỘI VIÊN HỘI LHPN XÃ THANH NƯA') => {
    const rows: (string | number)[][] = [[title], ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại']];
    let n = 0;
    for (const [number, heading, members] of sections) {
      // A heading without a section's number is typed in the first column, as one line over the table.
      rows.push(number ? [number, heading] : [heading]);
      members.forEach((m, i) => rows.push([i + 1, ...m]));
      n += members.length;
    }
    rows.push(['', `Tổng cộng: ${n} hội viên`], [], ['', 'CHI HỘI TRƯỞNG'], [], ['', 'Lò Thị Ánh']);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };
  const preview = async (file: Buffer, query: string) => {
    const id = await uploadRoster(t, token, file, 'hoi-vien-toan-xa.xlsx', `organization=HPN&assignIds=true&preview=true${query}`);
    await waitForJob(gql, id, 'PREVIEW');
    const { importPreview } = await gql<{ importPreview: { rows: Planned[]; sectionHeadings: number; withoutUnit: number } }>(
      `query($id: ID!) { importPreview(jobId: $id, first: 100) { sectionHeadings withoutUnit rows { row fate fullName reason warnings unitNew unitCreated } } }`,
      { id },
    );
    return { id, ...importPreview };
  };
  const planOf = async (id: string) =>
    (
      await gql<{ importPreview: { createUnits: boolean; unitsToCreate: string[]; withoutUnit: number } }>(
        `query($id: ID!) { importPreview(jobId: $id) { createUnits unitsToCreate withoutUnit } }`,
        { id },
      )
    ).importPreview;
  const unitOf = async (name: string) =>
    (
      await t.sql<{ code: string; name: string; parent: string | null }>(
        `SELECT u.code, u.name, p.code AS parent FROM member_record r JOIN unit u ON u.id = r.unit_id LEFT JOIN unit p ON p.id = u.parent_id
          WHERE r.full_name = $1`,
        [name],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      { organization: 'HPN', code: 'PN-TN', name: 'Hội LHPN xã Thanh Nưa', kind: 'BASE', communeCode: '00004' },
      { organization: 'HPN', code: 'PN-HT', name: 'Chi hội bản Hua Thanh', kind: 'BRANCH', parent: 'PN-TN' },
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    token = await t.logIn(await t.createUser('vp.pn.thanhnua', Role.SECRETARIAT, 'HPN', 'PN-TN'));
  });
  afterAll(() => t?.close());

  it('puts the members under each heading in that bản, creating the one she does not have, and says which lines are headings', async () => {
    const { id, rows } = await preview(
      communeList([
        [
          'I',
          'CHI HỘI BẢN HUA THANH',
          [
            ['Lò Thị Ánh', '1980', 'Nữ', ''],
            ['Quàng Thị Bun', '1975', 'Nữ', '0912345678'],
          ],
        ],
        [
          'II',
          'CHI HỘI BẢN CO MẠN',
          [
            ['Tòng Thị Chiến', '1990', 'Nữ', ''],
            ['Lường Thị Duyên', '1985', 'Nữ', ''],
          ],
        ],
      ]),
      '&createUnits=true',
    );
    // Row 3 and row 6 are the headings, said so; the members under them are planned, none refused.
    const { importJob } = await gql<{ importJob: { skipped: { row: number; reason: string }[] } }>(
      `query($id: ID!) { importJob(id: $id) { skipped { row reason } } }`,
      { id },
    );
    const skipped = new Map(importJob.skipped.map((s) => [s.row, s.reason]));
    expect(skipped.get(3)).toBe(
      `bỏ qua: dòng tên chi hội ('I CHI HỘI BẢN HUA THANH'): những người ở dưới, đến dòng tên chi hội tiếp theo, thuộc "Chi hội bản Hua Thanh"`,
    );
    expect(skipped.get(6)).toContain('thuộc "Chi hội bản Co Mạn"');
    expect(rows.filter((r) => r.fate === 'CREATED').map((r) => r.fullName)).toEqual([
      'Lò Thị Ánh',
      'Quàng Thị Bun',
      'Tòng Thị Chiến',
      'Lường Thị Duyên',
    ]);
    // Where each new member goes, as she checks it before confirming — a bản the confirmation creates too, said so.
    expect(rows.map((r) => [r.unitNew, r.unitCreated])).toEqual([
      ['Chi hội bản Hua Thanh', false],
      ['Chi hội bản Hua Thanh', false],
      ['Chi hội bản Co Mạn', true],
      ['Chi hội bản Co Mạn', true],
    ]);
    // The signature block is no member, nor the name under it.
    expect(rows.filter((r) => r.fullName === 'Lò Thị Ánh')).toHaveLength(1);

    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
    await waitForJob(gql, id, 'DONE');
    expect(await unitOf('Lò Thị Ánh')).toMatchObject({ code: 'PN-HT' });
    expect(await unitOf('Quàng Thị Bun')).toMatchObject({ code: 'PN-HT' });
    const coMan = await unitOf('Tòng Thị Chiến');
    // Created as a unit's name is written (not in capitals), under her commune's office.
    expect(coMan).toMatchObject({ name: 'Chi hội bản Co Mạn', parent: 'PN-TN' });
    expect(await unitOf('Lường Thị Duyên')).toEqual(coMan);
  });

  it('reads a Chi hội cell that shortens the heading it sits under ("Pá Khoang" under "III. CHI HỘI BẢN PÁ KHOANG") as that one branch', async () => {
    const rows = [
      ['DANH SÁCH HỘI VIÊN HỘI LHPN XÃ THANH NƯA'],
      ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Chi hội'],
      ['III', 'CHI HỘI BẢN PÁ KHOANG'],
      [1, 'Điêu Thị Én', '1981', 'Nữ', 'Pá Khoang'],
      [2, 'Lò Thị Phương', '1983', 'Nữ', ''],
      [3, 'Cầm Thị Gấm', '1986', 'Nữ', 'Bản Pá Khoang'],
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
    const { id, rows: planned } = await preview(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, '&createUnits=true');
    expect(planned.map((r) => r.unitNew)).toEqual(['Chi hội bản Pá Khoang', 'Chi hội bản Pá Khoang', 'Chi hội bản Pá Khoang']);
    expect((await planOf(id)).unitsToCreate).toEqual(['Chi hội bản Pá Khoang']);
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
    await waitForJob(gql, id, 'DONE');
    const units = await Promise.all(['Điêu Thị Én', 'Lò Thị Phương', 'Cầm Thị Gấm'].map(unitOf));
    expect(units.map((u) => u.name)).toEqual(['Chi hội bản Pá Khoang', 'Chi hội bản Pá Khoang', 'Chi hội bản Pá Khoang']);
    expect(new Set(units.map((u) => u.code)).size).toBe(1);
  });

  it('names both the heading and her Chi hội column when it reads her cell as the heading’s bản it cannot find', async () => {
    const rows = [
      ['DANH SÁCH HỘI VIÊN HỘI LHPN XÃ THANH NƯA'],
      ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Chi hội'],
      ['IV', 'CHI HỘI BẢN NÀ SẢN'],
      [1, 'Lò Thị Nga', '1980', 'Nữ', 'Nà Sản'],
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
    const { rows: planned } = await preview(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, '');
    expect(planned[0].warnings).toMatch(/^Dòng tên chi hội \(dòng 3\) và cột Chi hội: .*'Chi hội bản Nà Sản'/);
  });

  it('without creating units, lands the members of a bản she does not have in her office and says on each row what to do', async () => {
    const { rows, sectionHeadings, withoutUnit } = await preview(
      communeList([
        ['I', 'CHI HỘI BẢN HUA THANH', [['Điêu Thị Em', '1982', 'Nữ', '']]],
        ['II', 'CHI HỘI BẢN NA LỐC', [['Cầm Thị Gấm', '1979', 'Nữ', '']]],
      ]),
      '',
    );
    const em = rows.find((r) => r.fullName === 'Điêu Thị Em')!;
    const gam = rows.find((r) => r.fullName === 'Cầm Thị Gấm')!;
    expect([em.fate, gam.fate]).toEqual(['CREATED', 'CREATED']);
    // Gấm lands in her own office: nothing to say of it on the row.
    expect([em.unitNew, gam.unitNew]).toEqual(['Chi hội bản Hua Thanh', null]);
    expect(em.warnings ?? '').not.toMatch(/Na Lốc/);
    expect(gam.warnings).toMatch(/^Dòng tên chi hội \(dòng 5\): .*Chi hội bản Na Lốc/);
    expect(gam.warnings).toContain('Hội LHPN xã Thanh Nưa');
    // The preview says the list's headings were read, and how many rows none of her units is for (the console words it so).
    expect({ sectionHeadings, withoutUnit }).toEqual({ sectionHeadings: 2, withoutUnit: 1 });
  });

  it('reads a chi hội named by its number, with or without its bản after it, as the heading of the members under it', async () => {
    const { id, rows } = await preview(
      communeList([
        ['', 'Chi hội 1 (Bản Hua Thanh)', [['Lò Thị Khuyên', '1981', 'Nữ', '']]],
        ['', 'CHI HỘI 2 - BẢN NẬM KHẨU HU', [['Quàng Thị Liên', '1977', 'Nữ', '']]],
        ['', 'Chi hội 3', [['Tòng Thị Mến', '1992', 'Nữ', '']]],
      ]),
      '&createUnits=true',
    );
    // Bản Hua Thanh is the chi hội she has; the other two are created, named as she numbered them.
    expect(rows.map((r) => [r.fullName, r.fate, r.unitNew, r.unitCreated])).toEqual([
      ['Lò Thị Khuyên', 'CREATED', 'Chi hội bản Hua Thanh', false],
      ['Quàng Thị Liên', 'CREATED', 'Chi hội 2 - Bản Nậm Khẩu Hu', true],
      ['Tòng Thị Mến', 'CREATED', 'Chi hội 3', true],
    ]);
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
    await waitForJob(gql, id, 'DONE');
    expect(await unitOf('Lò Thị Khuyên')).toMatchObject({ code: 'PN-HT' });
    expect(await unitOf('Quàng Thị Liên')).toMatchObject({ name: 'Chi hội 2 - Bản Nậm Khẩu Hu', parent: 'PN-TN' });
    expect(await unitOf('Tòng Thị Mến')).toMatchObject({ name: 'Chi hội 3', parent: 'PN-TN' });
  });

  it('says a plan was made creating units, so that a chi hội it could not create (no commune to put it in) is not "tick the box" again', async () => {
    const asked = await preview(communeList([['', 'Chi hội 7', [['Lò Thị Nga', '1988', 'Nữ', '']]]]), '&createUnits=true');
    expect(await planOf(asked.id)).toMatchObject({ createUnits: true });
    const notAsked = await preview(communeList([['', 'Chi hội 8', [['Lò Thị Nhung', '1989', 'Nữ', '']]]]), '');
    expect(await planOf(notAsked.id)).toMatchObject({ createUnits: false });
    // A province-wide secretariat: a file that names no commune (not in its title either) has nowhere to put the chi hội;
    // one whose title names the commune has (its commune's office is created with it: the test's office sits elsewhere).
    const wide = await t.logIn(await t.createUser('vp.pn.tinh', Role.SECRETARIAT, 'HPN'));
    const asWide = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, wide, query, variables);
    const widePlan = async (title: string) => {
      const list = communeList([['', 'Chi hội 9', [['Lò Thị Oanh', '1987', 'Nữ', '']]]], title);
      const id = await uploadRoster(t, wide, list, 'tinh.xlsx', 'organization=HPN&assignIds=true&preview=true&createUnits=true');
      await waitForJob(asWide, id, 'PREVIEW');
      return (
        await asWide<{ importPreview: { createUnits: boolean; unitsToCreate: string[]; withoutUnit: number } }>(
          `query($id: ID!) { importPreview(jobId: $id) { createUnits unitsToCreate withoutUnit } }`,
          { id },
        )
      ).importPreview;
    };
    expect(await widePlan('DANH SÁCH HỘI VIÊN NĂM 2025')).toEqual({ createUnits: true, unitsToCreate: [], withoutUnit: 1 });
    expect(await widePlan('DANH SÁCH HỘI VIÊN HỘI LHPN XÃ THANH NƯA')).toEqual({
      createUnits: true,
      unitsToCreate: ['Cơ sở Xã Thanh Nưa', 'Chi hội 9'],
      withoutUnit: 0,
    });
  });

  it('puts her members in their bản when the same list comes again with the bản created (her line unchanged, its unit now known)', async () => {
    const list = communeList([['I', 'CHI HỘI BẢN PHIÊNG LƠI', [['Lò Thị Hoa', '1983', 'Nữ', '']]]]);
    const confirm = async (id: string) => {
      await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
      await waitForJob(gql, id, 'DONE');
    };
    // First without creating units: she lands in the office, told so.
    await confirm((await preview(list, '')).id);
    expect(await unitOf('Lò Thị Hoa')).toMatchObject({ code: 'PN-TN' });
    // The same file, now with units created: her line is read again, not taken as unchanged.
    const again = await preview(list, '&createUnits=true');
    expect(again.rows.find((r) => r.fullName === 'Lò Thị Hoa')).toMatchObject({ fate: 'UPDATED' });
    await confirm(again.id);
    expect(await unitOf('Lò Thị Hoa')).toMatchObject({ name: 'Chi hội bản Phiêng Lơi', parent: 'PN-TN' });
    const [{ warnings }] = await t.sql<{ warnings: unknown[] }>(
      `SELECT import_warnings AS warnings FROM member_record WHERE full_name = 'Lò Thị Hoa'`,
    );
    expect(warnings).toEqual([]);
    // And once more: nothing to do.
    expect((await preview(list, '&createUnits=true')).rows.find((r) => r.fullName === 'Lò Thị Hoa')).toMatchObject({ fate: 'UNCHANGED' });
  });
});
