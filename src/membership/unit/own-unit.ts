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
 * A new member whose form names no commune lives where her chi hội is (a branch is in its base
 * unit's commune), as her imported rows do (roster-io's `knownCommune`): the columns to add.
 */
export function unitCommune(
  columns: { communeCode?: string | null; communeCandidates?: string[] | null } | null | undefined,
  unit: Unit | null,
): { communeCode: string; communeEnteredCode: null; communeCandidates: string[] } | Record<string, never> {
  if (columns?.communeCode || columns?.communeCandidates?.length || !unit?.communeCode) return {};
  return { communeCode: unit.communeCode, communeEnteredCode: null, communeCandidates: [] };
}
