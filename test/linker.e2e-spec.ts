import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LinkerService } from '../src/linker/linker.service.js';
import { ReviewDecision } from '../src/linker/link.entities.js';
import { PersonViewsService } from '../src/linker/review/person-views.service.js';
import { ReviewDecisionsService } from '../src/linker/review/review-decisions.service.js';
import { Role } from '../src/access/role.js';
import { newPersonId } from '../src/linker/model/clustering.js';
import { RegisterService } from '../src/register/register.service.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

describe('the linker', () => {
  let t: TestApp;
  let linker: LinkerService;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-linker-'));
  const roster = async (org: string, rows: string[]) => {
    const file = path.join(dir, `${org}-${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
    const s = await t.app.get(RosterImportService).import(file, { organization: org, createUnits: true }, CLI_PRINCIPAL);
    expect(s.rejected).toBe(0);
  };
  const personOf = async (org: string, code: string) => {
    const [r] = await t.sql<{ id: string; person_id: string | null; flags: string[] | null }>(
      `SELECT r.id, p.person_id, p.flags FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
        WHERE r.organization_code = $1 AND r.external_id = $2`,
      [org, code],
    );
    return r;
  };

  beforeAll(async () => {
    t = await createTestApp();
    linker = t.app.get(LinkerService);
    // One person written five ways across four organizations (commune 00004, Hà Nội).
    await roster('CD', ['CD-1,Nguyễn Thị Hòa,12/03/2000,Nữ,001300012345,0912345678,00004,CD-CHI-1,Đang sinh hoạt']);
    await roster('HPN', [
      'HPN-1,NGUYEN THI HOA,2000,nữ,,0912345678,00004,HPN-CHI-1,Đang sinh hoạt',
      // Her temporary listing in another branch: the same person, not counted again, not "listed twice".
      `HPN-2,${'Nguyễn  Thị  Hòa'.normalize('NFD')},12/03/2000,Nữ,001300012345,,00004,HPN-CHI-2,Sinh hoạt tạm thời`,
    ]);
    await roster('HND', ['HND-1,Nguyễn Thị Hoà,03/12/2000,Nữ,001300012345,+84 912 345 678,00004,HND-CHI-1,Đang sinh hoạt']);
    await roster('DTN', ['DTN-1,Nguyễn Hòa,12/03/2000,Nữ,001300012354,,00004,DTN-CHI-1,Đang sinh hoạt']);
    // Three namesakes of an upland commune (Điện Biên), born "01/01/1980", no numbers or phones in
    // the rosters; the register knows them as three people.
    await roster('HND', [
      'HND-TH1,Lò Văn Thành,01/01/1980,Nam,,,03199,HND-NA-1,Đang sinh hoạt',
      'HND-TH2,Lò Văn Thành,01/01/1980,Nam,,,03199,HND-NA-2,Đang sinh hoạt',
    ]);
    await roster('CD', ['CD-TH1,Lò Văn Thành,1980,Nam,,,03199,CD-NA-1,Đang sinh hoạt']);
    // One man of that commune listed twice the same way, whom the register (covering the commune) does not list.
    await roster('HND', ['HND-QH1,Quàng Văn Hoan,01/01/1975,Nam,,,03199,HND-NA-1,Đang sinh hoạt']);
    await roster('CD', ['CD-QH1,Quàng Văn Hoan,1975,Nam,,,03199,CD-NA-1,Đang sinh hoạt']);
    const register = path.join(dir, 'residents.csv');
    fs.writeFileSync(
      register,
      [
        'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã,Tình trạng,Ngày mất',
        'Lò Văn Thành,01/01/1980,Nam,011080000001,03199,Còn sống,',
        'Lò Văn Thành,01/01/1980,Nam,011080000002,03199,Còn sống,',
        'Lò Văn Thành,01/01/1980,Nam,011080000003,03199,Còn sống,',
        'Nguyễn Thị Hòa,12/03/2000,Nữ,001300012345,00004,Còn sống,',
      ].join('\n'),
    );
    await t.app.get(RegisterService).import(register, CLI_PRINCIPAL);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes one person of one woman written five ways across four organizations, and explains why', async () => {
    const s = await linker.link();
    expect(s.records).toBe(10);
    const codes: [string, string][] = [
      ['CD', 'CD-1'],
      ['HPN', 'HPN-1'],
      ['HPN', 'HPN-2'],
      ['HND', 'HND-1'],
      ['DTN', 'DTN-1'],
    ];
    const people = await Promise.all(codes.map(([o, c]) => personOf(o, c)));
    expect(new Set(people.map((p) => p.person_id)).size).toBe(1);
    // The temporary listing joins her without making her "listed twice" in Hội Phụ nữ.
    expect(people.every((p) => !p.flags?.includes('DUPLICATE_IN_ORG'))).toBe(true);
    const why = await linker.explanations(people[0].id);
    const withHnd = why.find((w) => w.other === people[3].id)!;
    expect(withHnd.decision).toBe('AUTO');
    expect(withHnd.explanation).toMatch(/cùng số định danh/i);
    expect(withHnd.explanation).toContain('ngày sinh đảo ngày/tháng');
    expect(withHnd.explanation).toMatch(/đã liên kết tự động thành một người\.$/);
    // The number typed with two digits swapped is a slip, not another person.
    const withDtn = (await linker.explanations(people[4].id)).map((w) => w.explanation).join(' ');
    expect(withDtn).toMatch(/số định danh lệch một chữ số/i);
    expect(s.persons).toBe(1 + 3 + 1);
  });

  it('keeps namesakes of one upland commune with placeholder dates apart', async () => {
    const ids = await Promise.all([personOf('HND', 'HND-TH1'), personOf('HND', 'HND-TH2'), personOf('CD', 'CD-TH1')]);
    expect(new Set(ids.map((p) => p.person_id)).size).toBe(3);
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM record_link l JOIN member_record a ON a.id = l.record_a WHERE a.full_name = 'Lò Văn Thành' AND l.decision <> 'REVIEW'`,
    );
    expect(Number(n)).toBe(0);
  });

  it('links one name, one year and one commune when the register covering it knows nobody else of that name and year there', async () => {
    const [hnd, cd] = await Promise.all([personOf('HND', 'HND-QH1'), personOf('CD', 'CD-QH1')]);
    expect(hnd.person_id).toBe(cd.person_id);
    const why = (await linker.explanations(hnd.id)).find((w) => w.other === cd.id)!;
    expect(why.decision).toBe('AUTO');
  });

  it('keeps person ids when records are added, and gives the same persons for the same data', async () => {
    const before = await personOf('CD', 'CD-1');
    const namesake = await personOf('CD', 'CD-TH1');
    await roster('CCB', ['CCB-1,Nguyễn Thị Hòa,12/03/2000,Nữ,001300012345,0912345678,00004,CCB-CHI-1,Đang sinh hoạt']);
    await linker.link();
    expect((await personOf('CD', 'CD-1')).person_id).toBe(before.person_id);
    expect((await personOf('CCB', 'CCB-1')).person_id).toBe(before.person_id);
    expect((await personOf('CD', 'CD-TH1')).person_id).toBe(namesake.person_id);
    const snapshot = await t.sql<{ record_id: string; person_id: string }>(
      `SELECT record_id, person_id FROM record_person ORDER BY record_id`,
    );
    await linker.link();
    expect(await t.sql(`SELECT record_id, person_id FROM record_person ORDER BY record_id`)).toEqual(snapshot);
  });

  it('writes the audit file with exactly its contract', async () => {
    // The same person listed twice in one organization (a transfer never closed), and a record the linker has not seen.
    await roster('HND', ['HND-2,Nguyễn Thị Hòa,12/03/2000,Nữ,001300012345,,00004,HND-CHI-2,Đang sinh hoạt']);
    await linker.link();
    await roster('HND', ['HND-NEW,Phạm Văn Mới,05/06/1970,Nam,,,00004,HND-CHI-1,Đang sinh hoạt']);
    const out = path.join(dir, 'audit.csv');
    const n = await linker.writeAudit(out, CLI_PRINCIPAL);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const lines = text.split('\n');
    expect(lines[0]).toBe('org,ma_ho_so,person_id,ao,flags');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    const [{ active }] = await t.sql<{ active: string }>(`SELECT count(*) AS active FROM member_record WHERE status = 'ACTIVE'`);
    expect(rows.length).toBe(Number(active));
    expect(n).toBe(rows.length);
    // No temporary listing: one row per ACTIVE record.
    expect(rows.find((r) => r[1] === 'HPN-2')).toBeUndefined();
    for (const r of rows) {
      expect(r).toHaveLength(5);
      expect(r[2]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r[3]).toBe('0');
      expect(r[4]).toBe(r[4].split(';').filter(Boolean).sort().join(';'));
    }
    const byCode = new Map(rows.map((r) => [r[1], r]));
    expect(byCode.get('HND-2')![4]).toContain('DUPLICATE_IN_ORG');
    expect(byCode.get('HND-1')![4]).toContain('DUPLICATE_IN_ORG');
    expect(byCode.get('HND-2')![2]).toBe(byCode.get('CD-1')![2]);
    // A record alone is its own person, with the id the linker would give it.
    const fresh = await personOf('HND', 'HND-NEW');
    expect(byCode.get('HND-NEW')![2]).toBe(newPersonId(fresh.id));
    expect(byCode.get('HND-NEW')![4]).toBe('');
  });

  it("respects people's decisions in every later run: a rejected pair stays apart, a confirmed one together", async () => {
    const decisions = t.app.get(ReviewDecisionsService);
    const cd1 = await personOf('CD', 'CD-1');
    const hnd2 = await personOf('HND', 'HND-2');
    const th1 = await personOf('HND', 'HND-TH1');
    const cdTh = await personOf('CD', 'CD-TH1');
    expect(hnd2.person_id).toBe(cd1.person_id);
    const flagsOf = async (id: string) =>
      (await t.sql<{ flags: string[] }>(`SELECT flags FROM record_person WHERE record_id = $1`, [id]))[0].flags;
    expect(await flagsOf(cdTh.id)).not.toContain('MULTI_ORG');
    const split = await decisions.decide(cd1.id, hnd2.id, ReviewDecision.REJECT, 'hai người khác nhau, đã gặp trực tiếp', CLI_PRINCIPAL);
    const joined = await decisions.decide(
      th1.id,
      cdTh.id,
      ReviewDecision.CONFIRM,
      'cùng một người, đã đối chiếu sổ hộ khẩu',
      CLI_PRINCIPAL,
    );
    // In effect at once, before any run: the persons, and the flags a record owes to its person.
    expect((await personOf('HND', 'HND-2')).person_id).not.toBe((await personOf('CD', 'CD-1')).person_id);
    expect((await personOf('CD', 'CD-TH1')).person_id).toBe((await personOf('HND', 'HND-TH1')).person_id);
    expect(split.personsAfter).toBe(split.personsBefore + 1);
    expect(joined).toEqual({ personsBefore: 2, personsAfter: 1, recordsMoved: 1 });
    expect(await flagsOf(cdTh.id)).toContain('MULTI_ORG');
    expect(await flagsOf(th1.id)).toContain('MULTI_ORG');
    for (let run = 0; run < 2; run++) {
      await linker.link();
      expect((await personOf('HND', 'HND-2')).person_id).not.toBe((await personOf('CD', 'CD-1')).person_id);
      expect((await personOf('CD', 'CD-TH1')).person_id).toBe((await personOf('HND', 'HND-TH1')).person_id);
    }
    // The namesake not confirmed stays apart; the decisions are in the audit log with their reasons.
    expect((await personOf('HND', 'HND-TH2')).person_id).not.toBe((await personOf('HND', 'HND-TH1')).person_id);
    const log = await t.sql<{ action: string; reason: string }>(
      `SELECT action, detail->>'reason' AS reason FROM audit_event WHERE subject_type = 'RECORD_PAIR' ORDER BY id`,
    );
    expect(log.map((l) => l.action)).toEqual(['REVIEW_TWO_PEOPLE', 'REVIEW_SAME_PERSON']);
    await expect(decisions.decide(cd1.id, cd1.id, ReviewDecision.REJECT, 'x', CLI_PRINCIPAL)).rejects.toThrow('hai hồ sơ khác nhau');
    await expect(decisions.decide(cd1.id, hnd2.id, ReviewDecision.REJECT, '  ', CLI_PRINCIPAL)).rejects.toThrow('Lý do');
  });

  it("shows a secretariat another organization's records of a person only as where they are listed", async () => {
    await roster('HND', ['HND-Y1,Vương Thị Yến,08/08/1988,Nữ,001188077777,,00004,HND-CHI-1,Đang sinh hoạt']);
    await roster('HPN', ['HPN-Y1,Vương Thị Yến,08/08/1988,Nữ,001188077777,,00004,HPN-CHI-1,Đang sinh hoạt']);
    const hpnRecord = await personOf('HPN', 'HPN-Y1');
    expect(hpnRecord.person_id).toBe((await personOf('HND', 'HND-Y1')).person_id);
    const token = await t.logIn(await t.createUser('vp.hpn.linker', Role.SECRETARIAT, 'HPN'));
    const r = await t.gql<{
      person: { records: { organization: string; communeCode: string; recordId: string | null; fullName: string | null }[] };
    }>(
      `query($id: ID!) { person(id: $id) { records { organization communeCode recordId fullName } } }`,
      { id: hpnRecord.person_id },
      { token },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.person.records).toEqual([
      { organization: 'HND', communeCode: '00004', recordId: null, fullName: null },
      { organization: 'HPN', communeCode: '00004', recordId: hpnRecord.id, fullName: 'Vương Thị Yến' },
    ]);
  });

  it('counts số lượt, số người and the overlap matrix as independent SQL does', async () => {
    await linker.link();
    const views = t.app.get(PersonViewsService);
    const person = `coalesce(p.person_id::text, r.id::text)`;
    const from = `FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE r.status = 'ACTIVE' AND r.erased_at IS NULL`;
    // A commune's people count under the organizations they are in there; an organization's under all of theirs (as the reports count).
    for (const [scope, extra, everywhere] of [
      ['province', '', true],
      ['org:HND', ` AND r.organization_code = 'HND'`, true],
      ['commune:03199', ` AND r.commune_code = '03199'`, false],
    ] as const) {
      const o = await views.overlap(scope);
      const [c] = await t.sql<{ memberships: number; persons: number }>(
        `SELECT count(*)::int AS memberships, count(DISTINCT ${person})::int AS persons ${from}${extra}`,
      );
      expect({ memberships: o.memberships, persons: o.persons }).toEqual(c);
      const theirs = everywhere ? `${from} AND ${person} IN (SELECT ${person} ${from}${extra})` : `${from}${extra}`;
      const byCount = await t.sql<{ organizations: number; persons: number }>(
        `SELECT n AS organizations, count(*)::int AS persons FROM (SELECT ${person} AS who, count(DISTINCT r.organization_code)::int AS n ${theirs} GROUP BY 1) x GROUP BY n ORDER BY n`,
      );
      expect(o.byOrganizationCount).toEqual(byCount);
      const cdHnd = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT ${person} ${theirs} GROUP BY 1 HAVING bool_or(r.organization_code = 'CD') AND bool_or(r.organization_code = 'HND')) x`,
      );
      expect(o.matrix.find((m) => m.a === 'CD' && m.b === 'HND')?.persons ?? 0).toBe(cdHnd[0].n);
    }
    const province = await views.overlap();
    expect(province.persons).toBeLessThan(province.memberships);
    await expect(views.overlap('district:1')).rejects.toThrow('không hợp lệ');
  });

  it("finds a person typed without accents and with an old phone number, showing another organization's record only as the rights allow", async () => {
    await roster('HND', ['HND-P1,Đinh Văn Phong,05/05/1975,Nam,,0381234567,00004,HND-CHI-1,Đang sinh hoạt']);
    const query = `query($i: DuplicateCheckInput!) { possibleDuplicates(input: $i) {
      probability verdict explanation organization communeCode recordId externalId fullName } }`;
    const input = { fullName: 'DINH VAN PHONG', birthDate: '1975', phone: '0168 123 4567', communeCode: '00004', organization: 'HPN' };
    const hpn = await t.logIn(await t.createUser('vp.hpn.dup', Role.SECRETARIAT, 'HPN'));
    type Candidates = {
      possibleDuplicates: {
        organization: string;
        recordId: string | null;
        fullName: string | null;
        explanation: string;
        verdict: string;
      }[];
    };
    const seen = await t.gql<Candidates>(query, { i: input }, { token: hpn });
    expect(seen.errors).toBeUndefined();
    const [first] = seen.data!.possibleDuplicates;
    expect(first).toMatchObject({ organization: 'HND', recordId: null, fullName: null, verdict: 'LIKELY_SAME' });
    expect(first.explanation).toMatch(/cùng số điện thoại/i);
    const asAdmin = await t.gql<Candidates>(query, { i: input });
    expect(asAdmin.data!.possibleDuplicates[0]).toMatchObject({ organization: 'HND', fullName: 'Đinh Văn Phong' });
    // Nobody of that name and phone: nothing to show.
    const none = await t.gql<Candidates>(query, { i: { fullName: 'Vi Thị Ngọc Khuê', birthDate: '1975', phone: '0999999999' } });
    expect(none.data!.possibleDuplicates).toEqual([]);
    const bad = await t.gql(query, { i: { fullName: 'Đinh Văn Phong', birthDate: '31/02/1975' } });
    expect(bad.errors?.[0].message).toContain('Ngày sinh');
  });

  it('shows her own organization’s namesake of the year she typed, however weak the evidence (she must not add him twice)', async () => {
    await roster('HND', ['HND-BUN,Lò Văn Bun,06/06/1998,Nam,,,00004,HND-CHI-1,Đang sinh hoạt']);
    const hnd = await t.logIn(await t.createUser('vp.hnd.bun', Role.SECRETARIAT, 'HND'));
    const query = `query($i: DuplicateCheckInput!) { possibleDuplicates(input: $i) { verdict organization externalId fullName birthDate unitName evidence { field sentence } } }`;
    const typed = { fullName: 'Lò Văn Bun', birthDate: '1998' };
    const r = await t.gql<{
      possibleDuplicates: { verdict: string; externalId: string | null; evidence: { field: string; sentence: string }[] }[];
    }>(query, { i: { ...typed, organization: 'HND' } }, { token: hnd });
    // With what tells two namesakes apart (born when, in which chi hội), within her rights.
    expect(r.data!.possibleDuplicates).toEqual([
      expect.objectContaining({
        verdict: 'TO_REVIEW',
        externalId: 'HND-BUN',
        fullName: 'Lò Văn Bun',
        birthDate: '06/06/1998',
        unitName: expect.any(String) as unknown,
      }),
    ]);
    // One record of that name is there: the sentence counts it, not her new one besides.
    const name = r.data!.possibleDuplicates[0].evidence.find((e) => e.field === 'name')!;
    expect(name.sentence).toMatch(/^cùng họ tên — bằng chứng/);
    // Another organization's form is not shown a weak namesake of his.
    const other = await t.gql<{ possibleDuplicates: unknown[] }>(query, { i: { ...typed, organization: 'CCB' } });
    expect(other.data!.possibleDuplicates).toEqual([]);
    // Asked for the persons one may merge with his: every namesake of that year, whatever the organization.
    const merge = await t.gql<{ possibleDuplicates: unknown[] }>(query, { i: { ...typed, organization: 'CCB', namesakes: true } });
    expect(merge.data!.possibleDuplicates).toEqual([expect.objectContaining({ verdict: 'TO_REVIEW', externalId: 'HND-BUN' })]);
  });

  it('links a record created through GraphQL at once, and the records of a small import as they land', async () => {
    await roster('HND', ['HND-K1,Bùi Văn Khải,20/10/1990,Nam,001090055555,0987000111,00004,HND-CHI-1,Đang sinh hoạt']);
    const first = await personOf('HND', 'HND-K1');
    expect(first.person_id).toBe(newPersonId(first.id));
    const created = await t.gql(`mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`, {
      i: {
        organization: 'CD',
        externalId: 'CD-K1',
        fullName: 'Bùi Văn Khải',
        birthDate: '20/10/1990',
        sex: 'MALE',
        idNumber: '001090055555',
        communeCode: '00004',
      },
    });
    expect(created.errors).toBeUndefined();
    expect((await personOf('CD', 'CD-K1')).person_id).toBe(first.person_id);
    await roster('CCB', ['CCB-K1,BUI VAN KHAI,1990,Nam,,0987000111,00004,CCB-CHI-1,Đang sinh hoạt']);
    expect((await personOf('CCB', 'CCB-K1')).person_id).toBe(first.person_id);
    const [link] = await t.sql<{ decision: string }>(
      `SELECT l.decision FROM record_link l WHERE $1 IN (l.record_a, l.record_b) AND $2 IN (l.record_a, l.record_b)`,
      [first.id, (await personOf('CD', 'CD-K1')).id],
    );
    expect(link.decision).toBe('AUTO');
    // The next full run agrees.
    await linker.link();
    expect((await personOf('CCB', 'CCB-K1')).person_id).toBe(first.person_id);
  });

  it('splits and merges persons, keeping their ids and history, and every later run respects it', async () => {
    const decisions = t.app.get(ReviewDecisionsService);
    const khai = await personOf('HND', 'HND-K1');
    const ccb = await personOf('CCB', 'CCB-K1');
    // The CCB record (no number, year only) is another Bùi Văn Khải: it leaves with a new id.
    const other = await decisions.splitPerson(khai.person_id!, [ccb.id], 'người khác, cùng tên, khác năm sinh thật', CLI_PRINCIPAL);
    expect(other).not.toBe(khai.person_id);
    expect((await personOf('CCB', 'CCB-K1')).person_id).toBe(other);
    expect((await personOf('HND', 'HND-K1')).person_id).toBe(khai.person_id);
    await linker.link();
    expect((await personOf('CCB', 'CCB-K1')).person_id).toBe(other);
    expect((await personOf('CD', 'CD-K1')).person_id).toBe(khai.person_id);
    // Merging them back: the first keeps its id, and so does every later run.
    expect(await decisions.mergePersons(khai.person_id!, other, 'đã xác minh: cùng một người', CLI_PRINCIPAL)).toBe(khai.person_id);
    await linker.link();
    expect((await personOf('CCB', 'CCB-K1')).person_id).toBe(khai.person_id);
    const history = await t.sql<{ action: string; subject_type: string }>(
      `SELECT action, subject_type FROM audit_event WHERE subject_type = 'PERSON' AND action IN ('SPLIT', 'MERGE') ORDER BY id`,
    );
    expect(history.map((h) => h.action)).toEqual(['SPLIT', 'MERGE']);
    await expect(
      decisions.splitPerson(
        khai.person_id!,
        [ccb.id, (await personOf('HND', 'HND-K1')).id, (await personOf('CD', 'CD-K1')).id],
        'x',
        CLI_PRINCIPAL,
      ),
    ).rejects.toThrow('không phải tất cả');
  });

  it('flags phantoms with their evidence, puts them in the audit file, and keeps decisions on flags across runs', async () => {
    const register = path.join(dir, 'residents-dead.csv');
    fs.writeFileSync(
      register,
      [
        'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã,Tình trạng,Ngày mất',
        'Hà Văn Thọ,02/02/1940,Nam,001040066666,00008,Đã mất,15/06/2025',
      ].join('\n'),
    );
    await t.app.get(RegisterService).import(register, CLI_PRINCIPAL);
    const file = path.join(dir, 'hnd-phantoms.csv');
    fs.writeFileSync(
      file,
      [
        'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày sinh hoạt gần nhất',
        'HND-DEAD,Hà Văn Thọ,02/02/1940,Nam,001040066666,,00008,HND-CHI-9,Đang sinh hoạt,01/10/2026',
        'HND-IDLE,Lường Văn Nhàn,03/03/1960,Nam,001060077777,0977000222,00008,HND-CHI-9,Đang sinh hoạt,01/01/2023',
      ].join('\n'),
    );
    await t.app.get(RosterImportService).import(file, { organization: 'HND', createUnits: true }, CLI_PRINCIPAL);
    await linker.link();
    const dead = await personOf('HND', 'HND-DEAD');
    const idle = await personOf('HND', 'HND-IDLE');
    const out = path.join(dir, 'audit-phantoms.csv');
    await linker.writeAudit(out, CLI_PRINCIPAL);
    const row = (code: string) =>
      fs
        .readFileSync(out, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`HND,${code},`))!
        .split(',');
    expect(row('HND-DEAD').slice(3)).toEqual(['1', 'DECEASED']);
    // Flags sorted and joined by ';' (the register covers commune 00008 and does not know him).
    expect(row('HND-IDLE').slice(3)).toEqual(['1', 'INACTIVE;NOT_IN_REGISTER']);
    expect(row('HND-1')[3]).toBe('0');
    const listed = await t.gql<{
      flaggedRecords: {
        externalId: string;
        ao: boolean;
        aoReasons: string[];
        flags: { code: string; message: string; evidenceOutcome: string | null; evidenceDate: string | null }[];
      }[];
    }>(
      `{ flaggedRecords(organization: "HND", code: "AO") { externalId ao aoReasons flags { code message evidenceOutcome evidenceDate } } }`,
    );
    const deadRow = listed.data!.flaggedRecords.find((r) => r.externalId === 'HND-DEAD')!;
    expect(deadRow).toMatchObject({ ao: true, aoReasons: ['DECEASED'] });
    expect(deadRow.flags[0].message).toBe('CSDL dân cư ghi người này đã mất ngày 15/06/2025');
    // What the console offers her to confirm: a death, on the register's day.
    expect(deadRow.flags[0]).toMatchObject({ evidenceOutcome: 'DECEASED', evidenceDate: '2025-06-15' });
    // The secretariat knows the idle member is active (the roster was not updated): a false alarm, for good.
    const hnd = await t.logIn(await t.createUser('vp.hnd.flags', Role.SECRETARIAT, 'HND'));
    const decided = await t.gql(
      `mutation($id: ID!) { resolveFlag(recordId: $id, code: "INACTIVE", resolution: "FALSE_ALARM", note: "vẫn sinh hoạt, sổ chưa cập nhật") }`,
      { id: idle.id },
      { token: hnd },
    );
    expect(decided.errors).toBeUndefined();
    // No longer suspected at once — the counts and a report run now leave her out — not at the next run.
    const [now] = await t.sql<{ ao: boolean; ao_reasons: string[] }>(`SELECT ao, ao_reasons FROM record_person WHERE record_id = $1`, [
      idle.id,
    ]);
    expect(now).toEqual({ ao: false, ao_reasons: [] });
    const suspects = await t.gql<{ flaggedRecords: { externalId: string }[] }>(
      `{ flaggedRecords(organization: "HND", code: "AO") { externalId } }`,
    );
    expect(suspects.data!.flaggedRecords.map((r) => r.externalId)).not.toContain('HND-IDLE');
    const attention = await t.gql(
      `mutation($id: ID!) { resolveFlag(recordId: $id, code: "DECEASED", resolution: "ATTENTION", note: "xem lại") }`,
      { id: dead.id },
      { token: hnd },
    );
    expect(attention.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await linker.link();
    const [again] = await t.sql<{ ao: boolean; flags: string[] }>(`SELECT ao, flags FROM record_person WHERE record_id = $1`, [idle.id]);
    expect(again).toEqual({ ao: false, flags: ['NOT_IN_REGISTER'] });
    // Listed months after the death the register gives (a phantom): confirming it is not refused as "ended before joining".
    await t.sql(`UPDATE member_record SET join_date = '2026-01-10', join_date_precision = 'DAY' WHERE id = $1`, [dead.id]);
    // Confirmed: the membership ends (died), and the record leaves the audit file's ACTIVE rows.
    const confirmed = await t.gql(
      `mutation($id: ID!) { resolveFlag(recordId: $id, code: "DECEASED", resolution: "CONFIRMED", note: "giấy báo tử của UBND xã") }`,
      { id: dead.id },
      { token: hnd },
    );
    expect(confirmed.errors).toBeUndefined();
    const [ended] = await t.sql<{ status: string }>(`SELECT status FROM member_record WHERE id = $1`, [dead.id]);
    expect(ended.status).toBe('DECEASED');
    // No date given (the API, a script): the membership ended on the register's death date, not today.
    const history = await t.gql<{ memberRecord: { history: { kind: string; effectiveDate: string | null; toStatus: string | null }[] } }>(
      `query($id: ID!) { memberRecord(id: $id) { history { kind effectiveDate toStatus } } }`,
      { id: dead.id },
      { token: hnd },
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.memberRecord.history.find((e) => e.kind === 'ENDED')).toMatchObject({
      effectiveDate: '2025-06-15',
      toStatus: 'DECEASED',
    });
    const counts = await t.gql<{ flagCounts: { organization: string; code: string; records: number }[] }>(
      `{ flagCounts(organization: "HND") { organization code records } }`,
    );
    expect(counts.errors).toBeUndefined();
    expect(counts.data!.flagCounts.every((c) => c.organization === 'HND' && c.records > 0)).toBe(true);
  });
  it('logs every read of flagged records, the review queue and the audit file, with counts and codes only', async () => {
    const [{ last }] = await t.sql<{ last: string }>(`SELECT coalesce(max(id), 0)::text AS last FROM audit_event`);
    const hnd = await t.serviceToken(Role.SECRETARIAT, 'HND');
    const flagged = await t.gql<{ flaggedRecords: { recordId: string }[] }>(
      `{ flaggedRecords(commune: "00008") { recordId } }`,
      {},
      { token: hnd },
    );
    expect(flagged.errors).toBeUndefined();
    const queue = await t.gql<{ reviewQueue: { recordA: string }[] }>(`{ reviewQueue(first: 20) { recordA } }`);
    expect(queue.errors).toBeUndefined();
    const out = path.join(dir, 'audit-cli.csv');
    const cli = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), 'audit', '--out', out], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    const written = fs.readFileSync(out, 'utf8').split('\n').length - 2;
    const rows = await t.sql<{ action: string; subject_type: string; organization_code: string | null; detail: Record<string, unknown> }>(
      `SELECT action, subject_type, organization_code, detail FROM audit_event WHERE id > $1 AND subject_type IN ('FLAGGED_RECORDS', 'REVIEW_QUEUE', 'AUDIT_FILE') ORDER BY id`,
      [last],
    );
    expect(rows).toEqual([
      {
        action: 'ROSTER_READ',
        subject_type: 'FLAGGED_RECORDS',
        organization_code: 'HND',
        detail: { rows: flagged.data!.flaggedRecords.length, unit: null, commune: '00008', code: null },
      },
      {
        action: 'ROSTER_READ',
        subject_type: 'REVIEW_QUEUE',
        organization_code: null,
        detail: {
          pairs: queue.data!.reviewQueue.length,
          commune: null,
          minProbability: null,
          maxProbability: null,
          recordsShown: 2 * queue.data!.reviewQueue.length,
        },
      },
      { action: 'EXPORT', subject_type: 'AUDIT_FILE', organization_code: null, detail: { rows: written } },
    ]);
    expect(flagged.data!.flaggedRecords.length).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(0);
  });

  it('shows a pair to review side by side with its evidence in words — the names only within the reader’s rights', async () => {
    type Side = { organization: string; fullName: string | null; birthDate: string | null; externalId: string | null };
    type Pair = {
      probability: number;
      calibratedProbability: number;
      probabilityText: string;
      explanation: string;
      evidence: { field: string; label: string; sentence: string; bar: number }[];
      a: Side;
      b: Side;
    };
    // One name typed one letter off in two organizations of two communes far apart, nothing else
    // to tell: for a person to judge.
    await roster('HND', ['HND-RV1,Lường Thị Xuân,12/08/1990,Nữ,,,00008,HND-CHI-1,Đang sinh hoạt']);
    await roster('CD', ['CD-RV1,Lường Thị Xuăn,12/08/1990,Nữ,,,03199,CD-CHI-1,Đang sinh hoạt']);
    await linker.link();
    const q = `{ reviewQueue(first: 50) { probability calibratedProbability probabilityText explanation evidence { field label sentence bar } a { organization fullName birthDate externalId } b { organization fullName birthDate externalId } } }`;
    const all = await t.gql<{ reviewQueue: Pair[] }>(q);
    expect(all.errors).toBeUndefined();
    const pairs = all.data!.reviewQueue;
    expect(pairs.length).toBeGreaterThan(0);
    for (const p of pairs) {
      expect(p.probabilityText).not.toMatch(/^100%|^0%/);
      // What is shown is the calibrated probability: below the model's over-confident one at the top.
      expect(p.calibratedProbability).toBeLessThan(1);
      expect(p.calibratedProbability).toBeGreaterThan(0);
      const shown =
        p.calibratedProbability >= 0.999
          ? 'trên 99,9%'
          : `${(p.calibratedProbability * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
      expect(p.probabilityText.startsWith(`${shown}: `)).toBe(true);
      expect(p.explanation).toContain(`Xác suất cùng một người ${shown}`);
      expect(p.explanation).not.toMatch(/[+-]\d/);
      expect(p.evidence.length).toBeGreaterThan(0);
      for (const e of p.evidence) {
        expect(e.bar).toBeGreaterThanOrEqual(-1);
        expect(e.bar).toBeLessThanOrEqual(1);
        expect(e.sentence).toMatch(/bằng chứng|không nói lên/);
      }
      expect(p.a.fullName).toBeTruthy();
      expect(p.b.fullName).toBeTruthy();
    }
    // Both sides named for those who decide, the birth dates, the names' slip (a mark) in words.
    const xuan = pairs.find((p) => [p.a.fullName, p.b.fullName].sort().join() === 'Lường Thị Xuân,Lường Thị Xuăn')!;
    expect(xuan).toBeDefined();
    expect([xuan.a.birthDate, xuan.b.birthDate]).toEqual(['12/08/1990', '12/08/1990']);
    expect(xuan.evidence.find((e) => e.field === 'name')!.sentence).toMatch(
      /^họ tên cùng chữ nhưng khác dấu — bằng chứng (yếu|vừa|mạnh|rất mạnh) là cùng một người$/,
    );
    // The Ban Dân vận, who decides, reads both sides as the administrator does.
    const danVan = await t.gql<{ reviewQueue: Pair[] }>(q, {}, { token: await t.serviceToken(Role.DAN_VAN) });
    expect(danVan.errors).toBeUndefined();
    expect(danVan.data!.reviewQueue.map((p) => [p.a.fullName, p.b.externalId])).toEqual(pairs.map((p) => [p.a.fullName, p.b.externalId]));
  });
});
