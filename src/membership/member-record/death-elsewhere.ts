import type { EntityManager } from 'typeorm';
import { formatVnDay } from '../../common/dates/vn-day.js';
import { ENDING_STATUSES, MemberStatus } from '../status/member-status.js';
import { confirmFlagsOfEndings } from './ending-flags.js';
import { notDismissed } from './entry-flag-writes.js';

/**
 * A member her organization ended as dead (Đã mất) is dead for the others too: each other live
 * listing of her person (as the last link run or a decision grouped them) is flagged DECEASED at
 * once — "Hội Nông dân Việt Nam ghi người này đã mất ngày …" — for its secretariat to confirm or
 * dismiss, as a death the register shows. A link run keeps the flag while the record that says so
 * is still ended as dead (linker's batch/link-store.ts); her organization taking that ending back
 * (Cho sinh hoạt lại) takes the flag away. One rule, written here; the run only keeps it.
 */

/** The `raisedBy` of such a flag's evidence; `record` is the dead listing's id, `deathDate` its ending's day. */
export const RAISED_BY_DEATH_ELSEWHERE = 'DEATH_ELSEWHERE';

/** SQL: flag `f` says another organization ended its person as dead. */
export const deathElsewhere = (f: string): string =>
  `${f}.code = 'DECEASED' AND ${f}.evidence->>'raisedBy' = '${RAISED_BY_DEATH_ELSEWHERE}'`;

/** SQL: `o` is a listing not ended (and not erased): one a death elsewhere concerns. */
const live = (o: string) => `${o}.erased_at IS NULL AND ${o}.status NOT IN (${ENDING_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** SQL: record_person `p` counted as dead among its flags and its reasons to be suspected. */
const withDeath = `flags = ARRAY(SELECT DISTINCT c FROM unnest(p.flags || ARRAY['DECEASED'::varchar]) AS c ORDER BY c),
       ao_reasons = ARRAY(SELECT DISTINCT c FROM unnest(p.ao_reasons || ARRAY['DECEASED'::varchar]) AS c ORDER BY c), ao = true`;

/** The flag's sentence: who ended her as dead, and from which day. */
export const deathElsewhereMessage = (organizationName: string, date: string): string =>
  `${organizationName} ghi người này đã mất ngày ${formatVnDay(date)} (kết thúc sinh hoạt)`;

/** A membership ended as dead, in its transaction: its own death flag confirmed, the others of her person told. */
export async function recordDeath(
  em: EntityManager,
  recordId: string,
  death: { org: string; date: string; note: string; by: string },
): Promise<void> {
  await confirmFlagsOfEndings(em, [{ recordId, status: MemberStatus.DECEASED }], death.note, death.by);
  await flagDeathElsewhere(em, recordId, death.org, death.date);
}

/**
 * In the ending's transaction: flags the other live listings of the dead record's person. A DECEASED
 * flag already certain (the register's) stays as it is; a weaker one (namesakes) gives way.
 */
export async function flagDeathElsewhere(em: EntityManager, deadRecordId: string, organizationName: string, date: string): Promise<void> {
  await em.query(
    `WITH others AS (
       SELECT o.id FROM record_person me
         JOIN record_person q ON q.person_id = me.person_id AND q.record_id <> me.record_id
         JOIN member_record o ON o.id = q.record_id
        WHERE me.record_id = $1 AND ${live('o')} AND ${notDismissed('o.id', "'DECEASED'")}),
     raised AS (
       INSERT INTO record_flag (record_id, code, severity, message, evidence)
       SELECT id, 'DECEASED', 'PHANTOM', $2, jsonb_build_object('raisedBy', $3::text, 'record', $1::text, 'deathDate', $4::text) FROM others
       ON CONFLICT (record_id, code) DO UPDATE SET severity = EXCLUDED.severity, message = EXCLUDED.message, evidence = EXCLUDED.evidence
        WHERE record_flag.severity <> 'PHANTOM'
       RETURNING record_id)
     UPDATE record_person p SET ${withDeath} FROM raised WHERE p.record_id = raised.record_id`,
    [deadRecordId, deathElsewhereMessage(organizationName, date), RAISED_BY_DEATH_ELSEWHERE, date],
  );
}

/**
 * Her organization took the death back (one record, or an import's undo: its records in one statement): the flags
 * it raised elsewhere go, and with them the suspicion they made alone.
 */
export async function clearDeathElsewhere(em: EntityManager, deadRecordIds: string[]): Promise<void> {
  if (!deadRecordIds.length) return;
  await em.query(
    `WITH gone AS (DELETE FROM record_flag f WHERE ${deathElsewhere('f')} AND f.evidence->>'record' = ANY($1::text[]) RETURNING f.record_id)
     UPDATE record_person p SET flags = array_remove(p.flags, 'DECEASED'), ao_reasons = array_remove(p.ao_reasons, 'DECEASED'),
            ao = cardinality(array_remove(p.ao_reasons, 'DECEASED')) > 0
       FROM gone WHERE p.record_id = gone.record_id`,
    [deadRecordIds],
  );
}

/**
 * The link run's statements (in its transaction, over its `next_` tables): such a flag is kept on a
 * record the run still links while the listing that says so is still ended as dead; the run's own
 * certain finding (the register) comes first.
 */
export const KEEP_DEATHS_ELSEWHERE = [
  `INSERT INTO next_record_flag (record_id, code, severity, message, evidence)
   SELECT f.record_id, f.code, f.severity, f.message, f.evidence FROM record_flag f
     JOIN member_record dead ON dead.id = (f.evidence->>'record')::uuid AND dead.status = '${MemberStatus.DECEASED}'
    WHERE ${deathElsewhere('f')} AND ${notDismissed('f.record_id', "'DECEASED'")}
      AND EXISTS (SELECT 1 FROM next_record_person n WHERE n.record_id = f.record_id)
   ON CONFLICT (record_id, code) DO UPDATE SET severity = EXCLUDED.severity, message = EXCLUDED.message, evidence = EXCLUDED.evidence
    WHERE next_record_flag.severity <> 'PHANTOM'`,
  `UPDATE next_record_person p SET ${withDeath}
     FROM next_record_flag f WHERE f.record_id = p.record_id AND ${deathElsewhere('f')}`,
];
