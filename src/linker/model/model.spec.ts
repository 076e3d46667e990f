import { BirthLevel, CommuneLevel, IdLevel, NameLevel, SimpleLevel } from '../../common/identity/identity-compare.js';
import {
  comparisonOf,
  FIELDS,
  FREQUENCY_BASE,
  LEVELS,
  PatternTable,
  patternNumber,
  probabilityOf,
  tfAdjustment,
  weightOf,
  type Comparison,
} from './model.js';

describe('weights in bits and probabilities', () => {
  it.each([
    [0, 0.5],
    [1, 2 / 3],
    [-1, 1 / 3],
    [2, 0.8],
    [-2, 0.2],
    [10, 1024 / 1025],
    [-10, 1 / 1025],
  ])('weight %d is probability %d', (w, p) => {
    expect(probabilityOf(w)).toBeCloseTo(p, 12);
    expect(weightOf(p)).toBeCloseTo(w, 9);
  });

  it('turns the link thresholds into weights', () => {
    expect(weightOf(0.5)).toBe(0);
    expect(weightOf(0.8)).toBeCloseTo(2, 12);
    expect(weightOf(0.99)).toBeCloseTo(Math.log2(99), 12);
  });

  it.each([-20, -12.5, -3.25, -0.01, 0, 0.01, 3.25, 12.5, 20])('goes there and back for weight %d', (w) => {
    expect(weightOf(probabilityOf(w))).toBeCloseTo(w, 6);
  });

  it.each([0.001, 0.1, 0.35, 0.5, 0.65, 0.9, 0.999])('goes there and back for probability %d', (p) => {
    expect(probabilityOf(weightOf(p))).toBeCloseTo(p, 12);
  });

  it('rises with the weight and stays inside 0..1', () => {
    const ws = [-30, -5, -1, 0, 1, 5, 30];
    const ps = ws.map(probabilityOf);
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThan(ps[i - 1]);
    for (const p of ps) expect(p > 0 && p < 1).toBe(true);
  });
});

describe('how common a name or a birth date is', () => {
  const u = 0.002;
  it('is read from the database when it is large enough to say', () => {
    expect(tfAdjustment(u, 2, 23_000)).toBeCloseTo(Math.log2(u / (2 / 23_000)), 12);
    expect(tfAdjustment(u, 460, 23_000)).toBeCloseTo(Math.log2(u / 0.02), 12);
  });

  it('is not read from a few records: two of four sharing a name do not make it common', () => {
    expect(tfAdjustment(u, 2, 4)).toBe(tfAdjustment(u, 2, FREQUENCY_BASE));
    expect(tfAdjustment(u, 2, 4)).toBeGreaterThan(0);
    // …unless asked to read the database as it is (the register bridge's posterior weighs namesakes itself).
    expect(tfAdjustment(u, 2, 4, 1)).toBe(-6);
  });
});

describe('patterns by number', () => {
  const base: Comparison = {
    name: NameLevel.SAME,
    birth: BirthLevel.SAME_DAY,
    sex: SimpleLevel.SAME,
    id: IdLevel.MISSING,
    phone: SimpleLevel.MISSING,
    commune: CommuneLevel.SAME,
    organization: SimpleLevel.DIFFERENT,
  };

  it('keeps a pair without a birth date apart from one whose marks differ, born the same day', () => {
    const table = new PatternTable();
    const noBirth = table.add({ ...base, birth: BirthLevel.MISSING });
    const marks = table.add({ ...base, name: NameLevel.MARKS_DIFFER });
    expect(noBirth).not.toBe(marks);
    expect(table.patterns.map((p) => [p.c.name, p.c.birth])).toEqual([
      [NameLevel.SAME, BirthLevel.MISSING],
      [NameLevel.MARKS_DIFFER, BirthLevel.SAME_DAY],
    ]);
  });

  it('reads every level of every field back from its number', () => {
    for (const f of FIELDS)
      for (const level of [...LEVELS[f], 'MISSING']) {
        const c = { ...base, [f]: level };
        expect(comparisonOf(patternNumber(c))).toEqual(c);
      }
  });
});
