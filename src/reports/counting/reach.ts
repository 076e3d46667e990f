import type { EntityManager } from 'typeorm';
import type { EligiblePopulation, OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import { rate, type Reach } from '../figures/report-figures.js';

type Measurable = OrganizationDefinition & { eligiblePopulation: Extract<EligiblePopulation, { known: true }> };

/** Tỷ lệ tập hợp of each organization, and each measured organization's eligible population per covered commune. */
export interface ReachFigures {
  byOrg: Map<string, Reach>;
  byCommune: Map<string, Map<string, number>>;
}

/** Each organization's people, not suspected, in these communes of the area. */
export type ReachedIn = (communes: string[]) => Promise<{ org: string; people: number }[]>;

/** The residents an organization's eligible population counts on the day `$1` (alive is checked by the caller's WHERE). */
function eligibleColumn(d: Measurable): string {
  const e = d.eligiblePopulation;
  const parts = ['x.birth_date IS NOT NULL'];
  if (e.sex) parts.push(`x.sex = '${e.sex}'`);
  if (e.minAge !== undefined) parts.push(`x.birth_date <= $1::date - interval '${Math.trunc(e.minAge)} years'`);
  if (e.maxAge !== undefined) parts.push(`x.birth_date > $1::date - interval '${Math.trunc(e.maxAge) + 1} years'`);
  return `count(*) FILTER (WHERE ${parts.join(' AND ')})::int AS "${d.code}"`;
}

/** The register's residents of each covered commune who fit each measured organization's eligible population on the day. */
export type RegisterPopulation = Record<string, string | number>[];

const measurable = (definitions: OrganizationDefinition[]) => definitions.filter((d): d is Measurable => d.eligiblePopulation.known);

/**
 * The register's side of the reach (reads only the register: it can be counted on a connection of
 * its own, beside the report's other passes). A unit's area, or no organization measured: none.
 */
export async function registerPopulation(
  em: EntityManager,
  definitions: OrganizationDefinition[],
  day: string,
  area: ReportingArea,
): Promise<RegisterPopulation> {
  const known = measurable(definitions);
  if (area.kind === 'unit' || !known.length) return [];
  const params: unknown[] = [day];
  const communeCond = area.commune ? `AND x.commune_code = $${params.push(area.commune)}` : '';
  return em.query<RegisterPopulation>(
    `SELECT x.commune_code AS commune, ${known.map(eligibleColumn).join(', ')}
       FROM resident x JOIN resident_batch b ON b.id = x.batch_id AND b.status = 'DONE'
      WHERE x.commune_code IS NOT NULL AND (x.alive OR x.death_date > $1::date) ${communeCond}
      GROUP BY x.commune_code`,
    params,
  );
}

/**
 * Tỷ lệ tập hợp: for each organization whose eligible population the register knows, the residents
 * of each covered commune who fit it on the day (alive, age, sex: `registerPopulation`), and the
 * organization's people in those communes (`reachedIn`: from `rep`, or from the person-level table).
 * A unit's area has no population of its own: n/a.
 */
export async function reach(
  definitions: OrganizationDefinition[],
  area: ReportingArea,
  counts: RegisterPopulation,
  reachedIn: ReachedIn,
): Promise<ReachFigures> {
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
  const reached = await reachedIn(communes);
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
