import type { EntityManager } from 'typeorm';
import type { UnitsService } from '../../membership/unit/units.service.js';
import { readUnitCell } from '../reading/unit-cell.js';
import type { ImportUnits } from './import-units.js';
import type { UncodedRow } from './known-members.js';
import type { PendingRow } from './pending-rows.js';

/** The rows without their own code read into columns, as matching reads them: where each lands in her commune, and in which unit. */
export async function uncodedRows(
  units: ImportUnits,
  em: EntityManager,
  service: UnitsService,
  uncoded: PendingRow[],
  home: string | null,
): Promise<UncodedRow[]> {
  const rows: UncodedRow[] = [];
  for (const p of uncoded) {
    if (!p.prepared?.values) continue;
    const unitId = await unitOfRow(units, em, service, p, p.prepared.communeCode ?? home);
    rows.push({ ...p, prepared: p.prepared, communeIfNone: home, unitId });
  }
  return rows;
}

/**
 * The unit a row without its own code lands in, as far as her file says before the row is planned
 * (looked up only, nothing created): the unit its cell names, else the chi hội its sheet or title
 * names, else her own unit. Matching reads it as where within the commune the member is
 * (known-member-rules.ts `alonePlaced`); null when nothing says one unit.
 */
async function unitOfRow(
  units: ImportUnits,
  em: EntityManager,
  service: UnitsService,
  p: PendingRow,
  communeCode: string | null,
): Promise<string | null> {
  if (p.row.unit) {
    const cell = readUnitCell(p.row.unit, '');
    return cell.value ? ((await units.lookUp(em, service, { value: p.row.unit, codeLike: cell.codeLike }, communeCode))?.id ?? null) : null;
  }
  return ((await units.ofSheet(em, p.source.sheet, p.titleBranch)) ?? (await units.own(em)))?.id ?? null;
}
