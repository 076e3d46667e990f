import { periodContaining } from '../src/common/dates/period.js';
import { Role } from '../src/access/role.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào';

/**
 * A secretariat ends her phantoms by sending her list again with their `Trạng thái` (Đã mất, Xóa tên), as she
 * keeps it in Excel, not from each member's page: the warnings those endings settle are confirmed as if she had
 * pressed the button — the Ban Dân vận counts them among the phantoms struck off, and his request on one is
 * answered —, a death is told to the other organizations' listings of the person, and an undo of the import takes
 * all of it back. So does an ending she takes back as a mistake.
 */
describe('the warnings an ending settles, and an undo or a mistake taking them back', () => {
  let t: TestApp;
  const current = periodContaining('QUARTER', new Date());
  const idOf = async (org: string, externalId: string) =>
    (await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE organization_code = $1 AND external_id = $2`, [org, externalId]))[0]
      .id;
  const resolutions = async (org: string) =>
    t.sql<{ code: string; external_id: string; resolution: string; asked_by: string | null; resolved_by: string }>(
      `SELECT x.code, r.external_id, x.resolution, x.asked_by, x.resolved_by FROM flag_resolution x JOIN member_record r ON r.id = x.record_id
        WHERE r.organization_code = $1 ORDER BY r.external_id, x.code`,
      [org],
    );
  const struck = async () => {
    const s = await t.app.get(ReportsService).run(current.key, null, { now: new Date() });
    const r = await t.gql<{ report: { totals: { struck: number | null }; organizations: { code: string; struck: number | null }[] } }>(
      `query($id: ID!) { report(id: $id) { totals { struck } organizations { code struck } } }`,
      { id: s.id },
    );
    return { total: r.data!.report.totals.struck, hpn: r.data!.report.organizations.find((o) => o.code === 'HPN')?.struck };
  };
  const deathToldToCcb = async () =>
    (
      await t.sql(
        `SELECT 1 FROM record_flag f JOIN member_record r ON r.id = f.record_id
          WHERE r.organization_code = 'CCB' AND f.code = 'DECEASED' AND f.evidence->>'raisedBy' = 'DEATH_ELSEWHERE'`,
      )
    ).length;
  const flagsOf = async (externalId: string) =>
    (await t.sql<{ code: string }>(`SELECT code FROM record_flag WHERE record_id = $1 ORDER BY code`, [await idOf('HPN', externalId)])).map(
      (f) => f.code,
    );
  const lastJob = async (org: string) =>
    (await t.sql<{ id: string }>(`SELECT id FROM import_job WHERE organization_code = $1 ORDER BY started_at DESC LIMIT 1`, [org]))[0].id;

  beforeAll(async () => {
    t = await createTestApp();
    // Phạm Thị Dung is dead in the register; Hội Phụ nữ lists Nguyễn Thị An, alive, twice (HPN-1, HPN-4).
    await t.importRegister([
      'Phạm Thị Dung,05/06/1960,Nữ,001160000003,00004,Đã mất,15/06/2025',
      'Nguyễn Thị An,01/02/1980,Nữ,001180000001,00004,Còn sống,',
    ]);
    await t.importRoster('HPN', HEADER, [
      'HPN-1,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00004,HPN-B1,Đang sinh hoạt,01/01/2010',
      'HPN-2,Phạm Thị Dung,05/06/1960,Nữ,001160000003,0911000003,00004,HPN-B1,Đang sinh hoạt,01/01/1995',
      'HPN-4,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00004,HPN-B1,Đang sinh hoạt,01/01/2010',
    ]);
    // Hà Văn Thọ, in the Hội Nông dân and the Cựu chiến binh: the register does not know of his death.
    await t.importRoster('HND', HEADER, ['HND-1,Hà Văn Thọ,02/02/1950,Nam,001050066666,0911000011,00004,HND-B1,Đang sinh hoạt,01/01/2000']);
    await t.importRoster('CCB', HEADER, ['CCB-1,Hà Văn Thọ,02/02/1950,Nam,001050066666,0911000011,00004,CCB-B1,Đang sinh hoạt,01/01/1990']);
    await t.app.get(LinkerService).link();
    // The Ban Dân vận asks the Hội to look at Dung's death before the office has decided anything.
    const danVan = await t.logIn(await t.createUser('bandanvan', Role.DAN_VAN));
    const asked = await t.gql(
      `mutation($id: ID!) { resolveFlag(recordId: $id, code: "DECEASED", resolution: "ATTENTION", note: "Đề nghị Hội xác minh") }`,
      { id: await idOf('HPN', 'HPN-2') },
      { token: danVan },
    );
    expect(asked.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('confirms the warnings her file ends, answers the request, tells the death elsewhere; the undo takes it all back', async () => {
    expect(await struck()).toEqual({ total: 0, hpn: 0 });
    // Her list again: Dung died (her Ghi chú says so too), the second listing of An is struck off; An herself stays.
    await t.importRoster('HPN', `${HEADER},Ghi chú`, [
      'HPN-1,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00004,HPN-B1,Đang sinh hoạt,01/01/2010,',
      'HPN-2,Phạm Thị Dung,05/06/1960,Nữ,001160000003,0911000003,00004,HPN-B1,Đã mất,01/01/1995,Đã mất tháng 11/2026',
      'HPN-4,Nguyễn Thị An,01/02/1980,Nữ,001180000001,0911000001,00004,HPN-B1,Xóa tên,01/01/2010,',
    ]);
    const job = await lastJob('HPN');
    // The note her Trạng thái carried out leaves her nothing to answer ("still counted until you decide" would be untrue).
    expect(await t.sql(`SELECT kind FROM record_suggestion WHERE import_job_id = $1`, [job])).toEqual([]);
    // An is listed once now: her own listing's duplicate warning goes with the other.
    expect(await flagsOf('HPN-1')).toEqual([]);
    // The settled warnings confirmed; his request on Dung's kept beside the answer. HPN-1's own duplicate warning is not hers to settle.
    expect(await resolutions('HPN')).toEqual([
      { code: 'DECEASED', external_id: 'HPN-2', resolution: 'CONFIRMED', asked_by: 'bandanvan', resolved_by: 'cli:test' },
      { code: 'DUPLICATE_IN_ORG', external_id: 'HPN-4', resolution: 'CONFIRMED', asked_by: null, resolved_by: 'cli:test' },
    ]);
    expect(await struck()).toEqual({ total: 2, hpn: 2 });

    // The Hội Nông dân's file says Thọ died: the Cựu chiến binh's listing of him is flagged for its office to decide.
    await t.importRoster('HND', HEADER, ['HND-1,Hà Văn Thọ,02/02/1950,Nam,001050066666,0911000011,00004,HND-B1,Đã mất,01/01/2000']);
    expect(await deathToldToCcb()).toBe(1);
    const undo = async (jobId: string) =>
      expect(
        (await t.gql(`mutation($j: ID!) { undoImport(jobId: $j, reason: "Nhập nhầm tệp cũ") { status } }`, { j: jobId })).errors,
      ).toBeUndefined();
    await undo(await lastJob('HND'));
    expect(await deathToldToCcb()).toBe(0);

    // Her import undone: the warnings open again, his request is his request again, nothing counted struck.
    await undo(job);
    expect(await resolutions('HPN')).toEqual([
      { code: 'DECEASED', external_id: 'HPN-2', resolution: 'ATTENTION', asked_by: 'bandanvan', resolved_by: 'bandanvan' },
    ]);
    // Listed twice again, both listings say so.
    expect(await flagsOf('HPN-4')).toEqual(['DUPLICATE_IN_ORG']);
    expect(await flagsOf('HPN-1')).toEqual(['DUPLICATE_IN_ORG']);
    expect(await struck()).toEqual({ total: 0, hpn: 0 });
  });
  it('opens again the warning a mistaken ending confirmed: she took the wrong member for dead, and says so when she takes it back', async () => {
    const hpn = await t.logIn(await t.createUser('xa-hpn', Role.SECRETARIAT, 'HPN'));
    const dung = await idOf('HPN', 'HPN-2');
    const confirmed = await t.gql(
      `mutation($id: ID!) { resolveFlag(recordId: $id, code: "DECEASED", resolution: "CONFIRMED", note: "Thôn báo đã mất") }`,
      { id: dung },
      { token: hpn },
    );
    expect(confirmed.errors).toBeUndefined();
    expect(await struck()).toEqual({ total: 1, hpn: 1 });
    // Another woman of that name died: Cho sinh hoạt lại, as a mistake.
    const back = await t.gql(
      `mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { status } }`,
      { id: dung, i: { status: 'ACTIVE', reason: 'Báo tử nhầm người', endingMistaken: true } },
      { token: hpn },
    );
    expect(back.errors).toBeUndefined();
    expect(await resolutions('HPN')).toEqual([
      { code: 'DECEASED', external_id: 'HPN-2', resolution: 'ATTENTION', asked_by: 'bandanvan', resolved_by: 'bandanvan' },
    ]);
    expect(await struck()).toEqual({ total: 0, hpn: 0 });
    const live = await t.gql<{ liveFigures: { confirmedPhantoms: number } }>(`{ liveFigures { confirmedPhantoms } }`);
    expect(live.data!.liveFigures.confirmedPhantoms).toBe(0);
  });
});
