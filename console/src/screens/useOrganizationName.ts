import { useQuery } from 'urql';
import { ORGANIZATIONS } from './roster-query.ts';

/** An organization's name for its code (the list the roster asks for, cached): a person reads names, not codes. */
/** An organization's dues as its members say them (đoàn phí…), for a record of any organization she reads. */
export function useDuesTerm(): (code: string) => string {
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  return (code) => orgs.data?.organizations.find((o) => o.code === code)?.duesTerm ?? 'hội phí';
}

export function useOrganizationName(): (code: string) => string {
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  return (code) => orgs.data?.organizations.find((o) => o.code === code)?.name ?? code;
}

/** The profile field an organization calls its Ngày vào (Đoàn's Ngày vào Đoàn), for a record of any organization she reads. */
export function useJoinDateField(): (code: string) => string | null {
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  return (code) => orgs.data?.organizations.find((o) => o.code === code)?.joinDateField ?? null;
}
