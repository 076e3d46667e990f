import { regroupPersons, type GroupedRecord } from './regroup.js';

// Record ids sort as written: a < b < c < d.
const rec = (id: string, org: string, person: string | null, cccd: string | null = null, status = 'ACTIVE'): GroupedRecord => ({
  id,
  org,
  status,
  cccd,
  person,
});
const P1 = '11111111-1111-8111-8111-111111111111';
const P2 = '22222222-2222-8222-8222-222222222222';

describe('regroupPersons: a decision regroups the persons it touches by the run’s own rule', () => {
  it('a rejected pair inside one person splits it where the links allow, the larger part keeping the id', () => {
    const recs = [rec('a', 'CD', P1), rec('b', 'HND', P1), rec('c', 'HPN', P1)];
    const links = [
      { a: 'a', b: 'b', weight: 20 },
      { a: 'b', b: 'c', weight: 12 },
    ];
    const { personIds, flags } = regroupPersons(recs, links, [], [{ a: 'b', b: 'c' }]);
    expect(personIds[0]).toBe(P1);
    expect(personIds[1]).toBe(P1);
    expect(personIds[2]).not.toBe(P1);
    // The person left in two organizations keeps MULTI_ORG (2); the one alone has none.
    expect(flags[0].map((f) => f.code)).toEqual(['MULTI_ORG']);
    expect(flags[0][0].message).toContain('2 tổ chức');
    expect(flags[2]).toEqual([]);
  });

  it('a rejected pair linked through a third record: the weaker link is the one that gives', () => {
    const recs = [rec('a', 'CD', P1), rec('b', 'HND', P1), rec('c', 'HPN', P1)];
    const links = [
      { a: 'a', b: 'b', weight: 20 },
      { a: 'b', b: 'c', weight: 12 },
      { a: 'a', b: 'c', weight: 9 },
    ];
    const { personIds } = regroupPersons(recs, links, [], [{ a: 'a', b: 'c' }]);
    expect(personIds[0]).toBe(personIds[1]);
    expect(personIds[2]).not.toBe(personIds[0]);
  });

  it('a confirmed pair joins two persons (the larger keeps its id); two ACTIVE records of one organization are flagged', () => {
    const recs = [rec('a', 'CD', P1), rec('b', 'CD', P2), rec('c', 'HND', P1)];
    const links = [{ a: 'a', b: 'c', weight: 15 }];
    const { personIds, flags } = regroupPersons(recs, links, [{ a: 'a', b: 'b' }], []);
    expect(personIds).toEqual([P1, P1, P1]);
    expect(flags[0].map((f) => f.code)).toEqual(['DUPLICATE_IN_ORG', 'MULTI_ORG']);
    expect(flags[2].map((f) => f.code)).toEqual(['MULTI_ORG']);
  });

  it('a confirmed pair does not put two other ID numbers in one person (the run would refuse it too)', () => {
    const recs = [rec('a', 'CD', P1, 'x1'), rec('b', 'HND', P2, 'x2'), rec('c', 'HPN', P2, 'x3')];
    const links = [{ a: 'b', b: 'c', weight: 30 }];
    // b–c were linked by the run (a typing slip x2/x3); a confirmed with b: a's x1 is a third number.
    const { personIds } = regroupPersons(recs, links, [{ a: 'a', b: 'b' }], []);
    expect(personIds[1]).toBe(personIds[0]);
    expect(personIds[2]).not.toBe(personIds[0]);
  });

  it('records a person merged stay one person whatever numbers they carry (a merge confirms every pair across)', () => {
    const recs = [rec('a', 'CD', P1, 'x1'), rec('b', 'HND', P1, 'x2'), rec('c', 'HPN', P2, 'x3')];
    const confirmed = [
      { a: 'a', b: 'b' },
      { a: 'a', b: 'c' },
      { a: 'b', b: 'c' },
    ];
    expect(new Set(regroupPersons(recs, [], confirmed, []).personIds)).toEqual(new Set([P1]));
    // Without the pair b–c confirmed, b and c are joined through a only: still one person, by the same rule.
    expect(new Set(regroupPersons(recs, [], confirmed.slice(0, 2), []).personIds)).toEqual(new Set([P1]));
  });

  it('an ended record is in its person but raises no person flag, nor counts for one', () => {
    const recs = [rec('a', 'CD', P1), rec('b', 'CD', P1, null, 'LEFT'), rec('c', 'HND', P1, null, 'LEFT')];
    const links = [
      { a: 'a', b: 'b', weight: 20 },
      { a: 'a', b: 'c', weight: 20 },
    ];
    const { personIds, flags } = regroupPersons(recs, links, [], []);
    expect(new Set(personIds)).toEqual(new Set([P1]));
    expect(flags).toEqual([[], [], []]);
  });
});
