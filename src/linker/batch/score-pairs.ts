import fs from 'node:fs';
import { prng } from '../../common/random/prng.js';
import { LinkDecision } from '../link.entities.js';
import { slipKey, type Edge } from '../model/clustering.js';
import { IdLevel } from '../../common/identity/identity-compare.js';
import {
  estimateM,
  FIELDS,
  FREQUENCY_BASE,
  estimateU,
  PatternTable,
  patternWeight,
  probabilityOf,
  tfAdjustment,
  type Comparison,
  type Frequencies,
  type Model,
} from '../model/model.js';
import { bucketOf, datePairOf, namesakeShape, NamesakeRates, numbered, OwnListingRate, ownListingShape } from '../model/namesake-groups.js';
import { batchDecision, weightAtLeast, type Thresholds } from '../model/pair-decision.js';
import type { RecordComparer } from './compare-records.js';
import { pairCommunes, type NamesakeCounter } from './namesakes.js';
import type { Records } from './snapshot.js';

/**
 * Training and scoring (Splink's estimate_u, expectation_maximisation and predict): the model from
 * the snapshot, then each candidate pair's weight and decision.
 */

/** A pair worth storing: linked, bridged, refused or to review. */
export interface KeptPair {
  a: number;
  b: number;
  decision: LinkDecision;
  weight: number;
  probability: number;
  /** Its comparison (null for a pair only the register links). */
  c: Comparison | null;
}

/** The kept pairs by `a·n + b` (a < b): a pair both scored and bridged is kept once. */
export type KeptPairs = Map<number, KeptPair>;

/** The random generator's seed for u: the same data gives the same model. */
const U_SEED = 20251107;
/** Random pairs drawn for u: at most this many (four per record in a small database). */
const U_PAIRS = 400_000;

export interface Trained {
  model: Model;
  /** The candidate pairs' distinct comparisons… */
  table: PatternTable;
  /** …and each candidate pair's, as the index of its pattern. */
  patternOf: Int32Array;
}

/** u from random pairs (seeded), m by EM over the candidate pairs. */
export function trainModel(n: number, pairs: Int32Array, compare: RecordComparer): Trained {
  const rand = prng(U_SEED);
  const randomPairs = new PatternTable();
  for (let k = 0; k < Math.min(U_PAIRS, n * 4) && n > 1; k++) {
    const a = Math.floor(rand() * n);
    const b = Math.floor(rand() * n);
    if (a !== b) randomPairs.add(compare(a, b, false));
  }
  const u = estimateU(randomPairs.patterns);
  const table = new PatternTable();
  const patternOf = new Int32Array(pairs.length / 2);
  for (let k = 0; k < patternOf.length; k++) patternOf[k] = table.add(compare(pairs[2 * k], pairs[2 * k + 1]));
  return { model: estimateM(table.patterns, u), table, patternOf };
}

/** A pattern's weight (`patternWeight`) with the frequency adjustment of the pair's name and birth date. */
export type Weigher = (pw: ReturnType<typeof patternWeight>, nameKey: string, birthKey: string | null) => number;

/**
 * The weight of a pair as `score` gives it, without building its explanation: the pattern's base
 * weight plus the frequency adjustments, each computed once per name and per date (shares counted
 * against at least `base` records).
 */
export function weigher(model: Model, freq: Frequencies, base = FREQUENCY_BASE): Weigher {
  const nameTf = new Map<string, number>();
  const birthTf = new Map<string, number>();
  return (pw, nameKey, birthKey) => {
    let w = pw.base;
    if (pw.nameTf) w += cached(nameTf, nameKey, () => tfAdjustment(model.u.name.SAME, freq.name(nameKey), freq.total, base));
    if (pw.birthTf && birthKey)
      w += cached(birthTf, birthKey, () => tfAdjustment(model.u.birth.SAME_DAY, freq.birth(birthKey), freq.total, base));
    return w;
  };
}

function cached(cache: Map<string, number>, key: string, compute: () => number): number {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = compute()));
  return v;
}

/**
 * The bench's probe (bench/link.ts, for the calibration table): with LIENTHONG_PAIR_PROBE naming a
 * file, every scored candidate pair is appended to it as `record a,record b,weight,decision,levels`
 * (the comparison's level in each field, space-separated). Off
 * (null) unless asked, so a run keeps nothing more in memory; written in chunks at 1M records.
 */
function pairProbe(file: string | undefined): ((a: string, b: string, w: number, d: string, c: Comparison) => void) & { end(): void } {
  if (!file) return Object.assign(() => {}, { end: () => {} });
  const fd = fs.openSync(file, 'a');
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) fs.writeSync(fd, chunk.join(''));
    chunk = [];
  };
  return Object.assign(
    (a: string, b: string, w: number, d: string, c: Comparison) => {
      chunk.push(`${a},${b},${w},${d},${FIELDS.map((f) => c[f]).join(' ')}\n`);
      if (chunk.length >= 65_536) flush();
    },
    { end: () => (flush(), fs.closeSync(fd)) },
  );
}

export interface Scored {
  /** The pairs linked automatically, for clustering. */
  edges: Edge[];
  kept: KeptPairs;
  /** Pairs of ID numbers linked as one number typed with a slip. */
  slips: Set<string>;
  /** Namesakes nothing tells apart (`namesake-groups.ts`): the unnumbered pairs, and the numbered pairs' rates. */
  namesakes: { pairs: NamesakePair[]; rates: NamesakeRates; own: OwnListingRate };
}

/** An unnumbered pair of namesakes nothing tells apart, with its bucket. */
export interface NamesakePair {
  a: number;
  b: number;
  weight: number;
  bucket: number;
  c: Comparison;
}

/**
 * Each candidate pair's weight and decision (`batchDecision`, on the calibrated probability): pairs
 * below the review threshold, and namesakes without strong evidence, are not kept.
 */
export function scorePairs(
  recs: Records,
  pairs: Int32Array,
  { model, table, patternOf }: Trained,
  weigh: Weigher,
  namesakes: NamesakeCounter,
  opts: Thresholds,
): Scored {
  const out: Scored = {
    edges: [],
    kept: new Map(),
    slips: new Set(),
    namesakes: { pairs: [], rates: new NamesakeRates(), own: new OwnListingRate() },
  };
  const weights = table.patterns.map((p) => patternWeight(model, p.c));
  // The review threshold is on the calibrated probability: as a weight, computed once.
  const reviewWeight = weightAtLeast(opts.review);
  const probe = pairProbe(process.env.LIENTHONG_PAIR_PROBE);
  for (let k = 0; k < patternOf.length; k++) {
    const a = pairs[2 * k];
    const b = pairs[2 * k + 1];
    const w = weigh(weights[patternOf[k]], recs.name[a].key, recs.birth[a]?.key ?? null);
    const c = table.patterns[patternOf[k]].c;
    const dates = datePairOf(recs.birth[a], recs.birth[b]);
    const shape = namesakeShape(c, dates);
    // The register's residents of the name and year in the pair's commune, whether each organization lists it once, the dates.
    const bucket = () =>
      bucketOf(
        namesakes.residents(recs.name[a].key, String(recs.birth[a]!.year), pairCommunes(recs, a, b, c.commune)!),
        namesakes.listedOnce(a) && namesakes.listedOnce(b),
        dates!,
      );
    const says = shape ? numbered(c) : null;
    if (says) out.namesakes.rates.count(bucket(), says === 'SAME');
    const ownSays = ownListingShape(c) ? numbered(c) : null;
    if (ownSays) out.namesakes.own.count(ownSays === 'SAME');
    if (w < reviewWeight) {
      probe(recs.id[a], recs.id[b], w, '', c);
      continue;
    }
    const probability = probabilityOf(w);
    // The pair's communes, worked out only when the decision asks for namesakes.
    let communes: string[] | undefined | null = null;
    const where = () => (communes === null ? (communes = pairCommunes(recs, a, b, c.commune)) : communes);
    const decision = batchDecision(c, w, opts, {
      onBirthDate: () => namesakes.count(recs.name[a].key, recs.birth[a]!.key, where()),
      inBirthYear: () => namesakes.count(recs.name[a].key, String(recs.birth[a]?.year ?? ''), where()),
      registerCovers: () => !!where() && namesakes.covers(where()!),
    });
    probe(recs.id[a], recs.id[b], w, decision ?? '', c);
    // Unnumbered namesakes, dropped or sent to review: a person reading the two records sees no more than the run.
    if (decision !== LinkDecision.AUTO && shape && !says) out.namesakes.pairs.push({ a, b, weight: w, bucket: bucket(), c });
    if (decision === null) continue;
    if (c.id === IdLevel.ONE_SLIP && decision === LinkDecision.AUTO) out.slips.add(slipKey(recs.idHash[a]!, recs.idHash[b]!));
    if (decision === LinkDecision.AUTO) out.edges.push({ a, b, weight: w });
    // The comparison (a shared pattern) is kept, not the explanation: that is written at the end.
    out.kept.set(a * recs.n + b, { a, b, decision, weight: w, probability, c });
  }
  probe.end();
  return out;
}
