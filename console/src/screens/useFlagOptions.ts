import { useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { T } from '../text.ts';
import { FLAG_COUNTS } from './roster-query.ts';

/**
 * The flag codes to filter by, each with its records and, of them, those suspected of being phantoms for
 * that reason — the number the dashboard shows under the same name (summed over units): the roster's and Cảnh báo's filter.
 */
export function useFlagOptions(
  organization: string | undefined,
  pause = false,
  /** Raised after each decision she saves: the counts are read again (a dismissed flag leaves them at once). */
  decisions = 0,
  /** The counts are her whole scope's: with a commune or unit chosen, the labels say none (they would disagree with the list). */
  counted = true,
): { value: string; label: string; suspected: number }[] {
  const [flagCounts, again] = useQuery({ query: FLAG_COUNTS, variables: { organization: organization ?? null }, pause });
  useEffect(() => {
    if (decisions > 0) again({ requestPolicy: 'network-only' });
  }, [decisions, again]);
  return useMemo(() => {
    const byCode = new Map<string, { label: string; records: number; suspected: number }>();
    for (const c of flagCounts.data?.flagCounts ?? []) {
      const seen = byCode.get(c.code);
      byCode.set(c.code, { label: c.label, records: (seen?.records ?? 0) + c.records, suspected: (seen?.suspected ?? 0) + c.suspected });
    }
    return [...byCode].map(([value, c]) => ({
      value,
      label: counted ? T.flags.codeOption(value === 'AO', c.label, c.records, c.suspected) : c.label,
      suspected: c.suspected,
    }));
  }, [flagCounts.data, counted]);
}
