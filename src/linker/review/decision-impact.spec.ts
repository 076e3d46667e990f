import { byImpact, confirmChange, impact, joinedOnConfirm, type Ranked } from './decision-impact.js';

describe('what confirming a pair to review changes in the counts', () => {
  it('counts one person fewer and the people in several organizations as they become', () => {
    // Two single-organization persons of different organizations: one person fewer, one more in several.
    expect(confirmChange(['HND'], ['CD'], false)).toEqual({ persons: -1, multiOrganization: 1 });
    // Listed twice in one organization: one person fewer, nobody new in several.
    expect(confirmChange(['HND'], ['HND'], false)).toEqual({ persons: -1, multiOrganization: 0 });
    // One already in several: still one person in several.
    expect(confirmChange(['HND', 'CD'], ['HPN'], false)).toEqual({ persons: -1, multiOrganization: 0 });
    // Both in several: two such people become one.
    expect(confirmChange(['HND', 'CD'], ['HPN', 'CCB'], false)).toEqual({ persons: -1, multiOrganization: -1 });
    // A side with no ACTIVE record is not counted: nothing changes in the persons counted.
    expect(confirmChange(['HND'], [], false)).toEqual({ persons: 0, multiOrganization: 0 });
    // Already one person: nothing changes.
    expect(confirmChange(['HND'], ['CD'], true)).toEqual({ persons: 0, multiOrganization: 0 });
  });

  it('orders the queue by the size of the change, then by the strength of the evidence', () => {
    const pair = (id: string, a: string[], b: string[], weight: number, same = false): Ranked => ({
      recordA: id,
      recordB: `${id}'`,
      weight,
      change: confirmChange(a, b, same),
    });
    const queue = [
      pair('a', ['HND'], ['HND'], 27),
      pair('b', ['HND'], ['CD'], 22),
      pair('c', ['HND'], ['CD'], 24),
      pair('d', ['HND'], [], 29),
      pair('e', ['HND', 'CD'], ['HPN', 'CCB'], 23),
      pair('f', ['HND'], ['CD'], 28, true),
    ];
    expect(queue.map((p) => impact(p.change))).toEqual([1, 2, 2, 0, 2, 0]);
    expect([...queue].sort(byImpact).map((p) => p.recordA)).toEqual(['c', 'e', 'b', 'a', 'd', 'f']);
  });
});

describe('joinedOnConfirm: what "Cùng một người" joins', () => {
  it('counts each side’s records and names where the one person would be listed twice', () => {
    expect(joinedOnConfirm(['HND', 'NCT'], ['HND', 'NCT'], false)).toEqual({ recordsA: 2, recordsB: 2, listedTwiceIn: ['HND', 'NCT'] });
    expect(joinedOnConfirm(['CD'], ['DTN', 'HPN'], false)).toEqual({ recordsA: 1, recordsB: 2, listedTwiceIn: [] });
    // Already one person: nothing new is listed twice.
    expect(joinedOnConfirm(['HND', 'HND'], ['HND', 'HND'], true).listedTwiceIn).toEqual([]);
  });
});
