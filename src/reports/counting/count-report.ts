import type { EntityManager } from 'typeorm';
import type { Period } from '../../common/dates/period.js';
import { LIVE_BASIS, refreshPendingPersonFigures } from '../../linker/batch/person-figures.js';
import { countAwaitingReviewIn } from '../../linker/review/awaiting-review.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import type { ReportData } from '../figures/report-figures.js';
import type { CountedRow } from '../figures/report-views.js';
import { communePeople, type CommuneFigures } from './commune-people.js';
import { countFigures, keepPhantoms, reachedInFigures, servedByFigures } from './figure-counts.js';
import { joinersAndLeavers, type Move } from './joiners-leavers.js';
import { endedPeriodBasis } from './period-statuses.js';
import { reach, reachedFor, registerPopulation, type ReachedIn, type RegisterPopulation } from './reach.js';
import { countRep, reachedInRep, repReasons, type RepCounts } from './rep-counts.js';
import { organizationFigures, reportData, type ReportInputs } from './report-data.js';
import { reportRows } from './report-rows.js';
import { snapshotMemberships, type AsOf } from './memberships-snapshot.js';

/** The last linker run: what the persons stand on. */
async function lastLinkRun(em: EntityManager): Promise<ReportInputs['linkRun']> {
  const [run] = await em.query<{ id: string; finished_at: Date }[]>(
    `SELECT id, finished_at FROM link_run WHERE status = 'DONE' ORDER BY finished_at DESC LIMIT 1`,
  );
  return run ? { id: run.id, finishedAt: run.finished_at.toISOString() } : null;
}

/**
 * What the person-level figures stand on, brought up to date (the persons marked since; an ended
 * period's stored statuses): in its own transaction before the counting, so that a second
 * connection counting beside the report's own sees it. Its basis; none for an area counted from the records.
 */
export async function prepareFigures(em: EntityManager, period: Period, when: AsOf, area: ReportingArea): Promise<string | null> {
  if (!servedByFigures(area)) return null;
  await refreshPendingPersonFigures(em);
  return when.final ? endedPeriodBasis(em, period, when.day) : LIVE_BASIS;
}

/** A second connection and the basis `prepareFigures` committed: what lets a report count on two connections. */
export interface Beside {
  side: EntityManager;
  basis: string;
}

/**
 * Counts a report in PostgreSQL, inside the caller's transaction. Fast (issue 19): from the
 * person-level table (`person_figure`), brought up to date first — the running period's basis, or
 * the ended period's from its stored statuses (period-statuses.ts). A unit's area, which that
 * table's grain does not hold, from the records (`countReportFromRecords`). With `side`, a second
 * connection (after `prepareFigures` committed), the passes that read neither this transaction's
 * writes nor its temporary table run there at the same time: two cores, about half the time. This
 * connection builds the phantom list (its temporary table) and counts the joiners and the records;
 * the other the grouping pass and the register's — at a province's million, about even.
 */
export async function countReport(
  em: EntityManager,
  definitions: OrganizationDefinition[],
  period: Period,
  when: AsOf,
  area: ReportingArea,
  prepared: Beside | null = null,
): Promise<{ data: ReportData; rows: CountedRow[] }> {
  if (!servedByFigures(area)) return countReportFromRecords(em, definitions, period, when, area);
  const basis = prepared?.basis ?? (await prepareFigures(em, period, when, area))!;
  const side = prepared?.side ?? em;
  // The reasons from the phantom list (67,000 rows at a province's million), not a pass over the basis.
  const listed = async () => {
    await keepPhantoms(em, basis, area);
    const reasons = await repReasons(em);
    return { reasons, ...(await joinersAndLeavers(em, period, when.day, area)) };
  };
  const grouped = async () => {
    const rep = await countFigures(side, basis, area);
    const communes = await communePeople(side, area, { basis });
    return { rep, communes, ...(await registerSide(side, definitions, when, area, (c) => reachedInFigures(side, basis, area, c))) };
  };
  const [{ reasons, moves, records }, { rep, register, ...rest }] =
    side === em ? [await listed(), await grouped()] : await Promise.all([listed(), serially(side, grouped)]);
  return assemble(definitions, area, { ...rep, reasons }, { moves, ...rest, inputs: { ...register, records } });
}

/**
 * The second connection's passes without parallel workers: the two connections are two processes
 * already, and each pass's workers would take the CPU the other connection's passes wait on (issue
 * 19, a province's million on two cores: faster in every pair of runs measured).
 */
async function serially<T>(side: EntityManager, passes: () => Promise<T>): Promise<T> {
  await side.query(`SET max_parallel_workers_per_gather = 0`);
  try {
    return await passes();
  } finally {
    await side.query(`RESET max_parallel_workers_per_gather`);
  }
}

/**
 * The same figures from the records (the way reports were counted before issue 19): the memberships
 * ACTIVE at the day and their persons (`rep`), counted by organization and commune.
 */
export async function countReportFromRecords(
  em: EntityManager,
  definitions: OrganizationDefinition[],
  period: Period,
  when: AsOf,
  area: ReportingArea,
): Promise<{ data: ReportData; rows: CountedRow[] }> {
  await snapshotMemberships(em, period, when, area);
  const rep = await countRep(em, area);
  const communes = await communePeople(em, area, 'rep');
  return assemble(definitions, area, rep, {
    ...(await besides(em, definitions, period, when, area, (c) => reachedInRep(em, c))),
    communes,
  });
}

interface Besides {
  moves: Move[];
  population: RegisterPopulation;
  /** The reach's numerator, given the area's counted figures. */
  reachedOf: Awaited<ReturnType<ReachedIn>>;
  inputs: ReportInputs;
  communes: CommuneFigures[];
}

/** The joiners and leavers, the reach's two sides, and what the figures stand on. */
async function besides(
  em: EntityManager,
  definitions: OrganizationDefinition[],
  period: Period,
  when: AsOf,
  area: ReportingArea,
  reachedIn: ReachedIn,
): Promise<Omit<Besides, 'communes'>> {
  const { moves, records } = await joinersAndLeavers(em, period, when.day, area);
  const { register, ...rest } = await registerSide(em, definitions, when, area, reachedIn);
  return { moves, ...rest, inputs: { ...register, records } };
}

/** The reach's two sides, the register and the last linker run. */
async function registerSide(
  em: EntityManager,
  definitions: OrganizationDefinition[],
  when: AsOf,
  area: ReportingArea,
  reachedIn: ReachedIn,
): Promise<Pick<Besides, 'population' | 'reachedOf'> & { register: Omit<ReportInputs, 'records'> }> {
  const { register, population } = await registerPopulation(em, definitions, when.day, area);
  const reachedOf = await reachedFor(definitions, area, population, reachedIn);
  const reviewPending = await countAwaitingReviewIn(em, area.condition(1));
  return { population, reachedOf, register: { register, linkRun: await lastLinkRun(em), reviewPending } };
}

/** The figures and rows, assembled in plain code. */
function assemble(
  definitions: OrganizationDefinition[],
  area: ReportingArea,
  rep: RepCounts,
  { moves, population, reachedOf, inputs, communes }: Besides,
): { data: ReportData; rows: CountedRow[] } {
  const reached = reach(definitions, area, population, reachedOf(rep));
  const organizations = organizationFigures(definitions, area.organization, rep, moves, reached);
  const codes = new Set(organizations.map((o) => o.code));
  return {
    data: { ...reportData(organizations, rep, moves, inputs), peopleByCommune: communes },
    rows: reportRows(codes, rep.byOrgCommune, moves, reached.byCommune),
  };
}
