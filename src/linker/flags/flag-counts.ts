import type { DataSource } from 'typeorm';
import { inScope, type RecordScope } from '../../access/record-scope.js';

/** Flagged ACTIVE records of one unit (or of no unit) by flag code; `AO` counts the suspected phantoms. */
export interface FlagCount {
  organization: string;
  unitCode: string | null;
  code: string;
  records: number;
  /** Of them, those suspected of being phantoms for this reason (the dashboard's "Nghi ảo theo lý do"); for AO, all. */
  suspected: number;
}

/** A province-wide count, with the unit's path so that a scope can be applied to it afterwards. */
export type ProvinceFlagCount = FlagCount & { unitPath: string | null };

/**
 * Every organization's and unit's flag counts in one pass, flags called a false alarm left out (seconds at a province's million
 * records): counted once and shared (linker/figures-memo.ts), then cut to each caller's rights by
 * `flagCountsIn` — the same rows, summed, that counting inside the scope would give.
 */
export function countProvinceFlags(db: DataSource): Promise<ProvinceFlagCount[]> {
  return db.query(
    `SELECT r.organization_code AS organization, u.code AS "unitCode", u.path AS "unitPath", c.code, count(*)::int AS records,
            count(*) FILTER (WHERE c.code = 'AO' OR c.code = ANY(p.ao_reasons))::int AS suspected
       FROM record_person p JOIN member_record r ON r.id = p.record_id LEFT JOIN unit u ON u.id = r.unit_id
       CROSS JOIN LATERAL (SELECT unnest(p.flags) AS code UNION ALL SELECT 'AO' WHERE p.ao) c
      WHERE r.erased_at IS NULL AND r.status = 'ACTIVE' AND (p.ao OR cardinality(p.flags) > 0)
        AND NOT EXISTS (SELECT 1 FROM flag_resolution x WHERE x.record_id = p.record_id AND x.code = c.code AND x.resolution = 'FALSE_ALARM')
      GROUP BY 1, 2, 3, 4`,
  );
}

const byText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/** The counts a caller may see, of one organization if asked, by organization, unit (no unit first) and code (pure). */
export function flagCountsIn(all: ProvinceFlagCount[], scope: RecordScope, organization: string | null): FlagCount[] {
  const org = organization?.toUpperCase() ?? null;
  const summed = new Map<string, FlagCount>();
  for (const c of all) {
    if (org !== null && c.organization !== org) continue;
    if (!inScope(scope, { organizationCode: c.organization, unitPath: c.unitPath })) continue;
    const key = JSON.stringify([c.organization, c.unitCode, c.code]);
    const seen = summed.get(key);
    if (seen) {
      seen.records += c.records;
      seen.suspected += c.suspected;
    } else
      summed.set(key, { organization: c.organization, unitCode: c.unitCode, code: c.code, records: c.records, suspected: c.suspected });
  }
  return [...summed.values()].sort(
    (a, b) => byText(a.organization, b.organization) || byText(a.unitCode, b.unitCode) || byText(a.code, b.code),
  );
}

/** At most this many scopes' cuts are kept for one province count (then they are cut again). */
const CUTS_KEPT = 2_000;
const cuts = new WeakMap<ProvinceFlagCount[], Map<string, FlagCount[]>>();

/**
 * `flagCountsIn`, kept for as long as the province's counts are the same array (the figures memo
 * hands out one array until a commit changes what it counts): a dashboard asking again with the
 * same rights is answered without walking every unit's counts. The result is shared: read it only.
 */
export function sharedFlagCountsIn(all: ProvinceFlagCount[], scope: RecordScope, organization: string | null): readonly FlagCount[] {
  let kept = cuts.get(all);
  if (!kept) cuts.set(all, (kept = new Map<string, FlagCount[]>()));
  const key = JSON.stringify([scope, organization?.toUpperCase() ?? null]);
  let cut = kept.get(key);
  if (!cut) {
    if (kept.size >= CUTS_KEPT) kept.clear();
    kept.set(key, (cut = flagCountsIn(all, scope, organization)));
  }
  return cut;
}
