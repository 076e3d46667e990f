import type { CountedRow } from '../figures/report-views.js';
import type { Move } from './joiners-leavers.js';
import type { Count } from './rep-counts.js';

/**
 * The (organization, commune) rows of the reported organizations: every pair with members or
 * movements, and every covered commune of an organization the register can measure (pure).
 */
export function reportRows(
  organizations: Set<string>,
  counts: Count[],
  moves: Move[],
  eligibleByCommune: Map<string, Map<string, number>>,
): CountedRow[] {
  const key = (org: string, commune: string | null) => `${org}|${commune ?? ''}`;
  const rows = new Map<string, CountedRow>();
  const row = (org: string, commune: string | null) => {
    let r = rows.get(key(org, commune));
    if (!r) {
      const eligible = commune === null ? null : (eligibleByCommune.get(org)?.get(commune) ?? null);
      r = {
        organizationCode: org,
        communeCode: commune,
        memberships: 0,
        people: 0,
        duplicateRecords: 0,
        withoutIdNumber: 0,
        suspectedPhantoms: 0,
        joiners: 0,
        leavers: 0,
        struck: 0,
        eligible,
        reached: eligible === null ? null : 0,
      };
      rows.set(key(org, commune), r);
    }
    return r;
  };
  for (const c of counts) {
    if (!organizations.has(c.org)) continue;
    const r = Object.assign(row(c.org, c.commune), {
      memberships: c.memberships,
      people: c.people,
      duplicateRecords: c.memberships - c.people,
      withoutIdNumber: c.without_id,
      suspectedPhantoms: c.phantoms,
    });
    if (r.eligible !== null) r.reached = c.real_people;
  }
  for (const m of moves)
    if (organizations.has(m.org)) Object.assign(row(m.org, m.commune), { joiners: m.joiners, leavers: m.leavers, struck: m.struck });
  for (const [org, perCommune] of eligibleByCommune) for (const commune of perCommune.keys()) row(org, commune);
  return [...rows.values()];
}
