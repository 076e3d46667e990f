import { useQuery } from 'urql';
import type { SessionUser } from '../session.ts';
import { UNITS } from './roster-query.ts';
import { useOrganizationName } from './useOrganizationName.ts';

/**
 * Whose roster she keeps, as she reads it: her organization's name and, for a secretariat kept to a
 * unit (a commune's Hội, a chi hội), that unit's name — never their codes. Null where she has none
 * (the unit's name until her units are read: her own subtree, the list the roster asks for).
 */
export function useScopeNames(user: SessionUser): { organization: string | null; unit: string | null } {
  const orgName = useOrganizationName();
  const [units] = useQuery({ query: UNITS, variables: { organization: user.organization ?? '' }, pause: !user.organization || !user.unit });
  return {
    organization: user.organization ? orgName(user.organization) : null,
    unit: user.unit ? (units.data?.units.find((u) => u.code === user.unit)?.name ?? null) : null,
  };
}
