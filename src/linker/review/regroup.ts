import type { EntityManager } from 'typeorm';
import { MemberStatus } from '../../membership/status/member-status.js';
import { refreshTouchedPersonFigures } from '../batch/person-figures.js';
import { linkName } from '../../common/identity/identity-compare.js';
import { CONFIRMED_WEIGHT, listingOf } from '../batch/persons.js';
import { LinkDecision, ReviewDecision } from '../link.entities.js';
import { assignPersonIds, cluster, confirmedSlips, personOf, slipKey, type Edge } from '../model/clustering.js';
import { PERSON_FLAG_CODES, personFlags, type Flag } from '../model/phantom.js';

/**
 * A person's decision takes effect at once: the records of the persons it touches are grouped again
 * by the batch run's own rule (`cluster`: strongest links first, confirmed pairs before any, a
 * rejected pair never together, never two ID numbers in one person) from the links the last run
 * kept and every decision among them, and the flags they owe to their person follow — in the
 * decision's transaction, so the persons, the flags, the person-level figures (`person_figure`, of
 * every person the transaction touched) and the running period's live counts change together. The
 * next run reads the same decisions and finds the same.
 */

/** One record of the persons a decision touches. */
export interface GroupedRecord {
  id: string;
  org: string;
  status: string;
  /** Keyed hash of a 12-digit CCCD (hex), or null: two in one person are refused. */
  cccd: string | null;
  /** Its person before the decision (null: no run has seen it yet). */
  person: string | null;
  /** Its full name and birth year: two namesakes of one organization need a link of their own. */
  name?: string;
  year?: number | null;
}

export interface PairRow {
  a: string;
  b: string;
}

/** What a decision changed: the persons before and after among the records it touched, the records that changed person. */
export interface RegroupEffect {
  personsBefore: number;
  personsAfter: number;
  recordsMoved: number;
}

/** The new person of each record and the flags it owes to its person (pure). */
export function regroupPersons(
  recs: GroupedRecord[],
  links: (PairRow & { weight: number; decision?: LinkDecision })[],
  confirmed: PairRow[],
  rejected: PairRow[],
  /** Whether the last run kept an organization's namesakes apart (`OwnListingRate`): a decision follows it. */
  ownLinks = true,
): { personIds: string[]; flags: Flag[][] } {
  const seq = new Map(recs.map((r, i) => [r.id, i]));
  const pair = (p: PairRow) => [seq.get(p.a), seq.get(p.b)] as const;
  const edges: Edge[] = [];
  // Namesakes nothing tells apart are joined last, never two records of one organization (`namesake-groups.ts`).
  const weak: Edge[] = [];
  const slips = new Set<string>();
  // A pair the run linked, or a person confirmed, was judged one person: its two numbers a typing slip.
  const add = (p: PairRow, weight: number, confirmed = false) => {
    const [a, b] = pair(p);
    if (a === undefined || b === undefined) return;
    edges.push({ a, b, weight, confirmed });
    if (recs[a].cccd && recs[b].cccd) slips.add(slipKey(recs[a].cccd, recs[b].cccd));
  };
  for (const l of links) {
    if (l.decision !== LinkDecision.NAMESAKE) add(l, l.weight);
    else {
      const [a, b] = pair(l);
      if (a !== undefined && b !== undefined) weak.push({ a, b, weight: l.weight });
    }
  }
  for (const c of confirmed) add(c, CONFIRMED_WEIGHT, true);
  const confirmedPairs = confirmed.map(pair).filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined);
  for (const k of confirmedSlips(recs.length, confirmedPairs, (i) => recs[i].cccd)) slips.add(k);
  const cannotLink = new Map<number, number[]>();
  for (const r of rejected) {
    const [a, b] = pair(r);
    if (a === undefined || b === undefined) continue;
    cannotLink.set(a, [...(cannotLink.get(a) ?? []), b]);
    cannotLink.set(b, [...(cannotLink.get(b) ?? []), a]);
  }
  const orgOf = (i: number) => recs[i].org;
  const listed = ownLinks ? (i: number) => listingOf(recs[i].org, recs[i].status, linkName(recs[i].name ?? '').key, recs[i].year) : null;
  const { root } = cluster(recs.length, edges, (i) => recs[i].cccd, slips, cannotLink, undefined, { edges: weak, orgOf }, listed);
  const personIds = assignPersonIds(
    recs.map((r) => r.id),
    root,
    (i) => recs[i].person,
  );
  return { personIds, flags: recs.map((_, i) => personFlagsOf(recs, personIds, i)) };
}

/** The person-level flags of record i: another ACTIVE record of its organization in its person; its person in several organizations. */
function personFlagsOf(recs: GroupedRecord[], personIds: string[], i: number): Flag[] {
  const active = (j: number) => recs[j].status === (MemberStatus.ACTIVE as string);
  const mine = recs.map((_, j) => j).filter((j) => personIds[j] === personIds[i] && active(j));
  const duplicate = active(i) && mine.some((j) => j !== i && recs[j].org === recs[i].org);
  return personFlags(duplicate, new Set(mine.map((j) => recs[j].org)).size);
}

/** Regroups the persons of these records in the caller's transaction; returns what changed. */
export async function regroup(em: EntityManager, recordIds: string[]): Promise<RegroupEffect> {
  // Decisions are rare: one at a time, so two on one person never interleave.
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('link-decision'))`);
  const recs = await em.query<GroupedRecord[]>(
    // The records as a union of two indexed lookups (an OR across the join read all 1M records: 2 s).
    `WITH touched AS (SELECT person_id FROM record_person WHERE record_id = ANY($1::uuid[])),
          ids AS (SELECT unnest($1::uuid[]) AS id UNION SELECT record_id FROM record_person WHERE person_id IN (SELECT person_id FROM touched))
     SELECT r.id, r.organization_code AS org, r.status, p.person_id AS person, r.full_name AS name,
            extract(year FROM r.birth_date)::int AS year,
            CASE WHEN r.id_kind = 'CCCD' THEN encode(r.id_number_hash, 'hex') END AS cccd
       FROM ids JOIN member_record r ON r.id = ids.id LEFT JOIN record_person p ON p.record_id = r.id
      WHERE r.erased_at IS NULL
      ORDER BY r.id`,
    [recordIds],
  );
  const ids = recs.map((r) => r.id);
  const links = await em.query<(PairRow & { weight: number; decision: LinkDecision })[]>(
    `SELECT record_a AS a, record_b AS b, weight, decision FROM record_link
      WHERE record_a = ANY($1::uuid[]) AND record_b = ANY($1::uuid[]) AND decision IN ($2, $3, $4)`,
    [ids, LinkDecision.AUTO, LinkDecision.BRIDGE, LinkDecision.NAMESAKE],
  );
  const reviews = await em.query<(PairRow & { decision: ReviewDecision })[]>(
    `SELECT record_a AS a, record_b AS b, decision FROM link_review WHERE record_a = ANY($1::uuid[]) AND record_b = ANY($1::uuid[])`,
    [ids],
  );
  const byDecision = (d: ReviewDecision) => reviews.filter((r) => r.decision === d);
  const [last] = await em.query<{ applied: boolean | null }[]>(
    `SELECT (summary->'ownListings'->>'applied')::boolean AS applied FROM link_run WHERE status = 'DONE' ORDER BY started_at DESC LIMIT 1`,
  );
  const ownLinks = last?.applied ?? false;
  const { personIds, flags } = regroupPersons(recs, links, byDecision(ReviewDecision.CONFIRM), byDecision(ReviewDecision.REJECT), ownLinks);
  await writePersons(em, recs, personIds, flags);
  await refreshTouchedPersonFigures(em);
  const before = recs.map((r) => personOf(r.id, r.person));
  return {
    personsBefore: new Set(before).size,
    personsAfter: new Set(personIds).size,
    recordsMoved: personIds.filter((p, i) => p !== before[i]).length,
  };
}

/**
 * The records' persons and person-level flags, set-based. A flag someone raised herself (an accepted
 * roster-note suggestion) or an import raised with its evidence is hers, not the linker's: kept.
 */
async function writePersons(em: EntityManager, recs: GroupedRecord[], personIds: string[], flags: Flag[][]): Promise<void> {
  const ids = recs.map((r) => r.id);
  await em.query(
    `DELETE FROM record_flag f WHERE f.record_id = ANY($1::uuid[]) AND f.code = ANY($2::varchar[]) AND f.evidence = '{}'::jsonb
        AND NOT EXISTS (SELECT 1 FROM record_suggestion s WHERE s.record_id = f.record_id AND s.flag_code = f.code AND s.status = 'ACCEPTED')`,
    [ids, PERSON_FLAG_CODES],
  );
  const rows = recs.flatMap((r, i) => flags[i].map((f) => [r.id, f.code, f.severity, f.message]));
  await em.query(
    `INSERT INTO record_flag (record_id, code, severity, message, evidence)
     SELECT u.r, u.c, u.s, u.m, '{}'::jsonb FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::text[]) AS u(r, c, s, m)
     ON CONFLICT (record_id, code) DO NOTHING`,
    [rows.map((x) => x[0]), rows.map((x) => x[1]), rows.map((x) => x[2]), rows.map((x) => x[3])],
  );
  await em.query(
    `INSERT INTO record_person (record_id, person_id, flags)
     SELECT u.r, u.p, ARRAY(SELECT f.code FROM record_flag f WHERE f.record_id = u.r ORDER BY f.code)::varchar[]
       FROM unnest($1::uuid[], $2::uuid[]) AS u(r, p)
     ON CONFLICT (record_id) DO UPDATE SET person_id = EXCLUDED.person_id, flags = EXCLUDED.flags`,
    [ids, personIds],
  );
}
