import { LinkDecision, ReviewDecision } from '../link.entities.js';

/**
 * SQL: the pair `l` (a `record_link` row) waits for a person's decision — the linker sent it to
 * review, nobody has decided it, and nobody has said its two persons are two people (a decision on
 * another pair of theirs: after "Hai người khác nhau", the same question through another of their
 * records is not asked again). `pa`, `pb`: the `record_person` rows of its records (LEFT JOINed).
 * One rule for the queue, the count at log-in and the run's count.
 */
export function awaitingReview(l: string, pa: string, pb: string): string {
  const who = (r: string, p: string) => `coalesce(${p}.person_id, ${r})`;
  const [a, b] = [who(`${l}.record_a`, pa), who(`${l}.record_b`, pb)];
  const [xa, xb] = [who('x.record_a', 'xpa'), who('x.record_b', 'xpb')];
  return `${l}.decision = '${LinkDecision.REVIEW}'
    AND NOT EXISTS (SELECT 1 FROM link_review d WHERE d.record_a = ${l}.record_a AND d.record_b = ${l}.record_b)
    AND NOT EXISTS (SELECT 1 FROM link_review x LEFT JOIN record_person xpa ON xpa.record_id = x.record_a
                      LEFT JOIN record_person xpb ON xpb.record_id = x.record_b
                     WHERE x.decision = '${ReviewDecision.REJECT}' AND ${a} <> ${b}
                       AND ((${xa} = ${a} AND ${xb} = ${b}) OR (${xa} = ${b} AND ${xb} = ${a})))`;
}

/** How many pairs wait for a decision (`awaitingReview`). */
export async function countAwaitingReview(q: { query(sql: string): Promise<unknown> }): Promise<number> {
  const [row] = (await q.query(
    `SELECT count(*)::int AS n FROM record_link l LEFT JOIN record_person pa ON pa.record_id = l.record_a
       LEFT JOIN record_person pb ON pb.record_id = l.record_b WHERE ${awaitingReview('l', 'pa', 'pb')}`,
  )) as { n: number }[];
  return row.n;
}

/**
 * The pairs waiting for a decision whose two records are both ACTIVE members in an area (`inArea`: a
 * condition on `member_record r`, its parameters from $1): each, confirmed one person, lowers the
 * area's số người by at most one — the margin a report computed before the review is done carries.
 */
export async function countAwaitingReviewIn(
  q: { query(sql: string, params?: unknown[]): Promise<unknown> },
  inArea: { sql: string; params: unknown[] },
): Promise<number> {
  const member = (id: string) =>
    `EXISTS (SELECT 1 FROM member_record r WHERE r.id = ${id} AND r.status = 'ACTIVE' AND r.erased_at IS NULL AND ${inArea.sql})`;
  const [row] = (await q.query(
    `SELECT count(*)::int AS n FROM record_link l LEFT JOIN record_person pa ON pa.record_id = l.record_a
       LEFT JOIN record_person pb ON pb.record_id = l.record_b
      WHERE ${awaitingReview('l', 'pa', 'pb')} AND coalesce(pa.person_id, l.record_a) IS DISTINCT FROM coalesce(pb.person_id, l.record_b)
        AND ${member('l.record_a')} AND ${member('l.record_b')}`,
    inArea.params,
  )) as { n: number }[];
  return row.n;
}
