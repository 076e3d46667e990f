import { Alert, Button, DatePicker, Grid, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { partialDate, vnTime, vnToday } from '../../format.ts';
import type { ResultOf } from '../../graphql.ts';
import { CLEARABLE } from '../../icons.tsx';
import { T } from '../../text.ts';
import { DUE_TONE } from '../../tones.ts';
import { ORGANIZATIONS } from '../roster-query.ts';
import { DATA_REQUESTS, ERASE_DATA, EXPORT_DATA, RECEIVE_DATA_REQUEST, RECORD_BY_CODE } from './requests-query.ts';
import { ErasurePlanList } from './ErasurePlanList.tsx';
import { LabeledField } from '../LabeledField.tsx';
import { useOrganizationName } from '../useOrganizationName.ts';

type Request = ResultOf<typeof DATA_REQUESTS>['personalDataRequests'][number];
type Kind = Request['kind'];

/** Saves a text as a file in her downloads (the export is JSON, made in memory, never in an address). */
/** A text file that Windows' Notepad opens as UTF-8 too (the byte-order mark). */
function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/plain;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Its day due and the days left (until answered). */
const due = (r: Request) => (
  <Space size={4} wrap>
    {partialDate(r.dueOn)}
    {!r.doneAt && <Tag color={r.daysLeft <= 3 ? DUE_TONE.soon : DUE_TONE.later}>{T.admin.requests.daysLeft(r.daysLeft)}</Tag>}
  </Space>
);

/** Answered (when, by whom), or the button that answers it. */
const stateOf = (r: Request, onAnswer: (r: Request) => void) =>
  r.doneAt ? (
    T.admin.requests.done(vnTime(r.doneAt), r.doneBy ?? '')
  ) : (
    <Button size="small" danger={r.kind === 'ERASURE'} onClick={() => onAnswer(r)}>
      {T.admin.requests.answer[r.kind]}
    </Button>
  );

/**
 * The table's columns. On a phone (below 576 px): the request (what, whose record, the day received)
 * beside its deadline with the button that answers it — nothing off to the right.
 */
function columns(onAnswer: (r: Request) => void, orgName: (code: string) => string, narrow: boolean): TableColumnsType<Request> {
  const R = T.admin.requests;
  // An erased record keeps no code of hers (XOA-…): said as what it is.
  const record = (r: Request) => `${orgName(r.organization)} · ${r.recordErased ? R.erasedRecord : r.externalId}`;
  if (narrow)
    return [
      {
        title: R.record,
        key: 'request',
        render: (_, r) => (
          <div style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text strong>{R.kinds[r.kind]}</Typography.Text>
            <div>{record(r)}</div>
            <Typography.Text type="secondary">{`${R.receivedOn}: ${partialDate(r.receivedOn)}`}</Typography.Text>
          </div>
        ),
      },
      {
        title: R.dueOn,
        key: 'due',
        render: (_, r) => (
          <Space direction="vertical" size={4}>
            {due(r)}
            {stateOf(r, onAnswer)}
          </Space>
        ),
      },
    ];
  return [
    { title: R.kind, dataIndex: 'kind', render: (k: Kind) => R.kinds[k] },
    { title: R.record, render: (_, r) => record(r) },
    { title: R.receivedOn, dataIndex: 'receivedOn', render: (d: string) => partialDate(d) },
    { title: R.dueOn, render: (_, r) => due(r) },
    { title: R.state, render: (_, r) => stateOf(r, onAnswer) },
  ];
}

/** Data subjects' requests: recorded with the day received, due 20 days later, answered here (the export or the erasure). */
export function RequestsTab() {
  const R = T.admin.requests;
  const client = useClient();
  const [requests, refetch] = useQuery({ query: DATA_REQUESTS });
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  const orgName = useOrganizationName();
  const [kind, setKind] = useState<Kind>('EXPORT');
  const [organization, setOrganization] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [receivedOn, setReceivedOn] = useState(() => vnToday());
  const [problem, setProblem] = useState<string | null>(null);
  const [answering, setAnswering] = useState<Request | null>(null);
  const [reason, setReason] = useState('');
  /** The records only the model joins that she ticked to erase too. */
  const [also, setAlso] = useState<string[]>([]);
  /** Her records certainly hers that stay (a membership elsewhere the request does not concern). */
  const [keep, setKeep] = useState<string[]>([]);
  const [receiveState, receive] = useMutation(RECEIVE_DATA_REQUEST);
  const [exportState, exportData] = useMutation(EXPORT_DATA);
  const [eraseState, erase] = useMutation(ERASE_DATA);
  const refresh = () => refetch({ requestPolicy: 'network-only' });

  const record = async () => {
    setProblem(null);
    const found = await client.query(RECORD_BY_CODE, { organization: organization!, code: code.trim() }).toPromise();
    const id = found.data?.memberRecords.nodes.find((n) => n.externalId === code.trim())?.id;
    if (!id) return setProblem(R.notFound(code.trim(), organization!));
    const r = await receive({ kind, recordId: id, receivedOn });
    if (r.error) return setProblem(errorText(r.error, T.error.network));
    setCode('');
    refresh();
  };
  const answer = async () => {
    if (!answering) return;
    const why = reason.trim();
    if (answering.kind === 'EXPORT') {
      const r = await exportData({ id: answering.recordId, reason: why });
      if (r.error || !r.data) return;
      saveFile(`du-lieu-ca-nhan-${answering.externalId}.txt`, r.data.exportPersonalDataCopy);
    } else if ((await erase({ id: answering.recordId, reason: why, also, keep })).error) return;
    setAnswering(null);
    setReason('');
    refresh();
  };
  const failed = exportState.error ?? eraseState.error;
  const narrow = !Grid.useBreakpoint().sm;

  return (
    <section aria-labelledby="requests-title">
      <Typography.Title level={2} id="requests-title" style={{ fontSize: 17 }}>
        {R.title}
      </Typography.Title>
      <Typography.Paragraph>{R.intro}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={R.kind}
          style={{ minWidth: 200 }}
          value={kind}
          onChange={setKind}
          options={(['EXPORT', 'ERASURE'] as const).map((k) => ({ value: k, label: R.kinds[k] }))}
        />
        <Select
          aria-label={R.organization}
          placeholder={R.organization}
          style={{ minWidth: 220 }}
          value={organization}
          onChange={setOrganization}
          options={orgs.data?.organizations.map((o) => ({ value: o.code, label: o.name }))}
        />
        <Input aria-label={R.code} placeholder={R.code} style={{ width: 180 }} value={code} onChange={(e) => setCode(e.target.value)} />
        {/* Day first, as she writes it (a browser's own date field follows its language: 12/04/2026 for 4 December). */}
        <DatePicker
          aria-label={R.receivedOn}
          placeholder={R.receivedOn}
          format="DD/MM/YYYY"
          allowClear={CLEARABLE}
          style={{ width: 170 }}
          value={receivedOn ? dayjs(receivedOn) : null}
          disabledDate={(d) => d.format('YYYY-MM-DD') > vnToday()}
          onChange={(d) => setReceivedOn(d ? d.format('YYYY-MM-DD') : '')}
        />
        <Button
          type="primary"
          disabled={!organization || !code.trim() || !receivedOn}
          loading={receiveState.fetching}
          onClick={() => void record()}
        >
          {R.record_}
        </Button>
      </Space>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      <Table<Request>
        rowKey="id"
        size="small"
        loading={requests.fetching}
        dataSource={requests.data?.personalDataRequests ?? []}
        columns={columns(
          (r) => {
            setAlso([]);
            setKeep([]);
            setAnswering(r);
          },
          orgName,
          narrow,
        )}
        locale={{ emptyText: R.none }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={narrow ? undefined : { x: true }}
      />
      <Modal
        open={answering !== null}
        title={answering ? R.answerTitle[answering.kind](answering.externalId) : ''}
        okText={answering ? R.answer[answering.kind] : ''}
        okButtonProps={{
          danger: answering?.kind === 'ERASURE',
          disabled: reason.trim().length < 10,
          loading: exportState.fetching || eraseState.fetching,
        }}
        cancelText={T.admin.no}
        onOk={() => void answer()}
        onCancel={() => setAnswering(null)}
      >
        {answering?.kind === 'ERASURE' && (
          <>
            <Alert type="warning" showIcon title={R.eraseWarning} style={{ marginBottom: 12 }} />
            <ErasurePlanList recordId={answering.recordId} also={also} onAlso={setAlso} keep={keep} onKeep={setKeep} />
          </>
        )}
        {answering?.kind === 'EXPORT' && <Typography.Paragraph>{R.copyHolds}</Typography.Paragraph>}
        {failed && <Alert type="error" showIcon role="alert" title={errorText(failed, T.error.network)} style={{ marginBottom: 12 }} />}
        <LabeledField id="request-answer-reason" label={R.reason} extra={answering?.kind === 'ERASURE' ? R.reasonStays : undefined}>
          <Input.TextArea id="request-answer-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </LabeledField>
      </Modal>
    </section>
  );
}
