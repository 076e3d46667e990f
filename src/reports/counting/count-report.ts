import type { EntityManager } from 'typeorm';
import type { Period } from '../../common/dates/period.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import type { ReportData } from '../figures/report-figures.js';
import type { CountedRow } from '../figures/report-views.js';
import { joinersAndLeavers } from './joiners-leavers.js';
import { reach } from './reach.js';
import { countRep } from './rep-counts.js';
import { organizationFigures, reportData, type ReportInputs } from './report-data.js';
import { reportRows } from './report-rows.js';
import { snapshotMemberships, type AsOf } from './memberships-snapshot.js';

/** What the register held, the last linker run, and the area's member records: what the figures stand on. */
async function inputsOf(em: EntityManager, area: ReportingArea): Promise<ReportInputs> {
  const [register] = await em.query<{ communes: number; residents: number }[]>(
    `SELECT count(DISTINCT x.commune_code)::int AS communes, count(*)::int AS residents
       FROM resident x JOIN resident_batch b ON b.id = x.batch_id AND b.status = 'DONE'`,
  );
  const [run] = await em.query<{ id: string; finished_at: Date }[]>(
    `SELECT id, finished_at FROM link_run WHERE status = 'DONE' ORDER BY finished_at DESC LIMIT 1`,
  );
  const cond = area.condition(1);
  const [{ records }] = await em.query<{ records: number }[]>(
    `SELECT count(*)::int AS records FROM member_record r WHERE r.erased_at IS NULL AND ${cond.sql}`,
    cond.params,
  );
  return { register, linkRun: run ? { id: run.id, finishedAt: run.finished_at.toISOString() } : null, records };
}

/**
 * Counts a report in PostgreSQL, inside the caller's transaction: the memberships ACTIVE at the day
 * and their persons (`rep`), counted by organization and commune; the joiners and leavers; the
 * reach against the register; then the figures and rows, assembled in plain code.
 */
export async function countReport(
  em: EntityManager,
  definitions: OrganizationDefinition[],
  period: Period,
  when: AsOf,
  area: ReportingArea,
): Promise<{ data: ReportData; rows: CountedRow[] }> {
  await snapshotMemberships(em, period, when, area);
  const rep = await countRep(em);
  const moves = await joinersAndLeavers(em, period, when.day, area);
  const reached = await reach(em, definitions, when.day, area);
  const inputs = await inputsOf(em, area);
  const organizations = organizationFigures(definitions, area.organization, rep, moves, reached);
  const codes = new Set(organizations.map((o) => o.code));
  return {
    data: reportData(organizations, rep, moves, inputs),
    rows: reportRows(codes, rep.byOrgCommune, moves, reached.byCommune),
  };
}
