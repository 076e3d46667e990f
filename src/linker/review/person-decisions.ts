import type { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { readScope, type RecordScope } from '../../access/record-scope.js';
import type { ReviewDecision } from '../link.entities.js';
import { isCallers, type ListedRecordRow } from '../seen-by-caller.js';

/** One side of a decided pair: always where it is listed; its name and code within the caller's rights. */
export interface DecidedRecordView {
  personId: string | null;
  organization: string;
  recordId: string | null;
  externalId: string | null;
  fullName: string | null;
}

/** A person's decision on a pair of records: one person (CONFIRM) or two (REJECT), by whom, when and why. */
export interface PersonDecisionView {
  decision: ReviewDecision;
  reason: string;
  decidedBy: string;
  decidedAt: Date;
  /** This person's record of the pair, then the other. */
  own: DecidedRecordView;
  other: DecidedRecordView;
}

/** A record of a pair as `pairSide` reads it. */
export type PairSideRow = ListedRecordRow & { person_id: string | null };
type Row = PairSideRow;

/** One side of a pair as the caller sees it: always where it is listed; its name and code within her rights. */
export function pairSideView(r: PairSideRow, scope: RecordScope): DecidedRecordView {
  const mine = isCallers(scope, r);
  return {
    personId: r.person_id,
    organization: r.organization_code,
    recordId: mine ? r.id : null,
    externalId: mine ? r.external_id : null,
    fullName: mine ? r.full_name : null,
  };
}

/**
 * The review decisions on pairs that hold one of the person's records, newest first: a pair said to
 * be two people stays visible on the person (and beside a merge), not only in the review's log.
 */
export async function personDecisions(db: DataSource, personId: string, caller: Principal): Promise<PersonDecisionView[]> {
  const rows = await db.query<{ a: Row; b: Row; decision: ReviewDecision; reason: string; decided_by: string; decided_at: Date }[]>(
    `WITH own AS (SELECT record_id FROM record_person WHERE person_id = $1)
     SELECT v.decision, v.reason, v.decided_by, v.decided_at, to_jsonb(a) AS a, to_jsonb(b) AS b
       FROM link_review v
       CROSS JOIN LATERAL (${pairSide('v.record_a')}) a
       CROSS JOIN LATERAL (${pairSide('v.record_b')}) b
      WHERE v.record_a IN (SELECT record_id FROM own) OR v.record_b IN (SELECT record_id FROM own)
      ORDER BY v.decided_at DESC`,
    [personId],
  );
  const scope = readScope(caller);
  const view = (r: PairSideRow) => pairSideView(r, scope);
  return rows.map((d) => {
    // Both this person's (one person, decided): her side is the one she may read, when only one is.
    const aIsOwn = d.a.person_id === personId && (d.b.person_id !== personId || isCallers(scope, d.a) || !isCallers(scope, d.b));
    return {
      decision: d.decision,
      reason: d.reason,
      decidedBy: d.decided_by,
      decidedAt: new Date(d.decided_at),
      own: view(aIsOwn ? d.a : d.b),
      other: view(aIsOwn ? d.b : d.a),
    };
  });
}

/** A record of a pair with what `isCallers` reads and its person (an erased record: none). */
export const pairSide = (id: string) =>
  `SELECT r.id, r.organization_code, r.external_id, r.full_name, u.path AS unit_path, u.code AS unit_code, p.person_id
     FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN record_person p ON p.record_id = r.id
    WHERE r.id = ${id} AND r.erased_at IS NULL`;
