import { Role } from '../src/access/role.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị,Số điện thoại';

/**
 * The form asks before adding a member her organization may already list by the import's own rule
 * (one rule, membership's listed-person): what an import would hold, the form does not save
 * silently — a dropped middle name, a word more, a namesake nothing sets apart — and what an import
 * would create anew (another full birth date, an ended membership) it saves without a question.
 */
describe('the form asks by the import’s rule before adding someone her organization already lists', () => {
  let t: TestApp;
  let p1: string;
  let n = 0;
  const add = (fields: string, confirm = false) =>
    t.gql<{ createMemberRecord: { externalId: string } }>(
      `mutation { createMemberRecord(input: { organization: "DTN", externalId: "DTN-NEW-${++n}", sex: FEMALE, communeCode: "00004", ${fields}${confirm ? ', confirmDuplicateInOrg: true' : ''} }) { externalId } }`,
      {},
      { token: p1 },
    );
  const question = (r: Awaited<ReturnType<typeof add>>) => {
    const e = r.errors?.[0]?.extensions as { code?: string; problems?: { field: string; value: string; message: string }[] } | undefined;
    return e?.code === 'CONFLICT' ? e.problems?.find((p) => p.value === 'SAME_NAME')?.message : undefined;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('DTN', HEADER, [
      'DTN-A,Lường Thị Thu,12/03/2003,Nữ,00004,P1,0912345678',
      'DTN-B,Hà Thị Sinh,05/06/2001,Nữ,00004,P2,',
      'DTN-C,Quàng Thị Lả,15/08/2000,Nữ,00004,P1,',
      'DTN-D,Lò Thị Kim Oanh,1999,Nữ,00004,P1,',
    ]);
    await t.sql(`UPDATE member_record SET status = 'DECEASED' WHERE external_id = 'DTN-C'`);
    p1 = await t.serviceToken(Role.SECRETARIAT, 'DTN', 'P1');
  });
  afterAll(async () => t.close());

  it('names the record she may read and what agrees, for the same name typed without accents and the same birth day', async () => {
    const asked = await add('fullName: "Luong Thi Thu", birthDate: "12/03/2003"');
    expect(question(asked)).toMatch(/^Tổ chức đã có hồ sơ DTN-A — Lường Thị Thu, sinh 12\/03\/2003 \(.*\): trùng họ tên, ngày sinh, xã\./);
    expect(question(asked)).toContain('Nếu là người khác, bấm "Vẫn lưu"');
    const saved = await add('fullName: "Luong Thi Thu", birthDate: "12/03/2003"', true);
    expect(saved.errors).toBeUndefined();
  });

  it('asks for a dropped middle name and for a word more, as an import holds them', async () => {
    const dropped = await add('fullName: "Lò Thị Oanh", birthDate: "20/11/1999"');
    expect(question(dropped)).toMatch(
      /^Tổ chức đã có hồ sơ DTN-D — Lò Thị Kim Oanh, sinh 1999 .*: họ tên gần giống \('Lò Thị Kim Oanh'\), năm sinh, xã\./,
    );
    const wordMore = await add('fullName: "Lường Thị Thu Hà", birthDate: "2003"');
    expect(question(wordMore)).toMatch(/^Tổ chức đã có hồ sơ DTN-A\b/);
    expect(await t.sql(`SELECT 1 FROM member_record WHERE full_name IN ('Lò Thị Oanh', 'Lường Thị Thu Hà')`)).toHaveLength(0);
  });

  it('names a record outside her unit by its commune only', async () => {
    const asked = await add('fullName: "Hà Thị Sinh", birthDate: "05/06/2001"');
    expect(question(asked)).toMatch(/^Tổ chức đã có hồ sơ ngoài phạm vi của tài khoản này \(.+\): họ tên và năm sinh giống nhau\./);
    expect(JSON.stringify(asked.errors)).not.toMatch(/DTN-B|Sinh,|05\/06/);
  });

  it('saves without a question a namesake born another day, and someone whose listing has ended', async () => {
    expect((await add('fullName: "Lường Thị Thu", birthDate: "20/10/2003"')).errors).toBeUndefined();
    expect((await add('fullName: "Quàng Thị Lả", birthDate: "15/08/2000"')).errors).toBeUndefined();
  });
});
