import { LinkDecision } from '../link.entities.js';
import type { Edge } from '../model/clustering.js';
import {
  BirthLevel,
  compareBirth,
  compareCommunes,
  compareIds,
  compareNames,
  compareValues,
  NameLevel,
  SimpleLevel,
} from '../model/compare.js';
import { PatternTable, patternWeight, probabilityOf, type Comparison, type Model } from '../model/model.js';
import { hasStrongEvidence } from '../model/pair-decision.js';
import type { KeptPairs, Weigher } from './score-pairs.js';
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
}

/** The thresholds a match must clear: `auto` for the best resident, below `review` for the second best. */
type Thresholds = { auto: number; review: number };

/**
 * Each record against the register: an equal ID number, or else the residents of the same name
 * and birth year scored with the model. One resident clearly above the rest verifies the record;
 * several close ones (namesakes with placeholder dates) bridge nothing.
 */
export function matchRegister(recs: Records, res: Residents, model: Model, opts: Thresholds, weigh: Weigher): RegisterBridge {
  const out: RegisterBridge = {
    resident: new Int32Array(recs.n).fill(-1),
    weight: new Float64Array(recs.n),
    verified: new Array<boolean>(recs.n).fill(false),
    match: new Uint8Array(recs.n),
  };
  if (!res.n) return out;
  const { byId, byNameYear } = indexResidents(res);
  const bestOf = bestResidentFinder(recs, res, model, weigh);
  const matched = (i: number, r: number, w: number) => {
    out.resident[i] = r;
    out.weight[i] = w;
    out.verified[i] = true;
    out.match[i] = RegisterMatch.MATCHED;
  };
  for (let i = 0; i < recs.n; i++) {
    const sameId = recs.idHash[i] ? (byId.get(recs.idHash[i]!) ?? []) : [];
    if (sameId.length === 1 && recs.idKind[i] === res.idKind[sameId[0]]) {
      matched(i, sameId[0], SAME_ID_MATCH_WEIGHT);
      continue;
    }
    const candidates = byNameYear.get(`${recs.name[i].key}|${recs.birth[i]?.year ?? ''}`);
    // Union members and others who may live elsewhere are looked for province-wide.
    const c = recs.commune[i];
    const covered = (c.code ? res.communes.has(c.code) : c.candidates.some((x) => res.communes.has(x))) || recs.org[i] === 'CD';
    out.match[i] = candidates || sameId.length ? RegisterMatch.AMBIGUOUS : covered ? RegisterMatch.NO_MATCH : RegisterMatch.NOT_COVERED;
    if (!candidates) continue;
    const best = bestOf(i, candidates);
    // Unambiguous: one resident clearly above the rest, on more than name, year and commune —
    // or the only resident of that name and year in the register.
    const unique = candidates.length === 1;
    const uniqueFits = (c: Comparison | null) => !!c && c.commune === SimpleLevel.SAME && c.birth === BirthLevel.SAME_YEAR;
    if (best.r >= 0 && best.p >= opts.auto && best.secondP < opts.review && (best.strong || (unique && uniqueFits(best.c))))
      matched(i, best.r, best.w);
  }
  return out;
}

/** The residents by ID number and by name and birth year. */
function indexResidents(res: Residents): { byId: Map<string, number[]>; byNameYear: Map<string, number[]> } {
  const byId = new Map<string, number[]>();
  const byNameYear = new Map<string, number[]>();
  for (let r = 0; r < res.n; r++) {
    const id = res.idHash[r];
    if (id) byId.set(id, [...(byId.get(id) ?? []), r]);
    const key = `${res.name[r].key}|${res.birth[r]?.year ?? ''}`;
    const list = byNameYear.get(key);
    if (list) list.push(r);
    else byNameYear.set(key, [r]);
  }
  return { byId, byNameYear };
}

/** The best of a record's candidate residents: its probability and the second best's. */
interface Best {
  r: number;
  p: number;
  secondP: number;
  w: number;
  /** Strong evidence, and not two different names. */
  strong: boolean;
  c: Comparison | null;
}

/** Scores a record against its candidate residents with the model (weights from patterns, as in `scorePairs`). */
function bestResidentFinder(recs: Records, res: Residents, model: Model, weigh: Weigher): (i: number, candidates: number[]) => Best {
  const table = new PatternTable();
  const weights: ReturnType<typeof patternWeight>[] = [];
  return (i, candidates) => {
    const best: Best = { r: -1, p: 0, secondP: 0, w: 0, strong: false, c: null };
    for (const r of candidates) {
      const c: Comparison = {
        name: compareNames(recs.name[i], res.name[r]),
        birth: compareBirth(recs.birth[i], res.birth[r]),
        sex: compareValues(recs.sex[i], res.sex[r]),
        // A record with a number that the register does not have under this name: not this resident.
        id: compareIds({ hash: recs.idHash[i], kind: recs.idKind[i] }, { hash: res.idHash[r], kind: res.idKind[r] }, () => null),
        phone: SimpleLevel.MISSING,
        commune: compareCommunes(recs.commune[i], res.commune[r]),
        organization: SimpleLevel.MISSING,
      };
      const k = table.add(c);
      const w = weigh((weights[k] ??= patternWeight(model, c)), recs.name[i].key, recs.birth[i]?.key ?? null);
      const p = probabilityOf(w);
      if (p > best.p) {
        Object.assign(best, { secondP: best.p, p, r, w, strong: hasStrongEvidence(c) && c.name !== NameLevel.DIFFERENT, c });
      } else if (p > best.secondP) best.secondP = p;
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
