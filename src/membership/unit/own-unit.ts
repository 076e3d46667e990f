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
