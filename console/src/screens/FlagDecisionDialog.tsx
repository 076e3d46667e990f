import { waitingChanged } from './SinceLastVisit.tsx';
import { Alert, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../client.ts';
import { CloseIcon } from '../icons.tsx';
import { partialDate, vnToday } from '../format.ts';
import { graphql, type ResultOf } from '../graphql.ts';
import { T } from '../text.ts';
import { LabeledField } from './LabeledField.tsx';

const RESOLVE = graphql(`
  mutation ResolveFlag($recordId: ID!, $code: String!, $resolution: String!, $note: String!, $outcome: MemberStatus, $date: String) {
    resolveFlag(recordId: $recordId, code: $code, resolution: $resolution, note: $note, outcome: $outcome, date: $date)
  }
`);

/** What a confirmed flag may mean for the organization's member, in the order she thinks of them: the server's rule. */
const OUTCOMES = graphql(`
  query FlagOutcomes($organization: String!) {
    flagOutcomes(organization: $organization)
  }
`);
type Outcome = ResultOf<typeof OUTCOMES>['flagOutcomes'][number];

export interface FlagDecision {
  recordId: string;
  /** Its organization: `Quá tuổi (trưởng thành)` is offered only where members leave by age (Đoàn). */
  organization: string;
  fullName: string;
  code: string;
  label: string;
  /** The flag's reason as the list shows it (the register's death date, the last dues paid…): what she decides on. */
  message: string;
  /** What the evidence says happened (the server's reading: a death, a move away), and the day it dates it. */
  evidenceOutcome: string | null;
  evidenceDate: string | null;
  /** The same to the evidence's precision (`2026-03`): a month alone, no day to end on. */
  evidenceWhen?: string | null;
  resolution: 'CONFIRMED' | 'FALSE_ALARM' | 'ATTENTION';
}

/**
 * A decision on one flag, with a note. Confirming ends the membership: she chooses what the flag
 * means (died, left, aged out, struck off) and from which day — a death dated by the evidence, editable.
 */
export function FlagDecisionDialog({ decision, onClose }: { decision: FlagDecision; onClose: (changed: boolean) => void }) {
  // The server's rule (confirmationDate): what happened is dated by its evidence, anything else from today.
  const evidenced = decision.evidenceDate ? partialDate(decision.evidenceDate) : null;
  const today = partialDate(vnToday());
  // Only a month (or a year) known ("đã mất tháng 3/2026"): no day filled in for her — today's would date it wrong.
  const vague = !evidenced && decision.evidenceWhen ? partialDate(decision.evidenceWhen) : null;
  const dateFor = (o: string | null) =>
    o === decision.evidenceOutcome && evidenced ? evidenced : o === decision.evidenceOutcome && vague ? '' : today;
  const [outcomes] = useQuery({ query: OUTCOMES, variables: { organization: decision.organization } });
  const offered: readonly Outcome[] = outcomes.data?.flagOutcomes ?? [];
  // What the evidence says happened (a death, a move away) is chosen for her, where the server offers it.
  const [chosen, setOutcome] = useState<Outcome | null>(decision.evidenceOutcome as Outcome | null);
  const outcome = chosen !== null && offered.includes(chosen) ? chosen : null;
  const [date, setDate] = useState(dateFor(chosen));
  const [note, setNote] = useState('');
  const [state, resolve] = useMutation(RESOLVE);
  const confirming = decision.resolution === 'CONFIRMED';
  const choose = (o: Outcome) => {
    setOutcome(o);
    setDate(dateFor(o));
  };
  const ready = note.trim().length >= 5 && (!confirming || (outcome !== null && date.trim() !== ''));
  const save = async () => {
    const r = await resolve({
      recordId: decision.recordId,
      code: decision.code,
      resolution: decision.resolution,
      note: note.trim(),
      outcome: confirming ? outcome : null,
      date: confirming ? date.trim() : null,
    });
    if (r.error) return;
    // "n hồ sơ Ban Dân vận đề nghị bạn xem lại" and the new suspects read their counts again, not stale until a reload.
    waitingChanged();
    onClose(true);
  };
  return (
    <Modal
      open
      title={T.flags.decisionTitle(decision.resolution, decision.fullName, decision.label)}
      okText={decision.resolution === 'ATTENTION' ? T.flags.sendAttention : T.flags.save}
      cancelText={T.imports.cancel}
      okButtonProps={{ disabled: !ready, loading: state.fetching }}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
      closable={{ 'aria-label': T.imports.cancel, closeIcon: <CloseIcon /> }}
    >
      <Typography.Paragraph>
        {T.flags.because} {decision.message}
      </Typography.Paragraph>
      {confirming && (
        <>
          <Alert type="warning" showIcon title={T.flags.confirmEnds} style={{ marginBottom: 12 }} />
          {/* The flag asks "one person twice, or a number typed wrong?": the second is settled on the record, not here. */}
          {decision.code === 'DUPLICATE_IN_ORG' && (
            <Alert type="info" showIcon title={T.flags.duplicateMistyped} style={{ marginBottom: 12 }} />
          )}
          <Radio.Group
            aria-label={T.flags.outcome}
            value={outcome}
            onChange={(e) => choose(e.target.value as Outcome)}
            style={{ marginBottom: 12 }}
          >
            <Space direction="vertical">
              {offered.map((o) => (
                <Radio key={o} value={o}>
                  {o === 'STRUCK_OFF' && decision.code === 'DUPLICATE_IN_ORG' ? T.flags.duplicateStruckOff : (T.flags.outcomes[o] ?? o)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          <LabeledField
            id="flag-end-date"
            label={T.flags.endDate}
            extra={
              outcome !== decision.evidenceOutcome
                ? undefined
                : evidenced
                  ? T.flags.endDateFromEvidence(evidenced)
                  : vague
                    ? T.flags.endDateVague(vague)
                    : undefined
            }
          >
            <Input id="flag-end-date" autoComplete="off" value={date} onChange={(e) => setDate(e.target.value)} />
          </LabeledField>
        </>
      )}
      {state.error && (
        <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} style={{ marginBottom: 12 }} />
      )}
      <LabeledField
        id="flag-note"
        label={
          decision.resolution === 'ATTENTION'
            ? T.flags.attentionNote
            : decision.resolution === 'FALSE_ALARM'
              ? T.flags.noteDismiss
              : decision.code === 'DECEASED'
                ? T.flags.note
                : T.flags.noteConfirm
        }
      >
        <Input.TextArea id="flag-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </LabeledField>
      {/* "Lưu quyết định" greyed out says nothing by itself: what is still missing, said. */}
      {!ready && (
        <Typography.Text type="secondary" data-testid="decision-missing">
          {T.flags.missing(confirming && outcome === null, confirming && date.trim() === '', note.trim().length < 5)}
        </Typography.Text>
      )}
    </Modal>
  );
}
