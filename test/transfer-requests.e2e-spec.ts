import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createDtnUnits } from './support/dtn-units.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Units and transfers (issue 20, items 3 and 6): a move to a unit the secretariat keeps happens at
 * once; to another commune's unit it waits for that unit's secretariat, who accepts (the record
 * moves: history event, audit line) or declines with a reason the sender reads. Renaming a unit,
 * the units' member counts.
 */
describe('units and transfers between secretariats', () => {
  let t: TestApp;
  const tokens = { a: '', b: '', hpn: '' };
  const ids = { inScope: '', accepted: '', declined: '' };

  const RECORD = `id unit { code } transferRequest { id state toUnit { code } declineReason incoming } history { kind effectiveDate fromUnit { code } toUnit { code } reason }`;
  type Record = {
    id: string;
    unit: { code: string } | null;
    transferRequest: { id: string; state: string; toUnit: { code: string }; declineReason: string | null; incoming: boolean } | null;
    history: {
      kind: string;
      effectiveDate: string | null;
      fromUnit: { code: string } | null;
      toUnit: { code: string } | null;
      reason: string | null;
    }[];
  };
  const transfer = (id: string, unit: string, token: string) =>
    t.gql<{ transferMemberRecord: Record }>(
      `mutation($i: TransferMemberRecordInput!) { transferMemberRecord(input: $i) { ${RECORD} } }`,
      { i: { id, unit, date: '15/11/2026', reason: 'Chuyển nơi cư trú' } },
      { token },
    );
  const read = async (id: string, token?: string) =>
    t.gql<{ memberRecord: Record }>(`query($id: ID!) { memberRecord(id: $id) { ${RECORD} } }`, { id }, token ? { token } : {});
  type Pending = { id: string; state: string; incoming: boolean; record: { id: string; fullName: string }; fromUnit: { code: string } };
  const pending = (token: string, declined = false) =>
    t.gql<{ pendingTransfers: Pending[] }>(
      `query($d: Boolean) { pendingTransfers(organization: "DTN", declined: $d) { id state incoming record { id fullName } fromUnit { code } } }`,
      { d: declined },
      { token },
    );
  const communeOf = async (id: string) =>
    (await t.sql<{ commune_code: string | null }>(`SELECT commune_code FROM member_record WHERE id = $1`, [id]))[0].commune_code;
  const waiting = async (token: string) =>
    (await t.gql<{ sinceLastVisit: { incomingTransfers: number } }>(`{ sinceLastVisit { incomingTransfers } }`, {}, { token })).data!
      .sinceLastVisit.incomingTransfers;
  const audit = (subject: string) =>
    t.sql<{ action: string; actor_name: string; detail: { request?: string; toUnit?: string }; note: string | null }>(
      `SELECT e.action, e.actor_name, e.detail, n.text AS note FROM audit_event e LEFT JOIN audit_note n ON n.id = e.note_id
        WHERE e.subject_id = $1 AND e.action <> 'RECORD_READ' ORDER BY e.id`,
      [subject],
    );

  beforeAll(async () => {
    t = await createTestApp();
    await createDtnUnits(t);
    tokens.a = await t.logIn(await t.createUser('vp.badinh', Role.SECRETARIAT, 'DTN', 'A'));
    tokens.b = await t.logIn(await t.createUser('vp.ngocha', Role.SECRETARIAT, 'DTN', 'B'));
    tokens.hpn = await t.logIn(await t.createUser('vp.hpn', Role.SECRETARIAT, 'HPN'));
    let n = 0;
    for (const key of ['inScope', 'accepted', 'declined'] as const) {
      const r = await t.gql<{ createMemberRecord: { id: string } }>(
        `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
        {
          i: {
            organization: 'DTN',
            externalId: `T-${++n}`,
            fullName: `Nguyễn Văn ${['An', 'Bình', 'Cường'][n - 1]}`,
            unit: 'A',
            birthDate: '2001',
          },
        },
        { token: tokens.a },
      );
      ids[key] = r.data!.createMemberRecord.id;
    }
  });
  afterAll(async () => t.close());

  it('moves a record at once to a unit the secretariat keeps, with its history and audit line', async () => {
    const r = await transfer(ids.inScope, 'A1', tokens.a);
    expect(r.errors).toBeUndefined();
    expect(r.data!.transferMemberRecord.unit!.code).toBe('A1');
    expect(r.data!.transferMemberRecord.transferRequest).toBeNull();
    expect(r.data!.transferMemberRecord.history.at(-1)).toMatchObject({
      kind: 'TRANSFERRED',
      effectiveDate: '2026-11-15',
      fromUnit: { code: 'A' },
      toUnit: { code: 'A1' },
    });
    expect((await audit(ids.inScope)).map((a) => [a.action, a.actor_name])).toEqual([
      ['RECORD_CREATED', 'vp.badinh'],
      ['RECORD_TRANSFERRED', 'vp.badinh'],
    ]);
    expect(await t.sql(`SELECT id FROM transfer_request`)).toEqual([]);
  });

  it("sends a transfer to another commune's unit to its secretariat, who accepts it: then the record moves", async () => {
    expect(await communeOf(ids.accepted)).not.toBe('00008');
    const sent = await transfer(ids.accepted, 'B', tokens.a);
    expect(sent.errors).toBeUndefined();
    // The record stays in A, marked as waiting for B; no move in its history yet.
    expect(sent.data!.transferMemberRecord.unit!.code).toBe('A');
    expect(sent.data!.transferMemberRecord.transferRequest).toMatchObject({ state: 'PENDING', toUnit: { code: 'B' }, incoming: false });
    expect(sent.data!.transferMemberRecord.history.map((h) => h.kind)).toEqual(['ADMITTED']);
    const requestId = sent.data!.transferMemberRecord.transferRequest!.id;
    expect((await audit(ids.accepted)).at(-1)).toMatchObject({ action: 'TRANSFER_REQUESTED', detail: { request: requestId, toUnit: 'B' } });

    const twice = await transfer(ids.accepted, 'A1', tokens.a);
    expect(twice.errors![0].extensions!.code).toBe('CONFLICT');
    expect(twice.errors![0].message).toContain("đang chờ đơn vị 'B' nhận");

    // Both sides see it; only the receiving side decides.
    expect((await pending(tokens.a)).data!.pendingTransfers).toMatchObject([{ id: requestId, incoming: false, fromUnit: { code: 'A' } }]);
    expect((await pending(tokens.b)).data!.pendingTransfers).toMatchObject([
      { id: requestId, incoming: true, record: { id: ids.accepted, fullName: 'Nguyễn Văn Bình' } },
    ]);
    expect((await pending(tokens.hpn)).errors![0].extensions!.code).toBe('FORBIDDEN');
    // The receiving side is told at log-in that a transfer waits for her; the sender and another organization are not.
    expect([await waiting(tokens.b), await waiting(tokens.a), await waiting(tokens.hpn)]).toEqual([1, 0, 0]);
    const ACCEPT = `mutation($id: ID!) { acceptTransfer(id: $id) { state decidedBy } }`;
    expect((await t.gql(ACCEPT, { id: requestId }, { token: tokens.a })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await read(ids.accepted, tokens.b)).errors![0].extensions!.code).toBe('NOT_FOUND');

    const accepted = await t.gql<{ acceptTransfer: { state: string; decidedBy: string } }>(ACCEPT, { id: requestId }, { token: tokens.b });
    expect(accepted.data!.acceptTransfer).toEqual({ state: 'ACCEPTED', decidedBy: 'vp.ngocha' });
    expect(await waiting(tokens.b)).toBe(0);
    const moved = (await read(ids.accepted, tokens.b)).data!.memberRecord;
    expect(moved.unit!.code).toBe('B');
    // She now lives, and is counted, in Ngọc Hà: her commune followed her unit.
    expect(await communeOf(ids.accepted)).toBe('00008');
    expect(moved.transferRequest).toBeNull();
    expect(moved.history.at(-1)).toMatchObject({
      kind: 'TRANSFERRED',
      effectiveDate: '2026-11-15',
      fromUnit: { code: 'A' },
      toUnit: { code: 'B' },
      reason: 'Chuyển nơi cư trú',
    });
    expect((await audit(ids.accepted)).at(-1)).toMatchObject({
      action: 'RECORD_TRANSFERRED',
      actor_name: 'vp.ngocha',
      detail: { request: requestId },
    });
    // It has left the sender's roster; the decision is made once.
    expect((await read(ids.accepted, tokens.a)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(ACCEPT, { id: requestId }, { token: tokens.b })).errors![0].extensions!.code).toBe('CONFLICT');
    expect((await pending(tokens.b)).data!.pendingTransfers).toEqual([]);
  });

  it('lets the receiving secretariat decline with a reason the sender reads; the record stays', async () => {
    const sent = await transfer(ids.declined, 'B', tokens.a);
    const requestId = sent.data!.transferMemberRecord.transferRequest!.id;
    const DECLINE = `mutation($id: ID!, $r: String!) { declineTransfer(id: $id, reason: $r) { state declineReason } }`;
    expect((await t.gql(DECLINE, { id: requestId, r: ' ' }, { token: tokens.b })).errors![0].message).toContain('cần ghi lý do');
    const declined = await t.gql<{ declineTransfer: { state: string } }>(
      DECLINE,
      { id: requestId, r: 'Người này không cư trú tại phường Ngọc Hà' },
      { token: tokens.b },
    );
    expect(declined.data!.declineTransfer.state).toBe('DECLINED');
    const stays = (await read(ids.declined, tokens.a)).data!.memberRecord;
    expect(stays.unit!.code).toBe('A');
    expect(stays.history.map((h) => h.kind)).toEqual(['ADMITTED']);
    expect(stays.transferRequest).toMatchObject({ state: 'DECLINED', declineReason: 'Người này không cư trú tại phường Ngọc Hà' });
    expect((await pending(tokens.a, true)).data!.pendingTransfers).toMatchObject([{ id: requestId, state: 'DECLINED' }]);
    // The sender's own list: what she sent and what became of each, newest first; the receiver sent nothing.
    const SENT = `{ sentTransfers(organization: "DTN") { id state record { fullName } toUnit { code } decidedBy declineReason } }`;
    expect((await t.gql<{ sentTransfers: unknown[] }>(SENT, {}, { token: tokens.a })).data!.sentTransfers).toMatchObject([
      { id: requestId, state: 'DECLINED', toUnit: { code: 'B' }, declineReason: 'Người này không cư trú tại phường Ngọc Hà' },
      { state: 'ACCEPTED', record: { fullName: 'Nguyễn Văn Bình' }, toUnit: { code: 'B' }, decidedBy: 'vp.ngocha' },
    ]);
    expect((await t.gql<{ sentTransfers: unknown[] }>(SENT, {}, { token: tokens.b })).data!.sentTransfers).toEqual([]);
    expect((await t.gql(SENT, {}, { token: tokens.hpn })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await audit(ids.declined)).at(-1)).toMatchObject({
      action: 'TRANSFER_DECLINED',
      actor_name: 'vp.ngocha',
      note: 'Người này không cư trú tại phường Ngọc Hà',
      detail: { request: requestId },
    });
    // A roster page answers each row's request (one query for the page).
    const page = await t.gql<{ memberRecords: { nodes: { id: string; transferRequest: { state: string } | null }[] } }>(
      `{ memberRecords(organization: "DTN") { nodes { id transferRequest { state } } } }`,
      {},
      { token: tokens.a },
    );
    expect(Object.fromEntries(page.data!.memberRecords.nodes.map((n) => [n.id, n.transferRequest?.state ?? null]))).toEqual({
      [ids.inScope]: null,
      [ids.declined]: 'DECLINED',
    });
    // Declined, she may send it again (or elsewhere).
    expect((await transfer(ids.declined, 'A1', tokens.a)).data!.transferMemberRecord.unit!.code).toBe('A1');
  });

  it('renames a unit within the scope (audited), counts members per unit, and lists where a member may go', async () => {
    const RENAME = `mutation($i: RenameUnitInput!) { renameUnit(input: $i) { code name } }`;
    const renamed = await t.gql<{ renameUnit: { code: string; name: string } }>(
      RENAME,
      { i: { organization: 'DTN', code: 'A1', name: 'Chi đoàn Khu phố Một' } },
      { token: tokens.a },
    );
    expect(renamed.data!.renameUnit).toEqual({ code: 'A1', name: 'Chi đoàn Khu phố Một' });
    const outside = await t.gql(RENAME, { i: { organization: 'DTN', code: 'B', name: 'Tên khác' } }, { token: tokens.a });
    expect(outside.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(RENAME, { i: { organization: 'DTN', code: 'A', name: ' ' } }, { token: tokens.a })).errors![0].message).toContain(
      'Tên đơn vị',
    );
    const [unit] = await t.sql<{ id: string; name: string }>(`SELECT id, name FROM unit WHERE code = 'A1'`);
    expect(unit.name).toBe('Chi đoàn Khu phố Một');
    expect(await audit(unit.id)).toMatchObject([{ action: 'UNIT_RENAMED', actor_name: 'vp.badinh', detail: { code: 'A1' } }]);

    const units = await t.gql<{ units: { code: string; memberCount: number }[] }>(
      `{ units(organization: "DTN") { code memberCount } }`,
      {},
      { token: tokens.a },
    );
    expect(units.data!.units).toEqual([
      { code: 'A', memberCount: 0 },
      { code: 'A1', memberCount: 2 },
    ]);
    const targets = await t.gql<{ transferTargets: { code: string }[] }>(
      `{ transferTargets(organization: "DTN") { code } }`,
      {},
      {
        token: tokens.a,
      },
    );
    expect(targets.data!.transferTargets.map((u) => u.code).sort()).toEqual(['A', 'A1', 'B', 'TINH']);
    expect((await t.gql(`{ transferTargets(organization: "DTN") { code } }`, {}, { token: tokens.hpn })).errors![0].extensions!.code).toBe(
      'FORBIDDEN',
    );
  });

  it('lets the sending secretariat take back a request still waiting: the record stays, neither list shows it', async () => {
    const created = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
      { i: { organization: 'DTN', externalId: 'T-4', fullName: 'Phạm Thị Dung', unit: 'A', birthDate: '2002' } },
      { token: tokens.a },
    );
    const id = created.data!.createMemberRecord.id;
    const requestId = (await transfer(id, 'B', tokens.a)).data!.transferMemberRecord.transferRequest!.id;
    const CANCEL = `mutation($id: ID!) { cancelTransfer(id: $id) { state decidedBy } }`;
    // The receiving side may decline it, not take it back; another organization does not see it.
    expect((await t.gql(CANCEL, { id: requestId }, { token: tokens.b })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(CANCEL, { id: requestId }, { token: tokens.hpn })).errors![0].extensions!.code).toBe('NOT_FOUND');

    const cancelled = await t.gql<{ cancelTransfer: { state: string; decidedBy: string } }>(CANCEL, { id: requestId }, { token: tokens.a });
    expect(cancelled.data!.cancelTransfer).toEqual({ state: 'CANCELLED', decidedBy: 'vp.badinh' });
    const stays = (await read(id, tokens.a)).data!.memberRecord;
    expect(stays.unit!.code).toBe('A');
    expect(stays.transferRequest).toBeNull();
    expect(stays.history.map((h) => h.kind)).toEqual(['ADMITTED']);
    expect((await pending(tokens.a)).data!.pendingTransfers).toEqual([]);
    expect((await pending(tokens.b)).data!.pendingTransfers).toEqual([]);
    expect((await audit(id)).at(-1)).toMatchObject({
      action: 'TRANSFER_CANCELLED',
      actor_name: 'vp.badinh',
      detail: { request: requestId, toUnit: 'B' },
    });
    // Taken back, it cannot be accepted any more, nor taken back twice; she may send the member elsewhere.
    expect(
      (await t.gql(`mutation($id: ID!) { acceptTransfer(id: $id) { state } }`, { id: requestId }, { token: tokens.b })).errors![0].message,
    ).toContain('đã được quyết định');
    expect((await t.gql(CANCEL, { id: requestId }, { token: tokens.a })).errors![0].extensions!.code).toBe('CONFLICT');
    expect((await transfer(id, 'B', tokens.a)).data!.transferMemberRecord.transferRequest).toMatchObject({ state: 'PENDING' });
  });

  it('names a transfer\'s unit with its commune where its name does not say it (a province has many "Chi đoàn khu phố 1")', async () => {
    const unit = { organization: 'DTN', code: 'B1', name: 'Chi đoàn khu phố 1', kind: 'BRANCH', parent: 'B', communeCode: '00008' };
    expect((await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: unit })).errors).toBeUndefined();
    const created = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
      { i: { organization: 'DTN', externalId: 'T-5', fullName: 'Lò Thị Én', unit: 'A', birthDate: '2003' } },
      { token: tokens.a },
    );
    const id = created.data!.createMemberRecord.id;
    expect((await transfer(id, 'B1', tokens.a)).errors).toBeUndefined();
    const [{ name: commune }] = await t.sql<{ name: string }>(`SELECT name FROM commune WHERE code = '00008'`);
    const shown = await t.gql<{ memberRecord: { transferRequest: { toUnit: unknown } } }>(
      `query($id: ID!) { memberRecord(id: $id) { transferRequest { toUnit { name commune } } } }`,
      { id },
      { token: tokens.a },
    );
    expect(shown.data!.memberRecord.transferRequest.toUnit).toEqual({ name: 'Chi đoàn khu phố 1', commune });
    // The receiving side reads where it comes from; "Đoàn phường Ba Đình" says its commune already.
    const incoming = await t.gql<{ pendingTransfers: { record: { id: string }; fromUnit: unknown; toUnit: unknown }[] }>(
      `{ pendingTransfers(organization: "DTN") { record { id } fromUnit { name commune } toUnit { name commune } } }`,
      {},
      { token: tokens.b },
    );
    expect(incoming.data!.pendingTransfers.find((p) => p.record.id === id)).toMatchObject({
      fromUnit: { name: 'Đoàn phường Ba Đình', commune: null },
      toUnit: { name: 'Chi đoàn khu phố 1', commune },
    });
  });

  it("settles her old list's note that she moved once she is transferred to another commune: no flag asks the receiver to end her", async () => {
    await t.importRoster('DTN', 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã đơn vị,Thôn/bản,Ghi chú', [
      'T-9,Đỗ Thị Dợ,2001,Nữ,A,Bản Mển,chuyển đi phường Ngọc Hà (lấy chồng)',
      'T-10,Lò Thị Ả,2002,Nữ,A,Bản Mển,chuyển đi phường Ngọc Hà',
    ]);
    const [dợ, ả] = await t.sql<{ id: string; suggestion: string }>(
      `SELECT r.id, s.id AS suggestion FROM member_record r JOIN record_suggestion s ON s.record_id = r.id AND s.kind = 'MOVED_AWAY'
        WHERE r.external_id IN ('T-9', 'T-10') ORDER BY r.external_id DESC`,
    );
    // Ả's note was taken before the move: it raised its flag.
    const accepted = await t.gql(`mutation($id: ID!) { acceptSuggestion(id: $id) { status } }`, { id: ả.suggestion }, { token: tokens.a });
    expect(accepted.errors).toBeUndefined();
    const movedFlags = (ids: string[]) =>
      t.sql(`SELECT record_id FROM record_flag WHERE record_id = ANY($1::uuid[]) AND code = 'MOVED_AWAY'`, [ids]);
    expect(await movedFlags([dợ.id, ả.id])).toEqual([{ record_id: ả.id }]);
    for (const r of [dợ, ả]) {
      const requestId = (await transfer(r.id, 'B', tokens.a)).data!.transferMemberRecord.transferRequest!.id;
      expect(
        (await t.gql(`mutation($id: ID!) { acceptTransfer(id: $id) { state } }`, { id: requestId }, { token: tokens.b })).errors,
      ).toBeUndefined();
    }
    const after = await t.sql<{
      external_id: string;
      village: string | null;
      commune_code: string;
      status: string;
      reason: string;
      flag_code: string | null;
    }>(
      `SELECT r.external_id, r.village, r.commune_code, s.status, s.decision_reason AS reason, s.flag_code
         FROM member_record r JOIN record_suggestion s ON s.record_id = r.id WHERE r.id = ANY($1::uuid[]) ORDER BY r.external_id DESC`,
      [[dợ.id, ả.id]],
    );
    const reason = 'đã chuyển sinh hoạt đến Đoàn phường Ngọc Hà từ ngày 15/11/2026';
    expect(after).toEqual([
      { external_id: 'T-9', village: null, commune_code: '00008', status: 'ACCEPTED', reason, flag_code: null },
      { external_id: 'T-10', village: null, commune_code: '00008', status: 'ACCEPTED', reason, flag_code: null },
    ]);
    // No "đã chuyển đi" flag left in the receiving secretariat's Cảnh báo, nor a note waiting for her.
    expect(await movedFlags([dợ.id, ả.id])).toEqual([]);

    // Her old list sent again with the codes: the row of the member she transferred is told as such, not as a code she may not use.
    const csv = Buffer.from('Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã đơn vị\nT-9,Đỗ Thị Dợ,2001,Nữ,A\n');
    const jobId = await uploadRoster(t, tokens.a, csv, 'ds-cu.csv', 'organization=DTN');
    const gql = <T>(q: string, v?: { [k: string]: unknown }) => gqlAs<T>(t, tokens.a, q, v);
    await waitForJob(gql, jobId, 'DONE');
    const job = await gql<{ importJob: { errors: { message: string }[] } }>(
      `query($id: ID!) { importJob(id: $id) { errors { message } } }`,
      {
        id: jobId,
      },
    );
    expect(job.importJob.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("Người này đã có hồ sơ 'T-9' nhưng hồ sơ không còn thuộc đơn vị của bạn (đã chuyển sinh hoạt"),
    ]);
  });
});
