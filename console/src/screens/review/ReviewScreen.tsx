import { Alert, Button, Card, Descriptions, Empty, Input, Select, Space, Spin, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { CLEARABLE } from '../../icons.tsx';
import type { Session } from '../../session.ts';
import { T } from '../../text.ts';
import { CommunePicker } from '../CommunePicker.tsx';
import { ORGANIZATIONS } from '../roster-query.ts';
import { FieldEvidence, PairSides } from './PairView.tsx';
import { useOrganizationName } from '../useOrganizationName.ts';
import { PersonDrawer } from './PersonDrawer.tsx';
import { BANDS, type Pair } from './review-api.ts';
import { useReviewQueue, type Decision } from './useReviewQueue.ts';

/** A choice on the pair: a decision, or "not sure" (put off to the end of the queue, her doubt in the audit log). */
type Choice = Decision | 'UNSURE';
const WORDS: Record<Choice, string> = { CONFIRM: T.review.confirm, REJECT: T.review.reject, UNSURE: T.review.unsure };

/** Typing in a field: the shortcuts are letters she may be typing. */
const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** The Ban Dân vận's review of pairs the linker could not decide: one pair at a time, decided by keyboard or buttons. */
export function ReviewScreen(_: { session: Session }) {
  const [organization, setOrganization] = useState<string | undefined>();
  const [commune, setCommune] = useState<string | undefined>();
  const [band, setBand] = useState<string | undefined>();
  const q = useReviewQueue({ organization, commune, min: band ? BANDS[band].min : null, max: band ? BANDS[band].max : null });
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState<Choice | null>(null);
  const [saved, setSaved] = useState<Choice | null>(null);
  const [noReason, setNoReason] = useState(false);
  const [person, setPerson] = useState<string | null>(null);
  const reasonBox = useRef<InputRef>(null);
  // After a decision: the counts it changed and the next pair's names in view, not the reason box she left.
  const top = useRef<HTMLDivElement>(null);
  const pair = q.pair;

  // Every choice is made the same way — a key or a button picks it and puts her in the reason box,
  // Enter (or the button) carries it out — so the letters she types next are never taken as keys on
  // the next pair. A decision needs a reason; "not sure" takes one if she has it (N then Enter: put off).
  const act = (d: Choice) => {
    if (!pair) return;
    const ready = d === 'UNSURE' ? pending === 'UNSURE' : !!reason.trim();
    if (!ready) {
      // Enter again without a reason: said, not a silent greyed button.
      setNoReason(pending === d);
      setPending(d);
      reasonBox.current?.focus();
      return;
    }
    setNoReason(false);
    if (d === 'UNSURE') q.skip(pair, reason.trim());
    else q.decide(pair, d, reason.trim());
    setSaved(d);
    setPending(null);
    setReason('');
    reasonBox.current?.blur();
    top.current?.scrollIntoView({ block: 'start' });
  };
  const actRef = useRef(act);
  actRef.current = act;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || person) return;
      const d = ({ c: 'CONFIRM', r: 'REJECT', n: 'UNSURE' } as const)[e.key.toLowerCase()];
      if (!d) return;
      e.preventDefault();
      actRef.current(d);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [person]);

  return (
    <section aria-labelledby="review-title">
      <Typography.Title level={1} id="review-title" style={{ fontSize: 22 }}>
        {T.review.title}
      </Typography.Title>
      <Typography.Paragraph>{T.review.intro}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          aria-label={T.review.organization}
          style={{ minWidth: 200 }}
          allowClear={CLEARABLE}
          placeholder={T.review.anyOrganization}
          value={organization}
          onChange={setOrganization}
          options={(orgs.data?.organizations ?? []).map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
        />
        <CommunePicker label={T.review.commune} placeholder={T.review.anyCommune} value={commune} onChange={setCommune} />
        <Select
          aria-label={T.review.band}
          style={{ minWidth: 200 }}
          allowClear={CLEARABLE}
          placeholder={T.review.anyBand}
          value={band}
          onChange={setBand}
          options={Object.keys(BANDS).map((k) => ({ value: k, label: T.review.bands[k] }))}
        />
        <Typography.Text aria-live="polite">{q.loading ? '' : T.review.waiting(q.waiting, q.more)}</Typography.Text>
      </Space>
      <div ref={top} style={{ scrollMarginTop: 8 }}>
        <Counts q={q} />
      </div>
      {q.queueError && (
        <Alert type="error" showIcon role="alert" title={T.error.generic} description={errorText(q.queueError, T.error.network)} />
      )}
      {q.error && <Alert type="error" showIcon role="alert" title={q.error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary" id="review-keys">
        {T.review.keys}
      </Typography.Paragraph>
      {q.loading ? (
        <Spin />
      ) : !pair ? (
        <Empty description={T.review.none} />
      ) : (
        <Card aria-label={T.review.pairOf(1, q.waiting)}>
          <PairHead pair={pair} onOpen={setPerson} />
          <PairSides pair={pair} />
          <div style={{ marginTop: 16 }}>
            <FieldEvidence pair={pair} />
          </div>
          <div style={{ marginTop: 16 }}>
            <Input
              ref={reasonBox}
              aria-label={T.review.reason}
              aria-describedby="review-keys"
              placeholder={T.review.reasonHint}
              value={reason}
              maxLength={500}
              onChange={(e) => {
                setReason(e.target.value);
                setNoReason(false);
              }}
              status={noReason ? 'error' : undefined}
              onPressEnter={() => pending && act(pending)}
              onKeyDown={(e) => e.key === 'Escape' && reasonBox.current?.blur()}
            />
            <Typography.Paragraph aria-live="polite" style={{ marginTop: 4 }}>
              {noReason ? (
                <Typography.Text type="danger">{T.review.reasonMissing}</Typography.Text>
              ) : pending === 'UNSURE' ? (
                T.review.pendingUnsure
              ) : pending ? (
                T.review.pending(WORDS[pending])
              ) : saved ? (
                T.review.decided[saved]
              ) : (
                ''
              )}
            </Typography.Paragraph>
            <Space wrap>
              {/* The decision she chose (by key or click) is the filled, pressed button; none is before she chooses. */}
              <Button
                type={pending === 'CONFIRM' ? 'primary' : 'default'}
                aria-pressed={pending === 'CONFIRM'}
                onClick={() => act('CONFIRM')}
              >
                {T.review.confirm} (C)
              </Button>
              {/* Red only once chosen: a red outline before reads as already chosen. */}
              <Button
                danger={pending === 'REJECT'}
                type={pending === 'REJECT' ? 'primary' : 'default'}
                aria-pressed={pending === 'REJECT'}
                onClick={() => act('REJECT')}
              >
                {T.review.reject} (R)
              </Button>
              <Button type={pending === 'UNSURE' ? 'primary' : 'default'} aria-pressed={pending === 'UNSURE'} onClick={() => act('UNSURE')}>
                {T.review.unsure} (N)
              </Button>
              {/* On a phone Enter is hard to find: the chosen decision is saved by a button too. */}
              {pending && (
                <Button type="primary" disabled={pending !== 'UNSURE' && !reason.trim()} onClick={() => act(pending)}>
                  {pending === 'UNSURE' ? T.review.putOff : T.review.save}
                </Button>
              )}
            </Space>
          </div>
        </Card>
      )}
      <PersonDrawer recordId={person} onClose={() => setPerson(null)} onChanged={q.refresh} />
    </section>
  );
}

/** The calibrated probability in words, the explanation, and a way to each side's person. */
function PairHead({ pair, onOpen }: { pair: Pair; onOpen: (recordId: string) => void }) {
  return (
    <>
      <Typography.Paragraph>
        <strong>{T.review.probability}:</strong> {pair.probabilityText}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{pair.explanation}</Typography.Paragraph>
      <JoinWarning pair={pair} />
      <Space wrap style={{ marginBottom: 12 }}>
        {pair.a.recordId && <Button onClick={() => onOpen(pair.a.recordId!)}>{T.review.openPerson(T.review.sideA)}</Button>}
        {pair.b.recordId && <Button onClick={() => onOpen(pair.b.recordId!)}>{T.review.openPerson(T.review.sideB)}</Button>}
      </Space>
    </>
  );
}

/**
 * "Cùng một người" joins the two persons whole: said before she decides when either has other records,
 * and where the one person would then be listed twice in one organization (each record a "Trùng trong tổ chức").
 */
function JoinWarning({ pair }: { pair: Pair }) {
  const orgName = useOrganizationName();
  const { recordsA, recordsB, listedTwiceIn } = pair.joined;
  if (recordsA <= 1 && recordsB <= 1 && !listedTwiceIn.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="note"
      style={{ marginBottom: 12 }}
      title={T.review.joins(recordsA, recordsB)}
      description={listedTwiceIn.length ? T.review.listedTwice(listedTwiceIn.map(orgName).join(', ')) : undefined}
    />
  );
}

/** The province's counts now, and what the last decision changed in them (read from the API before and after). */
function Counts({ q }: { q: ReturnType<typeof useReviewQueue> }) {
  if (!q.counts) return null;
  const c = q.change;
  // A decision that leaves Số người as it was: the two records were already counted that way (linked
  // when the record came in, or kept apart) — said, or "cùng một người, không đổi" reads as a fault.
  const already = c && c.before.persons === c.after.persons ? T.review.alreadyCounted[c.decision] : null;
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        title={c ? `${T.review.counts} (${WORDS[c.decision]})` : T.review.countsNow}
        style={{ marginBottom: 12 }}
        items={(['persons', 'several'] as const).map((key) => ({
          key,
          label: T.review[key],
          children: (
            <span data-count={key}>{c ? T.review.change(c.before[key], c.after[key]) : q.counts![key].toLocaleString('vi-VN')}</span>
          ),
        }))}
      />
      {already && (
        <Typography.Paragraph type="secondary" data-testid="already-counted" style={{ marginTop: -4 }}>
          {already}
        </Typography.Paragraph>
      )}
    </>
  );
}
