import type { DataSource } from 'typeorm';
import { MemberStatus } from '../../membership/status/member-status.js';
import { LinkDecision, ReviewDecision } from '../link.entities.js';
import { assignPersonIds, cluster, confirmedSlips, slipKey, type Edge } from '../model/clustering.js';
import type { KeptPairs, Scored } from './score-pairs.js';
import type { Records } from './snapshot.js';

/**
 * Clustering: the links found, with people's decisions on pairs, become persons with stable ids.
 */

/**
 * The weight of a pair a person confirmed: above any weight the model or the register gives (tens
 * of bits), so confirmed pairs are joined first in clustering, before any computed link.
 */
export const CONFIRMED_WEIGHT = 1e6;

/**
 * A record's listing as its organization lists a member once: the organization, the name's key and
 * the birth year. Two records of one listing in one person need a link of their own
 * (`clustering.ts`): namesakes the model did not link are two of the organization's members. Null
 * for a temporary listing in another branch: the same member listed again by design.
 */
export const listingOf = (org: string, status: string, nameKey: string, year: number | null | undefined): string | null =>
  status === (MemberStatus.TEMPORARY as string) ? null : `${org}|${nameKey}|${year ?? ''}`;

/** The decisions people took on pairs of the snapshot's records. */
export interface Reviews {
  confirmed: [number, number][];
  cannotLink: Map<number, number[]>;
}

export async function readReviews(db: DataSource, recs: Records): Promise<Reviews> {
  const rows = await db.query<{ record_a: string; record_b: string; decision: ReviewDecision }[]>(
    `SELECT record_a, record_b, decision FROM link_review`,
  );
  const out: Reviews = { confirmed: [], cannotLink: new Map<number, number[]>() };
  if (!rows.length) return out;
  const seq = new Map(recs.id.map((id, i) => [id, i]));
  for (const r of rows) {
    const x = seq.get(r.record_a);
    const y = seq.get(r.record_b);
    if (x === undefined || y === undefined) continue; // a record no longer linked (ended, erased)
    const [a, b] = x < y ? [x, y] : [y, x];
    if (r.decision === ReviewDecision.CONFIRM) out.confirmed.push([a, b]);
    else {
      out.cannotLink.set(a, [...(out.cannotLink.get(a) ?? []), b]);
      out.cannotLink.set(b, [...(out.cannotLink.get(b) ?? []), a]);
    }
  }
  return out;
}

export interface Persons {
  /** The person of each record. */
  personIds: string[];
  /** Links refused because they would put two ID numbers in one person. */
  refused: number;
  /** Links not taken: two records of one organization in one person without a link of their own. */
  apart: number;
  /** Records that are the same person as another ACTIVE record of their organization. */
  duplicates: boolean[];
  /** Pairs of namesakes nothing tells apart that were joined (`namesake-groups.ts`). */
  namesakeLinks: number;
}

/**
 * Persons: a confirmed pair is linked, a rejected one never is; strongest links first, never two ID
 * numbers nor two register entries in one person, nor two namesakes of one organization without a
 * link of their own. A kept pair whose link was refused is marked so; each person keeps the id
 * its records had before when it can.
 */
export function formPersons(
  recs: Records,
  edges: Edge[],
  slips: Set<string>,
  reviews: Reviews,
  kept: KeptPairs,
  resident: Int32Array = new Int32Array(recs.n).fill(-1),
  namesakes: Scored['namesakes'] | null = null,
): Persons {
  for (const [a, b] of reviews.confirmed) {
    edges.push({ a, b, weight: CONFIRMED_WEIGHT, confirmed: true });
    if (recs.idHash[a] && recs.idHash[b]) slips.add(slipKey(recs.idHash[a], recs.idHash[b]));
  }
  const idOf = (i: number) => (recs.idKind[i] === 'CCCD' ? recs.idHash[i] : null);
  for (const k of confirmedSlips(recs.n, reviews.confirmed, idOf)) slips.add(k);
  // Namesakes nothing tells apart, in the buckets where numbered pairs like them were one person more often than not.
  // A pair in review is one of them too (nothing in the two records says more); one the register bridged is not.
  const weak = (namesakes?.pairs ?? []).filter(
    (p) => namesakes!.rates.joins(p.bucket) && (kept.get(p.a * recs.n + p.b)?.decision ?? LinkDecision.REVIEW) === LinkDecision.REVIEW,
  );
  const orgOf = (i: number) => recs.org[i];
  // Only where this run's numbered namesakes of one organization were mostly two people (`OwnListingRate`).
  const listed = namesakes?.own.applies()
    ? (i: number) => listingOf(recs.org[i], recs.status[i], recs.name[i].key, recs.birth[i]?.year)
    : null;
  const clusters = cluster(recs.n, edges, idOf, slips, reviews.cannotLink, (i) => resident[i], { edges: weak, orgOf }, listed);
  const joined = weak.filter((p) => clusters.root[p.a] === clusters.root[p.b]);
  for (const p of joined) {
    const probability = namesakes!.rates.rate(p.bucket)!;
    kept.set(p.a * recs.n + p.b, { a: p.a, b: p.b, decision: LinkDecision.NAMESAKE, weight: p.weight, probability, c: p.c });
  }
  const refusedSet = new Set(clusters.refused.map((e) => `${e.a}|${e.b}`));
  const apartSet = new Set(clusters.apart.map((e) => `${e.a}|${e.b}`));
  for (const k of kept.values()) {
    if (k.decision === LinkDecision.REVIEW) continue;
    if (refusedSet.has(`${k.a}|${k.b}`)) k.decision = LinkDecision.REFUSED;
    else if (apartSet.has(`${k.a}|${k.b}`)) k.decision = LinkDecision.APART;
  }
  settleReviews(kept, clusters.root, resident);
  return {
    personIds: assignPersonIds(recs.id, clusters.root, (i) => recs.previousPerson[i]),
    refused: clusters.refused.length,
    apart: clusters.apart.length,
    duplicates: duplicatesInOrg(recs, clusters.root),
    namesakeLinks: joined.length,
  };
}

/**
 * The pairs to review that clustering has already settled leave the review: two records that
 * stronger links put in one person anyway (confirming changes nothing), and two records whose
 * persons hold two different register entries (the register lists each resident once: they are
 * two people, and no confirmation would join them). What stays is what a person's decision changes.
 */
export function settleReviews(kept: KeptPairs, root: Int32Array, resident: Int32Array): void {
  const entryOf = new Map<number, number>();
  for (let i = 0; i < root.length; i++) if (resident[i] >= 0) entryOf.set(root[i], resident[i]);
  for (const [key, k] of kept) {
    if (k.decision !== LinkDecision.REVIEW) continue;
    const [ra, rb] = [root[k.a], root[k.b]];
    const [ea, eb] = [entryOf.get(ra), entryOf.get(rb)];
    if (ra === rb || (ea !== undefined && eb !== undefined && ea !== eb)) kept.delete(key);
  }
}

/** Records whose person has another ACTIVE record in the same organization (a temporary listing is no duplicate). */
function duplicatesInOrg(recs: Records, root: Int32Array): boolean[] {
  const out = new Array<boolean>(recs.n).fill(false);
  const seen = new Map<string, number>();
  for (let i = 0; i < recs.n; i++) {
    if (recs.status[i] !== (MemberStatus.ACTIVE as string)) continue;
    const key = `${root[i]}|${recs.org[i]}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out[first] = out[i] = true;
  }
  return out;
}
