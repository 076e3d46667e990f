import { rate, type Reach, type ReportData } from './report-figures.js';
import type { CountedRow } from './report-views.js';

/**
 * A commune's figures of a period, read from a stored report of a wider area (the province's): its
 * rows of that commune (organization × commune) and its people counted once (`peopleByCommune`). A
 * commune's dashboard shows joiners, leavers and the reach of the periods before without a report of
 * its own (pure).
 */

export interface CommuneReach {
  known: boolean;
  label: string | null;
  eligible: number | null;
  reached: number | null;
  rate: number | null;
  why: string | null;
}

export interface CommuneOrganization {
  code: string;
  name: string;
  memberships: number;
  joiners: number;
  leavers: number;
  /** Phantoms struck off in the period (joiners-leavers.ts `Move.struck`); null in a report stored before it was kept. */
  struck: number | null;
  reach: CommuneReach;
}

export interface CommuneTotals {
  memberships: number;
  /** Null in a report stored before each commune's people were kept. */
  people: number | null;
  peopleNotSuspected: number | null;
  /** Người ở từ 2 tổ chức trong xã (null as `people`). */
  peopleInSeveralOrgs: number | null;
  suspectedPhantoms: number;
  joiners: number;
  leavers: number;
  /** Phantoms struck off in the period (joiners-leavers.ts `Move.struck`); null in a report stored before it was kept. */
  struck: number | null;
}

/** A reach as the API and the dashboard give it: every field present, null where not known. */
export const reachView = (r: Reach): CommuneReach =>
  r.known
    ? { known: true, label: r.label, eligible: r.eligible, reached: r.reached, rate: r.rate, why: null }
    : { known: false, label: null, eligible: null, reached: null, rate: null, why: r.why };

/** Why the reach of an organization the register measures is not known in one commune. */
export const NOT_COVERED_HERE = 'CSDL dân cư chưa có số liệu của xã này';

type Row = Pick<
  CountedRow,
  'organizationCode' | 'memberships' | 'suspectedPhantoms' | 'joiners' | 'leavers' | 'struck' | 'eligible' | 'reached'
>;

/** The commune's part of a report: `rows` are that report's rows of the commune. */
export function communeOfReport(
  data: ReportData,
  commune: string,
  rows: Row[],
): { totals: CommuneTotals; organizations: CommuneOrganization[] } {
  const sum = (k: 'memberships' | 'suspectedPhantoms' | 'joiners' | 'leavers' | 'struck') => rows.reduce((s, r) => s + (r[k] ?? 0), 0);
  // A report counted before the phantoms struck off were kept apart: not known (its rows' are null).
  const kept = data.totals.struck !== undefined;
  const people = data.peopleByCommune?.find((c) => c.code === commune);
  const totals: CommuneTotals = {
    memberships: sum('memberships'),
    people: people?.people ?? (data.peopleByCommune ? 0 : null),
    peopleNotSuspected: people?.peopleNotSuspected ?? (data.peopleByCommune ? 0 : null),
    peopleInSeveralOrgs: people?.peopleInSeveralOrgs ?? (data.peopleByCommune ? 0 : null),
    suspectedPhantoms: sum('suspectedPhantoms'),
    joiners: sum('joiners'),
    leavers: sum('leavers'),
    struck: kept ? sum('struck') : null,
  };
  const organizations = data.organizations.map((o): CommuneOrganization => {
    const row = rows.find((r) => r.organizationCode === o.code);
    const reach = !o.reach.known
      ? reachView(o.reach)
      : row?.eligible == null
        ? reachView({ known: false, why: NOT_COVERED_HERE })
        : {
            known: true,
            label: o.reach.label,
            eligible: row.eligible,
            reached: row.reached ?? 0,
            rate: rate(row.reached ?? 0, row.eligible),
            why: null,
          };
    return {
      code: o.code,
      name: o.name,
      memberships: row?.memberships ?? 0,
      joiners: row?.joiners ?? 0,
      leavers: row?.leavers ?? 0,
      struck: kept ? (row?.struck ?? 0) : null,
      reach,
    };
  });
  return { totals, organizations };
}
