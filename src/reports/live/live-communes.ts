import type { DataSource } from 'typeorm';
import { LIVE_BASIS } from '../../linker/batch/person-figures.js';
import { resolveReportingArea, type ReportingArea } from '../../membership/unit/reporting-area.js';
import { bringFiguresUpToDate } from './live-figures.js';

/** One commune's live figures within an area (the dashboard's table of communes). */
export interface LiveCommune {
  /** Null: records without a commune. */
  code: string | null;
  name: string | null;
  memberships: number;
  /** Distinct persons with an ACTIVE membership in the commune (within the area). */
  people: number;
  /** Those with at least one membership there the linker does not suspect. */
  peopleNotSuspected: number;
  suspectedPhantoms: number;
}

/**
 * Every commune of an area with ACTIVE memberships, live: from the person-level table (one pass
 * grouping each person's rows of a commune, so a person in two organizations there counts once), or
 * for a unit from its records (few). Sorted by the commune's name; records without a commune last.
 */
export async function liveCommunes(
  db: DataSource,
  areaText: string | null | undefined,
): Promise<{ area: ReportingArea; asOf: Date; communes: LiveCommune[] }> {
  const area = await resolveReportingArea(db, areaText);
  await bringFiguresUpToDate(db);
  return db.transaction('REPEATABLE READ', async (em) => {
    const [{ asOf }] = await em.query<{ asOf: Date }[]>(`SELECT now() AS "asOf"`);
    let perPerson: string;
    let params: unknown[];
    if (area.kind === 'unit') {
      const cond = area.condition(1);
      perPerson = `SELECT coalesce(r.commune_code, '') AS commune, coalesce(p.person_id, r.id) AS who, count(*)::int AS m,
                          count(*) FILTER (WHERE coalesce(p.ao, false)) AS ph, bool_or(NOT coalesce(p.ao, false)) AS real
                     FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
                    WHERE r.status = 'ACTIVE' AND ${cond.sql} GROUP BY 1, 2`;
      params = cond.params;
    } else {
      const where = area.kind === 'org' ? 'f.org = $2' : area.kind === 'commune' ? 'f.commune = $2' : 'true';
      perPerson = `SELECT f.commune, f.person_id AS who, sum(f.memberships) AS m, sum(f.phantoms) AS ph, bool_or(f.real) AS real
                     FROM person_figure f WHERE f.basis = $1 AND ${where} GROUP BY f.person_id, f.commune`;
      params = [LIVE_BASIS, ...(area.kind === 'province' ? [] : [area.organization ?? area.commune])];
    }
    const rows = await em.query<LiveCommune[]>(
      `WITH x AS (${perPerson})
       SELECT nullif(x.commune, '') AS code, c.name, sum(x.m)::int AS memberships, count(*)::int AS people,
              count(*) FILTER (WHERE x.real)::int AS "peopleNotSuspected", sum(x.ph)::int AS "suspectedPhantoms"
         FROM x LEFT JOIN commune c ON c.code = nullif(x.commune, '')
        GROUP BY x.commune, c.name ORDER BY c.name NULLS LAST, x.commune`,
      params,
    );
    return { area, asOf, communes: rows };
  });
}
