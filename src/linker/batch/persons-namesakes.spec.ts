import { LinkDecision } from '../link.entities.js';
import { NAMESAKE_MIN_NUMBERED, NamesakeRates, OwnListingRate } from '../model/namesake-groups.js';
import { formPersons } from './persons.js';
import type { KeptPairs, NamesakePair } from './score-pairs.js';
import type { Records } from './snapshot.js';

describe('formPersons: namesakes nothing tells apart', () => {
  const org = ['HND', 'CD', 'HND', 'CD', 'HND', 'CD'];
  const n = org.length;
  const recs = {
    n,
    id: org.map((_, i) => `r${i}`),
    org,
    status: org.map(() => 'ACTIVE'),
    idKind: org.map(() => null),
    idHash: org.map(() => null),
    previousPerson: org.map(() => null),
    name: org.map(() => ({ key: 'lo van thanh' })),
    birth: org.map(() => ({ year: 1980 })),
  } as unknown as Records;
  const pair = (a: number, b: number, decision: LinkDecision) => ({ a, b, decision, weight: 12, probability: 0.6, c: null });
  const namesake = (a: number, b: number, bucket: number): NamesakePair => ({ a, b, weight: 12, bucket, c: {} as NamesakePair['c'] });

  it('joins a pair in review of a bucket whose numbered pairs were mostly one person, and leaves the others as they were', () => {
    const rates = new NamesakeRates();
    for (let i = 0; i < NAMESAKE_MIN_NUMBERED; i++) rates.count(1, i > 0);
    for (let i = 0; i < NAMESAKE_MIN_NUMBERED; i++) rates.count(3, i < 3);
    const kept: KeptPairs = new Map([
      [0 * n + 1, pair(0, 1, LinkDecision.REVIEW)],
      [2 * n + 3, pair(2, 3, LinkDecision.BRIDGE)],
      [4 * n + 5, pair(4, 5, LinkDecision.REVIEW)],
    ]);
    const persons = formPersons(recs, [{ a: 2, b: 3, weight: 30 }], new Set(), { confirmed: [], cannotLink: new Map() }, kept, undefined, {
      pairs: [namesake(0, 1, 1), namesake(2, 3, 1), namesake(4, 5, 3)],
      rates,
      own: new OwnListingRate(),
    });
    expect(persons.personIds[0]).toBe(persons.personIds[1]);
    expect(kept.get(0 * n + 1)).toMatchObject({
      decision: LinkDecision.NAMESAKE,
      probability: (NAMESAKE_MIN_NUMBERED - 1) / NAMESAKE_MIN_NUMBERED,
    });
    expect(kept.get(2 * n + 3)!.decision).toBe(LinkDecision.BRIDGE);
    expect(persons.personIds[4]).not.toBe(persons.personIds[5]);
    expect(kept.get(4 * n + 5)!.decision).toBe(LinkDecision.REVIEW);
    expect(persons.namesakeLinks).toBe(1);
    expect(new Set(persons.personIds).size).toBe(4);
  });
});
