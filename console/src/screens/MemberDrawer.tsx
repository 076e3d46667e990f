import { Alert, Button, Descriptions, Drawer, Empty, List, Popconfirm, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../client.ts';
import { partialDate, vnTime, unitRefLabel } from '../format.ts';
import { graphql } from '../graphql.ts';
import { CloseIcon } from '../icons.tsx';
import { T } from '../text.ts';
import { SEVERITY_TONE } from '../tones.ts';
import { MemberForm } from './member/MemberForm.tsx';
import { notedEnding, NoteSuggestions } from './member/NoteSuggestions.tsx';
import { STATUSES } from './member/member-api.ts';
import { EndMembershipDialog, ReinstateDialog, type EndPrefill } from './member/StatusDialogs.tsx';
import { TransferDialog } from './member/TransferDialog.tsx';
import { RevealIdNumber } from './member/RevealIdNumber.tsx';
import { PersonDrawer } from './review/PersonDrawer.tsx';
import { COMMUNE_NAME } from './roster-query.ts';
import { CANCEL_TRANSFER } from './units/units-query.ts';
import { useDuesTerm, useJoinDateField } from './useOrganizationName.ts';

const MEMBER = graphql(`
  query Member($id: ID!) {
    memberRecord(id: $id) {
      id
      version
      organization
      status
      externalId
      fullName
      birthDate
      sex
      ethnicity
      village
      idNumber
      phone
      statusLabel
      joinDate
      lastDuesDate
      lastActivityDate
      enteredCommuneCode
      updatedAt
      profile {
        key
        label
        value
      }
      commune {
        code
        name
      }
      unit {
        code
        name
      }
      eligibility {
        message
        severity
      }
      importWarnings {
        at
        column
        message
      }
      flags {
        code
        label
        severity
        message
        resolution
        note
      }
      suggestions {
        id
        kind
        status
        evidence
        detail
        when
        endsAs
        decision {
          status
          by
          at
          reason
        }
      }
      transferRequest {
        id
        incoming
        state
        declineReason
        toUnit {
          name
          commune
        }
      }
      person {
        id
        records {
          recordId
          organization
          organizationName
          fullName
          statusLabel
          communeCode
          communeName
        }
      }
      history {
        id
        kind
        effectiveDate
        recordedAt
        reason
        fromStatus
        toStatus
        voids
        fromUnit {
          name
        }
        toUnit {
          name
        }
      }
    }
  }
`);

/**
 * The day of a history line. Her admission is dated by her join date, stored as its first day when
 * only the month or year is known: shown as known (01/2020, 2020), as her page shows the date itself.
 */
function eventDate(e: { kind: string; effectiveDate: string | null }, joinDate: string | null): string {
  const firstDay = joinDate && joinDate + ['-01-01', '-01', ''][joinDate.split('-').length - 1];
  return e.kind === 'ADMITTED' && joinDate && e.effectiveDate === firstDay ? partialDate(joinDate) : partialDate(e.effectiveDate);
}

/** The commune as the list wrote it (an old code, say): by its name, the code beside it for an operator. */
function EnteredCommune({ code }: { code: string | null }) {
  const [named] = useQuery({ query: COMMUNE_NAME, variables: { code: code ?? '' }, pause: !code });
  if (!code) return <>{T.dash}</>;
  const c = named.data?.resolveCommune;
  const name = c?.legacy?.code === code ? c.legacy.name : c?.commune?.code === code ? c.commune.name : null;
  return (
    <>
      {name} <code>{code}</code>
    </>
  );
}

/**
 * One member's page: fields, history, flags with their reasons (opening it is a logged read); for
 * her secretariat, edit, end the membership or take it back.
 */
export function MemberDrawer(props: {
  id: string | null;
  onClose: () => void;
  canEdit?: boolean;
  onChanged?: () => void;
  /** She may split and merge persons (Ban Dân vận, administrator): the person opens from here. */
  canLink?: boolean;
}) {
  const { id, onClose } = props;
  const [result, reload] = useQuery({ query: MEMBER, variables: { id: id ?? '' }, pause: !id });
  const [statuses] = useQuery({ query: STATUSES, pause: !props.canEdit });
  const duesOf = useDuesTerm();
  const joinDateField = useJoinDateField();
  const [action, setAction] = useState<'edit' | 'end' | 'reinstate' | 'transfer' | null>(null);
  // A note taken that says she died or left: the ending offered at once, as the note says it (hers to check and save).
  const [endAsNoted, setEndAsNoted] = useState<EndPrefill | undefined>();
  // What her transfer from this page did (moved, or a request sent), until she opens another member.
  const [moved, setMoved] = useState<{ text: string; problems: string[] } | null>(null);
  useEffect(() => setMoved(null), [id]);
  const [other, setOther] = useState<string | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const [cancelling, cancelTransfer] = useMutation(CANCEL_TRANSFER);
  const r = result.data?.memberRecord;
  // The organization's own name for Ngày vào (Ngày vào Đoàn) with the same day: one line under its name, not two.
  const ownJoin = r?.profile.find((p) => p.key === joinDateField(r.organization) && p.value === r.joinDate);
  const ended = !!r && !!statuses.data?.memberStatuses.find((s) => s.code === r.status)?.ends;
  const status = (code: string | null) => statuses.data?.memberStatuses.find((s) => s.code === code);
  /** What a history line did: an ending says how it ended, a taking back says so, not just "changed status". */
  const eventText = (e: {
    id: string;
    kind: string;
    effectiveDate: string | null;
    fromStatus: string | null;
    toStatus: string | null;
    voids: string | null;
  }) => {
    const [from, to] = [status(e.fromStatus), status(e.toStatus)];
    if (e.voids) return T.eventStatus.voiding;
    if (e.kind === 'ADMITTED' && !e.effectiveDate) return T.listed;
    if (e.kind === 'ENDED' && to) return T.eventStatus.ended(to.label, !!r?.history.some((x) => x.voids === e.id));
    if (e.kind === 'STATUS_CHANGED' && from?.ends && to && !to.ends) return T.eventStatus.reinstated;
    if (e.kind === 'STATUS_CHANGED' && from && to) return T.eventStatus.changed(from.label, to.label);
    return T.event[e.kind];
  };
  const done = () => {
    setAction(null);
    reload({ requestPolicy: 'network-only' });
    props.onChanged?.();
  };
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      // Her name keeps a line of its own on a phone: the buttons go under it rather than squeezing it word by word.
      title={<span style={{ display: 'inline-block', minWidth: 180 }}>{r?.fullName ?? T.member.title}</span>}
      extra={
        props.canEdit &&
        r &&
        statuses.data && (
          <Space wrap>
            <Button onClick={() => setAction('edit')}>{T.member.edit}</Button>
            {!ended && r.transferRequest?.state !== 'PENDING' && <Button onClick={() => setAction('transfer')}>{T.units.transfer}</Button>}
            {ended || r.status === 'SUSPENDED' ? (
              <Button onClick={() => setAction('reinstate')}>{T.reinstate.action}</Button>
            ) : (
              <Button danger onClick={() => setAction('end')}>
                {T.end.action}
              </Button>
            )}
          </Space>
        )
      }
      closable={{ 'aria-label': T.member.close, closeIcon: <CloseIcon /> }}
      // Three buttons are wider than a phone: they wrap under one another rather than run off its edge.
      styles={{
        header: { flexWrap: 'wrap', rowGap: 8 },
        extra: { flex: '0 1 auto', minWidth: 0 },
        body: { padding: 0, display: 'flex', overflow: 'hidden' },
      }}
    >
      {/* The scrolling box is a named region reachable by keyboard (a drawer's body is not). */}
      <div role="region" aria-label={T.member.title} tabIndex={0} style={{ flex: 1, overflow: 'auto', padding: 24 }}>
        {result.fetching && <Spin />}
        {result.error && <Alert type="error" showIcon title={T.error.generic} description={errorText(result.error, T.error.network)} />}
        {moved && (
          <Alert
            type={moved.problems.length ? 'warning' : 'success'}
            showIcon
            role="status"
            title={moved.text || T.error.generic}
            description={moved.problems.length ? moved.problems.join(' ') : undefined}
            style={{ marginBottom: 16 }}
          />
        )}
        {r && (
          <>
            <Descriptions column={1} size="small" bordered title={T.member.fields}>
              <Descriptions.Item label={T.column.code}>{r.externalId}</Descriptions.Item>
              <Descriptions.Item label={T.column.birth}>{partialDate(r.birthDate)}</Descriptions.Item>
              <Descriptions.Item label={T.column.sex}>{r.sex ? T.sex[r.sex] : T.dash}</Descriptions.Item>
              {/* Sensitive, shown only to those who manage the record: "hidden" is not "empty". */}
              <Descriptions.Item label={T.member.ethnicity}>
                {r.ethnicity ?? (props.canEdit ? T.dash : T.member.keptByOffice)}
              </Descriptions.Item>
              <Descriptions.Item label={T.column.idNumber}>
                {r.idNumber ?? T.dash}
                {r.idNumber && <RevealIdNumber recordId={r.id} fullName={r.fullName} />}
              </Descriptions.Item>
              <Descriptions.Item label={T.column.phone}>{r.phone ?? T.dash}</Descriptions.Item>
              <Descriptions.Item label={T.column.commune}>{r.commune?.name ?? T.dash}</Descriptions.Item>
              <Descriptions.Item label={T.member.village}>
                {r.village ?? (props.canEdit ? T.dash : T.member.keptByOffice)}
              </Descriptions.Item>
              <Descriptions.Item label={T.member.enteredCommune}>
                <EnteredCommune code={r.enteredCommuneCode} />
              </Descriptions.Item>
              <Descriptions.Item label={T.column.unit}>{r.unit?.name ?? T.dash}</Descriptions.Item>
              {/* The organization's own fields she gave (Chức vụ, Ngày vào Đoàn…), a date as she wrote it. */}
              {r.profile
                .filter((p) => p !== ownJoin)
                .map((p) => (
                  <Descriptions.Item key={p.key} label={p.label}>
                    {/^\d{4}(-\d{2}){0,2}$/.test(p.value) ? partialDate(p.value) : p.value}
                  </Descriptions.Item>
                ))}
              <Descriptions.Item label={T.column.status}>{r.statusLabel}</Descriptions.Item>
              <Descriptions.Item label={ownJoin?.label ?? T.member.joined}>{partialDate(r.joinDate)}</Descriptions.Item>
              <Descriptions.Item label={T.member.lastDues(duesOf(r.organization))}>{partialDate(r.lastDuesDate)}</Descriptions.Item>
              <Descriptions.Item label={T.member.lastActivity}>{partialDate(r.lastActivityDate)}</Descriptions.Item>
              <Descriptions.Item label={T.member.updated}>{vnTime(r.updatedAt)}</Descriptions.Item>
            </Descriptions>
            {r.transferRequest && (
              <Alert
                style={{ marginTop: 16 }}
                type={r.transferRequest.state === 'PENDING' ? 'info' : 'warning'}
                showIcon
                title={
                  r.transferRequest.state === 'PENDING'
                    ? T.units.pendingTo(unitRefLabel(r.transferRequest.toUnit))
                    : T.units.declinedBy(unitRefLabel(r.transferRequest.toUnit), r.transferRequest.declineReason ?? '')
                }
                description={cancelling.error ? errorText(cancelling.error, T.error.network) : undefined}
                action={
                  props.canEdit &&
                  r.transferRequest.state === 'PENDING' &&
                  !r.transferRequest.incoming && (
                    <Popconfirm
                      title={T.units.cancelConfirm(r.fullName, unitRefLabel(r.transferRequest.toUnit))}
                      okText={T.units.cancel}
                      cancelText={T.units.keep}
                      onConfirm={() => void cancelTransfer({ id: r.transferRequest!.id }).then((x) => !x.error && done())}
                    >
                      <Button size="small" loading={cancelling.fetching}>
                        {T.units.cancel}
                      </Button>
                    </Popconfirm>
                  )
                }
              />
            )}
            {r.eligibility.length > 0 && (
              <Alert
                style={{ marginTop: 16 }}
                type="warning"
                showIcon
                title={T.member.eligibility}
                description={r.eligibility.map((e) => e.message).join(' ')}
              />
            )}
            {r.importWarnings.length > 0 && (
              <Alert
                style={{ marginTop: 16 }}
                type="warning"
                showIcon
                title={T.member.importWarnings(vnTime(r.importWarnings[0].at).slice(0, 10))}
                description={r.importWarnings.map((w, i) => (
                  // A message that names its column already ("Số CCCD 0110****45 …") is not named twice.
                  <div key={i}>{w.column && !w.message.startsWith(w.column) ? `${w.column}: ${w.message}` : w.message}</div>
                ))}
              />
            )}
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
              {T.member.flags}
            </Typography.Title>
            {r.flags.length === 0 ? (
              // Flags come from a link run: a record none has seen yet is not "without a warning".
              <Empty description={r.person ? T.member.noFlags : T.member.noFlagsYet} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                dataSource={r.flags}
                renderItem={(f) => (
                  <List.Item>
                    <Tag color={SEVERITY_TONE[f.severity]}>{f.label}</Tag> {f.message}
                    {/* What the office decided on it: a false alarm is said so here, as in Cảnh báo, not shown as still open. */}
                    {f.resolution && (
                      <Typography.Text type="secondary">
                        {' — '}
                        {T.flags.resolution[f.resolution] ?? f.resolution}
                        {f.note ? `: “${f.note}”` : ''}
                      </Typography.Text>
                    )}
                  </List.Item>
                )}
              />
            )}
            <NoteSuggestions
              suggestions={r.suggestions}
              canEdit={!!props.canEdit}
              onChanged={done}
              onTaken={(s) => {
                if (ended || !s.endsAs) return;
                setEndAsNoted(notedEnding(s));
                setAction('end');
              }}
            />
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
              {T.member.person}
            </Typography.Title>
            {r.person && props.canLink && (
              <Button style={{ marginBottom: 8 }} onClick={() => setPerson(r.id)}>
                {T.member.openPerson}
              </Button>
            )}
            {!r.person ? (
              <Typography.Paragraph type="secondary">{T.member.notLinked}</Typography.Paragraph>
            ) : r.person.records.length <= 1 ? (
              <Typography.Paragraph type="secondary">{T.member.onlyHere}</Typography.Paragraph>
            ) : (
              <List
                size="small"
                dataSource={r.person.records.filter((o) => o.recordId !== r.id)}
                renderItem={(o) => (
                  <List.Item>
                    {T.member.alsoIn(o.organizationName, o.fullName, o.statusLabel, o.communeName ?? o.communeCode ?? T.dash)}
                  </List.Item>
                )}
              />
            )}
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
              {T.member.history}
            </Typography.Title>
            {r.history.length === 0 ? (
              <Empty description={T.member.noHistory} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                items={r.history.map((e) => ({
                  key: e.id,
                  content: `${e.effectiveDate ? eventDate(e, r.joinDate) : vnTime(e.recordedAt)} — ${eventText(e)}${e.toUnit ? `: ${e.toUnit.name}` : ''}${e.reason ? ` (${e.reason})` : ''}`,
                }))}
              />
            )}
          </>
        )}
      </div>
      {r && props.canEdit && (
        <>
          <MemberForm
            organization={r.organization}
            record={r}
            open={action === 'edit'}
            onClose={() => setAction(null)}
            onSaved={done}
            onOpen={setOther}
            onReload={done}
          />
          <EndMembershipDialog
            targets={action === 'end' ? [r] : []}
            prefill={endAsNoted}
            onClose={() => (setAction(null), setEndAsNoted(undefined))}
            onDone={(all) => all && (setEndAsNoted(undefined), done())}
          />
          <ReinstateDialog target={action === 'reinstate' ? r : null} onClose={() => setAction(null)} onDone={done} />
          {action === 'transfer' && (
            <TransferDialog
              organization={r.organization}
              member={r}
              onClose={(changed) => (changed ? done() : setAction(null))}
              onResult={(text, problems) => setMoved({ text, problems })}
            />
          )}
        </>
      )}
      {other && <MemberDrawer id={other} onClose={() => setOther(null)} />}
      {props.canLink && (
        <PersonDrawer recordId={person} onClose={() => setPerson(null)} onChanged={() => reload({ requestPolicy: 'network-only' })} />
      )}
    </Drawer>
  );
}
