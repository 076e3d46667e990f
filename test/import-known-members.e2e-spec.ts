import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { parsePersonName } from '../src/common/identity/person-name.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { MemberRecordsService } from '../src/membership/member-record/member-records.service.js';
import { MemberStatus } from '../src/membership/status/member-status.js';
import { flagDuplicateListings, matchKnownMembers, type UncodedRow } from '../src/roster-io/import/known-members.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const UNCODED = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị';
const CODED = `Mã hồ sơ,${UNCODED}`;

type Flag = { code: string; severity: string; message: string; evidence: { raisedBy?: string; otherListings?: { externalId: string }[] } };

/** Issue 17 item 3: members already known are matched, never duplicated — and never merged at import. */
describe('members already known (issue 17, item 3)', () => {
  let t: TestApp;
  let em: EntityManager;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-known-'));
  const importCsv = async (org: string, name: string, header: string, rows: string[], full = false) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, [header, ...rows].join('\n'));
    return t.app.get(RosterImportService).import(file, { organization: org, createUnits: true, full }, CLI_PRINCIPAL);
  };
  const records = (org: string) =>
    t.sql<{ id: string; external_id: string; full_name: string; phone: string | null }>(
      `SELECT id, external_id, full_name, phone FROM member_record WHERE organization_code = $1 ORDER BY full_name`,
      [org],
    );
  const flagOf = async (org: string, code: string) =>
    (
      await t.sql<Flag>(
        `SELECT f.code, f.severity, f.message, f.evidence FROM record_flag f JOIN member_record r ON r.id = f.record_id
          WHERE r.organization_code = $1 AND r.external_id = $2 AND f.code = 'DUPLICATE_IN_ORG'`,
        [org, code],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
    em = t.app.get(DataSource).manager;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a corrected roster without codes, imported again: no second record, the two changes applied, a namesake of a year held', async () => {
    const first = await importCsv('HPN', 'hpn-v1.csv', UNCODED, [
      'Lò Thị Lan,12/03/1985,Nữ,001185012345,,00004,HPN-K1',
      'Nguyễn Thị Hoa,05/06/1990,Nữ,,0912000001,00004,HPN-K1',
      'Trần Thị Maii,07/08/1992,Nữ,001192000777,,00004,HPN-K1',
      'Phạm Thị Hương,1988,Nữ,,,00004,HPN-K1',
    ]);
    expect([first.created, first.rejected]).toEqual([4, 0]);
    const before = await records('HPN');
    // Corrected: the name typed wrong fixed (her CCCD says who she is), a phone changed, the rows reordered;
    // Phạm Thị Hương now listed in another chi hội (her line changed: a year alone cannot say it is her).
    const again = await importCsv(
      'HPN',
      'hpn-v2.csv',
      UNCODED,
      [
        'Phạm Thị Hương,1988,Nữ,,,00004,HPN-K2',
        'Trần Thị Mai,07/08/1992,Nữ,001192000777,,00004,HPN-K1',
        'Nguyễn Thị Hoa,05/06/1990,Nữ,,0912000002,00004,HPN-K1',
        'Lò Thị Lan,12/03/1985,Nữ,001185012345,,00004,HPN-K1',
      ],
      true,
    );
    expect([again.created, again.updated, again.unchanged, again.rejected]).toEqual([0, 2, 1, 0]);
    const after = await records('HPN');
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    expect(after.map((r) => [r.full_name, r.phone])).toEqual([
      ['Lò Thị Lan', null],
      ['Nguyễn Thị Hoa', '0912000002'],
      ['Phạm Thị Hương', null],
      ['Trần Thị Mai', null],
    ]);
    // The result file: each row with the code of the record it updated; the namesake of a year alone waits.
    const kept = await t.sql<{ ordinal: number; outcome: string }>(
      `SELECT e.ordinal, e.outcome FROM import_row_error e WHERE e.job_id = $1 ORDER BY e.ordinal`,
      [again.jobId],
    );
    expect(kept.map((k) => k.outcome)).toEqual(['HELD', 'UPDATED', 'UPDATED', 'UNCHANGED']);
    const lines = fs.readFileSync(again.resultFile!, 'utf8').split(/\r?\n/);
    const code = (name: string) => before.find((r) => r.full_name === name)!.external_id;
    expect(lines[1]).toMatch(/chờ quyết định: có thể là hồ sơ .*trùng họ tên, năm sinh/);
    expect(lines[1]).toContain(code('Phạm Thị Hương'));
    // …with no code of its own: the file brought back is matched again, never created under that code.
    expect(lines[1].startsWith(',')).toBe(true);
    // The roster was the whole list (--full): the record the held row may be is not "missing from the file".
    expect(again.missing).toEqual([]);
    expect(lines[3].startsWith(`${code('Nguyễn Thị Hoa')},`)).toBe(true);
  });

  it('a name whose typo is fixed, with the same phone, is held (never a second record); a year with the same phone in the same commune is the same member', async () => {
    const first = await importCsv('HPN', 'hpn-phone-v1.csv', UNCODED, [
      'Lường Thị Ơnn,1970,Nữ,,0912000055,00004,HPN-K2',
      'Cà Thị Khánh,1966,Nữ,,0912000066,00004,HPN-K2',
    ]);
    expect([first.created, first.held]).toEqual([2, 0]);
    const before = (await records('HPN')).filter((r) => ['Lường Thị Ơnn', 'Cà Thị Khánh'].includes(r.full_name));
    const v2 = ['Cà Thị Khánh,1966,Nữ,,0912000066,00004,HPN-K2', 'Lường Thị Ơn,1970,Nữ,,0912000055,00004,HPN-K2'];
    // Her preview names the held row as her file does.
    const importer = t.app.get(RosterImportService);
    fs.writeFileSync(path.join(dir, 'hpn-phone-v2-preview.csv'), [UNCODED, ...v2].join('\n'));
    const previewed = await importer.import(
      path.join(dir, 'hpn-phone-v2-preview.csv'),
      { organization: 'HPN', preview: true },
      CLI_PRINCIPAL,
    );
    const rows = (await importer.preview(previewed.jobId, CLI_PRINCIPAL)).rows;
    expect(rows.map((r) => [r.fate, r.fullName])).toEqual([
      ['UNCHANGED', 'Cà Thị Khánh'],
      ['HELD', 'Lường Thị Ơn'],
    ]);
    const again = await importCsv('HPN', 'hpn-phone-v2.csv', UNCODED, v2);
    expect([again.created, again.held, again.unchanged]).toEqual([0, 1, 1]);
    const kept = await t.sql<{ outcome: string }>(`SELECT outcome FROM import_row_error WHERE job_id = $1 ORDER BY ordinal`, [again.jobId]);
    expect(kept.map((k) => k.outcome)).toEqual(['UNCHANGED', 'HELD']);
    const lines = fs.readFileSync(again.resultFile!, 'utf8').split(/\r?\n/);
    expect(lines[2]).toContain(`cùng số điện thoại, họ tên gần giống ('Lường Thị Ơnn')`);
    expect(lines[2]).toContain(before.find((r) => r.full_name === 'Lường Thị Ơnn')!.external_id);
    expect((await records('HPN')).filter((r) => r.full_name.startsWith('Lường Thị Ơn'))).toHaveLength(1);
  });

  it('holds the second row of one person written twice in her file (the same name, birth day and phone, another unit), never two records; a namesake born another year, or a name and a year alone, is another member', async () => {
    const lines = [
      'Hoàng Thị Thanh,04/06/1956,Nữ,,0912555111,00004,NCT-T1',
      'Bùi Văn Nhất,1955,Nam,,,00004,NCT-T1',
      // Written again lower down, under another chi hội: the same member.
      'Hoàng Thị Thanh,04/06/1956,Nữ,,0912 555 111,00004,NCT-T2',
      'Bùi Văn Nhất,1962,Nam,,,00004,NCT-T1',
      // A name and a year alone, twice: two namesakes of one bản as often as one woman written twice; both kept.
      'Vàng Thị Dí,1977,Nữ,,,00004,NCT-T1',
      'Vàng Thị Dí,1977,Nữ,,,00004,NCT-T1',
    ];
    const first = await importCsv('NCT', 'nct-twice.csv', UNCODED, lines);
    expect([first.created, first.held]).toEqual([5, 1]);
    const [held] = await t.sql<{ row_number: number; reason: string }>(
      `SELECT row_number, reason FROM import_plan_row WHERE job_id = $1 AND fate = 'HELD'`,
      [first.jobId],
    );
    expect(held).toEqual({
      row_number: 4,
      reason: expect.stringMatching(
        /^chờ quyết định: cùng một người với dòng 2 của tệp \(trùng họ tên, ngày sinh, xã, số điện thoại\): nếu đúng, xóa dòng này/,
      ) as unknown,
    });
    expect((await records('NCT')).map((r) => r.full_name)).toEqual([
      'Bùi Văn Nhất',
      'Bùi Văn Nhất',
      'Hoàng Thị Thanh',
      'Vàng Thị Dí',
      'Vàng Thị Dí',
    ]);
  });

  it('keeps a person listed under two codes with one CCCD: both stored, both flagged, still flagged after a link run', async () => {
    const s = await importCsv('HND', 'hnd-twice.csv', CODED, [
      'HND-A1,Vũ Văn Dũng,02/02/1970,Nam,001070123456,,00004,HND-K1',
      'HND-A2,Vũ Văn Dũng,02/02/1970,Nam,001070123456,,00004,HND-K2',
    ]);
    expect([s.created, s.rejected]).toEqual([2, 0]);
    const flags = async () => [await flagOf('HND', 'HND-A1'), await flagOf('HND', 'HND-A2')];
    const [a1, a2] = await flags();
    expect(a1).toMatchObject({ severity: 'WARNING', evidence: { raisedBy: 'IMPORT', otherListings: [{ externalId: 'HND-A2' }] } });
    expect(a2).toMatchObject({ severity: 'WARNING', evidence: { raisedBy: 'IMPORT', otherListings: [{ externalId: 'HND-A1' }] } });
    expect(a1.message).toContain('HND-A2');
    // Before any link run: in Cảnh báo's counts (the records linked at import carry the flag raised on them).
    const counted = await t.gql<{ flagCounts: { code: string; records: number }[] }>(
      `{ flagCounts(organization: "HND") { code records } }`,
    );
    expect(counted.data!.flagCounts.filter((c) => c.code === 'DUPLICATE_IN_ORG').reduce((n, c) => n + c.records, 0)).toBe(2);
    await t.app.get(LinkerService).link();
    expect(await flags()).toEqual([a1, a2]);
    const persons = await t.sql<{ flags: string[] }>(
      `SELECT p.flags FROM record_person p JOIN member_record r ON r.id = p.record_id WHERE r.external_id IN ('HND-A1', 'HND-A2')`,
    );
    expect(persons.map((p) => p.flags.includes('DUPLICATE_IN_ORG'))).toEqual([true, true]);
    // Once one listing ends, the other is no longer listed twice: the next run drops the import's flag.
    await t.sql(`UPDATE member_record SET status = 'LEFT' WHERE organization_code = 'HND' AND external_id = 'HND-A2'`);
    await t.app.get(LinkerService).link();
    expect((await flagOf('HND', 'HND-A1'))?.evidence.raisedBy).toBeUndefined();
  });

  it('drops the other listing’s flag at once when she strikes off the one written twice (before any link run)', async () => {
    await importCsv('HND', 'hnd-twice-2.csv', CODED, [
      'HND-D1,Đào Văn Cương,03/03/1971,Nam,001071654321,,00004,HND-K1',
      'HND-D2,Đào Văn Cương,03/03/1971,Nam,001071654321,,00004,HND-K2',
    ]);
    const [c2] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'HND-D2'`);
    await t.app
      .get(MemberRecordsService)
      .end({ id: c2.id, status: MemberStatus.STRUCK_OFF, date: '01/12/2026', reason: 'Ghi trùng: đã có hồ sơ HND-D1' }, CLI_PRINCIPAL);
    expect(await flagOf('HND', 'HND-D1')).toBeUndefined();
    const [kept] = await t.sql<{ flags: string[] }>(
      `SELECT p.flags FROM record_person p JOIN member_record r ON r.id = p.record_id WHERE r.external_id = 'HND-D1'`,
    );
    expect(kept.flags).not.toContain('DUPLICATE_IN_ORG');
  });

  it('flags both of two different names with one CCCD in one file, for a decision', async () => {
    const s = await importCsv('HND', 'hnd-one-number.csv', CODED, [
      'HND-B1,Lê Văn Bình,03/03/1975,Nam,001075222333,,00004,HND-K1',
      'HND-B2,Đỗ Văn Cường,04/04/1975,Nam,001075222333,,00004,HND-K1',
    ]);
    expect([s.created, s.rejected]).toEqual([2, 0]);
    expect((await flagOf('HND', 'HND-B1')).evidence.otherListings).toEqual([expect.objectContaining({ externalId: 'HND-B2' })]);
    expect((await flagOf('HND', 'HND-B2')).evidence.otherListings).toEqual([expect.objectContaining({ externalId: 'HND-B1' })]);
    expect(await flagDuplicateListings(em, 'HND', [])).toBe(0);
  });

  it('flags the listing already stored too when a later file lists the same CCCD under another code', async () => {
    await importCsv('HND', 'hnd-c1.csv', CODED, ['HND-C1,Cầm Văn Chung,06/06/1966,Nam,001066444555,,00004,HND-K1']);
    expect(await flagOf('HND', 'HND-C1')).toBeUndefined();
    await importCsv('HND', 'hnd-c2.csv', CODED, ['HND-C2,Cầm Văn Chung,06/06/1966,Nam,001066444555,,00004,HND-K2']);
    expect((await flagOf('HND', 'HND-C1')).evidence.otherListings).toEqual([expect.objectContaining({ externalId: 'HND-C2' })]);
    expect((await flagOf('HND', 'HND-C2')).evidence.otherListings).toEqual([expect.objectContaining({ externalId: 'HND-C1' })]);
  });

  describe('matchKnownMembers', () => {
    const hash = async (code: string) =>
      (
        await t.sql<{ h: Buffer }>(`SELECT id_number_hash AS h FROM member_record WHERE organization_code = 'CD' AND external_id = $1`, [
          code,
        ])
      )[0].h;
    const matched = async (rows: UncodedRow[]) => Object.fromEntries(await matchKnownMembers(em, 'CD', rows));
    /** Each row's match in a word: the record's code and how, or HOLD. */
    const match = async (rows: UncodedRow[]) =>
      Object.fromEntries(
        Object.entries(await matched(rows)).map(([o, m]) => [o, m.kind === 'RECORD' ? `${m.externalId} ${m.how}` : m.kind]),
      );

    beforeAll(async () => {
      const s = await importCsv('CD', 'cd.csv', CODED, [
        'CD-1,Hoàng Văn An,10/10/1980,Nam,001080111111,,00004,CD-K1',
        'CD-2,Lường Văn Bảo,11/11/1981,Nam,,0987000001,00004,CD-K1',
        'CD-3,Lò Văn Thành,1980,Nam,,,03199,CD-K2',
        'CD-4,Lò Văn Thành,01/01/1980,Nam,,,03199,CD-K2',
        'CD-5,Quàng Văn Chiến,12/12/1982,Nam,001082555555,,00004,CD-K1',
        'CD-6,Điêu Văn Dũng,05/05/1979,Nam,001079666666,,00004,CD-K1',
      ]);
      expect([s.created, s.rejected]).toEqual([6, 0]);
    });

    it('matches the same CCCD (a name typed another way too), an ended membership included', async () => {
      await t.sql(`UPDATE member_record SET status = 'LEFT' WHERE organization_code = 'CD' AND external_id = 'CD-6'`);
      expect(
        await match([
          uncoded(1, { name: 'HOANG VAN AN', birth: '1980', precision: 'YEAR', idHash: await hash('CD-1') }),
          uncoded(2, { name: 'Điêu Văn Dũng', birth: '1979-05-05', idHash: await hash('CD-6') }),
        ]),
      ).toEqual({ 1: 'CD-1 CCCD', 2: 'CD-6 CCCD' });
    });

    it('holds a CCCD whose record has another name, and two rows taken for one record', async () => {
      const other = await matched([uncoded(1, { name: 'Nguyễn Thị Mơ', birth: '1980-10-10', idHash: await hash('CD-1') })]);
      expect(other[1]).toMatchObject({ kind: 'HOLD', candidates: [{ externalId: 'CD-1' }] });
      expect(other[1].kind === 'HOLD' && other[1].reason).toContain('khác họ tên');
      const twice = await match([
        uncoded(1, { name: 'Hoàng Văn An', birth: '1980-10-10', idHash: await hash('CD-1') }),
        uncoded(2, { name: 'Hoàng Văn An', birth: '1980-10-10', commune: '00004' }),
      ]);
      expect(twice).toEqual({ 1: 'HOLD', 2: 'HOLD' });
    });

    it('matches the strong evidence (name, full birth date, phone or commune) of exactly one record', async () => {
      expect(await match([uncoded(1, { name: 'Lường Văn Bảo', birth: '1981-11-11', phone: '0987000001' })])).toEqual({ 1: 'CD-2 STRONG' });
      // The same name and date, but neither commune nor phone agrees: doubtful.
      expect(await match([uncoded(1, { name: 'Lường Văn Bảo', birth: '1981-11-11', commune: '00007' })])).toEqual({ 1: 'HOLD' });
    });

    it('holds namesakes of a year alone or 01/01, never merges them, and leaves a namesake born another day new', async () => {
      const m = await matched([
        uncoded(1, { name: 'Lò Văn Thành', birth: '1980-03-04', commune: '03199' }),
        uncoded(2, { name: 'Lò Văn Thành', birth: '1980', precision: 'YEAR', commune: '03199' }),
        uncoded(3, { name: 'Hoàng Văn An', birth: '1980-10-11', commune: '00004' }),
      ]);
      expect(m[1]).toMatchObject({ kind: 'HOLD', candidates: [{ externalId: 'CD-3' }, { externalId: 'CD-4' }] });
      expect(m[2]).toMatchObject({ kind: 'HOLD' });
      expect(m[3]).toBeUndefined();
    });

    it('never matches an erased person', async () => {
      const row = uncoded(1, { name: 'Quàng Văn Chiến', birth: '1982-12-12', commune: '00004', idHash: await hash('CD-5') });
      expect(await match([row])).toEqual({ 1: 'CD-5 CCCD' });
      await t.sql(`UPDATE member_record SET erased_at = now() WHERE organization_code = 'CD' AND external_id = 'CD-5'`);
      expect(await match([row])).toEqual({});
    });

    it('is set-based: a 5,000-row batch in three queries (CCCD, names, names without their last word)', async () => {
      const [families, middles, givens] = [
        ['Lò', 'Lường', 'Quàng', 'Điêu', 'Cà', 'Vì', 'Hoàng', 'Nguyễn', 'Trần', 'Lê'],
        ['Văn', 'Thị', 'Đức', 'Minh', 'Hữu', 'Ngọc', 'Xuân', 'Thanh', 'Quang', 'Kim'],
        ['Thành', 'An', 'Bảo', 'Chiến', 'Dũng', 'Lan', 'Hoa', 'Mai', 'Hương', 'Tuấn'],
      ];
      const rows = Array.from({ length: 5000 }, (_, i) =>
        uncoded(i + 1, {
          name: `${families[i % 10]} ${middles[Math.floor(i / 10) % 10]} ${givens[Math.floor(i / 100) % 10]}`,
          birth: `${1960 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
          commune: '03199',
          idHash: Buffer.from(String(i).padStart(32, '0')),
        }),
      );
      let queries = 0;
      const counting = { query: (q: string, p?: unknown[]) => (queries++, em.query(q, p)) } as unknown as EntityManager;
      const started = Date.now();
      await matchKnownMembers(counting, 'CD', rows);
      expect(queries).toBe(3);
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });
});

/** A row as the reader prepares it (its record columns), for matchKnownMembers itself. */
function uncoded(
  ordinal: number,
  v: { name: string; birth: string; precision?: string; idHash?: Buffer; commune?: string; phone?: string },
): UncodedRow {
  const n = parsePersonName(v.name);
  if (!n.ok) throw new Error(v.name);
  const birthDate = v.birth.length === 4 ? `${v.birth}-01-01` : v.birth;
  return {
    ordinal,
    prepared: {
      problems: [],
      communeCode: v.commune ?? null,
      tombstoneKeys: [],
      values: {
        fullName: n.value.fullName,
        nameFolded: n.value.folded,
        familyKey: n.value.familyKey,
        givenKey: n.value.givenKey,
        birthDate,
        birthDatePrecision: v.precision ?? 'DAY',
        idNumberHash: v.idHash ?? null,
        idKind: v.idHash ? 'CCCD' : null,
        communeCode: v.commune ?? null,
        phone: v.phone ?? null,
      },
    },
  };
}
