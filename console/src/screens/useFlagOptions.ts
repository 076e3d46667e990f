import { useMemo } from 'react';
import { useQuery } from 'urql';
import { FLAG_COUNTS } from './roster-query.ts';

/** The flag codes to filter by, as "label (records)" (summed over units): the roster's and Cảnh báo's filter. */
export function useFlagOptions(organization: string | undefined, pause = false): { value: string; label: string }[] {
  const [flagCounts] = useQuery({ query: FLAG_COUNTS, variables: { organization: organization ?? null }, pause });
  return useMemo(() => {
    const byCode = new Map<string, { label: string; records: number }>();
    for (const c of flagCounts.data?.flagCounts ?? [])
      byCode.set(c.code, { label: c.label, records: (byCode.get(c.code)?.records ?? 0) + c.records });
    return [...byCode].map(([value, c]) => ({ value, label: `${c.label} (${c.records.toLocaleString('vi-VN')})` }));
  }, [flagCounts.data]);
}
