import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { T } from '../../text.ts';
import { waitingChanged } from '../SinceLastVisit.tsx';
import { COUNTS, countsOf, DECIDE, DEFER, pairKey, QUEUE, type Counts, type Pair } from './review-api.ts';

export type Decision = 'CONFIRM' | 'REJECT';
export interface Filters {
  organization?: string;
  commune?: string;
  min: number | null;
  max: number | null;
}
/** What the last saved decision changed in the province's counts, as the API reads them before and after. */
export interface Change {
  decision: Decision;
  before: Counts;
  after: Counts;
}

/**
 * The queue as the screen walks it: a page of pairs fetched ahead (the next pair is on screen at
 * once), a decided pair gone from it at once while its decision is saved in the background, one
 * decision after another (so each before → after is its own), "not sure" moved to the end of the
 * page (nothing decided: her doubt only goes to the audit log), and the page fetched again when few are left.
 */
export function useReviewQueue(filters: Filters) {
  const client = useClient();
  const variables = { organization: filters.organization ?? null, commune: filters.commune ?? null, min: filters.min, max: filters.max };
  const [queue, refetch] = useQuery({ query: QUEUE, variables });
  const [countsQuery, refetchCounts] = useQuery({ query: COUNTS });
  const [pairs, setPairs] = useState<Pair[]>([]);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [change, setChange] = useState<Change | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(0);
  const done = useRef(new Set<string>());
  const skipped = useRef<string[]>([]);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const countsRef = useRef<Counts | null>(null);

  useEffect(() => {
    if (!countsQuery.data) return;
    countsRef.current = countsOf(countsQuery.data.liveFigures);
    setCounts(countsRef.current);
  }, [countsQuery.data]);
  // A page arrives: without the pairs decided meanwhile, those put off at the end in the order put off.
  useEffect(() => {
    if (!queue.data) return;
    const fresh = queue.data.reviewQueue.filter((p) => !done.current.has(pairKey(p)));
    const later = (p: Pair) => skipped.current.indexOf(pairKey(p));
    setPairs([...fresh.filter((p) => later(p) < 0), ...fresh.filter((p) => later(p) >= 0).sort((x, y) => later(x) - later(y))]);
  }, [queue.data]);

  const full = (queue.data?.reviewQueue.length ?? 0) >= 50;
  const decide = useCallback(
    (pair: Pair, decision: Decision, reason: string) => {
      const key = pairKey(pair);
      done.current.add(key);
      setPairs((ps) => ps.filter((p) => pairKey(p) !== key));
      setSaving((n) => n + 1);
      setError(null);
      chain.current = chain.current.then(async () => {
        const r = await client.mutation(DECIDE, { recordA: pair.recordA, recordB: pair.recordB, decision, reason }).toPromise();
        if (r.error) {
          done.current.delete(key);
          setPairs((ps) => [pair, ...ps]);
          setError(`${T.review.failed} ${errorText(r.error, T.error.network)}`);
        } else {
          waitingChanged();
          const after = await client.query(COUNTS, {}, { requestPolicy: 'network-only' }).toPromise();
          if (after.data) {
            const next = countsOf(after.data.liveFigures);
            if (countsRef.current) setChange({ decision, before: countsRef.current, after: next });
            countsRef.current = next;
            setCounts(next);
          }
        }
        setSaving((n) => n - 1);
      });
    },
    [client],
  );
  /** Put off to the end of the page; her doubt, when she wrote one, kept in the audit log (nothing is decided). */
  const skip = useCallback(
    (pair: Pair, reason = '') => {
      const key = pairKey(pair);
      skipped.current = [...skipped.current.filter((k) => k !== key), key];
      // Put off, nothing changed: the counts are "now" again, not "after the decision before it".
      setChange(null);
      setPairs((ps) => [...ps.filter((p) => pairKey(p) !== key), pair]);
      if (!reason) return;
      void client
        .mutation(DEFER, { recordA: pair.recordA, recordB: pair.recordB, reason })
        .toPromise()
        .then((r) => r.error && setError(`${T.review.deferFailed} ${errorText(r.error, T.error.network)}`));
    },
    [client],
  );
  // Few left of a full page: the next page, fetched while she decides (decided pairs stay out of it).
  const low = pairs.length < 10 && full && !queue.fetching && saving === 0;
  useEffect(() => {
    if (low) refetch({ requestPolicy: 'network-only' });
  }, [low, refetch]);

  /** A person split or merged beside the queue: the queue and the counts read again (pairs it settled leave). */
  const refresh = useCallback(() => {
    refetch({ requestPolicy: 'network-only' });
    refetchCounts({ requestPolicy: 'network-only' });
  }, [refetch, refetchCounts]);

  return {
    refresh,
    pair: pairs[0] ?? null,
    waiting: pairs.length,
    more: full,
    loading: queue.fetching && !pairs.length,
    queueError: queue.error,
    counts,
    change,
    error,
    saving: saving > 0,
    decide,
    skip,
  };
}
