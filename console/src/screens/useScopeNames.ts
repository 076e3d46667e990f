import { useQuery } from 'urql';
import type { SessionUser } from '../session.ts';
import { ORGANIZATIONS, UNITS } from './roster-query.ts';

/**
 * Whose roster she keeps, as she reads it: her organization's name and, for a secretariat kept to a
 * unit (a commune's Hội, a chi hội), that unit's name — never their codes. Null where she has none
 * (the unit's name until her units are read: her own subtree, the list the roster asks for).
 * `ready` once both lists are answered: a screen drawn before would move under her finger when the
 * names arrive and lengthen the header or the title (a tap on a name would open another, or nothing).
 */
export function useScopeNames(user: SessionUser): { organization: string | null; unit: string | null; ready: boolean } {
  const [orgs] = useQuery({ query: ORGANIZATIONS, pause: !user.organization });
  const [units] = useQuery({ query: UNITS, variables: { organization: user.organization ?? '' }, pause: !user.organization || !user.unit });
  const answered = (q: { data?: unknown; error?: unknown }, asked: boolean) => !asked || q.data !== undefined || q.error !== undefined;
  return {
    organization: user.organization
      ? (orgs.data?.organizations.find((o) => o.code === user.organization)?.name ?? user.organization)
      : null,
    unit: user.unit ? (units.data?.units.find((u) => u.code === user.unit)?.name ?? null) : null,
    ready: answered(orgs, !!user.organization) && answered(units, !!user.organization && !!user.unit),
  };
}
