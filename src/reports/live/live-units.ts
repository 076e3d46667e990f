import type { DataSource } from 'typeorm';
import { bringFiguresUpToDate } from '../../linker/batch/person-figures.js';
import { resolveReportingArea, type ReportingArea } from '../../membership/unit/reporting-area.js';
import { ownMembersLabel, unitLabel } from '../../membership/unit/unit-label.js';

/** One unit's live figures with the units under it (the dashboard's table of an organization's or a unit's units). */
export interface LiveUnit {
  code: string;
  name: string;
  /** Its commune's name (null: none). */
  commune: string | null;
  /** True for the unit of the scope itself: its members in none of the units under it. */
  own: boolean;
  /** As a list names it: with its commune where its name does not say it; the own row as "Hội viên trực tiếp của …". */
  label: string;
  memberships: number;
  people: number;
  peopleNotSuspected: number;
  suspectedPhantoms: number;
}

/**
 * The units one level under an area, each with its subtree — an organization's cơ sở (its units that have no parent,
 * or whose parent is its province committee), a unit's units under it — and, for a unit or a province committee, a row
 * of its own for its members in none of them, so the rows add up to the area's số lượt. From the persons by unit (`person_unit`): a person in two chi hội of a unit counts in each, once in
 * each. Units without an ACTIVE membership are left out; none for the province or a commune.
 */
export async function liveUnits(
  db: DataSource,
  areaText: string | null | undefined,
): Promise<{ area: ReportingArea; asOf: Date; units: LiveUnit[] }> {
  const area = await resolveReportingArea(db, areaText);
  if (area.kind !== 'org' && area.kind !== 'unit') return { area, asOf: new Date(), units: [] };
  await bringFiguresUpToDate(db);
  return db.transaction('REPEATABLE READ', async (em) => {
    const [{ asOf }] = await em.query<{ asOf: Date }[]>(`SELECT now() AS "asOf"`);
    const code = area.kind === 'unit' ? area.key.slice(area.key.indexOf('/') + 1) : null;
    const rows = await em.query<Omit<LiveUnit, 'label'>[]>(
      `WITH top AS (SELECT id, path FROM unit WHERE organization_code = $1 AND code = $2),
            -- An organization's: its cơ sở, those under its province committee too (the committee is no cơ sở).
            province AS (SELECT id, code, name, commune_code FROM unit WHERE organization_code = $1 AND kind = 'PROVINCE' AND $2::varchar IS NULL),
            under AS (SELECT u.id, u.code, u.name, u.path, u.commune_code, false AS own FROM unit u
                       WHERE u.organization_code = $1 AND (CASE WHEN $2::varchar IS NULL
                                                                THEN u.kind <> 'PROVINCE' AND (u.parent_id IS NULL OR u.parent_id IN (SELECT id FROM province))
                                                                ELSE u.parent_id = (SELECT id FROM top) END)
                      UNION ALL
                      SELECT t.id, u.code, u.name, NULL, u.commune_code, true FROM top t JOIN unit u ON u.id = t.id
                      UNION ALL
                      SELECT id, code, name, NULL, commune_code, true FROM province),
            persons AS (SELECT k.code, r.person_id, sum(r.memberships) AS memberships, sum(r.phantoms) AS phantoms, bool_or(r.real) AS real
                          FROM under k JOIN unit u ON (k.own AND u.id = k.id) OR (NOT k.own AND starts_with(u.path, k.path))
                          JOIN person_unit r ON r.unit_id = u.id
                         GROUP BY k.code, r.person_id)
       SELECT k.code, k.name, c.name AS commune, k.own, sum(p.memberships)::int AS memberships, count(*)::int AS people,
              (count(*) FILTER (WHERE p.real))::int AS "peopleNotSuspected", sum(p.phantoms)::int AS "suspectedPhantoms"
         FROM persons p JOIN under k ON k.code = p.code LEFT JOIN commune c ON c.code = k.commune_code
        GROUP BY k.code, k.name, c.name, k.own`,
      [area.organization, code],
    );
    // Her way of reading a list: by name in Vietnamese order, the unit's own members last.
    const vi = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
    const units = rows.map((u) => ({ ...u, label: u.own ? ownMembersLabel(u.name) : unitLabel(u.name, u.commune) }));
    return { area, asOf, units: units.sort((a, b) => Number(a.own) - Number(b.own) || vi.compare(a.name, b.name)) };
  });
}
