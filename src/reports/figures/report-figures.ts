import type { CommuneFigures } from '../counting/commune-people.js';
import { flagLabel } from '../../linker/model/phantom.js';
import { FIGURE_LABELS, PEOPLE_NOT_SUSPECTED, STRUCK } from './figure-wording.js';

/**
 * The figures of a report and how they compare with the previous period's: pure data and pure
 * functions (the SQL that counts them is in counting/).
 */

/**
 * People by how many organizations they belong to (ACTIVE memberships anywhere in the province):
 * 1, 2, 3, 4 or more (`ORG_COUNT_BUCKETS`). A snapshot stored before the 3 / 4+ split has only
 * `threeOrMore`; it stays (= three + fourOrMore) for the API's readers.
 */
export interface OrgCountSplit {
  one: number;
  two: number;
  three?: number;
  fourOrMore?: number;
  threeOrMore: number;
}

/** The buckets of people by their number of organizations: the one definition the counts, the API and the files use. */
export const ORG_COUNT_BUCKETS = [
  {
    key: 'one',
    column: 'Chỉ ở tổ chức này',
    label: 'Số người ở đúng 1 tổ chức',
    holds: (n: string) => `${n} = 1`,
    has: (n: number) => n === 1,
  },
  { key: 'two', column: 'Ở 2 tổ chức', label: 'Số người ở 2 tổ chức', holds: (n: string) => `${n} = 2`, has: (n: number) => n === 2 },
  { key: 'three', column: 'Ở 3 tổ chức', label: 'Số người ở 3 tổ chức', holds: (n: string) => `${n} = 3`, has: (n: number) => n === 3 },
  {
    key: 'fourOrMore',
    column: 'Ở từ 4 tổ chức',
    label: 'Số người ở từ 4 tổ chức',
    holds: (n: string) => `${n} >= 4`,
    has: (n: number) => n >= 4,
  },
] as const;

/** The bucket of a person in `n` organizations (`has`, the same rule as `holds` in SQL). */
export const bucketOf = (n: number) => ORG_COUNT_BUCKETS.find((b) => b.has(n));

/** The buckets as SQL columns: the rows counted where `filter` holds, by the number of organizations `n`. */
export const splitColumns = (n: string, filter = 'true'): string =>
  ORG_COUNT_BUCKETS.map((b) => `count(*) FILTER (WHERE ${filter} AND ${b.holds(n)})::int AS "${b.key}"`).join(', ');

/** A row of `splitColumns` (or nothing) as the split. */
export function splitOf(r: Partial<Record<(typeof ORG_COUNT_BUCKETS)[number]['key'], number>> | undefined): OrgCountSplit {
  const [one, two, three, fourOrMore] = ORG_COUNT_BUCKETS.map((b) => r?.[b.key] ?? 0);
  return { one, two, three, fourOrMore, threeOrMore: three + fourOrMore };
}

/** People in more than one organization. */
export const inSeveral = (s: OrgCountSplit): number => s.two + s.threeOrMore;

/**
 * Tỷ lệ tập hợp: people reached (not suspected of being phantoms) in the communes the register
 * covers, against its eligible population there.
 */
export type Reach =
  { known: true; label: string; eligible: number; reached: number; rate: number | null; communes: number } | { known: false; why: string };

export interface OrganizationFigures {
  code: string;
  name: string;
  /** Số lượt: ACTIVE memberships in the area. */
  memberships: number;
  /** Số người: distinct persons among them (suspected phantoms included). */
  people: number;
  /** Records beyond one per person in the organization (the same person listed twice). */
  duplicateRecords: number;
  withoutIdNumber: number;
  suspectedPhantoms: number;
  phantomsByReason: Record<string, number>;
  /** Admitted during the period (whatever their status at its end). */
  joiners: number;
  /** Memberships that ended during the period. */
  leavers: number;
  /** Phantoms struck off in the period (joiners-leavers.ts `Move.struck`); absent in snapshots made before it was kept. */
  struck?: number;
  /** The organization's people by how many organizations each belongs to. */
  peopleByOrgCount: OrgCountSplit;
  reach: Reach;
}

export interface ReportTotals {
  memberships: number;
  people: number;
  /** Số người không nghi ảo (an estimate); absent in snapshots made before it was kept. */
  peopleNotSuspected?: number;
  peopleInSeveralOrgs: number;
  suspectedPhantoms: number;
  duplicateRecords: number;
  withoutIdNumber: number;
  joiners: number;
  leavers: number;
  /** Phantoms struck off in the period (joiners-leavers.ts `Move.struck`); absent in snapshots made before it was kept. */
  struck?: number;
}

export interface ReportData {
  totals: ReportTotals;
  peopleByOrgCount: OrgCountSplit;
  organizations: OrganizationFigures[];
  /** Persons in both organizations (a ≤ b; a = b is the organization's own people). */
  overlap: { a: string; b: string; people: number }[];
  phantomsByReason: Record<string, number>;
  /** What the population register covered, and the linker run the persons come from. */
  register: { communes: number; residents: number };
  linkRun: { id: string; finishedAt: string } | null;
  /** Member records (not erased) in the area when computed; absent in snapshots made before it was kept. */
  records?: number;
  /**
   * Pairs of the area's members waiting for review when computed (each, confirmed one person, lowers
   * số người by at most one); absent in snapshots made before it was kept.
   */
  reviewPending?: number;
  /** Each commune's people, one in several organizations there once; absent in snapshots made before it was kept. */
  peopleByCommune?: CommuneFigures[];
}

export const TOTAL_KEYS: (keyof ReportTotals)[] = [
  'memberships',
  'people',
  'peopleNotSuspected',
  'peopleInSeveralOrgs',
  'suspectedPhantoms',
  'duplicateRecords',
  'withoutIdNumber',
  'joiners',
  'leavers',
  'struck',
];

/** How a total is derived, where the dashboard says it too (the same words: figure-wording.ts). */
const TOTAL_NOTES: Partial<Record<string, string>> = { peopleNotSuspected: PEOPLE_NOT_SUSPECTED.note, struck: STRUCK.note };

/** A change's note (its key: a total's, or `<org>.<figure>`), null where none is written. */
export const totalNote = (key: string): string | null => TOTAL_NOTES[key] ?? null;

/** Vietnamese labels of the totals, in the order reports show them. */
export const TOTAL_LABELS: Record<keyof ReportTotals, string> = {
  memberships: 'Số lượt (hồ sơ đang sinh hoạt)',
  people: FIGURE_LABELS.people,
  peopleNotSuspected: PEOPLE_NOT_SUSPECTED.label,
  peopleInSeveralOrgs: 'Số người ở từ 2 tổ chức',
  suspectedPhantoms: FIGURE_LABELS.suspectedPhantoms,
  duplicateRecords: 'Hồ sơ ghi thừa trong cùng tổ chức (một người, nhiều hồ sơ)',
  withoutIdNumber: 'Hồ sơ chưa có số định danh',
  joiners: 'Kết nạp trong kỳ',
  leavers: 'Thôi sinh hoạt trong kỳ',
  struck: STRUCK.label,
};

/** A suspected phantom's reason (DECEASED…) in Vietnamese: the flag's own label (one place, linker/model/phantom.ts). */
export const reasonLabel = flagLabel;

export const rate = (reached: number, eligible: number): number | null => (eligible > 0 ? reached / eligible : null);

/** One figure now, before, and the change (null where there is no previous report). */
export interface Change {
  key: string;
  label: string;
  current: number;
  previous: number | null;
  change: number | null;
}

/**
 * What moved since the previous period: the totals, then each organization's số lượt, số người and
 * suspected phantoms, each organization by its abbreviation (CĐ, ĐTN) where one is given.
 */
export function changesSince(current: ReportData, previous: ReportData | null, abbreviations: Record<string, string> = {}): Change[] {
  // A total a snapshot made before it was kept has not: left out now, no comparison before.
  const out: Change[] = TOTAL_KEYS.flatMap((k) => {
    const now = current.totals[k];
    if (now === undefined) return [];
    const before = previous?.totals[k] ?? null;
    return [{ key: k, label: TOTAL_LABELS[k], current: now, previous: before, change: before === null ? null : now - before }];
  });
  for (const o of current.organizations) {
    const p = previous?.organizations.find((x) => x.code === o.code) ?? null;
    for (const [k, label] of [
      ['memberships', 'số lượt'],
      ['people', 'số người'],
      ['suspectedPhantoms', 'nghi ảo'],
    ] as const) {
      const before = previous ? (p ? p[k] : 0) : null;
      out.push({
        key: `${o.code}.${k}`,
        label: `${abbreviations[o.code] ?? o.code}: ${label}`,
        current: o[k],
        previous: before,
        change: before === null ? null : o[k] - before,
      });
    }
  }
  return out;
}

/** Said where there is no rate (no denominator in the register): in words, as an official document writes it. */
export const NO_RATE = 'không tính được';

/** `12,3%`, or "không tính được" with no denominator. */
export const formatRate = (r: number | null): string => (r === null ? NO_RATE : `${(r * 100).toFixed(1).replace('.', ',')}%`);

/** An organization's tỷ lệ tập hợp as shown: the rate, or "không tính được" where the register cannot say. */
export const formatReach = (r: Reach): string => (r.known ? formatRate(r.rate) : NO_RATE);

/** The people in both organizations, in either order (the overlap is stored once, a ≤ b). */
export function overlapPeople(overlap: ReportData['overlap'], a: string, b: string): number {
  const [x, y] = a <= b ? [a, b] : [b, a];
  return overlap.find((m) => m.a === x && m.b === y)?.people ?? 0;
}
