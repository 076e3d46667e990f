import XLSX from 'xlsx';
import { Role } from '../src/access/role.js';
import { gqlAs, uploadRoster, waitForJob } from './support/import-jobs.js';
import { createTestApp, type TestApp } from './test-app.js';

type Absence = { total: number; members: { id: string; code: string; fullName: string; birthDate: string | null; unit: string | null }[] };

/**
 * A commune's Hội Nông dân sends her whole roster each month, as secretaries do: a member who moved
 * away or died is no longer on it. After the import she sees who her file leaves out in the chi hội
 * it covers — to end or keep; the import itself ends nobody.
 */
describe('the members her file leaves out', () => {
  let t: TestApp;
  let token: string;
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, token, query, variables);
  /** Her roster as SheetJS saves it (not the library the server reads with). */
  const roster = (rows: (string | number)[][]) => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['DANH SÁCH HỘI VIÊN HỘI NÔNG DÂN PHƯỜNG BA ĐÌNH'],
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Số điện thoại', 'Chi hội'],
      ...rows.map((r, i) => [i + 1, ...r]),
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Danh sách');
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };
  /** Those the preview says it would leave out, by name. */
  let foretold: string[] = [];
  /** Previewed, then confirmed, as the console does: the job's id. */
  const importRoster = async (rows: (string | number)[][]) => {
    const id = await uploadRoster(t, token, roster(rows), 'hoi-vien.xlsx', 'organization=HND&assignIds=true&preview=true');
    await waitForJob(gql, id, 'PREVIEW');
    foretold = (await absent(id)).members.map((m) => m.fullName);
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
    await waitForJob(gql, id, 'DONE');
    return id;
  };
  const absent = async (id: string) =>
    (
      await gql<{ importJob: { absent: Absence } }>(
        `query($id: ID!) { importJob(id: $id) { absent { total members { id code fullName birthDate unit } } } }`,
        { id },
      )
    ).importJob.absent;
  const addByHand = (fullName: string, unit: string) =>
    gql<{ createMemberRecord: { id: string } }>(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
      i: { organization: 'HND', fullName, birthDate: '1970', sex: 'MALE', communeCode: '00004', unit },
    });

  // Month one: chi hội Thôn 1 (four members) and chi hội Thôn 2 (two).
  const THON_1 = [
    ['Nguyễn Văn An', '12/03/1968', 'Nam', '001068001234', '0912000001', 'Thôn 1'],
    ['Trần Văn Bình', '05/06/1971', 'Nam', '', '', 'Thôn 1'],
    ['Lê Thị Cúc', '1975', 'Nữ', '', '', 'Thôn 1'],
    ['Phạm Thị Dung', '20/10/1980', 'Nữ', '', '0912000004', 'Thôn 1'],
  ];
  const THON_2 = [
    ['Hoàng Văn Em', '1966', 'Nam', '', '', 'Thôn 2'],
    ['Vũ Thị Giang', '1972', 'Nữ', '', '', 'Thôn 2'],
  ];
  let first: string;

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      { organization: 'HND', code: 'ND-BD', name: 'Hội Nông dân phường Ba Đình', kind: 'BASE', communeCode: '00004' },
      { organization: 'HND', code: 'ND-T1', name: 'Chi hội Thôn 1', kind: 'BRANCH', parent: 'ND-BD' },
      { organization: 'HND', code: 'ND-T2', name: 'Chi hội Thôn 2', kind: 'BRANCH', parent: 'ND-BD' },
      { organization: 'HND', code: 'ND-T3', name: 'Chi hội Thôn 3', kind: 'BRANCH', parent: 'ND-BD' },
      { organization: 'HND', code: 'ND-T4', name: 'Chi hội Thôn 4', kind: 'BRANCH', parent: 'ND-BD' },
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
    token = await t.logIn(await t.createUser('vp.nd.ba-dinh', Role.SECRETARIAT, 'HND', 'ND-BD'));
    first = await importRoster([...THON_1, ...THON_2]);
  });
  afterAll(() => t?.close());

  it('leaves out nobody when her file lists every member', async () => {
    expect(await absent(first)).toEqual({ total: 0, members: [] });
  });

  it("names, next month, those of the chi hội her file covers that it no longer lists — not another chi hội's, not an ended one, not one it adds", async () => {
    // Between the two files: a member added by hand in Thôn 1 (not on her next list either), and one ended there.
    await addByHand('Đỗ Văn Hòa', 'ND-T1');
    const { createMemberRecord: ended } = await addByHand('Đinh Văn Khánh', 'ND-T1');
    await gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`, {
      i: { id: ended.id, status: 'LEFT', date: '01/11/2026', reason: 'Xin ra' },
    });
    // Month two: Thôn 1 only — An's phone changed, Bình as before, Cúc and Dung gone, a new member.
    const second = await importRoster([
      ['Nguyễn Văn An', '12/03/1968', 'Nam', '001068001234', '0912000099', 'Thôn 1'],
      THON_1[1],
      ['Mai Văn Lộc', '1990', 'Nam', '', '', 'Thôn 1'],
    ]);
    const { total, members } = await absent(second);
    // In Vietnamese order (given name first), with what she needs to tell them apart.
    expect(members.map((m) => [m.fullName, m.birthDate, m.unit])).toEqual([
      ['Lê Thị Cúc', '1975', 'Chi hội Thôn 1'],
      ['Phạm Thị Dung', '1980-10-20', 'Chi hội Thôn 1'],
      ['Đỗ Văn Hòa', '1970', 'Chi hội Thôn 1'],
    ]);
    expect(total).toBe(3);
    // Told before she confirmed: the same three.
    expect(foretold).toEqual(members.map((m) => m.fullName));
    // Nobody was ended by the import: they are still active until she says otherwise.
    const statuses = await t.sql<{ status: string }>(`SELECT status FROM member_record WHERE id = ANY($1)`, [members.map((m) => m.id)]);
    expect(statuses.map((s) => s.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    // Her reading of the names is logged, without them.
    const [read] = await t.sql<{ detail: unknown }>(
      `SELECT detail FROM audit_event WHERE subject_type = 'IMPORT_ABSENT' AND subject_id = $1 ORDER BY id DESC LIMIT 1`,
      [second],
    );
    expect(read.detail).toEqual({ rows: 3 });

    // She ends one (moved away): the list shrinks; one she keeps stays on it.
    await gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`, {
      i: { id: members[0].id, status: 'TRANSFERRED', date: '15/11/2026', reason: 'Chuyển đi xã khác' },
    });
    expect((await absent(second)).members.map((m) => m.fullName)).toEqual(['Phạm Thị Dung', 'Đỗ Văn Hòa']);

    // Asked for fewer, she is told how many there are.
    const { importJob } = await gql<{ importJob: { absent: Absence } }>(
      `query($id: ID!) { importJob(id: $id) { absent(first: 1) { total members { fullName } } } }`,
      { id: second },
    );
    expect(importJob.absent).toEqual({ total: 2, members: [{ fullName: 'Phạm Thị Dung' }] });

    // Undone, the file is as if never sent: it leaves nobody out.
    await gql(`mutation($id: ID!) { undoImport(jobId: $id, reason: "Gửi nhầm tệp") { id } }`, { id: second });
    expect(await absent(second)).toEqual({ total: 0, members: [] });
  });

  it("covers only the chi hội her file lands in, and a chi hội secretariat's own list", async () => {
    // The commune office sends Thôn 1's An alone: the rest of Thôn 1 is left out, Thôn 2 untouched.
    const office = await importRoster([THON_1[0]]);
    expect((await absent(office)).members.map((m) => m.fullName)).toEqual(['Trần Văn Bình', 'Phạm Thị Dung', 'Đỗ Văn Hòa']);
    // Thôn 2's own secretariat sends her list without Giang.
    const own = await t.logIn(await t.createUser('vp.nd.thon-2', Role.SECRETARIAT, 'HND', 'ND-T2'));
    const id = await uploadRoster(t, own, roster([THON_2[0]]), 'thon-2.xlsx', 'organization=HND&assignIds=true');
    const mine = <T>(query: string, variables: Record<string, unknown> = {}) => gqlAs<T>(t, own, query, variables);
    await waitForJob(mine, id, 'DONE');
    const { importJob } = await mine<{ importJob: { absent: Absence } }>(
      `query($id: ID!) { importJob(id: $id) { absent { total members { fullName unit } } } }`,
      { id },
    );
    expect(importJob.absent).toEqual({ total: 1, members: [{ fullName: 'Vũ Thị Giang', unit: 'Chi hội Thôn 2' }] });
  });

  it('leaves out nobody her file names in a row held for her decision, though she imported without deciding it', async () => {
    await importRoster([['Lò Thị Én', '1980', 'Nữ', '', '0912000111', 'Thôn 3']]);
    // Next month her row gives another phone: a year alone, the phones differ — held, she confirms without deciding.
    const id = await uploadRoster(
      t,
      token,
      roster([['Lò Thị Én', '1980', 'Nữ', '', '0912000777', 'Thôn 3']]),
      'thon-3.xlsx',
      'organization=HND&assignIds=true&preview=true',
    );
    await waitForJob(gql, id, 'PREVIEW');
    const { importPreview } = await gql<{ importPreview: { rows: { fate: string }[] } }>(
      `query($id: ID!) { importPreview(jobId: $id) { rows { fate } } }`,
      { id },
    );
    expect(importPreview.rows.map((r) => r.fate)).toEqual(['HELD']);
    await gql(`mutation($id: ID!) { confirmImport(jobId: $id) { id } }`, { id });
    await waitForJob(gql, id, 'DONE');
    expect(await absent(id)).toEqual({ total: 0, members: [] });
    // Only the codes of its candidates are kept of the held row once applied: nothing else of her line.
    const [kept] = await t.sql<{ values: unknown }>(`SELECT record_values AS values FROM import_plan_row WHERE job_id = $1`, [id]);
    expect(Object.keys(kept.values as object)).toEqual(['candidates']);
  });

  it("covers only the villages her file lists where one unit keeps several villages' members", async () => {
    const listed = (fullName: string, village: string | null, idNumber?: string) =>
      gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
        i: { organization: 'HND', fullName, birthDate: '1975', sex: 'MALE', communeCode: '00004', unit: 'ND-T4', village, idNumber },
      });
    await listed('Mùa A Páo', 'Bản Pá', '011075001234');
    await listed('Mùa A Chứ', 'Bản Pá');
    await listed('Giàng A Lử', 'Bản Mòn');
    await listed('Vừ A Dê', null);
    // Bản Pá's list alone (Páo, by his CCCD): Chứ of Bản Pá is left out, Dê (no village known) may be; Lử of Bản Mòn is not this file's.
    const id = await importRoster([['Mùa A Páo', '1975', 'Nam', '011075001234', '', 'Thôn 4']]);
    expect((await absent(id)).members.map((m) => m.fullName)).toEqual(['Mùa A Chứ', 'Vừ A Dê']);
    // A list whose members' villages are mostly unknown (Dê's is not written): it says nothing of villages — Lử is left out too.
    const both = await importRoster([
      ['Mùa A Páo', '1975', 'Nam', '011075001234', '', 'Thôn 4'],
      ['Vừ A Dê', '1975', 'Nam', '', '', 'Thôn 4'],
    ]);
    expect((await absent(both)).members.map((m) => m.fullName)).toEqual(['Mùa A Chứ', 'Giàng A Lử']);
  });
  it('keeps aside, with why, those she keeps: not asked again while her files leave them out, asked again once a file lists them and a later one does not', async () => {
    const unit = await t.gql(
      `mutation { createUnit(input: { organization: "HND", code: "ND-T5", name: "Chi hội Thôn 5", kind: BRANCH, parent: "ND-BD" }) { code } }`,
    );
    expect(unit.errors).toBeUndefined();
    const [an, binh, cuong] = [
      ['Sầm Văn An', '1961', 'Nam', '', '', 'Thôn 5'],
      ['Sầm Văn Bình', '1963', 'Nam', '', '', 'Thôn 5'],
      ['Sầm Văn Cường', '1965', 'Nam', '', '', 'Thôn 5'],
    ];
    await importRoster([an, binh, cuong]);
    const second = await importRoster([an]);
    const left = (await absent(second)).members;
    expect(left.map((m) => m.fullName)).toEqual(['Sầm Văn Bình', 'Sầm Văn Cường']);
    const keep = (id: string, recordIds: string[], reason: string) =>
      t.gql<{ keepAbsentMembers: number }>(
        `mutation($id: ID!, $r: [ID!]!, $why: String!) { keepAbsentMembers(jobId: $id, recordIds: $r, reason: $why) }`,
        { id, r: recordIds, why: reason },
        { token },
      );
    // Said why, or nothing is kept; one her file lists is not hers to keep.
    expect((await keep(second, [left[0].id], '  ')).errors?.[0]?.message).toMatch(/Lý do giữ lại: cần ghi vì sao/);
    const [listed] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE full_name = 'Sầm Văn An'`);
    expect((await keep(second, [left[0].id, listed.id], 'Đi làm ăn xa')).errors?.[0]?.message).toMatch(/không còn trong danh sách/);
    expect((await keep(second, [left[0].id], 'Đi làm ăn xa, vẫn đóng hội phí')).data?.keepAbsentMembers).toBe(1);
    // Bình kept: no longer asked about; counted, and shown when she asks, with why and when.
    const withKept = await gql<{
      importJob: { absent: { total: number; kept: number; members: { fullName: string; kept: { reason: string; on: string } | null }[] } };
    }>(`query($id: ID!) { importJob(id: $id) { absent(withKept: true) { total kept members { fullName kept { reason on } } } } }`, {
      id: second,
    });
    expect(withKept.importJob.absent).toEqual({
      total: 1,
      kept: 1,
      members: [
        { fullName: 'Sầm Văn Cường', kept: null },
        {
          fullName: 'Sầm Văn Bình',
          kept: { reason: 'Đi làm ăn xa, vẫn đóng hội phí', on: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/) as unknown as string },
        },
      ],
    });
    const [audited] = await t.sql<{ reason: string; detail: { code: string } }>(
      `SELECT n.text AS reason, e.detail FROM audit_event e LEFT JOIN audit_note n ON n.id = e.note_id WHERE e.action = 'ABSENCE_KEPT' AND e.subject_id = $1`,
      [left[0].id],
    );
    expect(audited).toEqual({ reason: 'Đi làm ăn xa, vẫn đóng hội phí', detail: { job: second, code: left[0].code } });
    // Next month's file leaves him out again: not asked.
    expect((await absent(await importRoster([an]))).members.map((m) => m.fullName)).toEqual(['Sầm Văn Cường']);
    // Back on a list, then left out again: asked again.
    await importRoster([an, binh]);
    expect((await absent(await importRoster([an]))).members.map((m) => m.fullName)).toEqual(['Sầm Văn Bình', 'Sầm Văn Cường']);
  });

  it("does not list another chi hội's members because a held row's namesake is there", async () => {
    for (const [code, name] of [
      ['ND-T6', 'Chi hội Thôn 6'],
      ['ND-T7', 'Chi hội Thôn 7'],
    ]) {
      const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, {
        i: { organization: 'HND', code, name, kind: 'BRANCH', parent: 'ND-BD' },
      });
      expect(r.errors).toBeUndefined();
    }
    await importRoster([
      ['Mã Văn Pó', '1970', 'Nam', '', '0912000661', 'Thôn 6'],
      ['Mã Văn Sáng', '1971', 'Nam', '', '', 'Thôn 6'],
      ['Mã Văn Pó', '1970', 'Nam', '', '0912000771', 'Thôn 7'],
      ['Mã Văn Tềnh', '1972', 'Nam', '', '', 'Thôn 7'],
    ]);
    // Thôn 6's list next month: Pó with a new phone, held (a namesake of his year in Thôn 7 too).
    const id = await importRoster([
      ['Mã Văn Pó', '1970', 'Nam', '', '0987000661', 'Thôn 6'],
      ['Mã Văn Sáng', '1971', 'Nam', '', '', 'Thôn 6'],
    ]);
    // Nobody of Thôn 6 is left out, and Thôn 7 is not this file's: its Tềnh is not listed, in the preview or after.
    expect(foretold).toEqual([]);
    expect(await absent(id)).toEqual({ total: 0, members: [] });
  });

  it('foretells, before she confirms, the same members as after: her file moving a member to another chi hội covers that one', async () => {
    const add = (fullName: string, unit: string, idNumber: string) =>
      gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
        i: { organization: 'HND', fullName, birthDate: '1970', sex: 'MALE', communeCode: '00004', unit, idNumber },
      });
    for (const [code, name] of [
      ['ND-T8', 'Chi hội Thôn 8'],
      ['ND-T9', 'Chi hội Thôn 9'],
    ])
      await gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, {
        i: { organization: 'HND', code, name, kind: 'BRANCH', parent: 'ND-BD' },
      });
    await add('Hà Văn Ổn', 'ND-T8', '001070005555');
    await add('Lý Văn Nam', 'ND-T9', '001070006666');
    // Her list puts Ổn (his CCCD) in Thôn 9: Thôn 9 is the chi hội it covers, and it leaves Nam out.
    const id = await importRoster([['Hà Văn Ổn', '1970', 'Nam', '001070005555', '', 'Thôn 9']]);
    expect((await absent(id)).members.map((m) => m.fullName)).toEqual(['Lý Văn Nam']);
    expect(foretold).toEqual(['Lý Văn Nam']);
  });
});
