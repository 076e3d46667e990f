import { Role } from '../src/access/role.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào';

interface Flagged {
  externalId: string;
  ao: boolean;
  flags: { code: string; severity: string; message: string; evidenceOutcome: string | null; evidenceDate: string | null }[];
}

/**
 * One woman in the Hội Phụ nữ and the Hội Người cao tuổi (one person after a link run): the Hội Phụ
 * nữ ends her as dead, and the Hội Người cao tuổi's secretariat is told at once in Cảnh báo, dated;
 * a link run keeps it; taking the death back takes it away; a flag dismissed is not raised again.
 */
describe('a death one organization records, told to the others of the same person', () => {
  let t: TestApp;
  let nct: string;
  const id = async (external: string) =>
    (await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = $1`, [external]))[0].id;
  const flagged = async (): Promise<Flagged[]> => {
    const r = await t.gql<{ flaggedRecords: Flagged[] }>(
      `{ flaggedRecords(first: 50) { externalId ao flags { code severity message evidenceOutcome evidenceDate } } }`,
      {},
      { token: nct },
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.flaggedRecords;
  };
  const deathOf = async (external: string) =>
    (await flagged()).find((r) => r.externalId === external)?.flags.find((f) => f.code === 'DECEASED') ?? null;
  const end = (external: string, date: string) =>
    id(external).then((rid) =>
      t.gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { status } }`, {
        i: { id: rid, status: 'DECEASED', date, reason: 'Giấy báo tử của UBND xã' },
      }),
    );

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HPN', HEADER, [
      'HPN-1,Nguyễn Thị Mai,12/03/1958,Nữ,001158123456,0912345678,00004,PN1,Đang sinh hoạt,01/01/1990',
      'HPN-2,Đinh Thị Hoa,05/07/1962,Nữ,001162654321,0912000111,00004,PN1,Đang sinh hoạt,01/01/1995',
    ]);
    await t.importRoster('NCT', HEADER, [
      'NCT-1,Nguyễn Thị Mai,12/03/1958,Nữ,001158123456,0912345678,00004,CT1,Đang sinh hoạt,01/01/2018',
      'NCT-2,Đinh Thị Hoa,05/07/1962,Nữ,001162654321,0912000111,00004,CT1,Đang sinh hoạt,01/01/2022',
    ]);
    await t.app.get(LinkerService).link();
    nct = await t.logIn(await t.createUser('vp-nct', Role.SECRETARIAT, 'NCT'));
  });
  afterAll(() => t.close());

  it('flags her other listing at once, naming who recorded the death and its day; her confirmation is dated by it', async () => {
    expect(await deathOf('NCT-1')).toBeNull();
    expect((await end('HPN-1', '02/11/2026')).errors).toBeUndefined();
    expect(await deathOf('NCT-1')).toEqual({
      code: 'DECEASED',
      severity: 'PHANTOM',
      message: 'Hội Liên hiệp Phụ nữ Việt Nam ghi người này đã mất ngày 02/11/2026 (kết thúc sinh hoạt)',
      evidenceOutcome: 'DECEASED',
      evidenceDate: '2026-11-02',
    });
    expect((await flagged()).find((r) => r.externalId === 'NCT-1')!.ao).toBe(true);
    // Another person of the same commune and organizations: nothing.
    expect(await deathOf('NCT-2')).toBeNull();
  });

  it('keeps the flag through a link run while the death stands, and takes it away when the death is taken back', async () => {
    await t.app.get(LinkerService).link();
    expect((await deathOf('NCT-1'))?.message).toMatch(/^Hội Liên hiệp Phụ nữ Việt Nam ghi người này đã mất ngày 02\/11\/2026/);
    const back = await t.gql(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { status: ACTIVE, reason: "Ghi nhầm: bà còn sống" }) { status } }`,
      {
        id: await id('HPN-1'),
      },
    );
    expect(back.errors).toBeUndefined();
    expect(await deathOf('NCT-1')).toBeNull();
    expect((await flagged()).find((r) => r.externalId === 'NCT-1')?.ao ?? false).toBe(false);
    await t.app.get(LinkerService).link();
    expect(await deathOf('NCT-1')).toBeNull();
  });

  it('does not raise again a flag her secretariat called a false alarm', async () => {
    expect((await end('HPN-2', '03/11/2026')).errors).toBeUndefined();
    expect(await deathOf('NCT-2')).not.toBeNull();
    const dismissed = await t.gql(
      `mutation($id: ID!) { resolveFlag(recordId: $id, code: "DECEASED", resolution: "FALSE_ALARM", note: "Bà vẫn đến sinh hoạt tháng này") }`,
      { id: await id('NCT-2') },
      { token: nct },
    );
    expect(dismissed.errors).toBeUndefined();
    await t.app.get(LinkerService).link();
    const kept = (await flagged()).find((r) => r.externalId === 'NCT-2');
    expect(kept?.ao ?? false).toBe(false);
  });
});
