import { Role } from '../src/access/role.js';
import { todayInVietnam } from '../src/common/dates/partial-date.js';
import { gqlAs } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

type Row = {
  unitName: string | null;
  communeName: string | null;
  atStart: number;
  admitted: number;
  ended: { status: string; label: string; count: number }[];
  otherIn: number;
  otherOut: number;
  atEnd: number;
};
type Movement = { periodLabel: string; firstDay: string; lastDay: string; rows: Row[] };

const MOVEMENT = `query($o: String!, $p: String!, $u: String) {
  memberMovement(organization: $o, period: $p, unit: $u) {
    periodLabel firstDay lastDay rows { unitName communeName atStart admitted ended { status label count } otherIn otherOut atEnd }
  }
}`;

/**
 * A commune's Hội Nông dân files her báo cáo tăng, giảm each quarter: members at the start, admitted
 * (by their join date), ended by reason (by the day it took effect), members at the end, by chi hội.
 */
describe("a secretariat's báo cáo tăng, giảm hội viên", () => {
  let t: TestApp;
  let token: string;
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, token, query, variables);
  const add = async (fullName: string, unit: string, joinDate?: string) =>
    (
      await gql<{ createMemberRecord: { id: string } }>(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
        i: { organization: 'HND', fullName, birthDate: '1970', sex: 'MALE', communeCode: '00004', unit, joinDate },
      })
    ).createMemberRecord.id;
  const end = (id: string, status: string, date: string) =>
    gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`, { i: { id, status, date, reason: 'Theo sổ theo dõi' } });
  const movement = async (period: string, unit?: string) =>
    (await gql<{ memberMovement: Movement }>(MOVEMENT, { o: 'HND', p: period, u: unit ?? null })).memberMovement;

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      { organization: 'HND', code: 'ND-BD', name: 'Hội Nông dân phường Ba Đình', kind: 'BASE', communeCode: '00004' },
      { organization: 'HND', code: 'ND-T10', name: 'Chi hội Thôn 10', kind: 'BRANCH', parent: 'ND-BD' },
      { organization: 'HND', code: 'ND-T2', name: 'Chi hội Thôn 2', kind: 'BRANCH', parent: 'ND-BD' },
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    token = await t.logIn(await t.createUser('vp.nd.bd', Role.SECRETARIAT, 'HND', 'ND-BD'));
    await add('Nguyễn Văn An', 'ND-T2', '01/03/2020');
    await add('Trần Văn Bình', 'ND-T2', '15/08/2026'); // admitted in Q3
    await end(await add('Lê Văn Cường', 'ND-T2', '01/01/2019'), 'DECEASED', '10/09/2026'); // died in Q3
    await end(await add('Phạm Văn Dũng', 'ND-T2', '01/01/2018'), 'TRANSFERRED', '20/10/2026'); // moved away in Q4
    await end(await add('Đỗ Văn Em', 'ND-T2', '01/05/2026'), 'LEFT', '01/07/2026'); // left on Q3's first day
    await add('Vũ Văn Phúc', 'ND-T2'); // listed now, no join date known
    await add('Hoàng Văn Giáp', 'ND-T10', '01/01/2010');
  });
  afterAll(() => t?.close());

  it('counts an ended quarter by chi hội, each row adding up, in Vietnamese order (Thôn 2 before Thôn 10)', async () => {
    const m = await movement('2026-Q3');
    expect(m).toMatchObject({ periodLabel: 'Quý III/2026', firstDay: '2026-07-01', lastDay: '2026-09-30' });
    expect(m.rows).toEqual([
      {
        unitName: 'Chi hội Thôn 2',
        communeName: 'Phường Ba Đình',
        // An, Cường, Dũng, Em on 30/06; Bình admitted; Cường died, Em left; An, Bình, Dũng on 30/09.
        atStart: 4,
        admitted: 1,
        // In the order of the report's columns.
        ended: [
          { status: 'LEFT', label: 'Đã ra khỏi tổ chức', count: 1 },
          { status: 'DECEASED', label: 'Đã mất', count: 1 },
        ],
        otherIn: 0,
        otherOut: 0,
        atEnd: 3,
      },
      { unitName: 'Chi hội Thôn 10', communeName: 'Phường Ba Đình', atStart: 1, admitted: 0, ended: [], otherIn: 0, otherOut: 0, atEnd: 1 },
    ]);
  });

  it('counts the running quarter up to today; a member listed without a join date comes in as "other", not as admitted', async () => {
    const m = await movement('2026-Q4');
    expect(m.lastDay <= '2026-12-31' && m.lastDay >= '2026-10-01').toBe(true);
    expect(m.rows[0]).toEqual({
      unitName: 'Chi hội Thôn 2',
      communeName: 'Phường Ba Đình',
      atStart: 3,
      admitted: 0,
      ended: [{ status: 'TRANSFERRED', label: 'Đã chuyển sinh hoạt', count: 1 }],
      otherIn: 1,
      otherOut: 0,
      atEnd: 3,
    });
  });

  it("keeps a chi hội's secretariat to her chi hội, and another organization's out", async () => {
    const own = await t.logIn(await t.createUser('vp.nd.t10', Role.SECRETARIAT, 'HND', 'ND-T10'));
    const r = await t.gql<{ memberMovement: Movement }>(MOVEMENT, { o: 'HND', p: '2026-Q3', u: null }, { token: own });
    expect(r.data!.memberMovement.rows.map((x) => [x.unitName, x.atEnd])).toEqual([['Chi hội Thôn 10', 1]]);
    // Her office asks for one chi hội: that one alone.
    expect((await movement('2026-Q3', 'ND-T10')).rows.map((x) => x.unitName)).toEqual(['Chi hội Thôn 10']);
    const other = await t.logIn(await t.createUser('vp.cd', Role.SECRETARIAT, 'CD'));
    const refused = await t.gql(MOVEMENT, { o: 'HND', p: '2026-Q3', u: null }, { token: other });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await t.gql(MOVEMENT, { o: 'HND', p: 'quý 3', u: null }, { token });
    expect(bad.errors?.[0].message).toMatch(/Kỳ báo cáo 'quý 3' không hợp lệ.*2026-Q4/);
  });

  it('refuses an ending dated before the day she let him back in, so the movement still adds up to her roster', async () => {
    const vn = (iso: string) => iso.split('-').reverse().join('/');
    const today = todayInVietnam();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const id = await add('Lò Văn Hải', 'ND-T10', '01/01/2012');
    await end(id, 'DECEASED', vn(yesterday)); // by mistake: another man of that name died
    const version = (await gql<{ memberRecord: { version: number } }>(`query($id: ID!) { memberRecord(id: $id) { version } }`, { id }))
      .memberRecord.version;
    await gql(`mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { id } }`, {
      id,
      i: { status: 'ACTIVE', reason: 'Nhầm người', expectedVersion: version },
    });
    // Then he does die: dated the day of the first, mistaken ending, it would end him before he was let back in.
    const refused = await t.gql(
      `mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`,
      { i: { id, status: 'DECEASED', date: vn(yesterday), reason: 'Giấy báo tử' } },
      { token },
    );
    expect(refused.errors?.[0].message).toContain(`Ngày kết thúc ${vn(yesterday)} trước ngày cho sinh hoạt lại ${vn(today)}`);
    await end(id, 'DECEASED', vn(today));
    const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    const row = (await movement(quarter, 'ND-T10')).rows[0];
    const active = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_record r JOIN unit u ON u.id = r.unit_id WHERE u.code = 'ND-T10' AND r.status = 'ACTIVE'`,
    );
    expect(row.atEnd).toBe(active[0].n);
    expect(row.atStart + row.admitted + row.otherIn - row.otherOut - row.ended.reduce((n, e) => n + e.count, 0)).toBe(row.atEnd);
  });

  it('dates a return on the day he came back, not the day she records it, and counts it in that quarter', async () => {
    const vn = (iso: string) => iso.split('-').reverse().join('/');
    const daysAgo = (n: number) => new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const quarterOf = (iso: string) => `${iso.slice(0, 4)}-Q${Math.ceil(Number(iso.slice(5, 7)) / 3)}`;
    const [left, back] = [daysAgo(200), daysAgo(100)];
    const id = await add('Quàng Văn Sơn', 'ND-T10', '01/01/2000');
    await end(id, 'LEFT', vn(left));
    const before = (await movement(quarterOf(back), 'ND-T10')).rows[0];
    const version = (await gql<{ memberRecord: { version: number } }>(`query($id: ID!) { memberRecord(id: $id) { version } }`, { id }))
      .memberRecord.version;
    const reinstate = (statusDate: string, status = 'ACTIVE') =>
      t.gql(
        `mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { status } }`,
        { id, i: { status, statusDate, reason: 'Đã trở về địa phương', expectedVersion: version } },
        { token },
      );
    // Before he left, a day to come, or a year alone: refused in words, naming the field; nothing written.
    for (const [typed, says] of [
      [vn(daysAgo(300)), `trước lần đổi trạng thái trước (${vn(left)})`],
      [vn(daysAgo(-3)), 'ở tương lai'],
      [back.slice(0, 4), 'thiếu ngày và tháng'],
    ]) {
      const refused = await reinstate(typed);
      expect(refused.errors?.[0].message).toContain(says);
      expect(refused.errors?.[0].extensions?.problems).toEqual([expect.objectContaining({ field: 'statusDate', value: typed })]);
    }
    expect((await reinstate(vn(back))).errors).toBeUndefined();
    const [event] = await t.sql<{ day: string }>(
      `SELECT effective_date::text AS day FROM membership_event WHERE record_id = $1 AND kind = 'STATUS_CHANGED'`,
      [id],
    );
    expect(event.day).toBe(back);
    // The quarter he came back in counts him in ("other"), and still adds up.
    const after = (await movement(quarterOf(back), 'ND-T10')).rows[0];
    expect(after.otherIn).toBe(before.otherIn + 1);
    expect(after.atEnd).toBe(before.atEnd + 1);
  });

  it('counts no departure and no return for an ending she takes back as a mistake (Báo tử nhầm người)', async () => {
    const vn = (iso: string) => iso.split('-').reverse().join('/');
    const today = todayInVietnam();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    const id = await add('Cầm Văn Lự', 'ND-T10', '01/01/2015');
    const before = (await movement(quarter, 'ND-T10')).rows[0];
    const version = async () =>
      (await gql<{ memberRecord: { version: number } }>(`query($id: ID!) { memberRecord(id: $id) { version } }`, { id })).memberRecord
        .version;
    const update = (i: Record<string, unknown>) =>
      t.gql(
        `mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { id status } }`,
        { id, i },
        { token },
      );
    // Nothing to take back while he is a member: said so.
    const refused = await update({ status: 'ACTIVE', reason: 'Nhầm', endingMistaken: true, expectedVersion: await version() });
    expect(refused.errors?.[0].message).toContain('không có lần kết thúc nào để hủy');

    await end(id, 'DECEASED', vn(yesterday)); // another man of that name died
    const back = await update({ status: 'ACTIVE', reason: 'Báo tử nhầm người', endingMistaken: true, expectedVersion: await version() });
    expect(back.errors).toBeUndefined();
    const events = await t.sql<{ kind: string; day: string | null; voids: string | null; id: string }>(
      `SELECT id, kind, effective_date::text AS day, voids FROM membership_event WHERE record_id = $1 ORDER BY recorded_at, id`,
      [id],
    );
    expect(events.map((e) => [e.kind, e.day])).toEqual([
      ['ADMITTED', '2015-01-01'],
      ['ENDED', yesterday],
      ['STATUS_CHANGED', yesterday],
    ]);
    expect(events[2].voids).toBe(events[1].id);
    // The quarter's row: as if he had never been ended — no death, no return; it still adds up to her roster.
    const after = (await movement(quarter, 'ND-T10')).rows[0];
    expect(after.ended).toEqual(before.ended);
    expect({ otherIn: after.otherIn, otherOut: after.otherOut, atEnd: after.atEnd }).toEqual({
      otherIn: before.otherIn,
      otherOut: before.otherOut,
      atEnd: before.atEnd,
    });
    expect(after.atStart + after.admitted + after.otherIn - after.otherOut - after.ended.reduce((n, e) => n + e.count, 0)).toBe(
      after.atEnd,
    );
  });

  it("counts a move between her chi hội as one row's other out and the other's other in, and leaves the ended quarter as filed", async () => {
    const q3Before = await movement('2026-Q3');
    const today = todayInVietnam();
    const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    const nowBefore = await movement(quarter);
    const [an] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE full_name = 'Nguyễn Văn An'`);
    const moved = await t.gql(
      `mutation($i: TransferMemberRecordInput!) { transferMemberRecord(input: $i) { id } }`,
      { i: { id: an.id, unit: 'ND-T10', date: today.split('-').reverse().join('/'), reason: 'Về ở với con' } },
      { token },
    );
    expect(moved.errors).toBeUndefined();
    // The quarter that ended is as she filed it: An counted in Thôn 2 at its end.
    expect(await movement('2026-Q3')).toEqual(q3Before);
    const now = await movement(quarter);
    const row = (m: Movement, name: string) => m.rows.find((r) => r.unitName === name)!;
    const before2 = row(nowBefore, 'Chi hội Thôn 2');
    const before10 = row(nowBefore, 'Chi hội Thôn 10');
    expect(row(now, 'Chi hội Thôn 2')).toMatchObject({
      atStart: before2.atStart,
      otherOut: before2.otherOut + 1,
      atEnd: before2.atEnd - 1,
    });
    expect(row(now, 'Chi hội Thôn 10')).toMatchObject({
      atStart: before10.atStart,
      otherIn: before10.otherIn + 1,
      atEnd: before10.atEnd + 1,
    });
    for (const r of now.rows)
      expect(r.atStart + r.admitted + r.otherIn - r.otherOut - r.ended.reduce((n, e) => n + e.count, 0)).toBe(r.atEnd);
    // Her chi hội's secretariat of Thôn 2 still sees him leave her chi hội this quarter.
    const t2 = (await movement(quarter, 'ND-T2')).rows;
    expect(t2.map((r) => [r.unitName, r.otherOut])).toEqual([['Chi hội Thôn 2', before2.otherOut + 1]]);
  });

  it('keeps a member listed now without a join date, whose death her list dates in an earlier quarter, out of this quarter', async () => {
    const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, {
      i: { organization: 'HND', code: 'ND-T5', name: 'Chi hội Thôn 5', kind: 'BRANCH', parent: 'ND-BD' },
    });
    expect(r.errors).toBeUndefined();
    const [y, mo] = todayInVietnam().split('-').map(Number);
    const q = Math.floor((mo - 1) / 3);
    // The day before this quarter began: in the quarter before.
    const before = new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
    const id = await add('Ma Văn Hiếu', 'ND-T5');
    expect(await end(id, 'DECEASED', before.split('-').reverse().join('/'))).toBeDefined();
    // Dead since then: not a member at this quarter's end because she listed him today.
    const m = await movement(`${y}-Q${q + 1}`);
    expect(m.rows.find((row) => row.unitName === 'Chi hội Thôn 5')).toBeUndefined();
  });

  it("counts a member transferred to another commune's unit as a decrease by transfer for her, a move between units for the province", async () => {
    for (const u of [{ organization: 'HND', code: 'ND-NH', name: 'Hội Nông dân phường Ngọc Hà', kind: 'BASE', communeCode: '00008' }])
      expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u })).errors).toBeUndefined();
    const before = (await movement('2026-Q4', 'ND-T10')).rows[0];
    const id = await add('Lường Văn Khánh', 'ND-T10', '01/01/2012');
    const sent = await gql<{ transferMemberRecord: { transferRequest: { id: string } } }>(
      `mutation($i: TransferMemberRecordInput!) { transferMemberRecord(input: $i) { transferRequest { id } } }`,
      { i: { id, unit: 'ND-NH', date: '01/12/2026', reason: 'Chuyển nơi cư trú' } },
    );
    const accepted = await t.gql(`mutation($id: ID!) { acceptTransfer(id: $id) { state } }`, {
      id: sent.transferMemberRecord.transferRequest.id,
    });
    expect(accepted.errors).toBeUndefined();
    // Hers: he left by transfer (in the Giảm column of chuyển sinh hoạt), not as "other".
    const after = (await movement('2026-Q4', 'ND-T10')).rows[0];
    const transferred = (r: Row) => r.ended.find((e) => e.status === 'TRANSFERRED')?.count ?? 0;
    expect(transferred(after)).toBe(transferred(before) + 1);
    expect(after.otherOut).toBe(before.otherOut);
    // The province's Hội sees a move between two of its units: out of Thôn 10, into Ngọc Hà, no decrease.
    const province = (await t.gql<{ memberMovement: Movement }>(MOVEMENT, { o: 'HND', p: '2026-Q4', u: null })).data!.memberMovement.rows;
    expect(province.find((r) => r.unitName === 'Chi hội Thôn 10')!.ended.some((e) => e.status === 'TRANSFERRED')).toBe(false);
    expect(province.find((r) => r.unitName === 'Hội Nông dân phường Ngọc Hà')).toMatchObject({ otherIn: 1, atEnd: 1 });
  });
});
