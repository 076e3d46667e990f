import { waitingChanged } from '../SinceLastVisit.tsx';
import { Alert, Button, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { partialDate, vnTime, unitRefLabel } from '../../format.ts';
import { T } from '../../text.ts';
import { TRANSFER_TONE } from '../../tones.ts';
import {
  ACCEPT_TRANSFER,
  CANCEL_TRANSFER,
  DECLINE_TRANSFER,
  PENDING_TRANSFERS,
  SENT_TRANSFERS,
  type Pending,
  type Sent,
} from './units-query.ts';
import { LabeledField } from '../LabeledField.tsx';

/** One request in a line: who, from which unit to which, from what day. */
const requestLine = (r: Pending | Sent) =>
  T.units.request(
    r.record.fullName,
    r.record.externalId,
    r.fromUnit ? unitRefLabel(r.fromUnit) : T.dash,
    unitRefLabel(r.toUnit),
    partialDate(r.effectiveDate),
  );

/** Transfers waiting for a decision: hers to accept or decline; those she sent, and what became of them (`SentTransfers`). */
export function TransferRequests(props: { organization: string; changes: number; onDecided: () => void }) {
  const { organization, changes, onDecided } = props;
  const [pending, refetchPending] = useQuery({ query: PENDING_TRANSFERS, variables: { organization, declined: false } });
  useEffect(() => {
    if (changes) refetchPending({ requestPolicy: 'network-only' });
  }, [changes, refetchPending]);
  const [accepting, accept] = useMutation(ACCEPT_TRANSFER);
  const [declining, decline] = useMutation(DECLINE_TRANSFER);
  const [cancelling, cancel] = useMutation(CANCEL_TRANSFER);
  const [refusing, setRefusing] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const rows = pending.data?.pendingTransfers ?? [];
  const incoming = rows.filter((r) => r.incoming);

  // Decided: the banner's "đang chờ bạn tiếp nhận" reads its count again too (not one above "none waiting").
  const done = () => {
    waitingChanged();
    onDecided();
  };
  const onAccept = async (r: Pending) => {
    if (!(await accept({ id: r.id })).error) done();
  };
  const onCancel = async (r: { id: string }) => {
    if (!(await cancel({ id: r.id })).error) done();
  };
  const onDecline = async () => {
    if (!refusing) return;
    if (!(await decline({ id: refusing.id, reason: reason.trim() })).error) {
      setRefusing(null);
      setReason('');
      done();
    }
  };
  const line = requestLine;

  return (
    <section aria-labelledby="requests-title" style={{ marginBottom: 16 }}>
      <Typography.Title level={2} id="requests-title" style={{ fontSize: 18 }}>
        {T.units.requests}
      </Typography.Title>
      {(pending.error || accepting.error || cancelling.error) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(pending.error ?? accepting.error ?? cancelling.error, T.error.network)}
        />
      )}
      {incoming.length === 0 && <Typography.Paragraph type="secondary">{T.units.noRequests}</Typography.Paragraph>}
      {incoming.length > 0 && (
        <List
          size="small"
          // The buttons under the request, not beside it: on a phone the request keeps the screen's width.
          itemLayout="vertical"
          header={<strong>{T.units.incoming}</strong>}
          dataSource={incoming}
          renderItem={(r) => (
            <List.Item
              actions={[
                <Button key="a" type="primary" size="small" loading={accepting.fetching} onClick={() => void onAccept(r)}>
                  {T.units.accept}
                </Button>,
                <Button key="d" size="small" onClick={() => setRefusing(r)}>
                  {T.units.decline}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={line(r)}
                description={[r.reason, T.units.sentBy(r.requestedBy, vnTime(r.requestedAt))].filter(Boolean).join(' · ')}
              />
            </List.Item>
          )}
        />
      )}
      <SentTransfers organization={organization} changes={changes} cancelling={cancelling.fetching} onCancel={(r) => void onCancel(r)} />
      <Modal
        open={refusing !== null}
        title={refusing ? T.units.declineTitle(refusing.record.fullName) : ''}
        okText={T.units.decline}
        cancelText={T.imports.cancel}
        okButtonProps={{ disabled: reason.trim().length < 5, loading: declining.fetching }}
        onOk={() => void onDecline()}
        onCancel={() => setRefusing(null)}
      >
        {declining.error && <Alert type="error" showIcon role="alert" title={errorText(declining.error, T.error.network)} />}
        <LabeledField id="decline-reason" label={T.units.declineReason}>
          <Input.TextArea id="decline-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </LabeledField>
      </Modal>
    </section>
  );
}

/**
 * The requests she sent in the last 90 days, newest first, each with what became of it: still
 * waiting (she may take it back), accepted (by whom, when) or declined (and why).
 */
function SentTransfers(props: { organization: string; changes: number; cancelling: boolean; onCancel: (r: Sent) => void }) {
  const { organization, changes } = props;
  const [sent, refetch] = useQuery({ query: SENT_TRANSFERS, variables: { organization } });
  useEffect(() => {
    if (changes) refetch({ requestPolicy: 'network-only' });
  }, [changes, refetch]);
  const rows = sent.data?.sentTransfers ?? [];
  if (sent.error) return <Alert type="error" showIcon role="alert" title={errorText(sent.error, T.error.network)} />;
  if (!rows.length) return null;
  const outcome = (r: Sent) =>
    r.state === 'ACCEPTED'
      ? T.units.acceptedBy(unitRefLabel(r.toUnit), r.decidedBy ?? T.dash, r.decidedAt ? vnTime(r.decidedAt) : T.dash)
      : r.state === 'DECLINED'
        ? T.units.declinedBy(unitRefLabel(r.toUnit), r.declineReason ?? '')
        : null;
  return (
    <List
      size="small"
      itemLayout="vertical"
      header={<strong>{T.units.sent}</strong>}
      dataSource={rows}
      renderItem={(r) => (
        <List.Item
          actions={
            r.state === 'PENDING'
              ? [
                  <Popconfirm
                    key="c"
                    title={T.units.cancelConfirm(r.record.fullName, unitRefLabel(r.toUnit))}
                    okText={T.units.cancel}
                    cancelText={T.units.keep}
                    onConfirm={() => props.onCancel(r)}
                  >
                    <Button size="small" loading={props.cancelling}>
                      {T.units.cancel}
                    </Button>
                  </Popconfirm>,
                ]
              : []
          }
        >
          <Space wrap>
            <Tag color={TRANSFER_TONE[r.state]}>{T.units.sentState[r.state] ?? r.state}</Tag>
            {requestLine(r)}
          </Space>
          {outcome(r) && <div>{outcome(r)}</div>}
        </List.Item>
      )}
    />
  );
}
