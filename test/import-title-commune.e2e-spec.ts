import XLSX from 'xlsx';
import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * A commune's roster sent to the province's secretariat (a user of the whole organization, no unit
 * of her own): the commune is written once, in the title ("HỘI NÔNG DÂN XÃ SEN THƯỢNG", an old commune
 * merged into Xã Sín Thầu in 2025), never on the rows. Her new members live there, and a chi hội a
 * row names that nobody has yet is created there; a title that names no commune gives none.
 */
describe('a roster whose title names the commune, imported by the province', () => {
  let t: TestApp;
  let token: string;
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, token, query, variables);
  const file = (
    title: string[],
    people = [
      ['Giàng A Pao', 'Chi hội bản Nậm Chẩn'],
      ['Sùng Thị Mỷ', ''],
    ],
  ) => {
    const rows = [
      ...title.map((line) => [line]),
      [],
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Chi hội'],
      ...people.map(([name, branch], i) => [i + 1, name, `0${i + 2}/05/198${i}`, i ? 'Nữ' : 'Nam', 'Mông', branch]),
      [],
      ['', `Tổng: ${people.length} hội viên`],
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };
  /** Previewed, then confirmed: the units the preview said it would create. */
  const importFile = async (bytes: Buffer, createUnits = true) => {
    const id = await uploadRoster(
      t,
      token,
      bytes,
      'danh-sach-chi-hoi.xlsx',
      `organization=HND&assignIds=true&createUnits=${createUnits}&preview=true`,
    );
    await waitForJob(gql, id, 'PREVIEW');
    const { importPreview } = await gql<{ importPreview: { unitsToCreate: string[] } }>(
      `query($id: ID!) { importPreview(jobId: $id) { unitsToCreate } }`,
      { id },
    );
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
    await waitForJob(gql, id, 'DONE');
    return importPreview.unitsToCreate;
  };
  const members = (names: string[]) =>
    t.sql<{ full_name: string; commune: string | null; unit: string | null; unit_commune: string | null }>(
      `SELECT r.full_name, r.commune_code AS commune, u.name AS unit, u.commune_code AS unit_commune
         FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id WHERE r.full_name = ANY($1) ORDER BY r.full_name`,
      [names],
    );

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.logIn(await t.createUser('vp.hnd.tinh', Role.SECRETARIAT, 'HND'));
  });
  afterAll(() => t?.close());

  it('puts her new members, and a chi hội a row names, in the commune of the title (an old name read as its successor)', async () => {
    await importFile(file(['HỘI NÔNG DÂN XÃ SEN THƯỢNG', 'DANH SÁCH HỘI VIÊN NĂM 2025']));
    expect(await members(['Giàng A Pao', 'Sùng Thị Mỷ'])).toEqual([
      { full_name: 'Giàng A Pao', commune: '03158', unit: 'Chi hội bản Nậm Chẩn', unit_commune: '03158' },
      { full_name: 'Sùng Thị Mỷ', commune: '03158', unit: null, unit_commune: null },
    ]);
  });

  it('leaves the commune unknown when the title names none (the motto is no commune)', async () => {
    // Other people (the same names would be the members above), and no chi hội: nothing says where they live.
    const people = [
      ['Lầu A Chứ', ''],
      ['Vàng Thị Dợ', ''],
    ];
    await importFile(file(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'DANH SÁCH HỘI VIÊN NĂM 2025'], people));
    expect((await members(['Lầu A Chứ', 'Vàng Thị Dợ'])).map((m) => [m.full_name, m.commune])).toEqual([
      ['Lầu A Chứ', null],
      ['Vàng Thị Dợ', null],
    ]);
  });

  it('creates the chi hội a list names only in its title, in the title’s commune, for the rows that name none', async () => {
    const people = [
      ['Mùa A Sáng', ''],
      ['Thào Thị Dua', ''],
      ['Vừ A Tủa', 'Chi hội bản Nậm Chẩn'],
    ];
    const title = ['HỘI NÔNG DÂN XÃ SEN THƯỢNG', 'DANH SÁCH HỘI VIÊN CHI HỘI BẢN PHÌN HỒ NĂM 2025'];
    // Asked not to create units: nobody is put in a chi hội she does not have, and none is made.
    expect(await importFile(file(title, people.slice(0, 1)), false)).toEqual([]);
    expect((await members(['Mùa A Sáng']))[0]).toMatchObject({ unit: null, commune: '03158' });
    expect(await t.sql(`SELECT 1 FROM unit WHERE name = 'Chi hội bản Phìn Hồ'`)).toEqual([]);
    // Asked to: the preview says it will, and the title's chi hội is made once, in Xã Sín Thầu; a row naming its own keeps it.
    expect((await importFile(file(title, people.slice(1)))).filter((n) => !n.startsWith('Cơ sở '))).toEqual(['Chi hội bản Phìn Hồ']);
    expect(await members(['Thào Thị Dua', 'Vừ A Tủa'])).toEqual([
      { full_name: 'Thào Thị Dua', commune: '03158', unit: 'Chi hội bản Phìn Hồ', unit_commune: '03158' },
      { full_name: 'Vừ A Tủa', commune: '03158', unit: 'Chi hội bản Nậm Chẩn', unit_commune: '03158' },
    ]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM unit WHERE name = 'Chi hội bản Phìn Hồ'`)).toEqual([{ n: 1 }]);
  });
});
