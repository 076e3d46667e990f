import type { EntityManager } from 'typeorm';
import type { ImportContext } from './import-context.js';
import { matchKnownMembers, type UncodedRow } from './known-members.js';
import type { PendingRow } from './pending-rows.js';
import type { PreparedRow } from './prepare-row.js';
import type { RosterRow } from './roster-row.js';
import { rowDigest } from './sheet-reader.js';

/**
 * The rows whose codes the reader made and the organization does not have yet (the same file
 * imported again is keyed on the codes it gave), matched to the members it knows
 * (known-members.ts): a row of a known member takes the record's code (and updates it), a doubtful
 * one is held. `prepare` reads a row into record columns as a new record (when not done already).
 */
export async function matchUncodedRows(
  em: EntityManager,
  batch: PendingRow[],
  ctx: ImportContext,
  prepare: (row: RosterRow) => PreparedRow,
): Promise<void> {
  const assigned = batch.filter((p) => p.codeAssigned);
  if (!assigned.length) return;
  const known = new Set(
    (
      await em.query<{ external_id: string }[]>(
        `SELECT external_id FROM member_record WHERE organization_code = $1 AND external_id = ANY($2)`,
        [ctx.def.code, assigned.map((p) => p.row.externalId)],
      )
    ).map((r) => r.external_id),
  );
  const uncoded = assigned.filter((p) => !known.has(p.row.externalId) && (p.prepared ??= prepare(p.row)).values);
  const matches = await matchKnownMembers(em, ctx.def.code, uncoded as UncodedRow[]);
  for (const p of uncoded) {
    const m = matches.get(p.ordinal);
    if (m?.kind === 'HOLD') p.held = m.reason;
    if (m?.kind !== 'RECORD') continue;
    const her = p.her;
    p.row.externalId = m.externalId;
    p.digest = rowDigest(p.row);
    p.her = () => ({ ...her(), code: m.externalId });
  }
}
