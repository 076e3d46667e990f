import { loadAdminUnitsData } from '../geography/admin-units-data.js';
import { DEMO_ORGS, generateDemo, ROSTER_HEADER } from './demo-province.js';

const data = loadAdminUnitsData();
const make = (seed: number) => generateDemo({ data, province: '11', persons: 3000, seed, today: '2026-11-21' });

describe('the demo’s branches', () => {
  const demo = make(5);
  const communeName = new Map(data.communes.map((c) => [c.code, c.name]));

  it('are every branch its rosters name, each named as real ones are, not by its code', () => {
    const column = ROSTER_HEADER.indexOf('Mã đơn vị');
    const named = new Set(DEMO_ORGS.flatMap((org) => demo.rosters[org].map((r) => r[column])));
    expect(demo.units.map((u) => u[1]).sort()).toEqual([...named].sort());
    for (const [org, code, commune, name] of demo.units) {
      expect(name).not.toBe(code);
      expect(code.startsWith(`${org}-${commune}-`)).toBe(true);
      expect(communeName.has(commune)).toBe(true);
    }
  });

  it.each([
    ['HPN', /^Chi hội Phụ nữ (thôn|bản|Bản|tổ dân phố) \S/],
    ['HND', /^Chi hội Nông dân (thôn|bản|Bản|tổ dân phố) \S/],
    ['CCB', /^Chi hội Cựu chiến binh (thôn|bản|Bản|tổ dân phố) \S/],
    ['NCT', /^Chi hội Người cao tuổi (thôn|bản|Bản|tổ dân phố) \S/],
    ['DTN', /^Chi đoàn (thôn|bản|Bản|tổ dân phố) \S/],
    ['CD', /^Tổ công đoàn \S.* (xã|phường) \S/],
  ])('of %s read like %s', (org, shape) => {
    const names = demo.units.filter((u) => u[0] === org).map((u) => u[3]);
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(n).toMatch(shape);
    // A bản named "Bản Mới" is written once: not "bản Bản Mới".
    for (const n of names) expect(n).not.toMatch(/bản Bản/);
  });

  it('are told apart within an organization and commune, share their places across organizations, and follow the seed', () => {
    const key = (u: string[]) => `${u[0]} ${u[2]} ${u[3]}`;
    expect(new Set(demo.units.map(key)).size).toBe(demo.units.length);
    // Branch 1 of the women's union and of the youth union in a commune: the same village.
    const place = (org: string, commune: string) =>
      demo.units.find((u) => u[0] === org && u[2] === commune && u[1].endsWith('-01'))?.[3].split(/ (?=thôn|bản|Bản|tổ dân phố)/)[1];
    const communes = [...new Set(demo.units.map((u) => u[2]))].filter((c) => place('HPN', c) && place('DTN', c));
    expect(communes.length).toBeGreaterThan(5);
    for (const c of communes) expect(place('HPN', c)).toBe(place('DTN', c));
    expect(make(5).units).toEqual(demo.units);
    const other = new Map(make(6).units.map((u) => [u[1], u[3]]));
    const shared = demo.units.filter((u) => other.has(u[1]) && !u[0].startsWith('CD'));
    expect(shared.filter((u) => other.get(u[1]) !== u[3]).length).toBeGreaterThan(shared.length / 2);
  });
});
