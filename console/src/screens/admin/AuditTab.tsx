import { Alert, AutoComplete, Button, DatePicker, Form, Grid, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { byFoldedLabel, vnTime } from '../../format.ts';
import { CLEARABLE } from '../../icons.tsx';
import { T } from '../../text.ts';
import { useDebounced } from '../../useDebounced.ts';
import { AUDIT_EVENTS, USERS, type AuditRow } from './admin-query.ts';
import { useOrganizationName } from '../useOrganizationName.ts';

type Action = NonNullable<AuditRow['action']>;
const ACTION_OF = new Map(Object.entries(T.admin.actionName).map(([action, label]) => [label, action as Action]));
/** A day of the picker as an instant in Vietnam time: its first or its last millisecond. */
const vnDay = (d: Dayjs | null | undefined, end: boolean) =>
  d ? `${d.format('YYYY-MM-DD')}T${end ? '23:59:59.999' : '00:00:00.000'}+07:00` : null;

/** An account by its username, a record by its Mã hồ sơ (their ids mean nothing to her), anything else by its id. */
const subjectOf = (e: AuditRow, usernames: Map<string, string>) =>
  [
    e.subjectType ? (T.admin.subjectType[e.subjectType] ?? e.subjectType) : '',
    (e.subjectType === 'USER' && e.subjectId ? usernames.get(e.subjectId) : undefined) ?? e.subjectCode ?? e.subjectId ?? '',
  ]
    .filter(Boolean)
    .join(' ') || T.dash;

/** What a flag decision decided, in words (its detail's resolution), or null. */
function flagDecisionOf(e: AuditRow): string | null {
  if (e.action !== 'FLAG_DECISION') return null;
  try {
    const r = (JSON.parse(e.detail) as { resolution?: unknown }).resolution;
    return typeof r === 'string' ? (T.admin.flagDecisionName[r] ?? null) : null;
  } catch {
    return null;
  }
}

/** A pair's decision logged before it had its own action (as MERGE or SPLIT) is named for what it was. */
const actionOf = (e: AuditRow): string =>
  e.subjectType === 'RECORD_PAIR' && e.action === 'MERGE'
    ? 'REVIEW_SAME_PERSON'
    : e.subjectType === 'RECORD_PAIR' && e.action === 'SPLIT'
      ? 'REVIEW_TWO_PEOPLE'
      : e.subjectType === 'REPORT' && e.action === 'EXPORT'
        ? 'REPORT_DOWNLOADED'
        : e.action;

/** The line's action in words: a flag decision by what it decided. */
const actionText = (e: AuditRow): string => flagDecisionOf(e) ?? T.admin.actionName[actionOf(e)] ?? e.action;

/** Who did it: the server's own schedule has no token, so it is said as what it is, not as a service token's name. */
const actorOf = (e: AuditRow) =>
  e.actorKind === 'SERVICE' && e.actorName === 'schedule'
    ? T.reports.computedBy('schedule')
    : `${e.actorName} (${T.admin.actorKind[e.actorKind] ?? e.actorKind})`;

/**
 * The written reason, else what the line's figures say in words (why a log-in failed, how many lines a
 * read showed); an edit says which fields it changed, beside its reason.
 */
export function whyOf(e: AuditRow): string | null {
  let detail: { reason?: unknown; rows?: unknown; labels?: unknown };
  try {
    detail = (JSON.parse(e.detail) ?? {}) as typeof detail;
  } catch {
    return e.reason;
  }
  const edited = Array.isArray(detail.labels) && detail.labels.length ? T.admin.edited(detail.labels.join(', ')) : null;
  if (e.reason) return edited ? `${e.reason} (${edited})` : e.reason;
  if (edited) return edited;
  if (e.action === 'LOGIN_FAILED' && typeof detail.reason === 'string') return T.admin.failedLogin[detail.reason] ?? detail.reason;
  if (typeof detail.rows === 'number') return T.admin.rowsRead(detail.rows);
  return null;
}

const auditColumns = (orgName: (code: string) => string, usernames: Map<string, string>): TableColumnsType<AuditRow> => [
  { title: T.admin.at, dataIndex: 'at', render: (v: string) => vnTime(v) },
  { title: T.admin.action, key: 'action', render: (_: unknown, e) => actionText(e) },
  { title: T.admin.actor, key: 'actor', render: (_: unknown, e) => actorOf(e) },
  { title: T.admin.subject, key: 'subject', render: (_: unknown, e) => subjectOf(e, usernames) },
  { title: T.admin.organization, dataIndex: 'organization', render: (v: string | null) => (v ? orgName(v) : T.dash) },
  { title: T.admin.reason, key: 'reason', render: (_: unknown, e) => whyOf(e) ?? T.dash },
];

/** On a phone (below 576 px): one line of the log as a card — when and what first, then who, on what, why — nothing off to the right. */
const phoneColumns = (orgName: (code: string) => string, usernames: Map<string, string>): TableColumnsType<AuditRow> => [
  {
    title: T.admin.auditEntry,
    key: 'entry',
    render: (_: unknown, e) => (
      <div style={{ overflowWrap: 'anywhere' }}>
        <Typography.Text strong>{actionText(e)}</Typography.Text>
        <Typography.Text type="secondary">{` · ${vnTime(e.at)}`}</Typography.Text>
        {(
          [
            [T.admin.actor, actorOf(e)],
            [T.admin.subject, e.subjectType || e.subjectId ? subjectOf(e, usernames) : null],
            [T.admin.organization, e.organization ? orgName(e.organization) : null],
            [T.admin.reason, whyOf(e)],
          ] as const
        )
          .filter(([, v]) => v)
          .map(([label, v]) => (
            <div key={label}>{`${label}: ${v}`}</div>
          ))}
      </div>
    ),
  },
];

/** The audit log, newest first: by action, actor, subject and days; 50 lines a page, older pages by the last id. */
export function AuditTab() {
  const [action, setAction] = useState<Action | undefined>();
  const [actor, setActor] = useState('');
  const [subject, setSubject] = useState('');
  const [days, setDays] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [before, setBefore] = useState<string | null>(null);
  const orgName = useOrganizationName();
  const typedActor = useDebounced(actor.trim(), 300);
  const typedSubject = useDebounced(subject.trim(), 300);
  // The accounts (the Người dùng tab's list), to name an account's lines; the server reads a typed username or Mã hồ sơ.
  const [users] = useQuery({ query: USERS });
  const usernames = new Map((users.data?.users ?? []).map((u) => [u.id, u.username]));
  const [events] = useQuery({
    query: AUDIT_EVENTS,
    variables: {
      action: action ?? null,
      actor: typedActor || null,
      subjectId: typedSubject || null,
      from: vnDay(days?.[0], false),
      to: vnDay(days?.[1], true),
      before,
    },
  });
  const page = events.data?.auditEvents;
  const rows = page?.nodes ?? [];
  const narrow = !Grid.useBreakpoint().sm;
  /** On a phone each filter on a line of its own, as wide as the screen. */
  const full = narrow ? { width: '100%' } : {};
  /** Any filter change starts again at the newest line. */
  const filter =
    <V,>(set: (v: V) => void) =>
    (v: V) => {
      set(v);
      setBefore(null);
    };

  const logTable = (columns: TableColumnsType<AuditRow>) => (
    <Table<AuditRow>
      rowKey="id"
      size="small"
      loading={events.fetching}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: T.admin.noEvents }}
      columns={columns}
    />
  );
  return (
    <section aria-label={T.admin.tabs.audit}>
      <Typography.Paragraph>{T.admin.auditIntro}</Typography.Paragraph>
      <Form layout={narrow ? 'vertical' : 'inline'} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={T.admin.action} htmlFor="audit-action">
          {/* Her words as the values: the library also writes the chosen value into the page (for screen readers). */}
          <Select<string>
            id="audit-action"
            aria-label={T.admin.action}
            style={{ minWidth: 220, ...full }}
            value={action ? T.admin.actionName[action] : undefined}
            placeholder={T.admin.anyAction}
            allowClear={CLEARABLE}
            showSearch={{ filterOption: byFoldedLabel }}
            onChange={(label) => filter(setAction)(ACTION_OF.get(label))}
            options={[...ACTION_OF.keys()].map((label) => ({ value: label, label }))}
          />
        </Form.Item>
        <Form.Item label={T.admin.actor} htmlFor="audit-actor">
          {/* The accounts whose names hold what she typed, to pick (the log is read by the whole name). */}
          <AutoComplete
            id="audit-actor"
            value={actor}
            onChange={(v: string) => filter(setActor)(v)}
            allowClear={CLEARABLE}
            placeholder={T.admin.actorHint}
            showSearch={{ filterOption: byFoldedLabel }}
            options={[...new Set(usernames.values())].sort().map((u) => ({ value: u, label: u }))}
          />
        </Form.Item>
        <Form.Item label={T.admin.subject} htmlFor="audit-subject">
          <Input
            id="audit-subject"
            placeholder={T.admin.subjectHint}
            value={subject}
            onChange={(e) => filter(setSubject)(e.target.value)}
            allowClear={CLEARABLE}
          />
        </Form.Item>
        {narrow ? (
          // On a phone a day at a time: the range's calendar of two months is wider than the screen, its first month cut off.
          <>
            <Form.Item label={T.admin.fromDay} htmlFor="audit-from">
              <DatePicker
                id="audit-from"
                format="DD/MM/YYYY"
                allowClear={CLEARABLE}
                value={days?.[0] ?? null}
                onChange={(d: Dayjs | null) => filter(setDays)([d, days?.[1] ?? null])}
                style={full}
              />
            </Form.Item>
            <Form.Item label={T.admin.toDay} htmlFor="audit-to">
              <DatePicker
                id="audit-to"
                format="DD/MM/YYYY"
                allowClear={CLEARABLE}
                value={days?.[1] ?? null}
                disabledDate={(d) => !!days?.[0] && d.isBefore(days[0], 'day')}
                onChange={(d: Dayjs | null) => filter(setDays)([days?.[0] ?? null, d])}
                style={full}
              />
            </Form.Item>
          </>
        ) : (
          <Form.Item label={T.admin.dates} htmlFor="audit-dates">
            <DatePicker.RangePicker
              id={{ start: 'audit-dates' }}
              format="DD/MM/YYYY"
              allowClear={CLEARABLE}
              value={days}
              onChange={filter(setDays)}
            />
          </Form.Item>
        )}
      </Form>
      {events.error && <Alert type="error" showIcon role="alert" title={errorText(events.error, T.error.network)} />}
      {narrow ? (
        logTable(phoneColumns(orgName, usernames))
      ) : (
        // Wider than the screen (a pair's id, a long action): a region she can scroll with the keyboard too.
        <div role="region" aria-label={T.admin.tabs.audit} tabIndex={0} style={{ overflowX: 'auto' }}>
          {logTable(auditColumns(orgName, usernames))}
        </div>
      )}
      <Space style={{ marginTop: 12 }}>
        {before && <Button onClick={() => setBefore(null)}>{T.admin.newest}</Button>}
        {page?.hasNextPage && rows.length > 0 && <Button onClick={() => setBefore(rows[rows.length - 1].id)}>{T.admin.older}</Button>}
      </Space>
    </section>
  );
}
