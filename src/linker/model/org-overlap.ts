/** Persons who share one set of organizations: how many (of an area, a basis). */
export interface OrgSetGroup {
  orgs: string[];
  n: number;
}

/**
 * Persons in both organizations (a ≤ b; a = b is the organization's own persons), by a then b,
 * counted over the groups of persons sharing a set of organizations (pure): a province's 840,000
 * persons fall in a few dozen groups, so no person's pairs are ever listed.
 */
export function overlapOf(groups: OrgSetGroup[]): { a: string; b: string; persons: number }[] {
  const pairs = new Map<string, { a: string; b: string; persons: number }>();
  for (const g of groups) {
    const orgs = [...g.orgs].sort();
    for (let i = 0; i < orgs.length; i++)
      for (let j = i; j < orgs.length; j++) {
        const key = `${orgs[i]}|${orgs[j]}`;
        const pair = pairs.get(key) ?? { a: orgs[i], b: orgs[j], persons: 0 };
        pair.persons += g.n;
        pairs.set(key, pair);
      }
  }
  return [...pairs.values()].sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
}

/** Persons by their number of organizations, fewest first (only the numbers some person has). */
export function byOrganizationCountOf(groups: OrgSetGroup[]): { organizations: number; persons: number }[] {
  const counts = new Map<number, number>();
  for (const g of groups) counts.set(g.orgs.length, (counts.get(g.orgs.length) ?? 0) + g.n);
  return [...counts].sort((x, y) => x[0] - y[0]).map(([organizations, persons]) => ({ organizations, persons }));
}
