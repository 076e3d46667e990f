import type { EntityManager } from 'typeorm';
import { LIVE_BASIS } from '../../linker/batch/person-figures.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import { ORG_COUNT_BUCKETS, splitColumns, splitOf } from '../figures/report-figures.js';
import { personFigures, type PersonFigures, type PersonGroup } from './person-groups.js';
import type { ReachedIn } from './reach.js';
import type { Count, RepCounts } from './rep-counts.js';

/**
 * The fast path (issue 19): what `rep` and `rep_people` say (rep-counts.ts), counted instead from
 * the person-level table `person_figure` of a basis — one grouping pass for the area, each
 * organization and each (organization, commune), then the area's persons (split, overlap) and the
 * reasons. No per-record table is built and no `count(DISTINCT)` is taken: each row says whether it
 * is its person's first, overall and in its organization. A unit's area is not in the table's
 * grain (organization × commune): the caller counts it from the records.
 */

/** The area as a condition on `person_figure f` (`$2`), and which rows are a person's one row for it. */
interface FigureArea {
  where: string;
  params: unknown[];
  /** The row that stands for its person in an organization. */
  orgFirst: string;
  /** One row per person of the area (`orgs`, `here`, `real`: a `PersonGroup`'s). */
  persons: string;
  /** Where a person's rows all share `orgs` and `real`: which of them stands for the person, and `real`. */
  grouped?: { personRow: string; real: string };
}

function figureArea(area: ReportingArea): FigureArea {
  // A province or an organization: which row stands for a person there, and whether they are "real" — stated once.
  const grouped = (where: string, params: unknown[], personRow: string, real: string): FigureArea => ({
    where,
    params,
    orgFirst: 'f.first_in_org',
    persons: `SELECT f.orgs, NULL::varchar[] AS here, ${real} AS real FROM person_figure f WHERE f.basis = $1 AND ${where} AND ${personRow}`,
    grouped: { personRow, real },
  });
  if (area.kind === 'province') return grouped('true', [], 'f.first_in_person', 'f.person_real');
  if (area.kind === 'org') return grouped('f.org = $2', [area.organization], 'f.first_in_org', 'f.org_real');
  if (area.kind === 'commune')
    // One commune: a person has one row per organization there (the organizations they count under
    // in the overlap: `here`), each with all of theirs anywhere (`orgs`, the same in every row).
    return {
      where: 'f.commune = $2',
      params: [area.commune],
      orgFirst: 'true',
      persons: `SELECT f.orgs, array_agg(f.org ORDER BY f.org)::varchar[] AS here, bool_or(f.real) AS real
                  FROM person_figure f WHERE f.basis = $1 AND f.commune = $2 GROUP BY f.person_id, f.orgs`,
    };
  throw new Error(`figures by person: no area of kind ${area.kind}`);
}

/**
 * The area's persons — how many, how many not suspected (a membership of theirs is not), by their
 * number of organizations, and the overlap — from one pass that groups them by their set of organizations.
 */
export async function personsOf(em: EntityManager, basis: string, area: ReportingArea): Promise<PersonFigures> {
  const a = figureArea(area);
  const groups = await em.query<PersonGroup[]>(
    `WITH x AS (${a.persons}) SELECT x.orgs, x.here, x.real, count(*)::int AS n FROM x GROUP BY x.orgs, x.here, x.real`,
    [basis, ...a.params],
  );
  return personFigures(groups);
}

/**
 * The dashboard's memberships and persons in one pass where the area allows (a province, an
 * organization: every row of a person there has the same organizations and the same "real"), else
 * in the two passes `membershipsOf` and `personsOf` make.
 */
export async function membershipsAndPersonsOf(
  em: EntityManager,
  basis: string,
  area: ReportingArea,
): Promise<{ memberships: number; phantoms: number; persons: PersonFigures }> {
  const a = figureArea(area);
  if (!a.grouped) {
    const m = await membershipsOf(em, basis, area);
    return { ...m, persons: await personsOf(em, basis, area) };
  }
  const groups = await em.query<(PersonGroup & { memberships: number; phantoms: number })[]>(
    `SELECT f.orgs, ${a.grouped.real} AS real, count(*) FILTER (WHERE ${a.grouped.personRow})::int AS n,
            sum(f.memberships)::int AS memberships, sum(f.phantoms)::int AS phantoms
       FROM person_figure f WHERE f.basis = $1 AND ${a.where} GROUP BY 1, 2`,
    [basis, ...a.params],
  );
  const sum = (k: 'memberships' | 'phantoms') => groups.reduce((s, g) => s + g[k], 0);
  return { memberships: sum('memberships'), phantoms: sum('phantoms'), persons: personFigures(groups.filter((g) => g.n > 0)) };
}

/** The area's suspected phantoms by organization and reason. */
export function reasonsOf(em: EntityManager, basis: string, area: ReportingArea) {
  const a = figureArea(area);
  return em.query<{ org: string; reason: string; n: number }[]>(
    `SELECT f.org, reason, count(*)::int AS n FROM person_figure f, unnest(f.reasons) reason
      WHERE f.basis = $1 AND f.reasons IS NOT NULL AND ${a.where} GROUP BY 1, 2 ORDER BY 1, 2`,
    [basis, ...a.params],
  );
}

/** The area's ACTIVE memberships and those suspected. */
export async function membershipsOf(em: EntityManager, basis: string, area: ReportingArea) {
  const a = figureArea(area);
  const [x] = await em.query<{ memberships: number; phantoms: number }[]>(
    `SELECT coalesce(sum(f.memberships), 0)::int AS memberships, coalesce(sum(f.phantoms), 0)::int AS phantoms
       FROM person_figure f WHERE f.basis = $1 AND ${a.where}`,
    [basis, ...a.params],
  );
  return x;
}

/** Whether the person-level table serves this area (a unit's does not: see above). */
export const servedByFigures = (area: ReportingArea): boolean => area.kind !== 'unit';

/** An (organization, commune) row of the grouping pass: its counts, its people first in the organization there, the split. */
type CommuneRow = Count & PersonGroup & { byPerson?: boolean; first: number } & Record<SplitKey, number>;
type SplitKey = (typeof ORG_COUNT_BUCKETS)[number]['key'];

/** Each organization's counts, summed over its communes' rows (every one a sum or a count of rows). */
function sumByOrg(rows: CommuneRow[]): (Count & Record<SplitKey, number>)[] {
  const byOrg = new Map<string, Count & Record<SplitKey, number>>();
  for (const r of rows) {
    const o = byOrg.get(r.org) ?? {
      org: r.org,
      commune: null,
      memberships: 0,
      people: 0,
      without_id: 0,
      phantoms: 0,
      real_people: 0,
      reachable: 0,
      ...(Object.fromEntries(ORG_COUNT_BUCKETS.map((k) => [k.key, 0])) as Record<SplitKey, number>),
    };
    o.memberships += r.memberships;
    o.people += r.first;
    o.without_id += r.without_id;
    o.phantoms += r.phantoms;
    o.real_people += r.real_people;
    o.reachable! += r.reachable ?? 0;
    for (const k of ORG_COUNT_BUCKETS) o[k.key] += r[k.key];
    byOrg.set(r.org, o);
  }
  return [...byOrg.values()];
}

/**
 * The area's figures from the basis but the reasons (from the phantom list: `repReasons`), in one
 * grouping pass by (organization, commune) — each organization's and the area's summed from its
 * rows in plain code, not grouping sets of their own (each set costs the pass every aggregate again).
 * A province or an organization (every row of a person there has the same organizations and the
 * same "real") groups its persons by their set of organizations in the same pass, as one more
 * grouping set, and counts each organization's people not suspected there (the reach's,
 * `reachedInFigures`); a commune its persons in a pass of its own (`personsOf`).
 */
export async function countFigures(em: EntityManager, basis: string, area: ReportingArea): Promise<Omit<RepCounts, 'reasons'>> {
  const a = figureArea(area);
  const g = a.grouped;
  const counted = await em.query<CommuneRow[]>(
    `SELECT f.org, nullif(f.commune, '') AS commune, sum(f.memberships)::int AS memberships, count(*)::int AS people,
            count(*) FILTER (WHERE ${a.orgFirst})::int AS first, sum(f.without_id)::int AS without_id, sum(f.phantoms)::int AS phantoms,
            count(*) FILTER (WHERE f.real)::int AS real_people,
            ${g ? `grouping(f.orgs, ${g.real}) = 0 AS "byPerson", f.orgs, ${g.real} AS real, count(*) FILTER (WHERE ${g.personRow})::int AS n,` : ''}
            ${g ? `count(*) FILTER (WHERE ${a.orgFirst} AND f.org_real)::int AS reachable,` : ''}
            ${splitColumns('f.org_count', a.orgFirst)}
       FROM person_figure f WHERE f.basis = $1 AND ${a.where}
      GROUP BY GROUPING SETS ((f.org, f.commune)${g ? `, (f.orgs, ${g.real})` : ''})`,
    [basis, ...a.params],
  );
  const groups = counted.filter((c) => c.byPerson && c.n > 0).map(({ orgs, real, n }) => ({ orgs, real, n }));
  const persons = g ? personFigures(groups) : await personsOf(em, basis, area);
  const byOrgCommune = counted.filter((c) => !c.byPerson);
  const byOrg = sumByOrg(byOrgCommune);
  const sum = (k: 'memberships' | 'phantoms' | 'without_id') => byOrg.reduce((n, o) => n + o[k], 0);
  return {
    total: {
      memberships: sum('memberships'),
      people: persons.people,
      real_people: persons.realPeople,
      phantoms: sum('phantoms'),
      without_id: sum('without_id'),
    },
    byOrg,
    byOrgCommune,
    split: persons.split,
    splitByOrg: new Map(byOrg.map((r) => [r.org, splitOf(r)])),
    overlap: persons.overlap,
  };
}

/**
 * The people of each organization, not suspected, in these communes (the reach's numerator): a
 * person counts once in an organization when one of its memberships there, not suspected, is in a
 * covered commune. A commune's area has one row a person and organization: counted as they come.
 * Wider areas without a `count(DISTINCT)` (seconds at a province's million): each organization's
 * people with a membership not suspected (`reachable`, from `countFigures`' pass), less those whose
 * memberships not suspected all lie outside the covered communes — few: records without a commune,
 * communes the register lacks.
 */
export async function reachedInFigures(em: EntityManager, basis: string, area: ReportingArea, communes: string[]): ReturnType<ReachedIn> {
  const a = figureArea(area);
  const covered = `$${a.params.length + 2}::varchar[]`;
  const params = [basis, ...a.params, communes];
  if (area.kind === 'commune') {
    const reached = await em.query<{ org: string; people: number }[]>(
      `SELECT f.org, count(*) FILTER (WHERE f.real AND f.commune = ANY(${covered}))::int AS people FROM person_figure f
        WHERE f.basis = $1 AND ${a.where} GROUP BY f.org`,
      params,
    );
    return () => reached;
  }
  // The communes not covered, named (the catalogue's others, which a record's commune is one of,
  // and '' for none): the planner then reads their few rows on the (basis, commune) index instead
  // of the whole basis (0.5 s at a province's million).
  const [{ uncovered }] = await em.query<{ uncovered: string[] }[]>(
    `SELECT coalesce(array_agg(c.code), '{}') || '{""}'::varchar[] AS uncovered FROM commune c WHERE c.code <> ALL($1::varchar[])`,
    [communes],
  );
  const lost = await em.query<{ org: string; n: number }[]>(
    `WITH outside AS (SELECT f.org, f.person_id FROM person_figure f
                  WHERE f.basis = $1 AND f.commune = ANY($${a.params.length + 3}::varchar[]) AND ${a.where} AND f.real GROUP BY 1, 2)
     SELECT o.org, count(*)::int AS n FROM outside o
      WHERE NOT EXISTS (SELECT 1 FROM person_figure g
                         WHERE g.basis = $1 AND g.person_id = o.person_id AND g.org = o.org AND g.real AND g.commune = ANY(${covered}))
      GROUP BY 1`,
    [...params, uncovered],
  );
  const lostIn = new Map(lost.map((l) => [l.org, l.n]));
  return (rep) => rep.byOrg.map((c) => ({ org: c.org, people: (c.reachable ?? 0) - (lostIn.get(c.org) ?? 0) }));
}

/**
 * The area's suspected phantoms of the basis as the temporary table `rep` (what the snapshot's
 * `report_phantom` rows are copied from, as on the records' path): from the suspected records only.
 */
export async function keepPhantoms(em: EntityManager, basis: string, area: ReportingArea): Promise<void> {
  const cond = area.condition(2);
  const ended = basis !== LIVE_BASIS;
  await em.query(`DROP TABLE IF EXISTS rep`);
  // An ended period: the suspected records joined to theirs in one hash join (as the running
  // period's are), then each looked up in the stored statuses by key (a small index) — not a pass
  // over the statuses and then 67,000 lookups of a record by its key, which a freshly started
  // cluster reads page by page from disk (at 1M, in a report: 3.3–3.7 s against 2.1–2.5 s).
  await em.query(
    `CREATE TEMP TABLE rep ON COMMIT DROP AS
     WITH suspected AS MATERIALIZED (
       SELECT r.id, r.organization_code AS org, r.commune_code AS commune, p.ao_reasons AS reasons
         FROM record_person p JOIN member_record r ON r.id = p.record_id
        WHERE p.ao AND ${ended ? 'true' : `r.status = 'ACTIVE'`} AND ${cond.sql})
     SELECT x.*, true AS in_area, true AS ao FROM suspected x
      ${ended ? 'JOIN LATERAL (SELECT 1 FROM period_status s WHERE s.period = $1 AND s.record_id = x.id LIMIT 1) s ON true' : `WHERE $1::varchar = ''`}`,
    [basis, ...cond.params],
  );
}
