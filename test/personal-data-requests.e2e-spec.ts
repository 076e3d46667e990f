import { todayInVietnam } from '../src/common/dates/partial-date.js';
import { addDays } from '../src/membership/member-record/personal-data-requests.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào';
const FIELDS = 'id kind recordId externalId organization receivedOn dueOn daysLeft receivedBy doneAt doneBy';
const RECEIVE = `mutation ($kind: PersonalDataRequestKind!, $recordId: ID!, $receivedOn: String!) {
  receivePersonalDataRequest(kind: $kind, recordId: $recordId, receivedOn: $receivedOn) { ${FIELDS} } }`;

interface Request {
  kind: string;
  externalId: string;
  receivedOn: string;
  dueOn: string;
  daysLeft: number;
  doneAt: string | null;
  doneBy: string | null;
}

/**
 * A data subject's request reaches the province: the administrator records it with the day it was
 * received; it is due 20 days later, listed with the one due soonest on top, and answered when the
 * export or the erasure of her record runs.
 */
describe('personal-data requests with their legal deadline', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const list = async (includeDone = false) =>
    (
      await t.gql<{ personalDataRequests: Request[] }>(`query ($d: Boolean) { personalDataRequests(includeDone: $d) { ${FIELDS} } }`, {
        d: includeDone,
      })
    ).data!.personalDataRequests;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HND', HEADER, [
      'HND-A,Lò Văn An,01/01/1970,Nam,001070111111,0911000001,00008,B1,Đang sinh hoạt,01/01/2000',
      'HND-B,Cầm Thị Bình,02/02/1972,Nữ,001172222222,0911000002,00008,B1,Đang sinh hoạt,01/01/2000',
    ]);
    // Her Công đoàn record (the same CCCD): certainly hers, with a request of its own to that organization.
    await t.importRoster('CD', HEADER, ['CD-A,Lò Văn An,01/01/1970,Nam,001070111111,0911000001,00008,,Đang sinh hoạt,01/01/2005']);
    for (const r of await t.sql<{ id: string; external_id: string }>(`SELECT id, external_id FROM member_record`))
      ids[r.external_id] = r.id;
  });
  afterAll(() => t?.close());

  it('lists open requests due soonest first, answers each by its export or erasure, and refuses a bad day in Vietnamese', async () => {
    const today = todayInVietnam();
    const exportAsked = await t.gql(RECEIVE, { kind: 'EXPORT', recordId: ids['HND-A'], receivedOn: today });
    expect(exportAsked.errors).toBeUndefined();
    const askedOfCd = await t.gql(RECEIVE, { kind: 'EXPORT', recordId: ids['CD-A'], receivedOn: addDays(today, -1) });
    expect(askedOfCd.errors).toBeUndefined();
    const erasure = await t.gql<{ receivePersonalDataRequest: Request }>(RECEIVE, {
      kind: 'ERASURE',
      recordId: ids['HND-B'],
      receivedOn: addDays(today, -18),
    });
    expect(erasure.data!.receivePersonalDataRequest).toMatchObject({ externalId: 'HND-B', dueOn: addDays(today, 2), daysLeft: 2 });

    expect((await list()).map((q) => [q.kind, q.externalId, q.daysLeft])).toEqual([
      ['ERASURE', 'HND-B', 2],
      ['EXPORT', 'CD-A', 19],
      ['EXPORT', 'HND-A', 20],
    ]);
    const [logged] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'PERSONAL_DATA_REQUESTED'`);
    expect(logged.n).toBe(3);

    for (const receivedOn of [addDays(today, 1), '2026-02-30', '03/12/2026']) {
      const bad = await t.gql(RECEIVE, { kind: 'EXPORT', recordId: ids['HND-A'], receivedOn });
      expect(bad.errors?.[0].message).toContain(`Ngày nhận yêu cầu '${receivedOn}' không hợp lệ`);
    }

    const exported = await t.gql(`mutation ($id: ID!) { exportPersonalData(id: $id, reason: "Yêu cầu của chủ thể dữ liệu") }`, {
      id: ids['HND-A'],
    });
    expect(exported.errors).toBeUndefined();
    // Her copy holds her Công đoàn record too, each logged; only the request she made of the Hội is answered.
    const copy = JSON.parse((exported.data as { exportPersonalData: string }).exportPersonalData) as {
      otherRecords: { record: { externalId: string } }[];
    };
    expect(copy.otherRecords.map((o) => o.record.externalId)).toEqual(['CD-A']);
    const exportsLogged = await t.sql<{ subject_id: string }>(
      `SELECT subject_id FROM audit_event WHERE action = 'PERSONAL_DATA_EXPORTED' ORDER BY subject_id`,
    );
    expect(exportsLogged.map((e) => e.subject_id).sort()).toEqual([ids['HND-A'], ids['CD-A']].sort());
    expect((await list()).map((q) => q.externalId)).toEqual(['HND-B', 'CD-A']);
    const cdExported = await t.gql(`mutation ($id: ID!) { exportPersonalData(id: $id, reason: "Yêu cầu của chủ thể dữ liệu") }`, {
      id: ids['CD-A'],
    });
    expect(cdExported.errors).toBeUndefined();
    expect((await list()).map((q) => q.externalId)).toEqual(['HND-B']);

    const erased = await t.gql(`mutation ($id: ID!) { erasePersonalData(id: $id, reason: "Yêu cầu xóa của chủ thể dữ liệu") { id } }`, {
      id: ids['HND-B'],
    });
    expect(erased.errors).toBeUndefined();
    expect(await list()).toEqual([]);
    const done = await list(true);
    expect(done).toHaveLength(3);
    expect(done.every((q) => q.doneAt !== null && q.doneBy !== null)).toBe(true);
  });
});
