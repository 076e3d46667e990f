import { overlapOf } from '../../linker/model/org-overlap.js';
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
 * An area's person figures from its persons grouped by their set of organizations (pure; the
 * overlap counted over the groups, as the linker's `overlap` counts it).
 */
export function personFigures(groups: PersonGroup[]): PersonFigures {
  const buckets: Record<string, number> = {};
  let people = 0;
  let realPeople = 0;
  for (const g of groups) {
    people += g.n;
    if (g.real) realPeople += g.n;
    const bucket = bucketOf(g.orgs.length);
    if (bucket) buckets[bucket.key] = (buckets[bucket.key] ?? 0) + g.n;
  }
  const overlap = overlapOf(groups).map(({ a, b, persons }) => ({ a, b, people: persons }));
  return { people, realPeople, split: splitOf(buckets), overlap };
}
