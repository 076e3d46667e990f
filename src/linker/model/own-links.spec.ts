import { regroupPersons, type GroupedRecord } from '../review/regroup.js';
import { cluster, type Edge } from './clustering.js';
import { NAMESAKE_MIN_NUMBERED, OwnListingRate } from './namesake-groups.js';

/**
 * Two records of one organization are one person only through a link of their own. Upland
 * namesakes: two Hội Người cao tuổi records "Mùa A Lử, 01/01/1951" in one commune (one with a CCCD,
 * one without — two old men, each listed once) and a Hội Nông dân record "Mùa A Lử, 1951" that the
 * model links to each. Through that third record both old men became one person.
 */
describe('two records of one organization in one person need a link of their own', () => {
  // 0 NCT with a CCCD, 1 NCT without, 2 HND.
  const org = ['NCT', 'NCT', 'HND'];
  const orgOf = (i: number) => org[i];
  /** Clustering with no numbers, register or rejections: only the organizations' rule. */
  const clusterBy = (n: number, edges: Edge[], listing: (i: number) => string) =>
    cluster(n, edges, () => null, new Set(), new Map(), undefined, undefined, listing);
  const rec = (id: string, o: string, status = 'ACTIVE'): GroupedRecord => ({ id, org: o, status, cccd: null, person: null });
  const edges = (): Edge[] => [
    { a: 0, b: 2, weight: 14 },
    { a: 1, b: 2, weight: 11 },
  ];

  it('keeps the stronger link and leaves the other record apart, saying which link it left', () => {
    const r = clusterBy(3, edges(), orgOf);
    expect(r.root[0]).toBe(r.root[2]);
    expect(r.root[1]).not.toBe(r.root[2]);
    expect(r.apart).toEqual([{ a: 1, b: 2, weight: 11 }]);
    expect(r.refused).toEqual([]);
  });

  it('joins a duplicate within the organization when its two records are linked to each other', () => {
    const r = clusterBy(3, [...edges(), { a: 0, b: 1, weight: 9 }], orgOf);
    expect(new Set(r.root).size).toBe(1);
    expect(r.apart).toEqual([]);
  });

  it('follows a person: the pair she confirmed is joined first, and two she confirmed join whatever the rule says', () => {
    const one = [edges()[0], { a: 1, b: 2, weight: 1e6, confirmed: true }];
    const r = clusterBy(3, one, orgOf);
    expect(r.root[1]).toBe(r.root[2]);
    expect(r.root[0]).not.toBe(r.root[2]);
    const both = one.map((e) => ({ ...e, weight: 1e6, confirmed: true }));
    expect(new Set(clusterBy(3, both, orgOf).root).size).toBe(1);
  });

  it('looks for the link of their own across every record of the two persons', () => {
    // 0 NCT, 1 HND, 2 HPN, 3 NCT: 0—1, 2—3 and 0—3 (the two NCT records linked), then 1—2 joins the two persons.
    const orgs = ['NCT', 'HND', 'HPN', 'NCT'];
    const linked: Edge[] = [
      { a: 0, b: 1, weight: 20 },
      { a: 2, b: 3, weight: 19 },
      { a: 1, b: 2, weight: 12 },
      { a: 0, b: 3, weight: 8 },
    ];
    const r = clusterBy(4, linked, (i) => orgs[i]);
    expect(new Set(r.root).size).toBe(1);
    // Without 0—3 the two persons stay two.
    const without = clusterBy(4, linked.slice(0, 3), (i) => orgs[i]);
    expect(without.root[0]).toBe(without.root[1]);
    expect(without.root[2]).toBe(without.root[3]);
    expect(without.root[0]).not.toBe(without.root[2]);
  });

  it('spares a temporary listing: the same member listed again in another branch by design', () => {
    // a: her Hội Phụ nữ record (year only, her phone); b: her temporary listing in another branch (her CCCD);
    // c: her Công đoàn record (phone and CCCD). a and b share no field strong enough to be linked directly.
    const recs = [rec('a', 'HPN', 'ACTIVE'), rec('b', 'HPN', 'TEMPORARY'), rec('c', 'CD', 'ACTIVE')];
    const links = [
      { a: 'a', b: 'c', weight: 30 },
      { a: 'b', b: 'c', weight: 25 },
    ];
    expect(new Set(regroupPersons(recs, links, [], []).personIds).size).toBe(1);
    // Both listed as active: two members of the Hội Phụ nữ, not one.
    const active = recs.map((r) => ({ ...r, status: 'ACTIVE' }));
    expect(new Set(regroupPersons(active, links, [], []).personIds).size).toBe(2);
  });

  it('asks it of namesakes only: two records of one organization written differently may be one person through a third', () => {
    // The Hội Nông dân lists "Lò Văn Thành" and, again, "Lò Văn Thàn" (a letter dropped), both of 1963;
    // his Công đoàn record is linked to each. Not namesakes the model kept apart: one man listed twice.
    const named = (id: string, name: string, year: number, o: string): GroupedRecord => ({
      id,
      org: o,
      status: 'ACTIVE',
      cccd: null,
      person: null,
      name,
      year,
    });
    const links = [
      { a: 'a', b: 'c', weight: 14 },
      { a: 'b', b: 'c', weight: 11 },
    ];
    const twice = regroupPersons(
      [named('a', 'Lò Văn Thành', 1963, 'HND'), named('b', 'Lò Văn Thàn', 1963, 'HND'), named('c', 'Lò Văn Thành', 1963, 'CD')],
      links,
      [],
      [],
    );
    expect(new Set(twice.personIds).size).toBe(1);
    expect(twice.flags[0].map((f) => f.code)).toContain('DUPLICATE_IN_ORG');
    // Written alike (accents and case aside): two namesakes of the Hội Nông dân, kept apart.
    const namesakes = regroupPersons(
      [named('a', 'Lò Văn Thành', 1963, 'HND'), named('b', 'LO VAN THANH', 1963, 'HND'), named('c', 'Lò Văn Thành', 1963, 'CD')],
      links,
      [],
      [],
    );
    expect(new Set(namesakes.personIds).size).toBe(2);
  });

  it("applies where the run's numbered namesakes of one organization were mostly two people, not where mostly one listed twice", () => {
    const rate = (same: number, of: number) => {
      const r = new OwnListingRate();
      for (let i = 0; i < of; i++) r.count(i < same);
      return r;
    };
    expect(rate(5, NAMESAKE_MIN_NUMBERED).applies()).toBe(true);
    expect(rate(25, NAMESAKE_MIN_NUMBERED).applies()).toBe(false);
    // Too few to say: as before the rule, a third record joins them.
    expect(rate(0, NAMESAKE_MIN_NUMBERED - 1).applies()).toBe(false);
    const recs = [rec('a', 'NCT'), rec('b', 'NCT'), rec('c', 'HND')];
    const links = [
      { a: 'a', b: 'c', weight: 14 },
      { a: 'b', b: 'c', weight: 11 },
    ];
    expect(new Set(regroupPersons(recs, links, [], [], false).personIds).size).toBe(1);
    expect(new Set(regroupPersons(recs, links, [], [], true).personIds).size).toBe(2);
  });

  it('is the rule a decision regroups by, as the batch run does', () => {
    const recs = [rec('a', 'NCT'), rec('b', 'NCT'), rec('c', 'HND')];
    const links = [
      { a: 'a', b: 'c', weight: 14 },
      { a: 'b', b: 'c', weight: 11 },
    ];
    const { personIds, flags } = regroupPersons(recs, links, [], []);
    expect(personIds[0]).toBe(personIds[2]);
    expect(personIds[1]).not.toBe(personIds[2]);
    // No duplicate within the Hội Người cao tuổi is claimed.
    expect(flags.flat().map((f) => f.code)).not.toContain('DUPLICATE_IN_ORG');
    // A person's confirmation of b—c: b is the Hội Nông dân member's, a is left apart.
    const one = regroupPersons(recs, links, [{ a: 'b', b: 'c' }], []);
    expect(one.personIds[1]).toBe(one.personIds[2]);
    expect(one.personIds[0]).not.toBe(one.personIds[2]);
    // Both confirmed: one person, and the duplicate within the Hội Người cao tuổi is said.
    const both = regroupPersons(
      recs,
      links,
      [
        { a: 'a', b: 'c' },
        { a: 'b', b: 'c' },
      ],
      [],
    );
    expect(new Set(both.personIds).size).toBe(1);
    expect(both.flags[0].map((f) => f.code)).toContain('DUPLICATE_IN_ORG');
  });
});
