import { loadAdminUnitsData } from '../geography/admin-units-data.js';
import { parseIdNumber } from '../common/identity/id-number.js';
import { drawProfile, PROFILE_RANGES, profileRates } from './demo-profile.js';
import { DEMO_ORGS, generateDemo, type DemoProvince } from './demo-province.js';

const data = loadAdminUnitsData();
const make = (seed = 1, persons = 6000) => generateDemo({ data, province: '11', persons, seed, today: '2026-11-21' });

describe('the demo province', () => {
  let demo: DemoProvince;
  beforeAll(() => {
    demo = make();
  });
  const byCode = () => new Map(DEMO_ORGS.flatMap((org) => demo.rosters[org].map((r) => [r[0], { org, r }] as const)));

  it('is the same for the same seed and different for another', () => {
    const again = make();
    expect(again.rosters.DTN).toEqual(demo.rosters.DTN);
    expect(again.truth).toEqual(demo.truth);
    expect(make(2).rosters.DTN).not.toEqual(demo.rosters.DTN);
  });

  it('has a truth line for every roster row, and people of the register behind every real one', () => {
    const rows = byCode();
    expect(demo.truth).toHaveLength(rows.size);
    for (const [org, code, person] of demo.truth) {
      expect(rows.get(code)?.org).toBe(org);
      expect(person === '' ? 'FABRICATED' : 'REAL').toBe(
        demo.truth.find((t) => t[1] === code)![3] === 'FABRICATED' ? 'FABRICATED' : 'REAL',
      );
    }
    expect(demo.residents.length).toBe(6000);
  });

  it('follows the organizations’ rules except where a problem is planted', () => {
    const rows = byCode();
    const reason = new Map(demo.truth.map((t) => [t[1], t[3]]));
    for (const [code, { org, r }] of rows) {
      const age = 2026 - Number(r[2].slice(-4));
      const planted = reason.get(code);
      if (org === 'DTN' && planted !== 'OVER_AGE' && planted !== 'AGED_OUT' && planted !== 'FABRICATED')
        expect(age).toBeLessThanOrEqual(31);
      // Only a breach of the rule is planted as a phantom: past 35; from 31 to 35 a member may stay.
      if (planted === 'OVER_AGE') expect(age).toBeGreaterThanOrEqual(36);
      if (planted === 'AGED_OUT') expect(age).toBeLessThanOrEqual(36);
      if (org === 'HPN' && reason.get(code) !== 'WRONG_SEX') expect(r[3].toLowerCase()).toBe('nữ');
      if (org === 'NCT') expect(age).toBeGreaterThanOrEqual(59);
    }
  });

  it('plants every kind of problem, and a quarter of the records are in upland communes', () => {
    for (const k of ['DUPLICATE', 'TEMPORARY_LEGIT', 'DECEASED', 'OVER_AGE', 'WRONG_SEX', 'INACTIVE', 'FABRICATED'])
      expect(demo.counts[k]).toBeGreaterThan(0);
    expect(demo.counts.uplandRecords / demo.counts.records).toBeGreaterThanOrEqual(0.25);
    const fabricated = demo.counts.FABRICATED / demo.counts.records;
    expect(fabricated).toBeGreaterThan(0.01);
    expect(fabricated).toBeLessThan(0.03);
  });

  it('gives no generator artefact away: one code pattern, fabricated rows spread through the file', () => {
    const reason = new Map(demo.truth.map((t) => [t[1], t[3]]));
    for (const org of DEMO_ORGS) {
      const rows = demo.rosters[org];
      for (const r of rows) expect(r[0]).toMatch(new RegExp(`^${org}\\d{7}$`));
      const positions = rows.map((r, i) => (reason.get(r[0]) === 'FABRICATED' ? i : -1)).filter((i) => i >= 0);
      // Shuffled: a fabricated row is rarely right after another one (it would be, in a burst written as entered).
      const adjacent = positions.filter((p, i) => i > 0 && positions[i - 1] === p - 1).length;
      if (positions.length > 5) expect(adjacent).toBeLessThan(positions.length / 4);
    }
  });

  it('puts no date in the future', () => {
    const isoOf = (d: string) => (/^\d{2}\/\d{2}\/\d{4}$/.test(d) ? `${d.slice(6)}-${d.slice(3, 5)}-${d.slice(0, 2)}` : d);
    for (const org of DEMO_ORGS)
      for (const r of demo.rosters[org]) for (const i of [2, 9, 11, 12]) if (r[i]) expect(isoOf(r[i]) <= '2026-11-21').toBe(true);
    for (const r of demo.residents) if (r[6]) expect(isoOf(r[6]) <= '2026-11-21').toBe(true);
    expect(demo.residents.some((r) => r[5] === 'Đã mất' && r[6])).toBe(true);
  });

  it('carries the noise of real data', () => {
    const all = DEMO_ORGS.flatMap((org) => demo.rosters[org]);
    const share = (f: (r: string[]) => boolean) => all.filter(f).length / all.length;
    expect(share((r) => r[1] !== r[1].normalize('NFC'))).toBeGreaterThan(0.02);
    expect(share((r) => /^[A-Za-z ]+$/.test(r[1].trim()) && r[1].trim().includes(' '))).toBeGreaterThan(0.02);
    expect(share((r) => /^\d{4}$/.test(r[2]))).toBeGreaterThan(0.03);
    expect(share((r) => r[4] === '')).toBeGreaterThan(0.05);
    expect(share((r) => r[4].length === 9)).toBeGreaterThan(0.005);
    expect(share((r) => r[5].startsWith('+84'))).toBeGreaterThan(0.01);
    expect(share((r) => /^01\d{9}$/.test(r[5]))).toBeGreaterThan(0.005);
    expect(share((r) => r[1] !== r[1].trim())).toBeGreaterThan(0.01);
    // ID numbers agree with sex and birth year, except the mistyped ones.
    const agree = all
      .filter((r) => r[4].length === 12 && /^\d{2}\/\d{2}\/\d{4}$/.test(r[2]))
      .filter((r) => {
        const id = parseIdNumber(r[4]);
        return id.ok && id.value.birthYear === Number(r[2].slice(-4));
      });
    expect(agree.length).toBeGreaterThan(all.length * 0.5);
  });

  describe('with every rate drawn from the seed', () => {
    it('draws each rate inside its range, the same for a seed and different for another', () => {
      const p = drawProfile(7);
      expect(drawProfile(7)).toEqual(p);
      expect(drawProfile(8)).not.toEqual(p);
      for (const part of ['population', 'noise', 'plants'] as const)
        for (const [k, [lo, hi]] of Object.entries(PROFILE_RANGES[part])) {
          const v = (p[part] as unknown as Record<string, number>)[k];
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(hi);
        }
      expect(profileRates(p)['derived.idCoverage']).toBeCloseTo(1 - p.noise.missingId, 4);
    });

    it('makes a province with those rates: register coverage, moves, phones, ID numbers', () => {
      const persons = 6000;
      const base = drawProfile(7);
      const profile = {
        ...base,
        population: { ...base.population, registerCoverage: 0.86, moved: 0.06, phoneLowland: 0.4, phoneUpland: 0.2 },
        noise: { ...base.noise, missingId: 0.6 },
      };
      const d = generateDemo({ data, province: '11', persons, seed: 7, today: '2026-11-21', ...profile });
      expect(d.residents.length / persons).toBeGreaterThan(0.83);
      expect(d.residents.length / persons).toBeLessThan(0.89);
      const all = DEMO_ORGS.flatMap((org) => d.rosters[org]);
      const share = (f: (r: string[]) => boolean) => all.filter(f).length / all.length;
      expect(share((r) => r[4] === '')).toBeGreaterThan(0.55);
      expect(share((r) => r[5] === '')).toBeGreaterThan(0.5);
      // A moved member's roster names another commune than the register's.
      const registerCommune = new Map(d.residents.map((r) => [r[3], r[4]]));
      const withId = all.filter((r) => r[4].length === 12 && registerCommune.has(r[4]));
      const elsewhere = withId.filter((r) => r[6] !== registerCommune.get(r[4])).length / withId.length;
      expect(elsewhere).toBeGreaterThan(0.04);
    });
  });
});
