import { Alert, Button, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { partialDate, vnTime } from '../../format.ts';
import { T } from '../../text.ts';
import { PENDING_TONE } from '../../tones.ts';
import { ACCEPT_TRANSFER, CANCEL_TRANSFER, DECLINE_TRANSFER, PENDING_TRANSFERS, type Pending } from './units-query.ts';
import { LabeledField } from '../LabeledField.tsx';

/** Transfers waiting for a decision: hers to accept or decline, those she sent (to take back), those declined lately. */
export function TransferRequests(props: { organization: string; changes: number; onDecided: () => void }) {
  const { organization, changes, onDecided } = props;
  const [pending, refetchPending] = useQuery({ query: PENDING_TRANSFERS, variables: { organization, declined: false } });
  useEffect(() => {
    if (changes) refetchPending({ requestPolicy: 'network-only' });
  }, [changes, refetchPending]);
  const [declined] = useQuery({ query: PENDING_TRANSFERS, variables: { organization, declined: true } });
  const [accepting, accept] = useMutation(ACCEPT_TRANSFER);
  const [declining, decline] = useMutation(DECLINE_TRANSFER);
  const [cancelling, cancel] = useMutation(CANCEL_TRANSFER);
  const [refusing, setRefusing] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const rows = pending.data?.pendingTransfers ?? [];
  const incoming = rows.filter((r) => r.incoming);
  const outgoing = rows.filter((r) => !r.incoming);
  const refused = (declined.data?.pendingTransfers ?? []).filter((r) => !r.incoming);

  const done = () => onDecided();
  const onAccept = async (r: Pending) => {
    if (!(await accept({ id: r.id })).error) done();
  };
  const onCancel = async (r: Pending) => {
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
  const line = (r: Pending) =>
    T.units.request(r.record.fullName, r.record.externalId, r.fromUnit?.name ?? T.dash, r.toUnit.name, partialDate(r.effectiveDate));

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
      {rows.length === 0 && refused.length === 0 && <Typography.Paragraph type="secondary">{T.units.noRequests}</Typography.Paragraph>}
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
      {outgoing.length > 0 && (
        <List
          size="small"
          itemLayout="vertical"
          header={<strong>{T.units.outgoing}</strong>}
          dataSource={outgoing}
          renderItem={(r) => (
            <List.Item
              actions={[
                <Popconfirm
                  key="c"
                  title={T.units.cancelConfirm(r.record.fullName, r.toUnit.name)}
                  okText={T.units.cancel}
                  cancelText={T.units.keep}
                  onConfirm={() => void onCancel(r)}
                >
                  <Button size="small" loading={cancelling.fetching}>
                    {T.units.cancel}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <Space wrap>
                <Tag color={PENDING_TONE}>{T.units.pending}</Tag>
                {line(r)}
              </Space>
            </List.Item>
          )}
        />
      )}
      {refused.length > 0 && (
        <List
          size="small"
          header={<strong>{T.units.declined}</strong>}
          dataSource={refused}
          renderItem={(r) => (
            <List.Item>
              {line(r)} — {T.units.declinedBy(r.toUnit.name, r.declineReason ?? '')}
            </List.Item>
          )}
        />
      )}
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
