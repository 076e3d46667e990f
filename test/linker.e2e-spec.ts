import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LinkerService } from '../src/linker/linker.service.js';
import { newPersonId } from '../src/linker/clustering.js';
import { ResidentsService } from '../src/residents/residents.service.js';
import { RosterImportService } from '../src/roster-io/roster-import.service.js';
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
    await t.app.get(ResidentsService).import(register, CLI_PRINCIPAL);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes one person of one woman written five ways across four organizations, and explains why', async () => {
    const s = await linker.link();
    expect(s.records).toBe(8);
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
    expect(s.persons).toBe(1 + 3);
  });

  it('keeps namesakes of one upland commune with placeholder dates apart', async () => {
    const ids = await Promise.all([personOf('HND', 'HND-TH1'), personOf('HND', 'HND-TH2'), personOf('CD', 'CD-TH1')]);
    expect(new Set(ids.map((p) => p.person_id)).size).toBe(3);
    const [{ n }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM record_link l JOIN member_record a ON a.id = l.record_a WHERE a.full_name = 'Lò Văn Thành' AND l.decision <> 'REVIEW'`,
    );
    expect(Number(n)).toBe(0);
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
    const n = await linker.writeAudit(out);
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
});
