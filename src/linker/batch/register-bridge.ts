import { LinkDecision } from '../link.entities.js';
import type { Edge } from '../model/clustering.js';
import { compareValues, IdLevel, NameLevel, SimpleLevel } from '../../common/identity/identity-compare.js';
import { comparisonOf, patternWeight, probabilityOf, weightOf, type Comparison, type Frequencies, type Model } from '../model/model.js';
import { namesakesByChance } from './chance-namesakes.js';
import { recordLikeness } from './register-alike.js';
import { candidatesOf, indexResidents, type Candidates } from './register-candidates.js';
import { registerModel, residentPattern } from './register-model.js';
import { weigher, type KeptPairs, type Weigher } from './score-pairs.js';
import type { Records, Residents } from './snapshot.js';

/**
 * The register as a bridge: each record against the population register extract. A record that
 * matches one resident unambiguously is that resident (it is verified), and records matching the
 * same resident are one person, whatever their own comparison says.
 */

/** What the register says of a record (the phantom checks read it). */
export enum RegisterMatch {
  /** The extract does not cover the record's commune. */
  NOT_COVERED,
  /** The commune is covered, and no resident has the record's name and birth year. */
  NO_MATCH,
  /** Residents (or one with the same ID number) fit, none unambiguously. */
  AMBIGUOUS,
  /** One resident, unambiguously: the record is verified. */
  MATCHED,
}

/**
 * The weight (in bits) of a match on an equal ID number of the same kind: taken as certain —
 * odds of 2^30, about a billion to one (a probability of 1 − 1e-9), with no model behind it. It
 * ranks these bridges among the strongest links in clustering; a bridge pair weighs the weaker of
 * its two records' matches, stored with its probability.
 */
export const SAME_ID_MATCH_WEIGHT = 30;

export interface RegisterBridge {
  /** The resident each record matched, or −1. */
  resident: Int32Array;
  /** The weight of that match (bits). */
  weight: Float64Array;
  verified: boolean[];
  /** A `RegisterMatch` per record. */
  match: Uint8Array;
  /**
   * The share of made-up entries the register has namesakes for, by chance: a roster's name with
   * another record's birth year, looked up as a record's own name and year is (`namesakesByChance`).
   */
  namesakesByChance: number;
}

/**
 * A record joins its best register entry when that entry is its person with at least this
 * probability: the posterior already weighs every namesake in the register and every person it does
 * not list, and a record left out of the hub splits a person in two. On the tuning seeds (BENCHMARKS.md,
 * "The register's join threshold"): 0.97 left out the upland member listed in a neighbouring commune
 * under the 01/01 placeholder (posterior ≈ 0.94: one resident of that name and year, and the people the
 * register does not list); 0.9 raised F1 on all four seeds (persons found +1.19 % → +0.75 % on the
 * worst) at ≤ 0.0016 of precision; 0.8 gained little more and let more made-up names join.
 */
export const JOIN_AT = 0.9;

/**
 * The bar where the register speaks less for a record: a second listing of a resident her
 * organization already lists by number (weighed as a pair within one organization), or a record from a
 * commune the register does not cover (its person most likely lives there, unlisted). Kept at 0.97:
 * lower, made-up names of a branch joined the member whose name they copy (precision within one
 * organization 0.9466 → 0.9259 on a tuning seed).
 */
export const JOIN_STRICT_AT = 0.97;

/**
 * Each record against the register, the register as the hub: an equal ID number, or else every
 * resident the record could be (same name or near it, the birth year or one off) weighed with the
 * model, and the record joins its single best resident when that resident is the record's person
 * with probability `JOIN_AT` — counting the namesakes in the register and the people it does not list.
 */
export function matchRegister(recs: Records, res: Residents, pairModel: Model, freq: Frequencies): RegisterBridge {
  const out: RegisterBridge = {
    resident: new Int32Array(recs.n).fill(-1),
    weight: new Float64Array(recs.n),
    verified: new Array<boolean>(recs.n).fill(false),
    match: new Uint8Array(recs.n),
    namesakesByChance: 0,
  };
  if (!res.n) return out;
  const index = indexResidents(res);
  out.namesakesByChance = namesakesByChance(recs, index.namesakes);
  const matched = (i: number, r: number, w: number) => {
    out.resident[i] = r;
    out.weight[i] = w;
    out.verified[i] = true;
    out.match[i] = RegisterMatch.MATCHED;
  };
  for (let i = 0; i < recs.n; i++) {
    const sameId = recs.idHash[i] ? (index.byId.get(recs.idHash[i]!) ?? []) : [];
    if (sameId.length === 1 && recs.idKind[i] === res.idKind[sameId[0]]) matched(i, sameId[0], SAME_ID_MATCH_WEIGHT);
  }
  // A resident an organization already lists under her number: that another listing of the same
  // organization is her too is weighed as a pair of one organization is (m/u of SAME).
  const sameOrganization = pairModel.m.organization.SAME / pairModel.u.organization.SAME;
  const listers = listersOf(recs, out.resident);
  const asSecondListing = secondListingOdds(recs, pairModel, listers, sameOrganization);
  const model = registerModel(recs, res, out.resident, pairModel);
  const unlisted = unlistedOdds(recs, res, index.byId);
  // Shares read from the database as it is: the posterior weighs the register's namesakes itself.
  const bestOf = bestResidentFinder(recs, res, model, weigher(model, freq, 1));
  const joins: ModelJoin[] = [];
  // Records without a number that read alike share their best resident (`register-alike.ts`).
  const alike = new Map<string, Best>();
  for (let i = 0; i < recs.n; i++) {
    if (out.resident[i] >= 0) continue;
    const namesakes = index.namesakes(recs.name[i], recs.birth[i]?.year);
    // Union members and others who may live elsewhere are looked for province-wide.
    const c = recs.commune[i];
    const covered = (c.code ? res.communes.has(c.code) : c.candidates.some((x) => res.communes.has(x))) || recs.org[i] === 'CD';
    const sameId = !!recs.idHash[i] && index.byId.has(recs.idHash[i]!);
    out.match[i] = namesakes || sameId ? RegisterMatch.AMBIGUOUS : covered ? RegisterMatch.NO_MATCH : RegisterMatch.NOT_COVERED;
    const likeness = recordLikeness(recs, i);
    let best = likeness === null ? undefined : alike.get(likeness);
    if (!best) {
      best = bestOf(i, candidatesOf(recs, i, index, res));
      if (likeness !== null) alike.set(likeness, best);
    }
    if (best.r < 0) continue;
    const listed = listers.has(`${best.r}|${recs.org[i]}`);
    const p = posterior(best, listed ? asSecondListing(i, best.r) : 1, unlisted);
    // As between two records: two different 12-digit numbers, or two different names, are never joined by the model.
    const contradicts = best.c?.name === NameLevel.DIFFERENT || best.c?.id === IdLevel.DIFFERENT;
    if (p >= (listed || !covered ? JOIN_STRICT_AT : JOIN_AT) && !contradicts) {
      const match = out.match[i];
      matched(i, best.r, Math.min(SAME_ID_MATCH_WEIGHT, weightOf(p)));
      if (!listed) joins.push({ i, p, asSecond: posterior(best, sameOrganization, unlisted), match });
    }
  }
  keepOneListing(out, recs, joins);
  return out;
}

/** The records that list each resident by number, by `resident|organization`. */
function listersOf(recs: Records, resident: Int32Array): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < recs.n; i++) {
    if (resident[i] < 0) continue;
    const key = `${resident[i]}|${recs.org[i]}`;
    const list = out.get(key);
    if (list) list.push(i);
    else out.set(key, [i]);
  }
  return out;
}

/**
 * How much likelier record `i` is resident `r` as a second listing of an organization that already
 * lists `r` by number: a pair within one organization weighed as the pair model weighs it (m/u of
 * SAME), times what the register cannot say — the phone of `i` against the listing's (m/u of the
 * phone level; the likeliest listing when there are several). Two listings of one branch with two
 * different phones are two namesakes far more often than one person.
 */
function secondListingOdds(recs: Records, model: Model, listers: Map<string, number[]>, sameOrganization: number) {
  const phoneOdds = (a: number, b: number) => {
    const level = compareValues(recs.phone[a], recs.phone[b]);
    return level === SimpleLevel.MISSING ? 1 : model.m.phone[level] / model.u.phone[level];
  };
  return (i: number, r: number): number => {
    let best = 0;
    for (const l of listers.get(`${r}|${recs.org[i]}`) ?? []) best = Math.max(best, phoneOdds(i, l));
    return sameOrganization * best;
  };
}

/**
 * P(the best resident | the record's fields) = LR_r / (Σ LR + odds of someone the register does not
 * list), its likelihood ratio weighed by `factor` (a second listing of one organization's: m/u of SAME).
 */
const posterior = (best: Best, factor: number, unlisted: number) => (best.lr * factor) / (best.sum - best.lr + best.lr * factor + unlisted);

/** A record joined to a resident through the model, with its posterior as a second listing of its organization. */
interface ModelJoin {
  i: number;
  p: number;
  asSecond: number;
  match: RegisterMatch;
}

/**
 * Two records of one organization joined to one resident through the model (neither by number):
 * each is a second listing of the other. The likelier keeps the join; another keeps it only if it
 * reaches `JOIN_STRICT_AT` weighed as a second listing (as a record whose organization lists the
 * resident by number is) — else a branch's made-up name joins the person whose name it copies.
 */
function keepOneListing(out: RegisterBridge, recs: Records, joins: ModelJoin[]): void {
  const groups = new Map<string, ModelJoin[]>();
  for (const j of joins) {
    const key = `${out.resident[j.i]}|${recs.org[j.i]}`;
    const g = groups.get(key);
    if (g) g.push(j);
    else groups.set(key, [j]);
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    g.sort((a, b) => b.p - a.p || a.i - b.i);
    for (const j of g.slice(1)) {
      if (j.asSecond >= JOIN_STRICT_AT) continue;
      out.resident[j.i] = -1;
      out.weight[j.i] = 0;
      out.verified[j.i] = false;
      out.match[j.i] = j.match;
    }
  }
}

/**
 * The odds, against one given resident, that a record is someone the register does not list:
 * (1 − c)/c · N for a register of N residents covering a share c of the people — c read from the
 * data, as the share of 12-digit ID numbers of the rosters that the register holds.
 */
function unlistedOdds(recs: Records, res: Residents, byId: Map<string, number[]>): number {
  let withId = 0;
  let found = 0;
  for (let i = 0; i < recs.n; i++) {
    if (recs.idKind[i] !== 'CCCD' || !recs.idHash[i]) continue;
    withId++;
    if (byId.has(recs.idHash[i]!)) found++;
  }
  const coverage = Math.min(0.995, Math.max(0.5, withId ? found / withId : 0.9));
  return ((1 - coverage) / coverage) * res.n;
}

/** The best of a record's candidate residents: its likelihood ratio, and the sum over all candidates. */
interface Best {
  r: number;
  /** Likelihood ratio (not bits) of the best resident against a random one. */
  lr: number;
  sum: number;
  c: Comparison | null;
}

/**
 * Scores a record against its candidate residents with the model (weights from patterns, as in
 * `scorePairs`); the namesakes far away weighed as one, only in the sum.
 */
function bestResidentFinder(recs: Records, res: Residents, model: Model, weigh: Weigher): (i: number, found: Candidates) => Best {
  // By pattern number: a province's millions of record–resident pairs fall into a few hundred patterns.
  const known = new Map<number, { c: Comparison; pw: ReturnType<typeof patternWeight> }>();
  const prior = weightOf(model.lambda);
  return (i, found) => {
    const [nameKey, birthKey] = [recs.name[i].key, recs.birth[i]?.key ?? null];
    const best: Best = { r: -1, lr: 0, sum: 0, c: null };
    const weighed = (r: number) => {
      const code = residentPattern(recs, i, res, r);
      let k = known.get(code);
      if (!k) {
        const c = comparisonOf(code);
        known.set(code, (k = { c, pw: patternWeight(model, c) }));
      }
      const lr = 2 ** (weigh(k.pw, nameKey, birthKey) - prior);
      if (lr > best.lr) Object.assign(best, { r, lr, c: k.c });
      return lr;
    };
    for (const r of found.residents) best.sum += weighed(r);
    // The far namesakes weighed as one, only in the sum (never the best).
    if (found.far) {
      const { r, lr, c } = best;
      best.sum += found.far * weighed(found.farOne);
      Object.assign(best, { r, lr, c });
    }
    return best;
  };
}

/**
 * The records that matched the same resident, linked (as edges for clustering) and kept: a pair
 * also scored on its own keeps its explanation, and the bridge decides over a review. The number
 * of bridge links.
 */
export function bridgePairs(recs: Records, bridge: RegisterBridge, kept: KeptPairs, edges: Edge[]): number {
  const byResident = new Map<number, number[]>();
  bridge.resident.forEach((r, i) => {
    if (r < 0) return;
    const list = byResident.get(r);
    if (list) list.push(i);
    else byResident.set(r, [i]);
  });
  let links = 0;
  for (const list of byResident.values())
    for (let k = 1; k < list.length; k++) {
      const a = Math.min(list[0], list[k]);
      const b = Math.max(list[0], list[k]);
      const weight = Math.min(bridge.weight[a], bridge.weight[b]);
      edges.push({ a, b, weight });
      links++;
      const own = kept.get(a * recs.n + b);
      if (own) {
        if (own.decision === LinkDecision.REVIEW) own.decision = LinkDecision.BRIDGE;
      } else kept.set(a * recs.n + b, { a, b, decision: LinkDecision.BRIDGE, weight, probability: probabilityOf(weight), c: null });
    }
  return links;
}
