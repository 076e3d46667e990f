import type { DataSource } from 'typeorm';
import { bringFiguresUpToDate, LIVE_BASIS } from '../../linker/batch/person-figures.js';
import { resolveReportingArea, type ReportingArea } from '../../membership/unit/reporting-area.js';
import { communePeople, type CommuneFigures } from '../counting/commune-people.js';

/** One commune's live figures within an area (the dashboard's table of communes). */
export type LiveCommune = CommuneFigures;

/**
 * Every commune of an area with ACTIVE memberships, live: from the person-level table (one pass
 * grouping each person's rows of a commune, so a person in two organizations there counts once), or
 * for a unit from its records (few).
 */
export async function liveCommunes(
  db: DataSource,
  areaText: string | null | undefined,
): Promise<{ area: ReportingArea; asOf: Date; communes: LiveCommune[] }> {
  const area = await resolveReportingArea(db, areaText);
  await bringFiguresUpToDate(db);
  return db.transaction('REPEATABLE READ', async (em) => {
    const [{ asOf }] = await em.query<{ asOf: Date }[]>(`SELECT now() AS "asOf"`);
    const communes = await communePeople(em, area, area.kind === 'unit' ? 'records' : { basis: LIVE_BASIS });
    return { area, asOf, communes };
  });
}
