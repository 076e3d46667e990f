import { LinkDecision } from '../link.entities.js';
import { settleReviews } from './persons.js';
import type { KeptPairs } from './score-pairs.js';

describe('settleReviews: what clustering has settled leaves the review', () => {
  const N = 10;
  const kept = (pairs: [number, number, LinkDecision][]): KeptPairs =>
    new Map(pairs.map(([a, b, decision]) => [a * N + b, { a, b, decision, weight: 25, probability: 1, c: null }]));

  it('drops a pair already one person and a pair of two register entries; keeps what a decision changes', () => {
    // Persons (roots): {0, 1, 2}, {3}, {4}, {5}, {6, 7}, {8}, {9}; register entries: 3 → 30, 4 → 40, 6 → 60, 9 → 60.
    const root = Int32Array.from([0, 0, 0, 3, 4, 5, 6, 6, 8, 9]);
    const resident = Int32Array.from([-1, -1, -1, 30, 40, -1, 60, -1, -1, 60]);
    const k = kept([
      [0, 2, LinkDecision.REVIEW], // one person already (linked through 1)
      [3, 4, LinkDecision.REVIEW], // two register entries: two people
      [3, 5, LinkDecision.REVIEW], // a register entry and a record the register lacks: for a person
      [5, 8, LinkDecision.REVIEW], // neither in the register: for a person
      [7, 9, LinkDecision.REVIEW], // the same register entry (7's person holds 60 through 6): for a person
      [0, 1, LinkDecision.AUTO], // a link is no review: untouched
      [2, 3, LinkDecision.REFUSED], // nor a refused link
    ]);
    settleReviews(k, root, resident);
    expect([...k.values()].map((p) => [p.a, p.b, p.decision])).toEqual([
      [3, 5, LinkDecision.REVIEW],
      [5, 8, LinkDecision.REVIEW],
      [7, 9, LinkDecision.REVIEW],
      [0, 1, LinkDecision.AUTO],
      [2, 3, LinkDecision.REFUSED],
    ]);
  });
});
