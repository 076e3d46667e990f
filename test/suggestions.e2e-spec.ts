import { Role } from '../src/access/role.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Số CCCD,Mã xã,Mã đơn vị,Ghi chú';

type Suggestion = {
  id: string;
  kind: string;
  status: string;
  evidence: string;
  decision: { status: string; by: string; reason: string | null; flagCode: string | null } | null;
};
type Rec = {
  id: string;
  externalId: string;
  status: string;
  idNumber: string | null;
  importWarnings: { column: string | null; message: string }[];
  suggestions: Suggestion[];
  flags: { code: string; severity: string; message: string; evidence: string }[];
};

/**
 * Issue 16: a Ghi chú suggestion accepted (a flag on the record, with the note as evidence, that link
 * runs keep) or dismissed (kept, with who and why), by who may write the record only, audited; and a
 * 12-digit CCCD no card carries, left empty with a warning at import and refused by the form.
 */
describe('Ghi chú suggestions decided, and CCCDs no card carries (issue 16)', () => {
  let t: TestApp;
  let hpn: string;
  const recordsQuery = `{ memberRecords(organization: "HPN", first: 50) { nodes {
      id externalId status idNumber importWarnings { column message }
      suggestions { id kind status evidence decision { status by reason flagCode } }
      flags { code severity message evidence } } } }`;
  const records = async () =>
    new Map((await t.gql<{ memberRecords: { nodes: Rec[] } }>(recordsQuery)).data!.memberRecords.nodes.map((r) => [r.externalId, r]));
  const suggestion = async (code: string, kind: string) => (await records()).get(code)!.suggestions.find((s) => s.kind === kind)!;
  const accept = (id: string, token: string, reason?: string) =>
    t.gql<{ acceptSuggestion: { status: string } }>(
      `mutation($id: ID!, $reason: String) { acceptSuggestion(id: $id, reason: $reason) { status } }`,
      { id, reason },
      { token },
    );
  const dismiss = (id: string, token: string, reason: string) =>
    t.gql<{ dismissSuggestion: { status: string } }>(
      `mutation($id: ID!, $reason: String!) { dismissSuggestion(id: $id, reason: $reason) { status } }`,
      { id, reason },
      { token },
    );
  const personFlags = async (code: string) =>
    (
      await t.sql<{ flags: string[] }>(
        `SELECT p.flags FROM record_person p JOIN member_record r ON r.id = p.record_id WHERE r.external_id = $1`,
        [code],
      )
    )[0]?.flags;

  beforeAll(async () => {
    t = await createTestApp();
    hpn = await t.serviceToken(Role.SECRETARIAT, 'HPN');
    await t.importRoster('HPN', HEADER, [
      'S-DEAD,Lò Thị Mai,05/05/1950,011150012345,00004,P1,đã mất tháng 8/2026',
      'S-MOVED,Cà Thị Lan,06/06/1980,011180012346,00004,P1,Đã chuyển đi Lai Châu T6/2026',
      'S-CMND,Quàng Thị Hoa,07/07/1975,040123456,00004,P1,CMND cũ',
      'S-BADID,Lường Thị Thu,1979,111790123456,00004,P1,',
      'S-AWAY,Tòng Thị Ngọc,08/08/1995,011195012347,00004,P1,Đi XKLĐ Hàn Quốc từ T3/2025',
      'S-GONE,Điêu Thị Hằng,09/09/1990,011190012348,00004,P1,bỏ sinh hoạt',
      'S-IDLE,Lò Thị Xuân,10/10/1985,011185012349,00004,P1,bỏ sinh hoạt từ năm 2024',
    ]);
    await t.app.get(LinkerService).link();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps a row whose 12-digit CCCD has no province (111), the number left empty with a warning that shows it masked', async () => {
    const r = (await records()).get('S-BADID')!;
    expect(r.idNumber).toBeNull();
    expect(r.importWarnings).toHaveLength(1);
    expect(r.importWarnings[0].column).toBe('Số CCCD');
    expect(r.importWarnings[0].message).toContain("'1117******56'");
    expect(r.importWarnings[0].message).toContain('mã tỉnh 111 không tồn tại');
    expect(r.importWarnings[0].message).toContain('Hãy đối chiếu với thẻ');
  });

  it('refuses that number in the form, saying why and what to do', async () => {
    const r = await t.gql(
      `mutation { createMemberRecord(input: { organization: "HPN", externalId: "F-1", fullName: "Lò Thị Form", idNumber: "111790123456" }) { id } }`,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(r.errors)).toContain('mã tỉnh 111 không tồn tại');
  });

  it('lets only who may write the record decide', async () => {
    const died = await suggestion('S-DEAD', 'DIED');
    const dtn = await accept(died.id, await t.serviceToken(Role.SECRETARIAT, 'DTN'));
    expect(dtn.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const danVan = await accept(died.id, await t.serviceToken(Role.DAN_VAN));
    expect(danVan.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await suggestion('S-DEAD', 'DIED')).status).toBe('OPEN');
  });

  it('accepting a death raises DECEASED with the note as evidence, audited, and leaves the membership as it is', async () => {
    const died = await suggestion('S-DEAD', 'DIED');
    expect((await accept(died.id, hpn, 'Đã hỏi chi hội trưởng')).data?.acceptSuggestion.status).toBe('ACCEPTED');
    const r = (await records()).get('S-DEAD')!;
    expect(r.status).toBe('ACTIVE');
    expect(r.suggestions[0].decision).toMatchObject({ status: 'ACCEPTED', reason: 'Đã hỏi chi hội trưởng', flagCode: 'DECEASED' });
    const flag = r.flags.find((f) => f.code === 'DECEASED')!;
    expect(flag.severity).toBe('PHANTOM');
    expect(flag.message).toContain('đã mất, tháng 8/2026');
    expect(JSON.parse(flag.evidence)).toMatchObject({ note: 'đã mất tháng 8/2026', suggestion: died.id, when: '2026-08' });
    // A month is no day to end on: said as a month, so that nobody ends her on today's date.
    const dated = await t.gql<{ memberRecord: { flags: { code: string; evidenceDate: string | null; evidenceWhen: string | null }[] } }>(
      `query($id: ID!) { memberRecord(id: $id) { flags { code evidenceDate evidenceWhen } } }`,
      { id: r.id },
    );
    expect(dated.data!.memberRecord.flags.find((f) => f.code === 'DECEASED')).toEqual({
      code: 'DECEASED',
      evidenceDate: null,
      evidenceWhen: '2026-08',
    });
    expect(await personFlags('S-DEAD')).toContain('DECEASED');
    const audit = await t.sql<{ action: string; subject_id: string; detail: Record<string, unknown> }>(
      `SELECT action, subject_id, detail FROM audit_event WHERE detail->>'suggestion' = $1`,
      [died.id],
    );
    expect(audit).toEqual([
      { action: 'FLAG_DECISION', subject_id: r.id, detail: { suggestion: died.id, kind: 'DIED', decision: 'ACCEPTED', code: 'DECEASED' } },
    ]);
    // Decided once: not again, either way.
    expect((await dismiss(died.id, hpn, 'Nhầm')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('dismissing keeps the suggestion, DISMISSED, with who and why, and raises nothing', async () => {
    const moved = await suggestion('S-MOVED', 'MOVED_AWAY');
    expect((await dismiss(moved.id, hpn, '  ')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await dismiss(moved.id, hpn, 'Chỉ đi làm ăn xa, vẫn sinh hoạt')).data?.dismissSuggestion.status).toBe('DISMISSED');
    const r = (await records()).get('S-MOVED')!;
    expect(r.suggestions.map((s) => s.status)).toEqual(['DISMISSED']);
    expect(r.suggestions[0].decision).toMatchObject({ status: 'DISMISSED', reason: 'Chỉ đi làm ăn xa, vẫn sinh hoạt', flagCode: null });
    expect(r.suggestions[0].decision!.by).toMatch(/^test-secretariat-/);
    expect(r.flags.map((f) => f.code)).not.toContain('MOVED_AWAY');
    const audit = await t.sql(`SELECT 1 FROM audit_event WHERE action = 'FLAG_DECISION' AND detail->>'suggestion' = $1`, [moved.id]);
    expect(audit).toHaveLength(1);
  });

  it('keeps the flags a person raised through the next link run', async () => {
    const cmnd = await suggestion('S-CMND', 'OLD_ID_CARD');
    expect((await accept(cmnd.id, hpn)).data?.acceptSuggestion.status).toBe('ACCEPTED');
    await t.app.get(LinkerService).link();
    const after = await records();
    expect(after.get('S-DEAD')!.flags.map((f) => f.code)).toContain('DECEASED');
    expect(after.get('S-CMND')!.flags.find((f) => f.code === 'INVALID_ID')?.message).toContain('CMND cũ');
    expect(await personFlags('S-DEAD')).toContain('DECEASED');
    expect(await personFlags('S-CMND')).toContain('INVALID_ID');
    const listed = await t.gql<{ flaggedRecords: { externalId: string }[] }>(`{ flaggedRecords(code: "DECEASED") { externalId } }`);
    expect(listed.data!.flaggedRecords.map((f) => f.externalId)).toEqual(['S-DEAD']);
  });

  it('counts her among the phantoms confirmed when she ends the member as dead from the member page, as from Cảnh báo', async () => {
    const confirmed = async () =>
      (await t.gql<{ liveFigures: { confirmedPhantoms: number } }>(`{ liveFigures(scope: "org:HPN") { confirmedPhantoms } }`)).data!
        .liveFigures.confirmedPhantoms;
    const before = await confirmed();
    const dead = (await records()).get('S-DEAD')!;
    const ended = await t.gql(
      `mutation($i: EndMembershipInput!) { endMembership(input: $i) { status } }`,
      { i: { id: dead.id, status: 'DECEASED', date: '15/08/2026', reason: 'Gia đình báo tin' } },
      { token: hpn },
    );
    expect(ended.errors).toBeUndefined();
    expect(await confirmed()).toBe(before + 1);
    expect(await t.sql(`SELECT code, resolution, note FROM flag_resolution WHERE record_id = $1`, [dead.id])).toEqual([
      { code: 'DECEASED', resolution: 'CONFIRMED', note: 'Gia đình báo tin' },
    ]);
  });

  it('takes "đi XKLĐ" as away (a warning that ends nothing, where she went) and "bỏ sinh hoạt" as a phantom her confirmation strikes off', async () => {
    const away = await suggestion('S-AWAY', 'AWAY');
    expect((await accept(away.id, hpn)).data?.acceptSuggestion.status).toBe('ACCEPTED');
    const gone = await suggestion('S-GONE', 'INACTIVE');
    expect((await accept(gone.id, hpn)).data?.acceptSuggestion.status).toBe('ACCEPTED');
    await t.app.get(LinkerService).link();
    const after = await records();
    const awayFlag = after.get('S-AWAY')!.flags.find((f) => f.code === 'AWAY')!;
    expect(awayFlag).toMatchObject({ severity: 'WARNING' });
    expect(awayFlag.message).toContain('đi làm ăn xa, tạm vắng (Hàn Quốc), tháng 3/2025');
    expect(after.get('S-AWAY')!.status).toBe('ACTIVE');
    expect(after.get('S-GONE')!.flags.find((f) => f.code === 'INACTIVE')).toMatchObject({ severity: 'PHANTOM' });
    const confirm = await t.gql(
      `mutation($id: ID!) { resolveFlag(recordId: $id, code: "INACTIVE", resolution: "CONFIRMED", note: "Chi hội xác nhận") }`,
      { id: after.get('S-GONE')!.id },
      { token: hpn },
    );
    expect(confirm.errors).toBeUndefined();
    expect((await records()).get('S-GONE')!.status).toBe('STRUCK_OFF');
  });

  it('reads a union roster’s "nghỉ việc 03/2026" as leaving, which her confirmation ends as left; a Hội Phụ nữ note "nghỉ hưu" says nothing', async () => {
    const cd = await t.serviceToken(Role.SECRETARIAT, 'CD');
    await t.importRoster('CD', HEADER, [
      'CD-NGHI,Lê Minh Thắng,1988,001088012350,00004,,nghỉ việc 03/2026',
      'CD-HUU,Phạm Văn Hưu,1966,001066012351,00004,,nghỉ hưu',
    ]);
    await t.importRoster('HPN', HEADER, ['S-HUU,Lò Thị Hưu,1960,011160012352,00004,P1,nghỉ hưu']);
    const cdRecords = new Map(
      (
        await t.gql<{ memberRecords: { nodes: Rec[] } }>(recordsQuery.replace('"HPN"', '"CD"'), {}, { token: cd })
      ).data!.memberRecords.nodes.map((r) => [r.externalId, r]),
    );
    expect(cdRecords.get('CD-HUU')!.suggestions.map((x) => x.kind)).toEqual(['LEFT_WORK']);
    const left = cdRecords.get('CD-NGHI')!.suggestions.find((x) => x.kind === 'LEFT_WORK')!;
    expect((await records()).get('S-HUU')!.suggestions).toEqual([]);
    expect((await accept(left.id, cd)).data?.acceptSuggestion.status).toBe('ACCEPTED');
    const [flag] = await t.sql<{ severity: string; message: string }>(
      `SELECT f.severity, f.message FROM record_flag f JOIN member_record r ON r.id = f.record_id WHERE r.external_id = 'CD-NGHI' AND f.code = 'LEFT_WORK'`,
    );
    expect(flag).toEqual({
      severity: 'WARNING',
      message: expect.stringContaining('người này đã nghỉ việc hoặc nghỉ hưu, tháng 3/2026') as unknown,
    });
    const confirm = await t.gql(
      `mutation($id: ID!) { resolveFlag(recordId: $id, code: "LEFT_WORK", resolution: "CONFIRMED", note: "Đã nghỉ việc", date: "31/03/2026") }`,
      { id: cdRecords.get('CD-NGHI')!.id },
      { token: cd },
    );
    expect(confirm.errors).toBeUndefined();
    const [ended] = await t.sql<{ status: string }>(`SELECT status FROM member_record WHERE external_id = 'CD-NGHI'`);
    expect(ended.status).toBe('LEFT');
  });

  it('counts a member whose "bỏ sinh hoạt" she accepted among the suspected at once, through the next run, until she calls it a false alarm', async () => {
    const suspicion = async () =>
      (
        await t.sql<{ ao: boolean; ao_reasons: string[] }>(
          `SELECT p.ao, p.ao_reasons FROM record_person p JOIN member_record r ON r.id = p.record_id WHERE r.external_id = 'S-IDLE'`,
        )
      )[0];
    const suspected = async () =>
      (await t.gql<{ liveFigures: { suspectedPhantoms: number } }>(`{ liveFigures(scope: "org:HPN") { suspectedPhantoms } }`)).data!
        .liveFigures.suspectedPhantoms;
    const listed = async () =>
      (await t.gql<{ flaggedRecords: { externalId: string }[] }>(`{ flaggedRecords(code: "AO") { externalId } }`)).data!.flaggedRecords.map(
        (f) => f.externalId,
      );
    expect(await suspicion()).toEqual({ ao: false, ao_reasons: [] });
    const before = await suspected();
    expect((await accept((await suggestion('S-IDLE', 'INACTIVE')).id, hpn)).data?.acceptSuggestion.status).toBe('ACCEPTED');
    expect(await suspicion()).toEqual({ ao: true, ao_reasons: ['INACTIVE'] });
    expect(await suspected()).toBe(before + 1);
    expect(await listed()).toContain('S-IDLE');
    await t.app.get(LinkerService).link();
    expect(await suspicion()).toEqual({ ao: true, ao_reasons: ['INACTIVE'] });
    const id = (await records()).get('S-IDLE')!.id;
    const dismissed = await t.gql(
      `mutation($id: ID!) { resolveFlag(recordId: $id, code: "INACTIVE", resolution: "FALSE_ALARM", note: "Vẫn sinh hoạt đều, đã hỏi chi hội") }`,
      { id },
      { token: hpn },
    );
    expect(dismissed.errors).toBeUndefined();
    expect(await suspicion()).toEqual({ ao: false, ao_reasons: [] });
    await t.app.get(LinkerService).link();
    expect(await suspicion()).toEqual({ ao: false, ao_reasons: [] });
    expect(await listed()).not.toContain('S-IDLE');
  });

  it('erasing the person removes the flag raised from the note, with the suggestions', async () => {
    const id = (await records()).get('S-DEAD')!.id;
    const r = await t.gql(`mutation($id: ID!) { erasePersonalData(id: $id, reason: "Người thân yêu cầu xóa dữ liệu") { id } }`, { id });
    expect(r.errors).toBeUndefined();
    expect(await t.sql(`SELECT code FROM record_flag WHERE record_id = $1`, [id])).toEqual([]);
    expect(await t.sql(`SELECT id FROM record_suggestion WHERE record_id = $1`, [id])).toEqual([]);
  });
});
