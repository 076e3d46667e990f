import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';

/** A record only the model joins to the person being erased: the administrator confirms it first. */
export interface ErasureCandidate {
  recordId: string;
  /** Why the model joins it, in Vietnamese. */
  why: string;
}

export interface ErasureScope {
  /** The records of the person, the asked one first: same ID number, a register match or a confirmed link (transitively). */
  records: string[];
  /** Records joined to them only by the model (a linker run, a scored pair), not yet erased: listed, never erased unasked. */
  toConfirm: ErasureCandidate[];
}

/**
 * Which records an erasure of the person of `recordId` covers. Certain (erased without asking):
 * the same ID number (keyed hash), a register match (a BRIDGE pair, or both records matching a
 * resident and put in one person), a person's confirmation (a CONFIRM decision on a pair, which a
 * merge of persons also writes), followed from record to record. Joined only by the model (one
 * person of the last linker run, an AUTO or REVIEW pair — e.g. a household's shared phone): listed
 * for the administrator, unless a person rejected the pair.
 */
export async function erasureScope(em: EntityManager, recordId: string): Promise<ErasureScope> {
  const certain = await em.query<{ id: string }[]>(
    `WITH RECURSIVE certain(id) AS (
       SELECT $1::uuid
       UNION
       SELECT j.other FROM certain c CROSS JOIN LATERAL (
         SELECT o.id AS other FROM member_record r JOIN member_record o ON o.id_number_hash = r.id_number_hash
          WHERE r.id = c.id AND r.id_number_hash IS NOT NULL
         UNION ALL
         SELECT CASE WHEN v.record_a = c.id THEN v.record_b ELSE v.record_a END FROM link_review v
          WHERE (v.record_a = c.id OR v.record_b = c.id) AND v.decision = 'CONFIRM'
         UNION ALL
         SELECT CASE WHEN l.record_a = c.id THEN l.record_b ELSE l.record_a END FROM record_link l
          WHERE (l.record_a = c.id OR l.record_b = c.id) AND l.decision = 'BRIDGE'
         UNION ALL
         SELECT o.record_id FROM record_person p JOIN record_person o ON o.person_id = p.person_id AND o.verified
          WHERE p.record_id = c.id AND p.verified
       ) j
     )
     SELECT c.id FROM certain c JOIN member_record r ON r.id = c.id ORDER BY (c.id = $1::uuid) DESC, r.organization_code, r.id`,
    [recordId],
  );
  const records = certain.map((r) => r.id);
  const toConfirm = await em.query<{ id: string; how: string }[]>(
    `WITH mine AS (SELECT unnest($1::uuid[]) AS id),
     joined AS (
       SELECT CASE WHEN l.record_a = m.id THEN l.record_b ELSE l.record_a END AS id, l.decision AS how
         FROM mine m JOIN record_link l ON (l.record_a = m.id OR l.record_b = m.id) AND l.decision IN ('AUTO', 'REVIEW')
       UNION ALL
       SELECT o.record_id, 'PERSON' FROM mine m JOIN record_person p ON p.record_id = m.id JOIN record_person o ON o.person_id = p.person_id
     )
     SELECT j.id, min(j.how) AS how FROM joined j JOIN member_record r ON r.id = j.id
      WHERE r.erased_at IS NULL AND j.id <> ALL($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM link_review v JOIN mine m ON m.id IN (v.record_a, v.record_b)
                         WHERE v.decision = 'REJECT' AND j.id IN (v.record_a, v.record_b))
      GROUP BY j.id ORDER BY j.id`,
    [records],
  );
  return { records, toConfirm: toConfirm.map((r) => ({ recordId: r.id, why: WHY[r.how] ?? WHY.PERSON })) };
}

/**
 * The records an erasure of `asked` erases: the person's certain records but those she keeps (her
 * membership elsewhere, which a request to leave one organization does not concern), and the
 * model's candidates the administrator confirmed. The asked record is always erased; a record
 * named in neither list of the plan is refused, saying which.
 */
export function chosenForErasure(scope: ErasureScope, asked: string, also: string[], keep: string[]): string[] {
  const offered = new Set(scope.toConfirm.map((c) => c.recordId));
  const keepable = new Set(scope.records.filter((r) => r !== asked));
  const problems = [
    ...[...new Set(also)]
      .filter((r) => !offered.has(r))
      .map((r) => ({
        field: 'alsoErase',
        value: r,
        message: `Hồ sơ '${r}' không nằm trong danh sách cần xác nhận của người này (xem erasurePlan): bỏ nó ra rồi gửi lại`,
      })),
    ...[...new Set(keep)]
      .filter((r) => !keepable.has(r))
      .map((r) => ({
        field: 'keep',
        value: r,
        message:
          r === asked
            ? 'Hồ sơ được yêu cầu xóa không giữ lại được: bỏ nó khỏi danh sách giữ lại'
            : `Hồ sơ '${r}' không nằm trong các hồ sơ của người này (xem erasurePlan): bỏ nó ra rồi gửi lại`,
      })),
  ];
  if (problems.length) throw DomainError.invalidInput(problems);
  const kept = new Set(keep);
  return [...scope.records.filter((r) => !kept.has(r)), ...new Set(also)];
}

/** `min()` of the ways a record is joined picks the strongest: AUTO < PERSON < REVIEW. */
const WHY: Record<string, string> = {
  AUTO: 'máy ghép nối tự động thành cùng một người (chưa ai xác nhận)',
  PERSON: 'cùng một người theo lần ghép nối gần nhất (chưa ai xác nhận)',
  REVIEW: 'máy ghép nối đề nghị xem xét là cùng một người',
};

/**
 * Removes the free text that may name the erased records' person: reasons of their history,
 * decision notes on their flags and pairs, the phantom checks' messages and evidence, why she kept
 * one her file left out, and the notes of audit lines about them (the lines themselves stay: ids and
 * figures). Returns how many audit notes went.
 */
export async function eraseFreeText(em: EntityManager, ids: string[]): Promise<number> {
  const gone = '(đã xóa theo yêu cầu)';
  await em.query(`UPDATE membership_event SET reason = NULL WHERE record_id = ANY($1)`, [ids]);
  await em.query(`UPDATE link_review SET reason = $2 WHERE record_a = ANY($1) OR record_b = ANY($1)`, [ids, gone]);
  await em.query(`UPDATE flag_resolution SET note = $2 WHERE record_id = ANY($1)`, [ids, gone]);
  await em.query(`DELETE FROM record_flag WHERE record_id = ANY($1)`, [ids]);
  await em.query(`DELETE FROM absence_kept WHERE record_id = ANY($1)`, [ids]);
  // Only indexed lookups on the log: the lines whose subject is one of the records, a pair's first
  // record (the pair's second is in the detail), or the person they belong to.
  const notes = await em.query<{ n: string }[]>(
    `WITH subjects AS (
       SELECT unnest($1::text[]) AS s
       UNION SELECT record_a::text FROM link_review WHERE record_b = ANY($1::uuid[])
       UNION SELECT person_id::text FROM record_person WHERE record_id = ANY($1::uuid[])
     ), gone AS (
       DELETE FROM audit_note n USING audit_event e
        WHERE e.note_id = n.id AND e.subject_id IN (SELECT s FROM subjects)
          AND (e.subject_type IS DISTINCT FROM 'RECORD_PAIR' OR e.subject_id = ANY($1::text[]) OR e.detail->>'recordB' = ANY($1::text[]))
       RETURNING 1)
     SELECT count(*) AS n FROM gone`,
    [ids],
  );
  return Number(notes[0].n);
}
