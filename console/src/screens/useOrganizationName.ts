import { useQuery } from 'urql';
import { ORGANIZATIONS } from './roster-query.ts';

/** An organization's name for its code (the list the roster asks for, cached): a person reads names, not codes. */
export function useOrganizationName(): (code: string) => string {
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  return (code) => orgs.data?.organizations.find((o) => o.code === code)?.name ?? code;
}
