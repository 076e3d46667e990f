import { Role } from '../src/access/role.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { eventually } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số điện thoại,Mã xã,Mã đơn vị,Ghi chú';

/**
 * What follows at once when she ends a membership: one person listed twice in her organization (the
 * link run found the two records one person) is no duplicate any more once she strikes off one copy;
 * a roster note that said the member died is taken as applied once she records the death.
 */
describe('a membership ended: what follows at once', () => {
  let t: TestApp;
  const flagsOf = async (code: string) =>
    (
      await t.sql<{ flags: string[] | null; person: string[] | null }>(
        `SELECT (SELECT array_agg(f.code ORDER BY f.code) FROM record_flag f WHERE f.record_id = r.id) AS flags,
                (SELECT p.flags FROM record_person p WHERE p.record_id = r.id) AS person
           FROM member_record r WHERE r.external_id = $1`,
        [code],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HND', HEADER, [
      'HND-A,Lò Văn Khiêm,12/05/1961,Nam,0912444101,00004,B1,',
      'HND-B,Lò Văn Khiêm,12/05/1961,Nam,0912444101,00004,B2,',
      'HND-C,Quàng Văn Ỏn,03/03/1950,Nam,0912444102,00004,B1,đã mất tháng 10/2026',
    ]);
    await t.app.get(LinkerService).link();
  });
  afterAll(async () => t.close());

  it('drops the duplicate flag from the copy she keeps when she strikes off the other', async () => {
    expect((await flagsOf('HND-A')).flags).toContain('DUPLICATE_IN_ORG');
    expect((await flagsOf('HND-B')).flags).toContain('DUPLICATE_IN_ORG');
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'HND-B'`);
    const ended = await t.gql(
      `mutation($id: ID!) { endMembership(input: { id: $id, status: STRUCK_OFF, date: "01/12/2026", reason: "Ghi trùng: cùng người với HND-A" }) { status } }`,
      { id },
      { token: await t.serviceToken(Role.SECRETARIAT, 'HND') },
    );
    expect(ended.errors).toBeUndefined();
    await eventually(async () => {
      const kept = await flagsOf('HND-A');
      expect(kept.flags ?? []).not.toContain('DUPLICATE_IN_ORG');
      expect(kept.person ?? []).not.toContain('DUPLICATE_IN_ORG');
    });
  });

  it('drops the duplicate flag from both when she corrects the CCCD typed onto the second (a slip, not one person)', async () => {
    await t.importRoster('HND', 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã', [
      'HND-D,Cầm Văn Dũng,01/02/1970,Nam,001070001234,00004',
      'HND-E,Lường Văn Ét,03/04/1972,Nam,001070001234,00004',
    ]);
    await eventually(async () => expect((await flagsOf('HND-E')).flags).toContain('DUPLICATE_IN_ORG'));
    expect((await flagsOf('HND-D')).flags).toContain('DUPLICATE_IN_ORG');
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'HND-E'`);
    const fixed = await t.gql(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { idNumber: "001072005678" }) { id } }`,
      { id },
      { token: await t.serviceToken(Role.SECRETARIAT, 'HND') },
    );
    expect(fixed.errors).toBeUndefined();
    for (const code of ['HND-D', 'HND-E']) {
      const now = await flagsOf(code);
      expect([code, now.flags ?? [], now.person ?? []]).toEqual([
        code,
        expect.not.arrayContaining(['DUPLICATE_IN_ORG']),
        expect.not.arrayContaining(['DUPLICATE_IN_ORG']),
      ]);
    }
  });

  it('takes her roster note "đã mất" as applied when she records the death, by her, with the ending as why', async () => {
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'HND-C'`);
    const open = await t.sql<{ status: string }>(`SELECT status FROM record_suggestion WHERE record_id = $1`, [id]);
    expect(open).toEqual([{ status: 'OPEN' }]);
    const ended = await t.gql(
      `mutation($id: ID!) { endMembership(input: { id: $id, status: DECEASED, date: "15/10/2026", reason: "Gia đình báo tin" }) { status } }`,
      { id },
      { token: await t.serviceToken(Role.SECRETARIAT, 'HND') },
    );
    expect(ended.errors).toBeUndefined();
    await eventually(async () =>
      expect(
        await t.sql(`SELECT status, decision_reason, decided_by IS NOT NULL AS by FROM record_suggestion WHERE record_id = $1`, [id]),
      ).toEqual([{ status: 'ACCEPTED', decision_reason: 'đã ghi kết thúc sinh hoạt: Đã mất', by: true }]),
    );
  });
});
