import { createHash } from 'node:crypto';
import { loadAdminUnitsData } from '../geography/admin-units-data.js';
import { drawProfile, profileRates } from './demo-profile.js';
import { DEMO_ORGS, generateDemo, RESIDENT_HEADER, ROSTER_HEADER, TRUTH_HEADER } from './demo-province.js';

/**
 * The demo golden hash: every row of every file `seed --demo` writes (six rosters, residents,
 * truth), the counts and the drawn profile, for a small province at the default rates and one with
 * every rate drawn. Benchmarks compare runs on these files, so a refactoring must leave every byte
 * of them as it was; a change of the generator that is meant changes this hash on purpose.
 */
const data = loadAdminUnitsData();

function demoHash(seed: number, drawn: boolean): string {
  const profile = drawn ? drawProfile(seed) : undefined;
  const demo = generateDemo({ data, province: '11', persons: 1500, seed, today: '2026-11-21', ...profile });
  const files = {
    ...Object.fromEntries(DEMO_ORGS.map((org) => [`${org}.csv`, [ROSTER_HEADER, ...demo.rosters[org]]])),
    'residents.csv': [RESIDENT_HEADER, ...demo.residents],
    'truth.csv': [TRUTH_HEADER, ...demo.truth],
    counts: demo.counts,
    profile: profile ? profileRates(profile) : null,
  };
  return createHash('sha256').update(JSON.stringify(files)).digest('hex');
}

describe('the demo golden hash', () => {
  it('is unchanged at the default rates', () => {
    expect(demoHash(3, false)).toBe('6b475ce72255336241801867c20c59168f880199018bda5dd91fce04bdc44985');
  });
  it('is unchanged with every rate drawn from the seed', () => {
    expect(demoHash(7, true)).toBe('446a301d3ede01532ce79895885cd6ce3ba8387b537548174189284d27c24f21');
  });
});
