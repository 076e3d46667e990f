import type { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { readScope } from '../../access/record-scope.js';
import { probabilityInWords, shownProbability } from '../model/evidence.js';
import { awaitingReview } from './awaiting-review.js';
import { pairSide as side, pairSideView, type DecidedRecordView, type PairSideRow } from './person-decisions.js';

/** A pair holding one of the person's records that waits for a review: the other record, and how likely one person. */
export interface PendingPairView {
  own: DecidedRecordView;
  other: DecidedRecordView;
  calibratedProbability: number;
  probabilityText: string;
}

/**
 * The pairs waiting for review that join one of the person's records to another person's, strongest
 * first (at most 20): the person's page lists those persons beside a merge, where a name search (the
 * duplicate check) may not find them — the model weighed more than the name.
 */
export async function personPendingPairs(db: DataSource, personId: string, caller: Principal): Promise<PendingPairView[]> {
  const rows = await db.query<{ a: PairSideRow; b: PairSideRow; weight: number }[]>(
    `WITH own AS (SELECT record_id FROM record_person WHERE person_id = $1)
     SELECT l.weight, to_jsonb(a) AS a, to_jsonb(b) AS b
       FROM record_link l
       LEFT JOIN record_person pa ON pa.record_id = l.record_a LEFT JOIN record_person pb ON pb.record_id = l.record_b
       CROSS JOIN LATERAL (${side('l.record_a')}) a
       CROSS JOIN LATERAL (${side('l.record_b')}) b
      WHERE (l.record_a IN (SELECT record_id FROM own) OR l.record_b IN (SELECT record_id FROM own))
        AND coalesce(pa.person_id, l.record_a) IS DISTINCT FROM coalesce(pb.person_id, l.record_b)
        AND ${awaitingReview('l', 'pa', 'pb')}
      ORDER BY l.weight DESC LIMIT 20`,
    [personId],
  );
  const scope = readScope(caller);
  const view = (r: PairSideRow) => pairSideView(r, scope);
  return rows.map((p) => {
    const aIsOwn = p.a.person_id === personId;
    const shown = shownProbability(p.weight);
    return {
      own: view(aIsOwn ? p.a : p.b),
      other: view(aIsOwn ? p.b : p.a),
      calibratedProbability: shown,
      probabilityText: probabilityInWords(shown),
    };
  });
}
