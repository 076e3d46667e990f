import { byVietnameseName } from '../../common/text/vietnamese-text.js';
import type { EntityManager } from 'typeorm';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';

/** One commune's figures within an area: the dashboard's table of communes, and a report's "Số người theo xã". */
export interface CommuneFigures {
  /** Null: records without a commune. */
  code: string | null;
  name: string | null;
  memberships: number;
  /** Distinct persons with an ACTIVE membership in the commune (within the area): one in two organizations there counts once. */
  people: number;
  /** Those with at least one membership there the linker does not suspect. */
  peopleNotSuspected: number;
  /** Those ACTIVE in two organizations or more there (within the area). */
  peopleInSeveralOrgs: number;
  suspectedPhantoms: number;
}

/**
 * Where a commune's people are counted from, each a row per commune and `who` (`n` persons, `nreal`
 * of them not suspected, `anyreal`, `m` memberships, `ph` suspected, `orgs` the organizations of a
 * person grouped there): the person-level table of a
 * basis (the running period's, or an ended period's), a unit's records as they are now, or a report's `rep`.
 */
export type CommuneSource = { basis: string } | 'records' | 'rep';

/**
 * The person-level table's rows: `who` is the person where her rows of a commune must be grouped
 * (she is in several organizations), else null — each row is then a person of its own there (one
 * organization: one row a person and commune), and `n` counts them without grouping by person,
 * which at a province's million rows is the cost (the many in one organization collapse into a row a commune).
 */
function figureRows(area: ReportingArea, basis: string): { sql: string; params: unknown[] } {
  const where = area.kind === 'org' ? 'f.org = $2' : area.kind === 'commune' ? 'f.commune = $2' : 'true';
  // Within one organization a person has one row a commune: never grouped.
  const several = area.kind === 'org' ? 'false' : 'f.org_count > 1';
  return {
    // (A row a person, organization and commune: her rows grouped there are her organizations there.)
    sql: `SELECT f.commune, CASE WHEN ${several} THEN f.person_id END AS who, count(*) AS n, count(*) FILTER (WHERE f.real) AS nreal,
                 bool_or(f.real) AS anyreal, sum(f.memberships) AS m, sum(f.phantoms) AS ph, count(*) AS orgs
            FROM person_figure f WHERE f.basis = $1 AND ${where} GROUP BY 1, 2`,
    params: [basis, ...(area.kind === 'province' || area.kind === 'unit' ? [] : [area.organization ?? area.commune])],
  };
}

/** A unit's ACTIVE records now (few), a row per person and commune. */
const unitRows = (area: ReportingArea) => ({
  sql: `SELECT coalesce(r.commune_code, '') AS commune, coalesce(p.person_id, r.id) AS who, 1 AS n, 0 AS nreal,
               bool_or(NOT coalesce(p.ao, false)) AS anyreal, count(*) AS m, count(*) FILTER (WHERE coalesce(p.ao, false)) AS ph,
               count(DISTINCT r.organization_code) AS orgs
          FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
         WHERE r.status = 'ACTIVE' AND ${area.condition(1).sql} GROUP BY 1, 2`,
  params: area.condition(1).params,
});

/** A report's memberships ACTIVE at its day (`rep`, memberships-snapshot.ts), a row per person and commune. */
const repRows = {
  sql: `SELECT coalesce(commune, '') AS commune, who, 1 AS n, 0 AS nreal, bool_or(NOT ao) AS anyreal, count(*) AS m,
               count(*) FILTER (WHERE ao) AS ph, count(DISTINCT org) AS orgs
          FROM rep WHERE in_area GROUP BY 1, 2`,
  params: [],
};

/**
 * Whether a scope holds several organizations, so that "in two organizations or more in the commune"
 * says something: an organization's or a unit's people are in one (the column would be 0 everywhere).
 */
export const spansOrganizations = (scope: string): boolean => scope === 'province' || scope.startsWith('commune:');

/** Vietnamese order (Mường Ảng before Mường Chà, Nà before Nậm before Núa); records without a commune last. */
const byCommuneName = (a: CommuneFigures, b: CommuneFigures): number => byVietnameseName(a.name, b.name);

/**
 * Every commune of an area with ACTIVE memberships, each person counted once in a commune however many
 * organizations she is in there (one in two communes counts in each). Sorted by the commune's name in
 * Vietnamese order; records without a commune last.
 */
export async function communePeople(em: EntityManager, area: ReportingArea, source: CommuneSource): Promise<CommuneFigures[]> {
  const x = source === 'rep' ? repRows : source === 'records' ? unitRows(area) : figureRows(area, source.basis);
  const rows = await em.query<CommuneFigures[]>(
    `WITH x AS (${x.sql}),
          y AS (SELECT x.commune, sum(x.m)::int AS memberships, sum(CASE WHEN x.who IS NULL THEN x.n ELSE 1 END)::int AS people,
                       sum(CASE WHEN x.who IS NULL THEN x.nreal WHEN x.anyreal THEN 1 ELSE 0 END)::int AS "peopleNotSuspected",
                       count(*) FILTER (WHERE x.who IS NOT NULL AND x.orgs > 1)::int AS "peopleInSeveralOrgs", sum(x.ph)::int AS "suspectedPhantoms"
                  FROM x GROUP BY x.commune)
     SELECT nullif(y.commune, '') AS code, c.name, y.memberships, y.people, y."peopleNotSuspected", y."peopleInSeveralOrgs", y."suspectedPhantoms"
       FROM y LEFT JOIN commune c ON c.code = nullif(y.commune, '')`,
    x.params,
  );
  return rows.sort(byCommuneName);
}
