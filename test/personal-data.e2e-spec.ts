import { Role } from '../src/access/role.js';
import { createTestApp, type TestApp } from './test-app.js';

/** Masking by role, reveal, the audit log, export and erasure with its tombstone. */
describe('personal data', () => {
  let t: TestApp;
  let dtnToken: string;
  let danVanToken: string;
  let recordId: string;
  const ID = '001204012345';

  beforeAll(async () => {
    t = await createTestApp();
    dtnToken = await t.logIn(await t.createUser('vp.dtn', Role.SECRETARIAT, 'DTN'));
    danVanToken = await t.logIn(await t.createUser('bandanvan', Role.DAN_VAN));
    const r = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
      {
        i: {
          organization: 'DTN',
          externalId: 'DTN-1',
          fullName: 'Giàng A Páo',
          birthDate: '15/03/2004',
          sex: 'MALE',
          idNumber: ` ${ID.slice(0, 6)} ${ID.slice(6)} `,
          phone: '0912345678',
          ethnicity: 'Mông',
        },
      },
      { token: dtnToken },
    );
    recordId = r.data!.createMemberRecord.id;
  });
  afterAll(async () => t.close());

  const READ = `query($id: ID!) { memberRecord(id: $id) { fullName idNumber phone ethnicity raw { idNumber phone } } }`;

  it('masks ID numbers for everyone, and phone and ethnicity for roles that do not manage the record', async () => {
    const own = await t.gql<{ memberRecord: Record<string, unknown> }>(READ, { id: recordId }, { token: dtnToken });
    expect(own.data!.memberRecord).toEqual({
      fullName: 'Giàng A Páo',
      idNumber: '0012******45',
      phone: '0912345678',
      ethnicity: 'Mông',
      raw: { idNumber: '0012******45', phone: '0912345678' },
    });
    const across = await t.gql<{ memberRecord: Record<string, unknown> }>(READ, { id: recordId }, { token: danVanToken });
    expect(across.data!.memberRecord).toEqual({
      fullName: 'Giàng A Páo',
      idNumber: '0012******45',
      phone: '091****678',
      ethnicity: null,
      raw: { idNumber: '0012******45', phone: '091****678' },
    });
    const roster = await t.gql<{ memberRecords: { nodes: { idNumber: string; phone: string }[] } }>(
      '{ memberRecords(organization: "DTN") { nodes { idNumber phone } } }',
      {},
      { token: danVanToken },
    );
    expect(roster.data!.memberRecords.nodes).toEqual([{ idNumber: '0012******45', phone: '091****678' }]);
  });

  it('takes a masked number typed back as "unchanged"', async () => {
    const r = await t.gql<{ updateMemberRecord: { idNumber: string } }>(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { idNumber: "0012******45", phone: "0912345679" }) { idNumber } }`,
      { id: recordId },
      { token: dtnToken },
    );
    expect(r.data!.updateMemberRecord.idNumber).toBe('0012******45');
    const shown = await t.gql<{ revealIdNumber: { idNumber: string } }>(
      `mutation($id: ID!) { revealIdNumber(id: $id, reason: "Kiểm tra sau khi sửa hồ sơ") { idNumber } }`,
      { id: recordId },
      { token: dtnToken },
    );
    expect(shown.data!.revealIdNumber.idNumber).toBe(ID);
  });

  it('reveals one number only with a reason, and logs who, what and why', async () => {
    const noReason = await t.gql(
      `mutation($id: ID!) { revealIdNumber(id: $id, reason: "xem") { idNumber } }`,
      { id: recordId },
      { token: danVanToken },
    );
    expect(noReason.errors![0].message).toContain('cần ghi rõ lý do');
    const r = await t.gql<{ revealIdNumber: { idNumber: string; enteredAs: string } }>(
      `mutation($id: ID!) { revealIdNumber(id: $id, reason: "Đối chiếu trùng lặp với Hội Nông dân") { idNumber enteredAs } }`,
      { id: recordId },
      { token: danVanToken },
    );
    expect(r.data!.revealIdNumber).toEqual({ idNumber: ID, enteredAs: ` ${ID.slice(0, 6)} ${ID.slice(6)} ` });
    const log = await t.gql<{
      auditEvents: { nodes: { action: string; actorName: string; actorRole: string; subjectId: string; reason: string }[] };
    }>(`{ auditEvents(action: ID_NUMBER_REVEALED, actor: "bandanvan") { nodes { action actorName actorRole subjectId reason } } }`);
    expect(log.data!.auditEvents.nodes).toEqual([
      {
        action: 'ID_NUMBER_REVEALED',
        actorName: 'bandanvan',
        actorRole: 'DAN_VAN',
        subjectId: recordId,
        reason: 'Đối chiếu trùng lặp với Hội Nông dân',
      },
    ]);
    // The log line holds no free text: the reason is a note beside it, which an erasure can delete.
    const [line] = await t.sql<{ reason: string | null; note: string; all: string }>(
      `SELECT e.reason, n.text AS note, e::text AS all FROM audit_event e JOIN audit_note n ON n.id = e.note_id
        WHERE e.action = 'ID_NUMBER_REVEALED' AND e.actor_name = 'bandanvan'`,
    );
    expect(line.reason).toBeNull();
    expect(line.note).toBe('Đối chiếu trùng lặp với Hội Nông dân');
    expect(line.all).not.toContain('Hội Nông dân');
  });

  it("logs every read of a person's details and every roster page, without names or numbers", async () => {
    await t.gql(READ, { id: recordId }, { token: danVanToken });
    await t.gql('{ memberRecords(organization: "DTN", search: "giang a pao") { totalCount } }', {}, { token: danVanToken });
    const rows = await t.sql<{ action: string; detail: Record<string, unknown>; all: string }>(
      `SELECT action, detail, e::text AS all FROM audit_event e WHERE actor_name = 'bandanvan' AND action IN ('RECORD_READ', 'ROSTER_READ') ORDER BY id DESC LIMIT 2`,
    );
    expect(rows.map((r) => r.action)).toEqual(['ROSTER_READ', 'RECORD_READ']);
    expect(rows[0].detail).toEqual({ rows: 1, filters: ['search'] });
    for (const r of rows) {
      expect(r.all.toLowerCase()).not.toContain('giang');
      expect(r.all).not.toContain(ID);
    }
  });

  it('keeps the audit log append-only in the database itself', async () => {
    await expect(t.sql(`UPDATE audit_event SET reason = 'sửa' WHERE true`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });

  it("exports a person's data unmasked, and logs it", async () => {
    const r = await t.gql<{ exportPersonalData: string }>(
      `mutation($id: ID!) { exportPersonalData(id: $id, reason: "Đơn yêu cầu ngày 10/11/2026") }`,
      { id: recordId },
      { token: dtnToken },
    );
    const data = JSON.parse(r.data!.exportPersonalData) as { record: Record<string, unknown>; history: unknown[] };
    expect(data.record).toMatchObject({ fullName: 'Giàng A Páo', idNumber: ID, phone: '0912345679', ethnicity: 'Mông' });
    expect(data.history).toHaveLength(1);
    const [row] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM audit_event WHERE action = 'PERSONAL_DATA_EXPORTED' AND subject_id = $1`,
      [recordId],
    );
    expect(row.n).toBe('1');
  });

  it('erases a person on request: figures stay, personal data goes, a re-import asks first', async () => {
    // The same person in a second organization (same ID number).
    const other = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation { createMemberRecord(input: { organization: "HND", externalId: "HND-9", fullName: "Giàng A Páo", idNumber: "${ID}", sex: MALE, birthDate: "2004" }) { id } }`,
    );
    // Her copy holds what is held about her: the administrator's, every organization's record of her; the Đoàn office's, its own.
    const copy = async (token?: string) =>
      (
        await t.gql<{ exportPersonalDataCopy: string }>(
          `mutation($id: ID!) { exportPersonalDataCopy(id: $id, reason: "Đơn yêu cầu ngày 10/11/2026") }`,
          { id: recordId },
          token ? { token } : undefined,
        )
      ).data!.exportPersonalDataCopy;
    const whole = await copy();
    expect(whole).toContain('Người này có 2 hồ sơ trong hệ thống');
    expect(whole).toContain('Tổ chức: Hội Nông dân Việt Nam (HND)');
    expect(whole).toContain('Mã hồ sơ: HND-9');
    const ours = await copy(dtnToken);
    expect([ours.includes('HND-9'), ours.includes('Người này có')]).toEqual([false, false]);
    const count = async () =>
      (await t.sql<{ n: string }>(`SELECT count(*) AS n FROM member_record WHERE sex = 'MALE' AND extract(year FROM birth_date) = 2004`))[0]
        .n;
    const before = await count();
    const erased = await t.gql<{
      erasePersonalData: { id: string; fullName: string; idNumber: string | null; phone: string | null; erasedAt: string }[];
    }>(
      `mutation($id: ID!) { erasePersonalData(id: $id, reason: "Đơn yêu cầu xóa ngày 12/11/2026") { id fullName idNumber phone erasedAt } }`,
      { id: recordId },
    );
    expect(erased.errors).toBeUndefined();
    expect(erased.data!.erasePersonalData.map((r) => r.id).sort()).toEqual([recordId, other.data!.createMemberRecord.id].sort());
    for (const r of erased.data!.erasePersonalData)
      expect(r).toMatchObject({ fullName: '(đã xóa theo yêu cầu)', idNumber: null, phone: null });
    expect(await count()).toBe(before);
    const [row] = await t.sql<{ all: string }>(`SELECT r::text AS all FROM member_record r WHERE id = $1`, [recordId]);
    expect(row.all).not.toContain('Páo');
    expect(row.all).not.toContain('Mông');
    expect(row.all).not.toContain('0912345679');
    // The roster no longer lists it; the secretariat cannot edit it.
    const roster = await t.gql<{ memberRecords: { totalCount: number } }>(
      '{ memberRecords(organization: "DTN") { totalCount } }',
      {},
      { token: dtnToken },
    );
    expect(roster.data!.memberRecords.totalCount).toBe(0);

    const again = { organization: 'DTN', externalId: 'DTN-2', fullName: 'Giàng A Páo', idNumber: ID };
    const asks = await t.gql(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
      { i: again },
      { token: dtnToken },
    );
    expect(asks.errors![0].extensions!.code).toBe('CONFLICT');
    expect(asks.errors![0].message).toContain('đã yêu cầu xóa dữ liệu cá nhân');
    // Name and exact birth date are a second key, for records without an ID number.
    const byName = await t.gql(
      `mutation { createMemberRecord(input: { organization: "DTN", externalId: "DTN-3", fullName: "giàng a páo", birthDate: "15/03/2004" }) { id } }`,
      {},
      { token: dtnToken },
    );
    expect(byName.errors![0].message).toContain('họ tên và ngày sinh');
    const confirmed = await t.gql(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
      { i: { ...again, confirmErasedPerson: true } },
      { token: dtnToken },
    );
    expect(confirmed.errors).toBeUndefined();
    const actions = await t.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE action IN ('PERSONAL_DATA_ERASED', 'ERASED_PERSON_RECREATED') ORDER BY id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['PERSONAL_DATA_ERASED', 'PERSONAL_DATA_ERASED', 'ERASED_PERSON_RECREATED']);
  });
});
