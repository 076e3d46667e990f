import type { EntityManager } from 'typeorm';
import { formatVnDay } from '../../common/dates/vn-day.js';
import { compareNames, linkName, NameLevel } from '../../common/identity/identity-compare.js';
import { ENDING_STATUSES } from '../status/member-status.js';

/** The DECEASED flag's sentence when the register lists the member's own ID number as dead: one rule for the run and for entry. */
export const registerDeathMessage = (deathDate: string | null): string =>
  `CSDL dân cư ghi người này đã mất${deathDate ? ` ngày ${formatVnDay(deathDate)}` : ''}`;

/**
 * The records just written (live memberships) whose own ID number the population register lists as a
 * dead resident of the same name: their DECEASED flag, to raise at once — a member dead since 2022
 * is not added as a live one until the next link run. A number typed onto someone else (the names
 * differ) is left to the run, which weighs it. Read from the register's finished extract only.
 */
export async function registerDeaths(
  em: EntityManager,
  ids: string[],
): Promise<{ id: string; code: 'DECEASED'; severity: 'PHANTOM'; message: string; evidence: { deathDate: string | null } }[]> {
  if (!ids.length) return [];
  const rows = await em.query<{ id: string; full_name: string; resident: string; death_date: string | null }[]>(
    `SELECT r.id, r.full_name, x.full_name AS resident, to_char(x.death_date, 'YYYY-MM-DD') AS death_date
       FROM member_record r
       JOIN resident x ON x.id_number_hash = r.id_number_hash AND NOT x.alive
       JOIN resident_batch b ON b.id = x.batch_id AND b.status = 'DONE'
      WHERE r.id = ANY($1::uuid[]) AND r.id_number_hash IS NOT NULL AND r.erased_at IS NULL AND NOT r.status = ANY($2::varchar[])`,
    [ids, ENDING_STATUSES],
  );
  return rows
    .filter((r) => compareNames(linkName(r.full_name), linkName(r.resident)) !== NameLevel.DIFFERENT)
    .map((r) => ({
      id: r.id,
      code: 'DECEASED' as const,
      severity: 'PHANTOM' as const,
      message: registerDeathMessage(r.death_date),
      evidence: { deathDate: r.death_date },
    }));
}
