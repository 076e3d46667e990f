import { createHash } from 'node:crypto';

/**
 * Records → persons (pure). Links are taken strongest first; a link that would put two different
 * 12-digit ID numbers in one person is refused (no chaining errors), unless that very pair was
 * judged a typing slip of one number — and so is a link that would put two register entries in one
 * person: the register lists each resident once, so two of its entries are two people.
 */
export interface Edge {
  a: number;
  b: number;
  weight: number;
  /** A pair a person confirmed: joined whatever the organization rule says (a person's decision outranks it). */
  confirmed?: boolean;
}

export interface Clusters {
  /** For each record, the index of its cluster's root. */
  root: Int32Array;
  /** Links refused because they would join two ID numbers. */
  refused: Edge[];
  /** Links not taken because two records of one organization would be one person with no link of their own. */
  apart: Edge[];
}

/**
 * Links taken only after every other, and only between two persons with no organization in common
 * (namesakes nothing tells apart, `namesake-groups.ts`): each organization lists a member once.
 */
export interface WeakLinks {
  edges: Edge[];
  orgOf: (record: number) => string;
}

export function cluster(
  n: number,
  edges: Edge[],
  idOf: (record: number) => string | null,
  slipPairs: Set<string> = new Set(),
  /** Pairs a person said are two people: never in one cluster, whatever links them. */
  cannotLink: Map<number, number[]> = new Map(),
  /** The register entry each record was matched to, or −1. */
  residentOf: (record: number) => number = () => -1,
  weak: WeakLinks = { edges: [], orgOf: () => '' },
  /**
   * Each record's listing (organization, name, year), for the rule that two records of one listing
   * are one person only through a link of their own (`OwnLinks`), null for a record the rule spares;
   * no function: no such rule.
   */
  orgOf: ((record: number) => string | null) | null = null,
): Clusters {
  const own = orgOf ? new OwnLinks(n, edges, orgOf) : null;
  const u = new Joiner(n, idOf, slipPairs, cannotLink, residentOf, own);
  const refused: Edge[] = [];
  const apart: Edge[] = [];
  for (const e of strongestFirst(edges)) {
    const outcome = u.join(e.a, e.b, e.confirmed);
    if (outcome === 'REFUSED') refused.push(e);
    else if (outcome === 'APART') apart.push(e);
  }
  if (weak.edges.length) {
    // The organizations of each person a weak link touches, kept at its root.
    const orgs = new Map<number, Set<string>>();
    for (const e of weak.edges) for (const r of [u.find(e.a), u.find(e.b)]) orgs.set(r, new Set());
    for (let i = 0; i < n; i++) orgs.get(u.find(i))?.add(weak.orgOf(i));
    const orgsAt = (r: number) => orgs.get(r)!;
    for (const e of strongestFirst(weak.edges)) {
      const [ra, rb] = [u.find(e.a), u.find(e.b)];
      if (ra === rb || [...orgsAt(ra)].some((o) => orgsAt(rb).has(o))) continue;
      if (u.join(e.a, e.b) !== 'JOINED') continue;
      const merged = new Set([...orgsAt(ra), ...orgsAt(rb)]);
      orgs.delete(ra);
      orgs.delete(rb);
      orgs.set(u.find(e.a), merged);
    }
  }
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = u.find(i);
  return { root, refused, apart };
}

/** Strongest first; ties broken by record order, so the result does not depend on the input order. */
const strongestFirst = (edges: Edge[]) => [...edges].sort((x, y) => y.weight - x.weight || x.a - y.a || x.b - y.b);

/**
 * An organization lists each member once: two of its records in one person are a duplicate its
 * secretariat must settle. Two of its records with one name and birth year that the model did not
 * link are two namesakes it lists, and a third record of another organization, linked to each, does
 * not make them one (on tuning seed 104, 311 of the 335 wrong pairs within one organization were
 * made through a third record, and 138 of 4,828 right ones). Records of one "listing" (the caller's
 * key: organization, name, year) are joined only through a link of their own. The records each
 * link touches, by record, and each cluster's records, to look for such a link when two join.
 */
class OwnLinks {
  private readonly start: Int32Array;
  private readonly next: Int32Array;
  // Each cluster's records as a ring: from any record, `ring` leads round all its cluster's records.
  private readonly ring: Int32Array;

  constructor(
    n: number,
    edges: Edge[],
    private readonly orgOf: (record: number) => string | null,
  ) {
    // Each record's linked records, in one array (offsets by record).
    this.start = new Int32Array(n + 1);
    for (const e of edges) {
      this.start[e.a + 1]++;
      this.start[e.b + 1]++;
    }
    for (let i = 0; i < n; i++) this.start[i + 1] += this.start[i];
    this.next = new Int32Array(this.start[n]);
    const fill = this.start.slice(0, n);
    for (const e of edges) {
      this.next[fill[e.a]++] = e.b;
      this.next[fill[e.b]++] = e.a;
    }
    this.ring = Int32Array.from({ length: n }, (_, i) => i);
  }

  private linked(x: number, y: number): boolean {
    for (let k = this.start[x]; k < this.start[x + 1]; k++) if (this.next[k] === y) return true;
    return false;
  }

  private of(root: number): number[] {
    const out = [root];
    for (let x = this.ring[root]; x !== root; x = this.ring[x]) out.push(x);
    return out;
  }

  /** Whether joining these two clusters would put two records of one organization together with no link of their own. */
  lacking(ra: number, rb: number): boolean {
    const [small, big] = [this.of(ra), this.of(rb)].sort((x, y) => x.length - y.length);
    const byOrg = new Map<string, number[]>();
    for (const x of small) {
      const o = this.orgOf(x);
      if (o !== null) byOrg.set(o, [...(byOrg.get(o) ?? []), x]);
    }
    const found = new Map<string, boolean>();
    for (const y of big) {
      const o = this.orgOf(y);
      const xs = o === null ? undefined : byOrg.get(o);
      if (xs && !found.get(o!))
        found.set(
          o!,
          xs.some((x) => this.linked(x, y)),
        );
    }
    return [...found.values()].some((linked) => !linked);
  }

  /** Two rings made one by swapping one link of each. */
  merged(keep: number, drop: number): void {
    const after = this.ring[keep];
    this.ring[keep] = this.ring[drop];
    this.ring[drop] = after;
  }
}

/** Union–find over records that refuses two ID numbers, two register entries or a rejected pair in one cluster. */
class Joiner {
  private readonly parent: Int32Array;
  // The ID numbers (keyed hashes) each cluster holds, kept at its root.
  private readonly ids = new Map<number, string[]>();
  // The register entry of each cluster (−1: none yet), kept at its root.
  private readonly resident: Int32Array;
  // The records of each cluster that have a rejected partner, kept at its root.
  private readonly rejecting = new Map<number, number[]>();

  constructor(
    n: number,
    idOf: (record: number) => string | null,
    private readonly slipPairs: Set<string>,
    private readonly cannotLink: Map<number, number[]>,
    residentOf: (record: number) => number,
    private readonly own: OwnLinks | null = null,
  ) {
    this.parent = new Int32Array(n);
    this.resident = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.resident[i] = residentOf(i);
      const id = idOf(i);
      if (id) this.ids.set(i, [id]);
    }
    for (const r of cannotLink.keys()) this.rejecting.set(r, [r]);
  }

  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /**
   * Joins the clusters of a and b unless a rule forbids it: REFUSED for two numbers or two register
   * entries, APART for two records of one organization with no link of their own (unless confirmed).
   */
  join(a: number, b: number, confirmed = false): 'JOINED' | 'SAME' | 'REFUSED' | 'REJECTED' | 'APART' {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return 'SAME';
    const ia = this.ids.get(ra) ?? [];
    const ib = this.ids.get(rb) ?? [];
    const twoResidents = this.resident[ra] >= 0 && this.resident[rb] >= 0 && this.resident[ra] !== this.resident[rb];
    if (twoResidents || ia.some((x) => ib.some((y) => x !== y && !this.slipPairs.has(slipKey(x, y))))) return 'REFUSED';
    const xa = this.rejecting.get(ra) ?? [];
    const xb = this.rejecting.get(rb) ?? [];
    const rejects = (xs: number[], r: number) => xs.some((x) => this.cannotLink.get(x)!.some((y) => this.find(y) === r));
    if (rejects(xa, rb) || rejects(xb, ra)) return 'REJECTED';
    if (!confirmed && this.own?.lacking(ra, rb)) return 'APART';
    // The smaller index becomes the root: deterministic.
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[drop] = keep;
    this.own?.merged(keep, drop);
    if (this.resident[keep] < 0) this.resident[keep] = this.resident[drop];
    const merged = [...new Set([...ia, ...ib])];
    if (merged.length) this.ids.set(keep, merged);
    this.ids.delete(drop);
    if (xa.length || xb.length) this.rejecting.set(keep, [...xa, ...xb]);
    this.rejecting.delete(drop);
    return 'JOINED';
  }
}

export const slipKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

/**
 * The ID numbers people said belong to one person: within each group of records joined by
 * confirmed pairs (a merge confirms every pair across), every two numbers are taken for one
 * person's (a typing slip, an old and a new card) — a person's decision outranks the rule against
 * two numbers in one person. One rule for the batch run and for a decision taking effect at once.
 */
export function confirmedSlips(n: number, confirmed: [number, number][], idOf: (record: number) => string | null): Set<string> {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const [a, b] of confirmed) parent[find(a)] = find(b);
  const ids = new Map<number, Set<string>>();
  for (const [a, b] of confirmed)
    for (const r of [a, b]) {
      const id = idOf(r);
      if (id) ids.set(find(r), (ids.get(find(r)) ?? new Set<string>()).add(id));
    }
  const slips = new Set<string>();
  for (const group of ids.values()) for (const x of group) for (const y of group) if (x < y) slips.add(slipKey(x, y));
  return slips;
}

/** A person id for a cluster first seen now: derived from its first record's id, so a rerun gives the same. */
export function newPersonId(recordId: string, attempt = 0): string {
  const h = createHash('sha256')
    .update(`person:${recordId}${attempt ? `:${attempt}` : ''}`)
    .digest();
  h[6] = (h[6] & 0x0f) | 0x80; // version 8 (custom)
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/**
 * Stable person ids: each cluster keeps the id its records had before when it can — the id most
 * of its records had (larger clusters choose first) — and a cluster with nothing to keep gets an id
 * derived from its first record.
 */
export function assignPersonIds(recordIds: string[], root: Int32Array, previous: (record: number) => string | null): string[] {
  const members = new Map<number, number[]>();
  for (let i = 0; i < recordIds.length; i++) {
    const r = root[i];
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  }
  const order = [...members.entries()].sort((x, y) => y[1].length - x[1].length || x[0] - y[0]);
  const taken = new Set<string>();
  const personOfRoot = new Map<number, string>();
  for (const [r, list] of order) {
    const votes = new Map<string, number>();
    for (const i of list) {
      const p = previous(i);
      if (p) votes.set(p, (votes.get(p) ?? 0) + 1);
    }
    const choice = [...votes.entries()].filter(([p]) => !taken.has(p)).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0];
    let id = choice;
    if (!id) {
      const first = list.reduce((best, i) => (recordIds[i] < recordIds[best] ? i : best), list[0]);
      let attempt = 0;
      do id = newPersonId(recordIds[first], attempt++);
      while (taken.has(id));
    }
    taken.add(id);
    personOfRoot.set(r, id);
  }
  return recordIds.map((_, i) => personOfRoot.get(root[i])!);
}

/** The person of a record: the last run's, or for a record no run has seen yet, the id it would have alone. */
export function personOf(recordId: string, linkedPerson: string | null): string {
  return linkedPerson ?? newPersonId(recordId);
}
