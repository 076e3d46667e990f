import type { EntityManager } from 'typeorm';
import type { EligiblePopulation, OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import { rate, type Reach } from '../figures/report-figures.js';
import type { ReportInputs } from './report-data.js';
import type { RepCounts } from './rep-counts.js';

type Measurable = OrganizationDefinition & { eligiblePopulation: Extract<EligiblePopulation, { known: true }> };

/** Tỷ lệ tập hợp of each organization, and each measured organization's eligible population per covered commune. */
export interface ReachFigures {
  byOrg: Map<string, Reach>;
  byCommune: Map<string, Map<string, number>>;
}

/** Each organization's people, not suspected, in these communes of the area — given the area's counted figures, which may carry part of it. */
export type ReachedIn = (communes: string[]) => Promise<(rep: RepCounts) => { org: string; people: number }[]>;

/** The residents alive on the day `$1`. */
const ALIVE = '(x.alive OR x.death_date > $1::date)';

/** The residents an organization's eligible population counts on the day `$1`. */
function eligibleColumn(d: Measurable): string {
  const e = d.eligiblePopulation;
  const parts = [ALIVE, 'x.birth_date IS NOT NULL'];
  if (e.sex) parts.push(`x.sex = '${e.sex}'`);
  if (e.minAge !== undefined) parts.push(`x.birth_date <= $1::date - interval '${Math.trunc(e.minAge)} years'`);
  if (e.maxAge !== undefined) parts.push(`x.birth_date > $1::date - interval '${Math.trunc(e.maxAge) + 1} years'`);
  return `count(*) FILTER (WHERE ${parts.join(' AND ')})::int AS "${d.code}"`;
}

/** The register's residents of each covered commune who fit each measured organization's eligible population on the day. */
export type RegisterPopulation = Record<string, string | number>[];

const measurable = (definitions: OrganizationDefinition[]) => definitions.filter((d): d is Measurable => d.eligiblePopulation.known);

/**
 * What the register holds (its communes and residents, the dead too), and the reach's side of it:
 * the residents of each covered commune of the area (one with a resident alive on the day) who fit
 * each measured organization's eligible population — a unit's area, or no organization measured:
 * none. One pass over `resident` for both (issue 19); it reads only the register, so it can be
 * counted on a connection of its own, beside the report's other passes.
 */
export async function registerPopulation(
  em: EntityManager,
  definitions: OrganizationDefinition[],
  day: string,
  area: ReportingArea,
): Promise<{ register: ReportInputs['register']; population: RegisterPopulation }> {
  const known = area.kind === 'unit' ? [] : measurable(definitions);
  // The batches taken in, named: the planner then knows the pass reads the whole register (joined to
  // `resident_batch`, a table it has no statistics of, it planned a few thousand rows and sorted 840,000).
  const [{ batches }] = await em.query<{ batches: string[] }[]>(
    `SELECT coalesce(array_agg(id), '{}') AS batches FROM resident_batch WHERE status = 'DONE'`,
  );
  const counted = await em.query<(Record<string, string | number | null> & { commune: string | null; residents: number; alive: number })[]>(
    `SELECT x.commune_code AS commune, count(*)::int AS residents, count(*) FILTER (WHERE ${ALIVE})::int AS alive
            ${known.map((d) => `, ${eligibleColumn(d)}`).join('')}
       FROM resident x WHERE x.batch_id = ANY($2::uuid[])
      GROUP BY x.commune_code`,
    [day, batches],
  );
  const population = known.length
    ? counted
        .filter((c) => c.commune !== null && c.alive > 0 && (!area.commune || c.commune === area.commune))
        .map(
          (c) =>
            Object.fromEntries([['commune', c.commune!], ...known.map((d) => [d.code, c[d.code]!])]) as Record<string, string | number>,
        )
    : [];
  return {
    register: { communes: counted.filter((c) => c.commune !== null).length, residents: counted.reduce((s, c) => s + c.residents, 0) },
    population,
  };
}

/**
 * Tỷ lệ tập hợp: for each organization whose eligible population the register knows, the residents
 * of each covered commune who fit it on the day (alive, age, sex: `registerPopulation`), and the
 * organization's people in those communes (`reachedFor`: from `rep`, or from the person-level table),
 * assembled (pure). A unit's area has no population of its own: n/a.
 */
export function reach(
  definitions: OrganizationDefinition[],
  area: ReportingArea,
  counts: RegisterPopulation,
  reached: { org: string; people: number }[],
): ReachFigures {
  const byOrg = new Map<string, Reach>();
  const byCommune = new Map<string, Map<string, number>>();
  const known = measurable(definitions);
  for (const d of definitions) if (!d.eligiblePopulation.known) byOrg.set(d.code, { known: false, why: d.eligiblePopulation.why });
  if (area.kind === 'unit') {
    for (const d of known) byOrg.set(d.code, { known: false, why: 'phạm vi một đơn vị không ứng với dân số của xã nào' });
    return { byOrg, byCommune };
  }
  if (!known.length) return { byOrg, byCommune };
  const communes = counts.map((c) => c.commune as string);
  for (const d of known) {
    if (area.organization && area.organization !== d.code) continue;
    const perCommune = new Map(counts.map((c) => [c.commune as string, Number(c[d.code])]));
    byCommune.set(d.code, perCommune);
    const eligible = [...perCommune.values()].reduce((s, n) => s + n, 0);
    const people = reached.find((r) => r.org === d.code)?.people ?? 0;
    byOrg.set(
      d.code,
      communes.length
        ? {
            known: true,
            label: d.eligiblePopulation.label,
            eligible,
            reached: people,
            rate: rate(people, eligible),
            communes: communes.length,
          }
        : { known: false, why: area.commune ? 'CSDL dân cư chưa có xã này' : 'chưa nhập CSDL dân cư' },
    );
  }
  return { byOrg, byCommune };
}

/** The reach's numerator in the area's covered communes (`reachedIn`), where the reach is measured. */
export async function reachedFor(
  definitions: OrganizationDefinition[],
  area: ReportingArea,
  counts: RegisterPopulation,
  reachedIn: ReachedIn,
): ReturnType<ReachedIn> {
  if (area.kind === 'unit' || !measurable(definitions).length) return () => [];
  return reachedIn(counts.map((c) => c.commune as string));
}
