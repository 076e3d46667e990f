import type { EntityManager } from 'typeorm';
import type { Period } from '../../common/dates/period.js';
import { buildBasis, refreshPersons } from '../../linker/batch/person-figures.js';
import { activeAtEnd } from './memberships-snapshot.js';

/**
 * An ended period's statuses, computed once: the records ACTIVE on its last day (`period_status`)
 * from the dated history, the first time a report of the period is counted after it ended (the
 * schedule does it right after). Later runs look again only at the records whose history or row
 * was written since (a decision dated back into the period, a correction), and write their
 * persons' rows again. Then the period's person-level rows (`person_figure`, basis = the period's
 * key) are built if they are not, and kept by every later change like the running period's.
 */
export async function endedPeriodBasis(em: EntityManager, period: Period, day: string): Promise<string> {
  const ended = activeAtEnd(2);
  const [stored] = await em.query<{ computed_at: Date; day: string }[]>(
    `SELECT computed_at, to_char(day, 'YYYY-MM-DD') AS day FROM period_status_basis WHERE period = $1`,
    [period.key],
  );
  const [{ now }] = await em.query<{ now: Date }[]>(`SELECT now() AS now`);
  if (!stored || stored.day !== day) {
    await em.query(`DELETE FROM period_status WHERE period = $1`, [period.key]);
    await em.query(
      `INSERT INTO period_status (period, record_id) SELECT $1, r.id FROM member_record r ${ended.join} WHERE ${ended.active}`,
      [period.key, day, period.end],
    );
    await em.query(`ANALYZE period_status`);
    await em.query(
      `INSERT INTO period_status_basis (period, day, computed_at) VALUES ($1, $2, $3)
       ON CONFLICT (period) DO UPDATE SET day = EXCLUDED.day, computed_at = EXCLUDED.computed_at`,
      [period.key, day, now],
    );
    await buildBasis(em, period.key);
    return period.key;
  }
  const changed = (
    await em.query<{ id: string }[]>(
      `SELECT record_id AS id FROM membership_event WHERE recorded_at >= $1 UNION SELECT id FROM member_record WHERE updated_at >= $1`,
      [stored.computed_at],
    )
  ).map((r) => r.id);
  if (changed.length) {
    await em.query(`DELETE FROM period_status WHERE period = $1 AND record_id = ANY($2::uuid[])`, [period.key, changed]);
    await em.query(
      `INSERT INTO period_status (period, record_id)
       SELECT $1, r.id FROM member_record r ${ended.join} WHERE r.id = ANY($4::uuid[]) AND ${ended.active}`,
      [period.key, day, period.end, changed],
    );
    const persons = await em.query<{ who: string }[]>(
      `SELECT DISTINCT coalesce(p.person_id, r.id) AS who FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
        WHERE r.id = ANY($1::uuid[])`,
      [changed],
    );
    await refreshPersons(
      em,
      persons.map((x) => x.who),
    );
  }
  await em.query(`UPDATE period_status_basis SET computed_at = $2 WHERE period = $1`, [period.key, now]);
  const [built] = await em.query<unknown[]>(`SELECT 1 FROM person_figure_basis WHERE basis = $1`, [period.key]);
  if (!built) await buildBasis(em, period.key);
  return period.key;
}
