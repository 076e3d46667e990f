import type { DataSource } from 'typeorm';
import { LIVE_BASIS } from '../../linker/batch/person-figures.js';
import { resolveReportingArea, type ReportingArea } from '../../membership/unit/reporting-area.js';
import { bringFiguresUpToDate } from '../../linker/batch/person-figures.js';

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
 * The rows to count a commune's people from: `who` is the person where her rows of a commune must be
 * grouped (she is in several organizations), else null — each row is then a person of its own there
 * (one organization: one row a person and commune), and `n` counts them without grouping by person,
 * which at a province's million rows is the cost (the many in one organization collapse into a row a commune).
 */
const FIGURE_ROWS = (area: ReportingArea): string => {
  const where = area.kind === 'org' ? 'f.org = $2' : area.kind === 'commune' ? 'f.commune = $2' : 'true';
  // Within one organization a person has one row a commune: never grouped.
  const several = area.kind === 'org' ? 'false' : 'f.org_count > 1';
  return `SELECT f.commune, CASE WHEN ${several} THEN f.person_id END AS who, count(*) AS n, count(*) FILTER (WHERE f.real) AS nreal,
                 bool_or(f.real) AS anyreal, sum(f.memberships) AS m, sum(f.phantoms) AS ph
            FROM person_figure f WHERE f.basis = $1 AND ${where} GROUP BY 1, 2`;
};

/** A unit's ACTIVE records (few), a row per person and commune. */
const UNIT_ROWS = (area: ReportingArea): string =>
  `SELECT coalesce(r.commune_code, '') AS commune, coalesce(p.person_id, r.id) AS who, 1 AS n, 0 AS nreal,
          bool_or(NOT coalesce(p.ao, false)) AS anyreal, count(*) AS m, count(*) FILTER (WHERE coalesce(p.ao, false)) AS ph
     FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
    WHERE r.status = 'ACTIVE' AND ${area.condition(1).sql} GROUP BY 1, 2`;

/** Vietnamese order (Mường Ảng before Mường Chà, Nà before Nậm before Núa); records without a commune last. */
const VIETNAMESE = new Intl.Collator('vi', { numeric: true });
const byCommuneName = (a: LiveCommune, b: LiveCommune): number =>
  a.name === null || b.name === null ? (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) : VIETNAMESE.compare(a.name, b.name);

/**
 * Every commune of an area with ACTIVE memberships, live: from the person-level table (one pass
 * grouping each person's rows of a commune, so a person in two organizations there counts once), or
 * for a unit from its records (few). Sorted by the commune's name in Vietnamese order; records without a commune last.
 */
export async function liveCommunes(
  db: DataSource,
  areaText: string | null | undefined,
): Promise<{ area: ReportingArea; asOf: Date; communes: LiveCommune[] }> {
  const area = await resolveReportingArea(db, areaText);
  await bringFiguresUpToDate(db);
  return db.transaction('REPEATABLE READ', async (em) => {
    const [{ asOf }] = await em.query<{ asOf: Date }[]>(`SELECT now() AS "asOf"`);
    const rows = await em.query<LiveCommune[]>(
      `WITH x AS (${area.kind === 'unit' ? UNIT_ROWS(area) : FIGURE_ROWS(area)}),
            y AS (SELECT x.commune, sum(x.m)::int AS memberships, sum(CASE WHEN x.who IS NULL THEN x.n ELSE 1 END)::int AS people,
                         sum(CASE WHEN x.who IS NULL THEN x.nreal WHEN x.anyreal THEN 1 ELSE 0 END)::int AS "peopleNotSuspected",
                         sum(x.ph)::int AS "suspectedPhantoms"
                    FROM x GROUP BY x.commune)
       SELECT nullif(y.commune, '') AS code, c.name, y.memberships, y.people, y."peopleNotSuspected", y."suspectedPhantoms"
         FROM y LEFT JOIN commune c ON c.code = nullif(y.commune, '') ORDER BY c.name NULLS LAST, y.commune`,
      area.kind === 'unit'
        ? area.condition(1).params
        : [LIVE_BASIS, ...(area.kind === 'province' ? [] : [area.organization ?? area.commune])],
    );
    return { area, asOf, communes: rows.sort(byCommuneName) };
  });
}
