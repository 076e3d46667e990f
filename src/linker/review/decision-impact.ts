/**
 * How much a decision on a pair to review changes the counts people read (issue 18 item 4): the
 * persons, and the people in several organizations, of the running period (ACTIVE records). The
 * queue shows first the pairs whose decision changes them most. Pure.
 */

/** The organizations of a person's ACTIVE records (empty: none is ACTIVE). */
export type Organizations = readonly string[];

/** What confirming a pair changes, against leaving its two persons apart. */
export interface CountsChange {
  /** −1 when two counted persons become one; 0 otherwise. */
  persons: number;
  /** The change in people with ACTIVE records in two organizations or more (−1, 0 or +1). */
  multiOrganization: number;
}

/** What confirming a pair changes, given its two persons (the same person: nothing). */
export function confirmChange(a: Organizations, b: Organizations, samePerson: boolean): CountsChange {
  if (samePerson) return { persons: 0, multiOrganization: 0 };
  const several = (orgs: Organizations) => (new Set(orgs).size >= 2 ? 1 : 0);
  return {
    persons: a.length && b.length ? -1 : 0,
    multiOrganization: several([...a, ...b]) - several(a) - several(b),
  };
}

/** What "Cùng một người" on a pair joins: each side's person whole, and where the one person is then listed twice. */
export interface Joined {
  /** The ACTIVE records of each side's person (a person of several is joined whole, not one record). */
  recordsA: number;
  recordsB: number;
  /** The organizations with an ACTIVE record on both sides: one person listed twice there once confirmed. */
  listedTwiceIn: string[];
}

/** `a`, `b`: the organization of each ACTIVE record of each side's person (once per record). */
export function joinedOnConfirm(a: Organizations, b: Organizations, samePerson: boolean): Joined {
  const inB = new Set(b);
  return {
    recordsA: a.length,
    recordsB: b.length,
    listedTwiceIn: samePerson ? [] : [...new Set(a.filter((o) => inB.has(o)))].sort(),
  };
}

/** How much a decision moves the counts: the size of the change, both counts together. */
export const impact = (c: CountsChange): number => Math.abs(c.persons) + Math.abs(c.multiOrganization);

/** A pair of the queue: its change and its weight. */
export interface Ranked {
  change: CountsChange;
  weight: number;
  recordA: string;
  recordB: string;
}

/** The queue's order: the largest change first, then the strongest evidence, then the records (stable). */
export function byImpact(x: Ranked, y: Ranked): number {
  return (
    impact(y.change) - impact(x.change) ||
    y.weight - x.weight ||
    (x.recordA < y.recordA ? -1 : x.recordA > y.recordA ? 1 : 0) ||
    (x.recordB < y.recordB ? -1 : x.recordB > y.recordB ? 1 : 0)
  );
}
