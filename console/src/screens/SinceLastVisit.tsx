import { Alert, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { vnTime } from '../format.ts';
import { graphql } from '../graphql.ts';
import { CloseIcon } from '../icons.tsx';
import { T } from '../text.ts';
import { flagsHref } from './flags-address.ts';
import type { Route } from './routes.tsx';

const SINCE = graphql(`
  query SinceLastVisit {
    sinceLastVisit {
      since
      newSuspects
      pendingReviews
      incomingTransfers
      attentionRequests
      reportsComputed
    }
  }
`);

const CHANGED = 'lienthong:waiting-changed';

/** Something she was waiting on changed (a pair decided): the lines read their counts again. */
export function waitingChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * What changed since her previous log-in, and what waits for her (transfers to accept), each line a
 * link to the screen where she acts on it (if her role has it).
 */
export function SinceLastVisit({ routes }: { routes: Route[] }) {
  const [{ data }, refetch] = useQuery({ query: SINCE });
  const [closed, setClosed] = useState(false);
  // "23 cặp đang chờ" must not stay 23 beside the review's "22 cặp đang chờ" once she has decided one.
  useEffect(() => {
    const again = () => refetch({ requestPolicy: 'network-only' });
    window.addEventListener(CHANGED, again);
    return () => window.removeEventListener(CHANGED, again);
  }, [refetch]);
  const s = data?.sinceLastVisit;
  if (closed || !s) return null;
  // [its screen, how many, what it says, where it leads (its screen when not said)]
  const lines: [string, number, string, string?][] = [
    ['don-vi', s.incomingTransfers ?? 0, T.since.transfers(s.incomingTransfers ?? 0)],
    ['canh-bao', s.attentionRequests ?? 0, T.since.attention(s.attentionRequests ?? 0), flagsHref({ attention: true })],
    ['canh-bao', s.newSuspects, T.since.suspects(s.newSuspects), flagsHref({ since: s.since ?? undefined })],
    ['lien-ket', s.pendingReviews ?? 0, T.since.reviews(s.pendingReviews ?? 0)],
    ['bao-cao', s.reportsComputed, T.since.reports(s.reportsComputed)],
  ];
  const has = (key: string) => routes.some((r) => r.key === key && r.nav);
  // News of a screen she does not have (a report computed, for a secretariat) is no news to her.
  const shown = lines.filter(([key, n]) => n > 0 && (key !== 'bao-cao' || has(key)));
  if (shown.length === 0) return null;
  return (
    <Alert
      // A note for her screen, never on a printed list or report.
      className="no-print"
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={s.since ? T.since.title(vnTime(s.since)) : T.since.waiting}
      description={
        <Space orientation="vertical" size={2}>
          {shown.map(([key, , text, href]) =>
            has(key) ? (
              <a key={text} href={href ?? `#/${key}`}>
                {text}
              </a>
            ) : (
              <span key={text}>{text}</span>
            ),
          )}
        </Space>
      }
      closable={{ 'aria-label': T.since.close, closeIcon: <CloseIcon />, onClose: () => setClosed(true) }}
    />
  );
}
