import { BirthLevel, CommuneLevel, IdLevel, NameLevel, SimpleLevel } from '../../common/identity/identity-compare.js';

/**
 * A Fellegi–Sunter model: for each field, the probability of each comparison level among true
 * matches (m) and among non-matches (u). A pair's weight is the prior log-odds plus, per field,
 * log2(m/u) of its level — with the exact levels of name and birth date adjusted by how common
 * the value is (a common name or a placeholder date counts for less than a rare one).
 */

/** A weight in bits (log2 of the odds) as a probability: 1 / (1 + 2^-w). */
export const probabilityOf = (w: number): number => 1 / (1 + 2 ** -w);
/** A probability as a weight in bits, log2(p / (1 - p)): the inverse of `probabilityOf`. */
export const weightOf = (p: number): number => Math.log2(p / (1 - p));

export type Field = 'name' | 'birth' | 'sex' | 'id' | 'phone' | 'commune' | 'organization';
export const FIELDS: Field[] = ['name', 'birth', 'sex', 'id', 'phone', 'commune', 'organization'];

export const LEVELS: Record<Field, string[]> = {
  name: Object.values(NameLevel),
  birth: Object.values(BirthLevel),
  sex: Object.values(SimpleLevel),
  id: Object.values(IdLevel),
  phone: Object.values(SimpleLevel),
  commune: Object.values(CommuneLevel),
  organization: ['SAME', 'DIFFERENT'],
};

/** Levels that carry no evidence either way. */
export const isMissing = (level: string) => level === 'MISSING';

/** A pair's comparison level in each field. */
export interface Comparison {
  name: NameLevel;
  birth: BirthLevel;
  sex: SimpleLevel;
  id: IdLevel;
  phone: SimpleLevel;
  commune: CommuneLevel;
  organization: SimpleLevel;
}

export interface Model {
  /** Share of true matches among the candidate pairs. */
  lambda: number;
  m: Record<Field, Record<string, number>>;
  u: Record<Field, Record<string, number>>;
}

/** Where the model starts before EM (what a careful reader of rosters would guess). */
export function startingM(): Model['m'] {
  return {
    name: { SAME: 0.82, MARKS_DIFFER: 0.02, MIDDLE_DIFFERS: 0.08, TYPO: 0.04, DIFFERENT: 0.04 },
    birth: { SAME_DAY: 0.8, SWAPPED: 0.02, SAME_YEAR: 0.1, PLACEHOLDER: 0.02, DAY_DIFFERS: 0.02, NEAR_YEAR: 0.02, DIFFERENT: 0.02 },
    sex: { SAME: 0.99, DIFFERENT: 0.01 },
    id: { SAME: 0.93, ONE_SLIP: 0.03, DIFFERENT: 0.02, SAME_CMND: 0.02 },
    phone: { SAME: 0.85, DIFFERENT: 0.15 },
    commune: { SAME: 0.85, NEAR: 0.1, DIFFERENT: 0.05 },
    organization: { SAME: 0.05, DIFFERENT: 0.95 },
  };
}

const FLOOR = 1e-6;

/**
 * What two different people of one province typically agree on (from demo and roster samples):
 * the prior that random pairs refine. A small database (a few records) then still gets sensible
 * weights; a large one overrides it.
 */
export function typicalU(): Model['u'] {
  return {
    name: { SAME: 0.001, MARKS_DIFFER: 0.0001, MIDDLE_DIFFERS: 0.0007, TYPO: 0.0015, DIFFERENT: 0.9967 },
    birth: {
      SAME_DAY: 0.00005,
      SWAPPED: 0.00001,
      SAME_YEAR: 0.005,
      PLACEHOLDER: 0.001,
      DAY_DIFFERS: 0.008,
      NEAR_YEAR: 0.027,
      DIFFERENT: 0.95894,
    },
    sex: { SAME: 0.5, DIFFERENT: 0.5 },
    id: { SAME: 0.00001, ONE_SLIP: 0.00001, DIFFERENT: 0.99997, SAME_CMND: 0.00001 },
    phone: { SAME: 0.00002, DIFFERENT: 0.99998 },
    commune: { SAME: 0.02, NEAR: 0.1, DIFFERENT: 0.88 },
    organization: { SAME: 0.2, DIFFERENT: 0.8 },
  };
}

/** Pairs' worth of weight the priors carry against the data. */
const PRIOR_WEIGHT = 500;

/** Identical comparison vectors counted once (a few hundred patterns stand for millions of pairs). */
export interface Pattern {
  c: Comparison;
  n: number;
}

/** Each field's levels, MISSING last (once: the birth date's own levels name it already). */
const FIELD_LEVELS = Object.fromEntries(FIELDS.map((f) => [f, [...new Set([...LEVELS[f], 'MISSING'])]])) as Record<Field, string[]>;

/** The number of each level within its field, for a pattern's number. */
export const LEVEL_NUMBER = Object.fromEntries(FIELDS.map((f) => [f, Object.fromEntries(FIELD_LEVELS[f].map((l, i) => [l, i]))])) as Record<
  Field,
  Record<string, number>
>;

/**
 * A comparison as one number, a hexadecimal digit per field in the order of `FIELDS` (no field has
 * more than 16 levels). A base of 8 once made the birth date's MISSING (its ninth level) carry into
 * the name's digit: a pair without a birth date and a pair of marks differing born the same day were
 * one pattern, weighed alike.
 */
export function patternNumber(c: Comparison): number {
  let key = 0;
  for (const f of FIELDS) key = key * 16 + LEVEL_NUMBER[f][c[f]];
  return key;
}

/** The comparison a pattern number stands for. */
export function comparisonOf(key: number): Comparison {
  const digits: number[] = [];
  for (let k = 0; k < FIELDS.length; k++, key = Math.floor(key / 16)) digits.unshift(key % 16);
  return Object.fromEntries(FIELDS.map((f, k) => [f, FIELD_LEVELS[f][digits[k]]])) as unknown as Comparison;
}

/** Groups comparisons into patterns; `add` returns the pattern's index. */
export class PatternTable {
  readonly patterns: Pattern[] = [];
  private readonly index = new Map<number, number>();

  add(c: Comparison, count = 1): number {
    return this.addNumber(patternNumber(c), c, count);
  }

  /** A comparison given by its pattern number (`c`, when at hand, spares decoding it). */
  addNumber(key: number, c?: Comparison, count = 1): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.patterns.length;
      this.index.set(key, i);
      this.patterns.push({ c: c ?? comparisonOf(key), n: 0 });
    }
    this.patterns[i].n += count;
    return i;
  }
}

/** u from random pairs: how often two different people agree at each level. */
export function estimateU(samples: Pattern[]): Model['u'] {
  const counts = Object.fromEntries(FIELDS.map((f) => [f, {}])) as Record<Field, Record<string, number>>;
  for (const { c, n } of samples) for (const f of FIELDS) if (!isMissing(c[f])) counts[f][c[f]] = (counts[f][c[f]] ?? 0) + n;
  return normalize(counts, typicalU(), PRIOR_WEIGHT);
}

/**
 * m from pairs known to be matches (a roster record and the register entry of its ID number): how
 * often one person's two listings agree at each level, pulled towards `startingM` by ten pairs.
 */
export function estimateMFromMatches(matches: Pattern[]): Model['m'] {
  const counts = Object.fromEntries(FIELDS.map((f) => [f, {}])) as Record<Field, Record<string, number>>;
  for (const { c, n } of matches) for (const f of FIELDS) if (!isMissing(c[f])) counts[f][c[f]] = (counts[f][c[f]] ?? 0) + n;
  return normalize(counts, startingM(), PRIOR_WEIGHT / 50);
}

/** Level frequencies from counts, pulled towards `prior` with the weight of `k` pairs. */
function normalize(counts: Record<Field, Record<string, number>>, prior: Model['m'], k: number): Model['u'] {
  const out = {} as Model['u'];
  for (const f of FIELDS) {
    const levels = LEVELS[f].filter((l) => !isMissing(l));
    const value = (l: string) => (counts[f][l] ?? 0) + k * (prior[f][l] ?? 0);
    const total = levels.reduce((s, l) => s + value(l), 0);
    out[f] = Object.fromEntries(levels.map((l) => [l, Math.max(FLOOR, value(l) / total)]));
  }
  return out;
}

/**
 * Expectation–maximization over some fields, u held fixed (estimated from random pairs, nearly
 * all non-matches): m of those fields and the share of matches λ. `start` gives the first m.
 */
export function expectationMaximization(
  pairs: Pattern[],
  u: Model['u'],
  fields: Field[] = FIELDS,
  start: Model['m'] = startingM(),
  iterations = 50,
  fitM = true,
): { m: Model['m']; lambda: number } {
  let m = start;
  let lambda = 0.3;
  for (let it = 0; it < iterations; it++) {
    const counts = Object.fromEntries(FIELDS.map((f) => [f, {}])) as Record<Field, Record<string, number>>;
    let sum = 0;
    let total = 0;
    for (const { c, n } of pairs) {
      let lm = Math.log(lambda);
      let lu = Math.log(1 - lambda);
      for (const f of fields) {
        const l = c[f];
        if (isMissing(l)) continue;
        lm += Math.log(m[f][l] ?? FLOOR);
        lu += Math.log(u[f][l] ?? FLOOR);
      }
      const p = 1 / (1 + Math.exp(lu - lm));
      sum += p * n;
      total += n;
      for (const f of fields) if (!isMissing(c[f])) counts[f][c[f]] = (counts[f][c[f]] ?? 0) + p * n;
    }
    lambda = Math.min(0.999, Math.max(0.0001, sum / Math.max(1, total)));
    if (fitM) {
      const fitted = normalize(counts, startingM(), PRIOR_WEIGHT / 10);
      m = { ...m, ...Object.fromEntries(fields.map((f) => [f, fitted[f]])) };
    }
  }
  return { m, lambda };
}

/**
 * No level is impossible among matches: a person does move commune or change phone, and a demo
 * (or a tidy province) where nobody did must not teach the model that one difference proves two
 * people.
 */
const M_FLOOR = 0.005;
function withFloor(m: Model['m'], floor: number): Model['m'] {
  const out = {} as Model['m'];
  for (const f of FIELDS) {
    const raised = Object.fromEntries(Object.entries(m[f]).map(([l, p]) => [l, Math.max(floor, p)]));
    const total = Object.values(raised).reduce((s, p) => s + p, 0);
    out[f] = Object.fromEntries(Object.entries(raised).map(([l, p]) => [l, p / total]));
  }
  return out;
}

/**
 * m by EM in two sessions, each on the candidate pairs that agree on what the other estimates
 * (as record-linkage practice does, so that namesakes do not pass for the matching class): the
 * pairs with one 12-digit ID number teach m of every other field; the pairs with one name and
 * one exact birth date teach m of the ID number. Then λ over all the candidates.
 */
export function estimateM(pairs: Pattern[], u: Model['u']): Model {
  const byId = pairs.filter((p) => p.c.id === IdLevel.SAME);
  const byNameBirth = pairs.filter((p) => p.c.name === NameLevel.SAME && p.c.birth === BirthLevel.SAME_DAY);
  const others = FIELDS.filter((f) => f !== 'id');
  let m = startingM();
  if (byId.length) m = expectationMaximization(byId, u, others, m).m;
  if (byNameBirth.length)
    m = { ...m, id: expectationMaximization(byNameBirth, u, ['id', 'sex', 'phone', 'commune', 'organization'], m).m.id };
  m = withFloor(m, M_FLOOR);
  const { lambda } = expectationMaximization(pairs, u, FIELDS, m, 50, false);
  return { lambda, m, u };
}

/** One field's part of a pair's weight, for the explanation. */
export interface Contribution {
  field: Field;
  level: string;
  /** Bits of evidence (log2 of the likelihood ratio), after the frequency adjustment. */
  weight: number;
  /** How many records share the agreeing value (name or birth date), when that adjusted the weight. */
  frequency?: number;
}

export interface Scored {
  /** Total weight in bits: prior + contributions. */
  weight: number;
  /** Probability that the two records are one person. */
  probability: number;
  contributions: Contribution[];
}

/** How common an agreeing value is: records sharing it, out of `total`. */
export interface Frequencies {
  total: number;
  name: (key: string) => number;
  birth: (key: string) => number;
}

/** Strong evidence against, whatever EM made of the few sex mismatches among matches. */
const SEX_MISMATCH_AT_MOST = -8;
/** A frequency adjustment moves an exact level by at most this many bits either way. */
const TF_LIMIT = 6;

/** A field level's weight in bits, before any frequency adjustment. */
function levelWeight(model: Model, f: Field, level: string): number {
  const w = Math.log2((model.m[f][level] ?? FLOOR) / (model.u[f][level] ?? FLOOR));
  return f === 'sex' && level === (SimpleLevel.DIFFERENT as string) ? Math.min(w, SEX_MISMATCH_AT_MOST) : w;
}

/**
 * A pattern's weight without the frequency adjustments, and which adjustments apply: a million
 * pairs are weighed from a few hundred patterns, with `score` kept for the pairs worth explaining.
 */
export function patternWeight(model: Model, c: Comparison): { base: number; nameTf: boolean; birthTf: boolean } {
  let base = weightOf(model.lambda);
  for (const f of FIELDS) if (!isMissing(c[f])) base += levelWeight(model, f, c[f]);
  return { base, nameTf: c.name === NameLevel.SAME, birthTf: c.birth === BirthLevel.SAME_DAY };
}

export function score(model: Model, c: Comparison, values: { nameKey: string; birthKey: string | null }, freq: Frequencies): Scored {
  const prior = weightOf(model.lambda);
  let weight = prior;
  const contributions: Contribution[] = [];
  for (const f of FIELDS) {
    const level = c[f];
    if (isMissing(level)) continue;
    let w = levelWeight(model, f, level);
    let frequency: number | undefined;
    if (f === 'name' && level === NameLevel.SAME) {
      frequency = freq.name(values.nameKey);
      w += tfAdjustment(model.u.name.SAME, frequency, freq.total);
    } else if (f === 'birth' && level === BirthLevel.SAME_DAY && values.birthKey) {
      frequency = freq.birth(values.birthKey);
      w += tfAdjustment(model.u.birth.SAME_DAY, frequency, freq.total);
    }
    weight += w;
    contributions.push({ field: f, level, weight: round(w), ...(frequency !== undefined ? { frequency } : {}) });
  }
  return { weight: round(weight), probability: probabilityOf(weight), contributions };
}

/**
 * Below this many records a value's share is counted against this many: a few dozen records are
 * too few to say how common a name or a birth date is (two of four records sharing a name does not
 * make it a common name), and the calibrated probability the decisions act on was measured on
 * provinces of 20,000 persons and more, where the database itself says it.
 */
export const FREQUENCY_BASE = 10_000;

/**
 * log2(u / tf): a value rarer than the average agreement counts more, a common one less. Its share
 * is counted against at least `base` records (`FREQUENCY_BASE` for pairs of records).
 */
export function tfAdjustment(u: number, count: number, total: number, base = FREQUENCY_BASE): number {
  const tf = Math.max(1, count) / Math.max(base, total, 1);
  return Math.max(-TF_LIMIT, Math.min(TF_LIMIT, Math.log2(u / tf)));
}

const round = (x: number) => Math.round(x * 100) / 100;
