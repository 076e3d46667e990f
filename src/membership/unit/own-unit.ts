import type { EntityManager } from 'typeorm';
import { unitPathLimit, type RecordScope } from '../../access/record-scope.js';
import { Unit } from './unit.entity.js';

/**
 * Where a new member without a unit lands for a secretariat kept to one unit (a commune's office):
 * her own unit, the top of her subtree — whether she adds the member by hand or imports a roster
 * that names no chi hội. Null for the whole organization's office (the member has no unit).
 */
export async function ownUnit(em: EntityManager, organization: string, scope: RecordScope): Promise<Unit | null> {
  const path = unitPathLimit(scope);
  return path ? em.getRepository(Unit).findOneBy({ organizationCode: organization, path }) : null;
}

/**
 * A new member whose columns name no commune lives in `home` (her chi hội's commune — a branch is in
 * its base unit's — or her secretariat's): the columns to add, none when she names one. The form's
 * rule and the import's (roster-io's `settleRowCommune`).
 */
export function communeWhenNone(
  columns: { communeCode?: unknown; communeCandidates?: unknown } | null | undefined,
  home: string | null | undefined,
): { communeCode: string; communeEnteredCode: null; communeCandidates: string[] } | Record<string, never> {
  if (columns?.communeCode || (columns?.communeCandidates as unknown[] | undefined)?.length || !home) return {};
  return { communeCode: home, communeEnteredCode: null, communeCandidates: [] };
}
