import type { DataSource, EntityManager } from 'typeorm';
import { bringFiguresUpToDate, LIVE_BASIS } from '../../linker/batch/person-figures.js';
import { resolveReportingArea, type ReportingArea } from '../../membership/unit/reporting-area.js';
import { membershipsAndPersonsOf, reasonsOf, servedByFigures } from '../counting/figure-counts.js';
import { splitColumns, splitOf, type OrgCountSplit } from '../figures/report-figures.js';

/**
 * The running period's dashboard figures of an area (issue 19, the console's dashboard of issue
 * 21): read at once from the person-level table (a few small grouping passes), stamped with the
 * moment they are as of. Nothing is stored: the running period's snapshot is what `runReport` keeps.
 */
export interface LiveFigures {
  area: ReportingArea;
  /** Số liệu đến: the moment the person-level rows were brought up to date and read. */
  asOf: Date;
  /** When the last link run ended (persons and suspicions are its; null: none yet). */
  linkedAt: Date | null;
  /** Số lượt: ACTIVE memberships. */
  memberships: number;
  /** Số người (sau liên kết): distinct persons among them. */
  people: number;
  /** An estimate: the persons with at least one membership not suspected of being made up. */
  peopleNotSuspected: number;
  /** ACTIVE memberships suspected of being made up. */
  suspectedPhantoms: number;
  /** Records a secretariat confirmed made up (their memberships ended on it): beside the estimate. */
  confirmedPhantoms: number;
  peopleByOrgCount: OrgCountSplit;
  /** Suspected memberships by reason (a membership may have several). */
  phantomsByReason: Record<string, number>;
}

export async function liveFigures(db: DataSource, areaText: string | null | undefined): Promise<LiveFigures> {
  const area = await resolveReportingArea(db, areaText);
  await bringFiguresUpToDate(db);
  return db.transaction('REPEATABLE READ', async (em) => {
    const [{ asOf, linkedAt }] = await em.query<{ asOf: Date; linkedAt: Date | null }[]>(
      `SELECT now() AS "asOf", (SELECT max(finished_at) FROM link_run WHERE status = 'DONE') AS "linkedAt"`,
    );
    const counted = servedByFigures(area) ? await fromFigures(em, area) : await ofUnit(em, area);
    const cond = area.condition(1);
    const [{ n }] = await em.query<{ n: number }[]>(
      `SELECT count(DISTINCT x.record_id)::int AS n FROM flag_resolution x JOIN member_record r ON r.id = x.record_id
        WHERE x.resolution = 'CONFIRMED' AND ${cond.sql}`,
      cond.params,
    );
    return { area, asOf, linkedAt, ...counted, confirmedPhantoms: n };
  });
}

type Counted = Omit<LiveFigures, 'area' | 'asOf' | 'linkedAt' | 'confirmedPhantoms'>;

const byReason = (rows: { reason: string; n: number }[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.reason] = (out[r.reason] ?? 0) + r.n;
  return out;
};

async function fromFigures(em: EntityManager, area: ReportingArea): Promise<Counted> {
  const { persons: p, ...m } = await membershipsAndPersonsOf(em, LIVE_BASIS, area);
  return {
    memberships: m.memberships,
    people: p.people,
    peopleNotSuspected: p.realPeople,
    suspectedPhantoms: m.phantoms,
    peopleByOrgCount: p.split,
    phantomsByReason: byReason(await reasonsOf(em, LIVE_BASIS, area)),
  };
}

/**
 * A unit's area and its subtree (not in `person_figure`'s grain): its persons' rows by unit
 * (`person_unit`, kept with it), each with their number of organizations anywhere in the province.
 * The area's condition reads `r.unit_id`.
 */
async function ofUnit(em: EntityManager, area: ReportingArea): Promise<Counted> {
  const cond = area.condition(1);
  const [x] = await em.query<
    ({ memberships: number; phantoms: number; people: number; real_people: number } & NonNullable<Parameters<typeof splitOf>[0]>)[]
  >(
    `WITH persons AS (SELECT r.person_id, sum(r.memberships) AS memberships, sum(r.phantoms) AS phantoms, bool_or(r.real) AS real,
                             max(cardinality(r.orgs)) AS org_count
                        FROM person_unit r WHERE ${cond.sql} GROUP BY r.person_id)
     SELECT coalesce(sum(x.memberships), 0)::int AS memberships, coalesce(sum(x.phantoms), 0)::int AS phantoms,
            count(*)::int AS people, count(*) FILTER (WHERE x.real)::int AS real_people, ${splitColumns('x.org_count')}
       FROM persons x`,
    cond.params,
  );
  const reasons = await em.query<{ reason: string; n: number }[]>(
    `SELECT reason, count(*)::int AS n FROM person_unit r, unnest(r.reasons) reason WHERE r.reasons IS NOT NULL AND ${cond.sql} GROUP BY reason`,
    cond.params,
  );
  return {
    memberships: x.memberships,
    people: x.people,
    peopleNotSuspected: x.real_people,
    suspectedPhantoms: x.phantoms,
    peopleByOrgCount: splitOf(x),
    phantomsByReason: byReason(reasons),
  };
}
