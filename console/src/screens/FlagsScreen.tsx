import { Alert, App, Button, Checkbox, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../client.ts';
import { graphql, type ResultOf } from '../graphql.ts';
import { keepsRosters, linksPersons, type Session } from '../session.ts';
import { T } from '../text.ts';
import { vnTime } from '../format.ts';
import { WRAPPING_LINK } from '../layout.ts';
import { SEVERITY_TONE } from '../tones.ts';
import { CLEARABLE } from '../icons.tsx';
import { CommunePicker } from './CommunePicker.tsx';
import { FlagDecisionDialog, type FlagDecision } from './FlagDecisionDialog.tsx';
import { MemberDrawer } from './MemberDrawer.tsx';
import { UnitPicker } from './UnitPicker.tsx';
import { printHref } from './RosterOutputs.tsx';
import { ORGANIZATIONS } from './roster-query.ts';
import { useFlagOptions } from './useFlagOptions.ts';
import { flagsFilterOf, flagsHref } from './flags-address.ts';

/** Her records no link run has read yet: their warnings are on their pages, not in this list. */
const UNLINKED = graphql(`
  query Unlinked($organization: String) {
    unlinkedRecords(organization: $organization)
  }
`);

const FLAGGED = graphql(`
  query Flagged(
    $organization: String
    $code: String
    $reason: String
    $commune: String
    $withinUnit: String
    $noCommune: Boolean
    $dismissed: Boolean
    $attention: Boolean
    $problemsOnly: Boolean
    $raisedSince: DateTime
    $after: String
  ) {
    flaggedRecords(
      organization: $organization
      code: $code
      reason: $reason
      commune: $commune
      withinUnit: $withinUnit
      noCommune: $noCommune
      dismissed: $dismissed
      attention: $attention
      problemsOnly: $problemsOnly
      raisedSince: $raisedSince
      after: $after
      first: 500
    ) {
      cursor
      recordId
      organization
      externalId
      fullName
      unitName
      unitLabel
      village
      ao
      aoReasons
      flags {
        code
        label
        severity
        message
        evidenceOutcome
        evidenceDate
        evidenceWhen
        confirmable
        resolution
        note
        askedNote
      }
    }
  }
`);
type Flagged = ResultOf<typeof FLAGGED>['flaggedRecords'][number];
/** A decision's button: its words wrap on a phone ("Mở hồ sơ (xóa tên nếu là bản ghi trùng)" made the table wider than the screen). */
const ACTION = { whiteSpace: 'normal', height: 'auto', textAlign: 'left' } as const;

/** Her organization's suspected phantoms and warnings, with their reasons: confirm, dismiss, or mark for attention. */
export function FlagsScreen({ session }: { session: Session }) {
  // The dashboard's link to the records behind a figure (flags-address.ts): its filters.
  const linked = flagsFilterOf(window.location.hash);
  const [code, setCode] = useState<string | undefined>(linked.code);
  // Suspected for this reason, as the dashboard counts them (a flag of that code may be only a warning).
  const [reason, setReason] = useState<string | undefined>(linked.reason);
  // A secretariat sees her organization's; the Ban Dân vận (no organization) every one's, or one she picks.
  const ownOrganization = session.user.organization ?? undefined;
  const [organization, setOrganization] = useState<string | undefined>(ownOrganization ?? linked.organization);
  const [commune, setCommune] = useState<string | undefined>(linked.commune);
  // One unit with its chi hội (a unit's Tổng quan links here): of the organization chosen.
  const [unit, setUnit] = useState<string | undefined>(linked.unit);
  // The dashboard's "Chưa rõ xã": records without a commune (a commune picked replaces it).
  const [noCommune, setNoCommune] = useState(!!linked.noCommune);
  // Flags called a false alarm leave the list at once; she may ask to see them again.
  const [dismissed, setDismissed] = useState(false);
  // What the Ban Dân vận asked her to look at (her banner's link), still undecided.
  const [attention, setAttention] = useState(!!linked.attention);
  // "n hồ sơ mới bị nghi ảo" since her previous log-in (her banner's link): those only, until she asks for all.
  const [since, setSince] = useState<string | undefined>(linked.since);
  const [open, setOpen] = useState<string | null>(null);
  const [decision, setDecision] = useState<FlagDecision | null>(null);
  // Pages of 500 (the table shows them 50 at a time): the cursors of the pages before, to go on or back.
  const [afters, setAfters] = useState<(string | null)[]>([null]);
  useEffect(() => setAfters([null]), [code, reason, organization, unit, commune, noCommune, dismissed, attention, since]);
  // Another address of this screen (a link followed, Back or Forward): its filters, read again.
  useEffect(() => {
    const followed = () => {
      const f = flagsFilterOf(window.location.hash);
      setCode(f.code);
      setReason(f.reason);
      if (!ownOrganization) setOrganization(f.organization);
      setUnit(f.unit);
      setCommune(f.commune);
      setNoCommune(!!f.noCommune);
      setAttention(!!f.attention);
      setSince(f.since);
    };
    window.addEventListener('hashchange', followed);
    return () => window.removeEventListener('hashchange', followed);
  }, [ownOrganization]);
  // The address says what she sees (a reload or a link given on shows the same), replaced, not a new history entry.
  useEffect(() => {
    const shown = { code, reason, organization: ownOrganization ? undefined : organization, unit, commune, noCommune, attention, since };
    const next = flagsHref(shown);
    if (next !== window.location.hash) window.history.replaceState(null, '', next);
  }, [code, reason, organization, ownOrganization, unit, commune, noCommune, attention, since]);
  const after = afters[afters.length - 1];
  const [result, refetch] = useQuery({
    query: FLAGGED,
    variables: {
      organization: organization ?? null,
      code: code ?? null,
      reason: reason ?? null,
      commune: commune ?? null,
      withinUnit: (organization && unit) || null,
      noCommune: noCommune || null,
      dismissed,
      attention: attention || null,
      raisedSince: since ?? null,
      // "In several organizations" alone is no problem: listed only when she asks for that flag.
      problemsOnly: !code,
      after,
    },
  });
  const [orgs] = useQuery({ query: ORGANIZATIONS, pause: ownOrganization !== undefined });
  const [unlinked] = useQuery({ query: UNLINKED, variables: { organization: organization ?? null } });
  const waiting = unlinked.data?.unlinkedRecords ?? 0;
  const rows = result.data?.flaggedRecords ?? [];
  // Her decisions so far: each one reads the filter's counts again and is said to be saved.
  const [decisions, setDecisions] = useState(0);
  const { message } = App.useApp();
  const codeOptions = useFlagOptions(organization, false, decisions, !commune && !noCommune);
  const secretariat = keepsRosters(session.user);
  const reasonLabel = reason && (rows.flatMap((r) => r.flags).find((f) => f.code === reason)?.label ?? reason);
  // The number she clicked on Tổng quan (counted over her whole scope: not said once a commune cuts the list).
  const reasonCount = reason && !commune && !noCommune ? codeOptions.find((o) => o.value === reason)?.suspected : undefined;

  const decided = (changed: boolean) => {
    // The Ban Dân vận's "attention" is a request sent to the secretariat, not a decision.
    const asked = decision?.resolution === 'ATTENTION';
    setDecision(null);
    if (!changed) return;
    refetch({ requestPolicy: 'network-only' });
    setDecisions((n) => n + 1);
    void message.success(asked ? T.flags.askedSent : T.flags.decided);
  };
  const ask = (r: Flagged, f: Flagged['flags'][number], resolution: FlagDecision['resolution']) =>
    setDecision({
      recordId: r.recordId,
      organization: r.organization,
      fullName: r.fullName,
      code: f.code,
      label: f.label,
      message: f.message,
      evidenceOutcome: f.evidenceOutcome,
      evidenceDate: f.evidenceDate,
      evidenceWhen: f.evidenceWhen,
      resolution,
    });

  return (
    <section aria-labelledby="flags-title">
      <Typography.Title level={1} id="flags-title" style={{ fontSize: 22 }}>
        {T.flags.title}
      </Typography.Title>
      <Typography.Paragraph>
        {secretariat ? T.flags.intro : session.user.role === 'DAN_VAN' ? T.flags.introWatching : T.flags.introReading}
      </Typography.Paragraph>
      {waiting > 0 && <Alert type="warning" showIcon role="status" title={T.flags.unlinked(waiting)} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          aria-label={T.flags.code}
          // The chosen kind's long label ("Ở nhiều tổ chức: 100 hồ sơ có cảnh báo, 0 nghi ảo") is cut on a phone, not the page widened.
          style={{ minWidth: 200, maxWidth: 'calc(100vw - 32px)' }}
          allowClear={CLEARABLE}
          placeholder={T.flags.anyCode}
          popupMatchSelectWidth={false}
          optionRender={(o) => <span style={{ whiteSpace: 'normal' }}>{o.label}</span>}
          value={code}
          onChange={(c) => {
            setCode(c);
            setReason(undefined);
          }}
          options={codeOptions}
        />
        {reasonLabel && (
          <Space size={4} data-testid="reason-filter">
            <Tag style={{ whiteSpace: 'normal', margin: 0 }}>{T.flags.onlyReason(reasonLabel, reasonCount)}</Tag>
            <Button size="small" onClick={() => setReason(undefined)}>
              {T.flags.clearReason}
            </Button>
          </Space>
        )}
        {ownOrganization === undefined && (
          <Select
            aria-label={T.flags.organization}
            style={{ minWidth: 220, maxWidth: 'calc(100vw - 32px)' }}
            allowClear={CLEARABLE}
            placeholder={T.flags.anyOrganization}
            value={organization}
            onChange={(o?: string) => {
              // Another organization's units are not this one's.
              setOrganization(o);
              setUnit(undefined);
            }}
            options={orgs.data?.organizations.map((o) => ({ value: o.code, label: o.name }))}
          />
        )}
        {organization && <UnitPicker organization={organization} value={unit} onChange={setUnit} />}
        <CommunePicker
          value={commune}
          onChange={(c) => {
            setCommune(c);
            if (c) setNoCommune(false);
          }}
          placeholder={T.roster.anyCommune}
          label={T.roster.commune}
        />
        {noCommune && (
          <Space size={4} data-testid="no-commune-filter">
            <Tag style={{ whiteSpace: 'normal', margin: 0 }}>{T.flags.onlyNoCommune}</Tag>
            <Button size="small" onClick={() => setNoCommune(false)}>
              {T.flags.clearNoCommune}
            </Button>
          </Space>
        )}
        {since && (
          <Space size={4} data-testid="since-filter">
            <Tag style={{ whiteSpace: 'normal', margin: 0 }}>{T.flags.onlySince(vnTime(since))}</Tag>
            <Button size="small" onClick={() => setSince(undefined)}>
              {T.flags.clearSince}
            </Button>
          </Space>
        )}
        <Checkbox checked={attention} onChange={(e) => setAttention(e.target.checked)}>
          {T.flags.onlyAttention}
        </Checkbox>
        <Checkbox checked={dismissed} onChange={(e) => setDismissed(e.target.checked)}>
          {T.flags.showDismissed}
        </Checkbox>
        <Typography.Text aria-live="polite">
          {result.data
            ? T.flags.count(
                (afters.length - 1) * 500,
                rows.length,
                rows.length >= 500,
                !!code,
                code ? undefined : rows.filter((r) => r.ao).length,
              )
            : ''}
        </Typography.Text>
        {/* The list to send a commune (suspected phantoms by default), printed as filed: one organization's at a time. */}
        {organization && !noCommune && (
          <Button href={printHref({ organization, commune, flag: reason ?? code ?? 'AO', status: 'ACTIVE' })}>
            {T.flags.print(!reason && !code)}
          </Button>
        )}
        {afters.length > 1 && <Button onClick={() => setAfters([null])}>{T.flags.firstPage}</Button>}
        {rows.length >= 500 && <Button onClick={() => setAfters([...afters, rows[rows.length - 1].cursor])}>{T.flags.nextPage}</Button>}
      </Space>
      {result.error && (
        <Alert type="error" showIcon role="alert" title={T.error.generic} description={errorText(result.error, T.error.network)} />
      )}
      <Table<Flagged>
        rowKey="recordId"
        size="small"
        loading={result.fetching}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: <Typography.Text type="secondary">{T.flags.empty}</Typography.Text> }}
        columns={[
          {
            title: T.column.name,
            render: (_, r) => (
              <Button id={nameId(r.recordId)} type="link" style={WRAPPING_LINK} onClick={() => setOpen(r.recordId)}>
                {r.fullName}
              </Button>
            ),
          },
          // On a phone the code gives way to the reasons and their buttons (it is on the member's page).
          { title: T.column.code, dataIndex: 'externalId', responsive: ['sm'] },
          // Which chi hội lists her: two listings of one person told apart at a glance.
          // Its commune beside a name several communes' units share ("Chi hội thôn Tân Thanh").
          { title: T.column.unit, dataIndex: 'unitLabel', responsive: ['sm'], render: (v: string | null) => v ?? T.dash },
          // Her members' villages: what tells two namesakes of one commune apart in her list.
          ...(rows.some((r) => r.village)
            ? [{ title: T.column.village, dataIndex: 'village', responsive: ['md' as const], render: (v: string | null) => v ?? T.dash }]
            : []),
          ...(ownOrganization === undefined
            ? [
                {
                  title: T.flags.organization,
                  render: (_: unknown, r: Flagged) =>
                    orgs.data?.organizations.find((o) => o.code === r.organization)?.name ?? r.organization,
                },
              ]
            : []),
          {
            title: T.flags.reasons,
            render: (_, r) =>
              r.flags.map((f) => (
                <div key={f.code} style={{ marginBottom: 6 }}>
                  <Tag id={flagId(r.recordId, f.code)} color={SEVERITY_TONE[f.severity]} style={{ whiteSpace: 'normal' }}>
                    {f.label}
                  </Tag>{' '}
                  {f.message}
                  {/* Who decided what, and in their words: the Ban Dân vận's request is what she is asked to check. */}
                  {f.resolution && (
                    <Typography.Text type={f.resolution === 'ATTENTION' ? 'warning' : 'secondary'}>
                      {' — '}
                      {T.flags.resolution[f.resolution] ?? f.resolution}
                      {f.note ? `: “${f.note}”` : ''}
                      {/* What the office decided on the Ban Dân vận's request: his request, beside it. */}
                      {f.resolution !== 'ATTENTION' && f.askedNote ? ` (${T.flags.asked(f.askedNote)})` : ''}
                    </Typography.Text>
                  )}
                  {/* INFO (in several organizations, say) is information, not a question to decide. */}
                  {!f.resolution && f.severity !== 'INFO' && session.user.role === 'DAN_VAN' && (
                    <Button
                      size="small"
                      style={{ ...ACTION, marginLeft: 8 }}
                      onClick={() => ask(r, f, 'ATTENTION')}
                      aria-describedby={about(r.recordId, f.code)}
                    >
                      {T.flags.attention}
                    </Button>
                  )}
                  {/* Listed twice in her organization: information, settled by striking off one copy from its page. */}
                  {f.severity === 'INFO' && f.code === 'DUPLICATE_IN_ORG' && secretariat && (
                    <Button size="small" style={{ ...ACTION, marginLeft: 8 }} onClick={() => setOpen(r.recordId)}>
                      {T.flags.openDuplicate}
                    </Button>
                  )}
                  {/* The Ban Dân vận's "chú ý" asks her to look again: the decision is still hers. */}
                  {(!f.resolution || f.resolution === 'ATTENTION') && f.severity !== 'INFO' && secretariat && (
                    <Space size={4} wrap style={{ marginLeft: 8 }}>
                      {/* A data flag is settled by correcting the record (a phone, a full birth date), never by ending the membership. */}
                      {f.confirmable ? (
                        <Button
                          size="small"
                          style={ACTION}
                          onClick={() => ask(r, f, 'CONFIRMED')}
                          aria-describedby={about(r.recordId, f.code)}
                        >
                          {T.flags.confirm}
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          style={ACTION}
                          onClick={() => setOpen(r.recordId)}
                          aria-describedby={about(r.recordId, f.code)}
                        >
                          {T.flags.correct}
                        </Button>
                      )}
                      <Button
                        size="small"
                        style={ACTION}
                        onClick={() => ask(r, f, 'FALSE_ALARM')}
                        aria-describedby={about(r.recordId, f.code)}
                      >
                        {T.flags.dismiss}
                      </Button>
                    </Space>
                  )}
                </div>
              )),
          },
        ]}
      />
      {decision && <FlagDecisionDialog key={`${decision.recordId}-${decision.code}`} decision={decision} onClose={decided} />}
      <MemberDrawer
        id={open}
        onClose={() => setOpen(null)}
        canEdit={secretariat}
        onChanged={() => refetch({ requestPolicy: 'network-only' })}
        canLink={linksPersons(session.user)}
      />
    </section>
  );
}

/**
 * Each row's buttons (Xác nhận, Không đúng…) read, to a screen reader, with whose record and which flag
 * they decide: described by the row's name and the flag's tag, their visible names kept.
 */
const nameId = (recordId: string) => `flag-row-${recordId}`;
const flagId = (recordId: string, code: string) => `flag-${recordId}-${code}`;
const about = (recordId: string, code: string) => `${nameId(recordId)} ${flagId(recordId, code)}`;
