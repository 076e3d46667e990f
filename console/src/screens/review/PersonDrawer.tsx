import { Alert, Button, Checkbox, Drawer, Input, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { CloseIcon } from '../../icons.tsx';
import { T } from '../../text.ts';
import { SEVERITY_TONE } from '../../tones.ts';
import { MergeCandidates } from './MergeCandidates.tsx';
import { MERGE, PERSON_OF_RECORD, SPLIT, type PersonDecision } from './review-api.ts';
import { vnTime } from '../../format.ts';
import { useOrganizationName } from '../useOrganizationName.ts';

/**
 * A person, opened from one of its records: every record across organizations with its status and
 * flags (others' records only where they are listed); some records split off as another person, or
 * another person merged in, each with a reason.
 */
export function PersonDrawer({
  recordId,
  onClose,
  onChanged,
}: {
  recordId: string | null;
  onClose: () => void;
  /** A split or merge was saved: what the screen behind shows of the person (a member's page, the queue) is read again. */
  onChanged: () => void;
}) {
  const [result, reload] = useQuery({ query: PERSON_OF_RECORD, variables: { id: recordId ?? '' }, pause: !recordId });
  const [picked, setPicked] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [other, setOther] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [splitting, split] = useMutation(SPLIT);
  const [merging, merge] = useMutation(MERGE);
  useEffect(() => {
    setPicked([]);
    setReason('');
    setOther('');
    setNote(null);
  }, [recordId]);
  const person = result.data?.memberRecord.person;
  const orgName = useOrganizationName();
  const after = (ok: boolean, message: string) => {
    if (!ok) return;
    setPicked([]);
    setReason('');
    setOther('');
    setNote(message);
    reload({ requestPolicy: 'network-only' });
    onChanged();
  };
  const error = splitting.error ?? merging.error;
  return (
    <Drawer
      open={recordId !== null}
      onClose={onClose}
      size="large"
      title={T.person.title}
      closable={{ 'aria-label': T.person.close, closeIcon: <CloseIcon /> }}
    >
      {result.fetching && <Spin />}
      {result.error && <Alert type="error" showIcon title={T.error.generic} description={errorText(result.error, T.error.network)} />}
      {result.data && !person && <Typography.Paragraph>{T.person.notLinked}</Typography.Paragraph>}
      {person && (
        <>
          <Typography.Paragraph>
            {T.person.id}: <Typography.Text copyable>{person.id}</Typography.Text> — {T.person.records(person.records.length)}
          </Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => r.recordId ?? `${r.organization}-${r.communeCode}-${r.statusLabel}`}
            dataSource={person.records}
            columns={[
              {
                title: T.person.pick,
                render: (_, r) =>
                  r.recordId && (
                    <Checkbox
                      aria-label={`${T.person.pick}: ${r.organizationName} ${r.externalId ?? ''}`}
                      checked={picked.includes(r.recordId)}
                      onChange={(e) => setPicked(e.target.checked ? [...picked, r.recordId!] : picked.filter((x) => x !== r.recordId))}
                    />
                  ),
              },
              { title: T.review.rows.organization, dataIndex: 'organizationName' },
              { title: T.review.rows.name, render: (_, r) => r.fullName ?? T.review.hidden },
              { title: T.review.rows.code, render: (_, r) => r.externalId ?? T.dash },
              { title: T.review.rows.birth, render: (_, r) => (r.recordId ? (r.birthDate ?? T.dash) : T.review.hidden) },
              { title: T.review.rows.commune, render: (_, r) => r.communeName ?? r.communeCode ?? T.dash },
              { title: T.review.rows.unit, render: (_, r) => (r.recordId ? (r.unitName ?? T.dash) : T.review.hidden) },
              { title: T.review.rows.status, dataIndex: 'statusLabel' },
              {
                title: T.review.rows.flags,
                render: (_, r) =>
                  r.flagLabels === null ? (
                    T.review.hidden
                  ) : r.flagLabels.length ? (
                    <Space size={4} wrap>
                      {r.flagLabels.map((f) => (
                        // A long flag wraps within the drawer instead of running past its edge.
                        <Tag key={f} color={SEVERITY_TONE.INFO} style={{ whiteSpace: 'normal', maxWidth: 200 }}>
                          {f}
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    T.person.noFlags
                  ),
              },
            ]}
          />
          <Decisions decisions={person.decisions} orgName={orgName} />
          {note && <Alert type="success" showIcon role="status" title={note} style={{ marginTop: 12 }} />}
          {error && <Alert type="error" showIcon role="alert" title={errorText(error, T.error.network)} style={{ marginTop: 12 }} />}
          <Input.TextArea
            aria-label={T.person.reason}
            placeholder={T.person.reason}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            style={{ marginTop: 16 }}
          />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {T.person.split}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{T.person.splitHint}</Typography.Paragraph>
          <Button
            danger
            loading={splitting.fetching}
            disabled={!picked.length || picked.length >= person.records.length || !reason.trim()}
            onClick={() =>
              void split({ personId: person.id, recordIds: picked, reason: reason.trim() }).then((r) => after(!r.error, T.person.splitDone))
            }
          >
            {T.person.split}
          </Button>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {T.person.merge}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{T.person.mergeHint}</Typography.Paragraph>
          <MergeCandidates
            personId={person.id}
            probe={probeOf(person.records)}
            apart={
              new Map(
                person.decisions
                  .filter((d) => d.decision === 'REJECT' && d.other.personId && d.other.personId !== person.id)
                  .map((d) => [
                    d.other.personId!,
                    { by: d.decidedBy, when: vnTime(d.decidedAt), fullName: d.other.fullName, organization: d.other.organization },
                  ]),
              )
            }
            pending={person.pendingPairs.flatMap((p) =>
              p.other.personId
                ? [
                    {
                      personId: p.other.personId,
                      fullName: p.other.fullName,
                      organization: p.other.organization,
                      probabilityText: p.probabilityText,
                    },
                  ]
                : [],
            )}
            disabled={!reason.trim() || merging.fetching}
            onMerge={(b) =>
              void merge({ personA: person.id, personB: b, reason: reason.trim() }).then((r) => after(!r.error, T.person.mergeDone))
            }
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {T.person.mergeById}
          </Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              aria-label={T.person.otherPerson}
              placeholder={T.person.otherPerson}
              value={other}
              onChange={(e) => setOther(e.target.value)}
            />
            <Button
              loading={merging.fetching}
              disabled={!/^[0-9a-f-]{36}$/i.test(other.trim()) || !reason.trim()}
              onClick={() =>
                void merge({ personA: person.id, personB: other.trim(), reason: reason.trim() }).then((r) =>
                  after(!r.error, T.person.mergeDone),
                )
              }
            >
              {T.person.merge}
            </Button>
          </Space.Compact>
        </>
      )}
    </Drawer>
  );
}

/** The review decisions on the person's records: what was decided about which two, by whom, when and why. */
function Decisions({ decisions, orgName }: { decisions: PersonDecision[]; orgName: (code: string) => string }) {
  if (!decisions.length) return null;
  const record = (r: PersonDecision['own']) => T.person.decidedRecord(r.fullName, r.externalId, orgName(r.organization));
  return (
    <section aria-label={T.person.decisions} data-testid="person-decisions">
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {T.person.decisions}
      </Typography.Title>
      <ul style={{ paddingInlineStart: 20, margin: 0 }}>
        {decisions.map((d) => (
          <li key={`${d.decidedAt}-${d.other.externalId}-${d.own.externalId}`}>
            {T.person.decision(d.decision === 'CONFIRM', record(d.own), record(d.other), d.decidedBy, vnTime(d.decidedAt), d.reason)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The person's first record she may read, as the duplicate check takes it. */
function probeOf(records: { recordId: string | null; fullName: string | null; birthDate: string | null; communeCode: string | null }[]) {
  const r = records.find((x) => x.recordId && x.fullName);
  return r ? { fullName: r.fullName!, birthDate: r.birthDate, communeCode: r.communeCode } : null;
}
