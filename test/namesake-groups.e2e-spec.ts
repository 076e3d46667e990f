import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LinkerService } from '../src/linker/linker.service.js';
import { ReviewDecision } from '../src/linker/link.entities.js';
import { ReviewDecisionsService } from '../src/linker/review/review-decisions.service.js';
import { RegisterService } from '../src/register/register.service.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';
const RESIDENTS = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã,Tình trạng,Ngày mất';
const COMMUNE = '03199';
const GIVEN = ['Thành', 'Xuân', 'Hoan', 'Piềng', 'Khăm', 'Ún', 'Chăn', 'Tiến', 'Bun', 'Pọm', 'Sương', 'Minh'];
const FAMILY = ['Lò', 'Quàng', 'Cầm', 'Tòng', 'Lường', 'Hoàng'];

/** A name and a year no other group shares. */
const nameOf = (k: number) => ({
  name: `${FAMILY[k % FAMILY.length]} Văn ${GIVEN[Math.floor(k / FAMILY.length) % GIVEN.length]}`,
  year: 1950 + Math.floor(k / 72),
});
const cccd = (k: number, r: number) => `0110${String(k).padStart(5, '0')}${String(111 * r).padStart(3, '0')}`;

/**
 * The upland namesakes nothing tells apart (`model/namesake-groups.ts`), through a real import, a
 * real register and a real link run: where numbered pairs of the same shape were one person more
 * often than not, the unnumbered ones are joined — never two records of one organization.
 */
describe('namesakes nothing tells apart', () => {
  let t: TestApp;
  let linker: LinkerService;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-namesakes-'));
  const hnd: string[] = [];
  const cd: string[] = [];
  const residents: string[] = [];
  const personOf = async (org: string, code: string) => {
    const [r] = await t.sql<{ id: string; person_id: string }>(
      `SELECT r.id, p.person_id FROM member_record r JOIN record_person p ON p.record_id = r.id WHERE r.organization_code = $1 AND r.external_id = $2`,
      [org, code],
    );
    return r;
  };
  const row = (code: string, k: number, id: string, unit: string) => {
    const { name, year } = nameOf(k);
    return `${code},${name},01/01/${year},Nam,${id},,${COMMUNE},${unit},Đang sinh hoạt`;
  };
  /** A name and year the register lists `count` times in the commune. */
  const inRegister = (k: number, count: number) => {
    const { name, year } = nameOf(k);
    for (let r = 0; r < count; r++) residents.push(`${name},01/01/${year},Nam,${cccd(k, r)},${COMMUNE},Còn sống,`);
  };

  beforeAll(async () => {
    t = await createTestApp();
    linker = t.app.get(LinkerService);
    let k = 0;
    // Two residents of each name: 25 numbered pairs with one number (one person), 10 with two (two people).
    for (let i = 0; i < 35; i++, k++) {
      inRegister(k, 2);
      hnd.push(row(`HND-N${k}`, k, cccd(k, 0), 'HND-NA-1'));
      cd.push(row(`CD-N${k}`, k, cccd(k, i < 25 ? 0 : 1), 'CD-NA-1'));
    }
    // Four residents or more: 30 numbered pairs, 6 of them one person.
    for (let i = 0; i < 30; i++, k++) {
      inRegister(k, 4);
      hnd.push(row(`HND-N${k}`, k, cccd(k, 0), 'HND-NA-1'));
      cd.push(row(`CD-N${k}`, k, cccd(k, i < 6 ? 0 : 1), 'CD-NA-1'));
    }
    // Two residents, HND listing the name twice: 15 groups of two HND and one CD, one of each pair across one person.
    for (let i = 0; i < 15; i++, k++) {
      inRegister(k, 2);
      hnd.push(row(`HND-M${k}a`, k, cccd(k, 0), 'HND-NA-1'), row(`HND-M${k}b`, k, cccd(k, 1), 'HND-NA-2'));
      cd.push(row(`CD-M${k}`, k, cccd(k, 0), 'CD-NA-1'));
    }
    // Unnumbered: a pair with two residents of its name; a pair with four; two HND and one CD with two.
    inRegister(k, 2);
    hnd.push(row('HND-X', k, '', 'HND-NA-1'));
    cd.push(row('CD-X', k++, '', 'CD-NA-1'));
    inRegister(k, 4);
    hnd.push(row('HND-Z', k, '', 'HND-NA-1'));
    cd.push(row('CD-Z', k++, '', 'CD-NA-1'));
    inRegister(k, 2);
    hnd.push(row('HND-Y1', k, '', 'HND-NA-1'), row('HND-Y2', k, '', 'HND-NA-2'));
    cd.push(row('CD-Y', k++, '', 'CD-NA-1'));
    for (const [org, rows] of [
      ['HND', hnd],
      ['CD', cd],
    ] as const) {
      const file = path.join(dir, `${org}.csv`);
      fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
      const s = await t.app.get(RosterImportService).import(file, { organization: org, createUnits: true }, CLI_PRINCIPAL);
      expect(s.rejected).toBe(0);
    }
    const register = path.join(dir, 'residents.csv');
    fs.writeFileSync(register, [RESIDENTS, ...residents].join('\n'));
    await t.app.get(RegisterService).import(register, CLI_PRINCIPAL);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('measures on the numbered pairs how often such namesakes are one person, by the register’s count of them', async () => {
    const s = await linker.link();
    const bucket = (residents: string, oneToOne: boolean) =>
      s.namesakeRates.find((b) => b.residents === residents && b.oneToOne === oneToOne && b.dates === 'BOTH_VAGUE');
    const vague = { dates: 'BOTH_VAGUE' };
    expect(bucket('2', true)).toEqual({ residents: '2', oneToOne: true, ...vague, numbered: 35, same: 25 });
    expect(bucket('2', false)).toEqual({ residents: '2', oneToOne: false, ...vague, numbered: 30, same: 15 });
    expect(bucket('4+', true)).toEqual({ residents: '4+', oneToOne: true, ...vague, numbered: 30, same: 6 });
    expect(s.namesakeLinks).toBe(2);
  });

  it('joins the unnumbered pair where such pairs were mostly one person, and says why with the measured share', async () => {
    const [a, b] = [await personOf('HND', 'HND-X'), await personOf('CD', 'CD-X')];
    expect(a.person_id).toBe(b.person_id);
    const why = (await linker.explanations(a.id)).find((w) => w.other === b.id)!;
    expect(why.decision).toBe('NAMESAKE');
    expect(why.probability).toBeCloseTo(25 / 35, 5);
    expect(why.explanation).toContain('không có gì khác để phân biệt');
  });

  it('keeps apart the pair where such pairs were mostly two people', async () => {
    expect((await personOf('HND', 'HND-Z')).person_id).not.toBe((await personOf('CD', 'CD-Z')).person_id);
  });

  it('never puts two records of one organization in one person: the CD member joins one of two HND namesakes', async () => {
    const [y1, y2, c] = [await personOf('HND', 'HND-Y1'), await personOf('HND', 'HND-Y2'), await personOf('CD', 'CD-Y')];
    expect(y1.person_id).not.toBe(y2.person_id);
    expect([y1.person_id, y2.person_id]).toContain(c.person_id);
  });

  it('splits the pair at once when a secretariat says they are two people, and every later run respects it', async () => {
    const [a, b] = [await personOf('HND', 'HND-X'), await personOf('CD', 'CD-X')];
    const effect = await t.app
      .get(ReviewDecisionsService)
      .decide(a.id, b.id, ReviewDecision.REJECT, 'hai người cùng tên, đã hỏi trưởng bản', CLI_PRINCIPAL);
    expect(effect).toEqual({ personsBefore: 1, personsAfter: 2, recordsMoved: 1 });
    // Another decision regrouping the Y namesakes keeps their namesake link (regroup reads it).
    const [y1, c] = [await personOf('HND', 'HND-Y1'), await personOf('CD', 'CD-Y')];
    const y2 = await personOf('HND', 'HND-Y2');
    await t.app.get(ReviewDecisionsService).decide(y1.id, y2.id, ReviewDecision.REJECT, 'hai người', CLI_PRINCIPAL);
    expect((await personOf('CD', 'CD-Y')).person_id).toBe(c.person_id);
    await linker.link();
    expect((await personOf('HND', 'HND-X')).person_id).not.toBe((await personOf('CD', 'CD-X')).person_id);
  });
});
