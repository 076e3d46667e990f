import type { DataSource } from 'typeorm';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import { bringFiguresUpToDate, LIVE_BASIS } from '../batch/person-figures.js';
import { byOrganizationCountOf, overlapOf, type OrgSetGroup } from '../model/org-overlap.js';

/** Persons of an area grouped by the organizations they count under there, with their memberships. */
type Group = OrgSetGroup & { memberships: number };

/**
 * The running period's persons of an area grouped by their organizations there, from the tables
 * the figures are counted from (kept at link time and after each change: person-figures.ts), never
 * from the records — the area's memberships and persons, each person under their organizations as
 * the reports count them (person-groups.ts `overlapOfPersons`): a commune's under those they are
 * ACTIVE in there; the province's, an organization's or a unit's (with its subtree) under all of
 * theirs, so the matrix says where else the area's people are. Counted as the reports count: a
 * record the linker has not seen is its own person, an erased record's membership stays in the figures.
 */
export async function areaGroups(db: DataSource, area: ReportingArea): Promise<Group[]> {
  await bringFiguresUpToDate(db);
  if (area.kind === 'province')
    return db.query<Group[]>(
      `SELECT f.orgs, count(*) FILTER (WHERE f.first_in_person)::int AS n, sum(f.memberships)::int AS memberships
         FROM person_figure f WHERE f.basis = $1 GROUP BY f.orgs`,
      [LIVE_BASIS],
    );
  if (area.kind === 'commune')
    return db.query<Group[]>(
      `SELECT here AS orgs, count(*)::int AS n, sum(memberships)::int AS memberships
         FROM (SELECT array_agg(f.org ORDER BY f.org)::varchar[] AS here, sum(f.memberships) AS memberships
                 FROM person_figure f WHERE f.basis = $1 AND f.commune = $2 GROUP BY f.person_id) x
        GROUP BY here`,
      [LIVE_BASIS, area.commune],
    );
  if (area.kind === 'org')
    return db.query<Group[]>(
      `SELECT f.orgs, count(*) FILTER (WHERE f.first_in_org)::int AS n, sum(f.memberships)::int AS memberships
         FROM person_figure f WHERE f.basis = $1 AND f.org = $2 GROUP BY f.orgs`,
      [LIVE_BASIS, area.organization],
    );
  // A unit and its subtree: its persons' rows by unit (the area's condition reads `r.unit_id`), a person once.
  const { sql, params } = area.condition(1);
  return db.query<Group[]>(
    `SELECT orgs, count(*)::int AS n, sum(memberships)::int AS memberships
       FROM (SELECT r.person_id, r.orgs, sum(r.memberships) AS memberships FROM person_unit r WHERE ${sql} GROUP BY r.person_id, r.orgs) x
      GROUP BY orgs`,
    params,
  );
}

/** Totals, persons by number of organizations and the matrix, from persons grouped by their set of organizations (a group of no person counts only its memberships). */
export function overlapOfGroups(groups: Group[]) {
  const persons = groups.filter((g) => g.n > 0);
  return {
    memberships: groups.reduce((s, g) => s + g.memberships, 0),
    persons: persons.reduce((s, g) => s + g.n, 0),
    byOrganizationCount: byOrganizationCountOf(persons),
    matrix: overlapOf(persons),
  };
}
