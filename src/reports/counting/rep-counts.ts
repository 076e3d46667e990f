import type { EntityManager } from 'typeorm';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import { splitColumns, splitOf, type OrgCountSplit } from '../figures/report-figures.js';
import { overlapOfPersons, type PersonGroup } from './person-groups.js';
import type { ReachedIn } from './reach.js';

/** The counts of one group of `rep`'s memberships in the area. */
export interface Count {
  org: string;
  commune: string | null;
  memberships: number;
  people: number;
  without_id: number;
  phantoms: number;
  real_people: number;
  /** An organization's people with a membership not suspected (the person-level figures of a province or an organization). */
  reachable?: number;
}

/** What `rep` and `rep_people` say, counted in PostgreSQL (see memberships-snapshot.ts). */
export interface RepCounts {
  total: Pick<Count, 'memberships' | 'people' | 'phantoms' | 'without_id' | 'real_people'>;
  byOrg: Count[];
  byOrgCommune: Count[];
  /** The area's people by how many organizations they are in, and each organization's. */
  split: OrgCountSplit;
  splitByOrg: Map<string, OrgCountSplit>;
  overlap: { a: string; b: string; people: number }[];
  /** Suspected phantoms by organization and reason. */
  reasons: { org: string; reason: string; n: number }[];
}

type SplitRow = Parameters<typeof splitOf>[0];

/** People by how many organizations they are in, over `rep_people p`'s `orgs`. */
const SPLIT_COLUMNS = splitColumns('cardinality(p.orgs)');

export async function countRep(em: EntityManager, area: ReportingArea): Promise<RepCounts> {
  // The area, each organization and each (organization, commune) in one pass.
  const counted = await em.query<(Count & { level: number })[]>(
    `SELECT org, commune, grouping(org, commune) AS level, count(*)::int AS memberships, count(DISTINCT who)::int AS people,
            count(*) FILTER (WHERE no_id)::int AS without_id, count(*) FILTER (WHERE ao)::int AS phantoms,
            count(DISTINCT who) FILTER (WHERE NOT ao)::int AS real_people
       FROM rep WHERE in_area GROUP BY GROUPING SETS ((org, commune), (org), ())`,
  );
  const [all] = await em.query<NonNullable<SplitRow>[]>(`SELECT ${SPLIT_COLUMNS} FROM rep_people p`);
  const byOrg = await em.query<(NonNullable<SplitRow> & { org: string })[]>(
    `SELECT s.org, ${SPLIT_COLUMNS}
       FROM (SELECT DISTINCT org, who FROM rep WHERE in_area) s JOIN rep_people p USING (who) GROUP BY s.org`,
  );
  // The overlap's persons by their organizations (`overlapOfPersons`): a commune's also by those they are ACTIVE in there.
  const persons = await em.query<Pick<PersonGroup, 'orgs' | 'here' | 'n'>[]>(
    area.kind === 'commune'
      ? `SELECT p.orgs, h.here, count(*)::int AS n FROM rep_people p
           JOIN (SELECT who, array_agg(DISTINCT org ORDER BY org)::varchar[] AS here FROM rep WHERE in_area GROUP BY who) h USING (who)
          GROUP BY 1, 2`
      : `SELECT p.orgs, count(*)::int AS n FROM rep_people p GROUP BY 1`,
  );
  const reasons = await repReasons(em);
  return {
    total: counted.find((c) => c.level === 3) ?? { memberships: 0, people: 0, phantoms: 0, without_id: 0, real_people: 0 },
    byOrg: counted.filter((c) => c.level === 1),
    byOrgCommune: counted.filter((c) => c.level === 0),
    split: splitOf(all),
    splitByOrg: new Map(byOrg.map((r) => [r.org, splitOf(r)])),
    overlap: overlapOfPersons(persons),
    reasons,
  };
}

/** The suspected phantoms of `rep` in the area by organization and reason (a record counts once under each of its reasons). */
export const repReasons = (em: EntityManager) =>
  em.query<RepCounts['reasons']>(
    `SELECT org, reason, count(*)::int AS n FROM rep, unnest(reasons) reason WHERE in_area AND ao GROUP BY org, reason ORDER BY org, reason`,
  );

/** Each organization's people in `rep`, not suspected, in these communes of the area (the reach's numerator). */
export async function reachedInRep(em: EntityManager, communes: string[]): ReturnType<ReachedIn> {
  const reached = await em.query<{ org: string; people: number }[]>(
    `SELECT org, count(DISTINCT who) FILTER (WHERE NOT ao)::int AS people FROM rep WHERE in_area AND commune = ANY($1) GROUP BY org`,
    [communes],
  );
  return () => reached;
}
