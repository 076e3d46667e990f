import { overlapOf } from '../../linker/model/org-overlap.js';
import { bucketOf, splitOf, type OrgCountSplit } from '../figures/report-figures.js';

/** Persons of an area who share a set of organizations and whether one of their memberships is not suspected: how many. */
export interface PersonGroup {
  /** The organizations they are ACTIVE in anywhere in the province (how many: the split by number of organizations). */
  orgs: string[];
  /**
   * The organizations they count under in the overlap, when not all of `orgs`: a commune's persons,
   * those they are ACTIVE in there (see `overlapOfPersons`).
   */
  here?: string[] | null;
  real: boolean;
  n: number;
}

/**
 * The overlap of an area's persons (pure), one rule for the figures' path and the records' (a
 * unit's): a commune's person counts under an organization when ACTIVE in it in that commune — the
 * diagonal is each organization's people there, as "Theo tổ chức" and the live `overlap` of the
 * commune say — not when in it somewhere else in the province (`here`). The province's persons, and
 * an organization's or a unit's (its people and the other organizations they are in), count under
 * all of theirs.
 */
export function overlapOfPersons(groups: Pick<PersonGroup, 'orgs' | 'here' | 'n'>[]): PersonFigures['overlap'] {
  return overlapOf(groups.map((g) => ({ orgs: g.here ?? g.orgs, n: g.n }))).map(({ a, b, persons }) => ({ a, b, people: persons }));
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
  return { people, realPeople, split: splitOf(buckets), overlap: overlapOfPersons(groups) };
}
