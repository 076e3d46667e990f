import { bucketOf, splitOf, type OrgCountSplit } from '../figures/report-figures.js';

/** Persons of an area who share a set of organizations and whether one of their memberships is not suspected: how many. */
export interface PersonGroup {
  orgs: string[];
  real: boolean;
  n: number;
}

export interface PersonFigures {
  people: number;
  realPeople: number;
  split: OrgCountSplit;
  /** Persons in both organizations (a ≤ b; a = b is the organization's own people), by a then b. */
  overlap: { a: string; b: string; people: number }[];
}

/**
 * An area's person figures from its persons grouped by their set of organizations (pure): a
 * province's 840,000 persons fall in a few dozen groups, so the overlap is counted over the groups
 * instead of over each person's pairs.
 */
export function personFigures(groups: PersonGroup[]): PersonFigures {
  const buckets: Record<string, number> = {};
  const pairs = new Map<string, { a: string; b: string; people: number }>();
  let people = 0;
  let realPeople = 0;
  for (const g of groups) {
    people += g.n;
    if (g.real) realPeople += g.n;
    const bucket = bucketOf(g.orgs.length);
    if (bucket) buckets[bucket.key] = (buckets[bucket.key] ?? 0) + g.n;
    const orgs = [...g.orgs].sort();
    for (let i = 0; i < orgs.length; i++)
      for (let j = i; j < orgs.length; j++) {
        const key = `${orgs[i]}|${orgs[j]}`;
        const pair = pairs.get(key) ?? { a: orgs[i], b: orgs[j], people: 0 };
        pair.people += g.n;
        pairs.set(key, pair);
      }
  }
  const overlap = [...pairs.values()].sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
  return { people, realPeople, split: splitOf(buckets), overlap };
}
