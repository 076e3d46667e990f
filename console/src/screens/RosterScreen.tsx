import { Alert, Button, Grid, Input, Select, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../client.ts';
import { byFoldedLabel, byUnitName } from '../format.ts';
import { keepsRosters, linksPersons, type Session } from '../session.ts';
import { T } from '../text.ts';
import { CLEARABLE, SearchIcon } from '../icons.tsx';
import { useDebounced } from '../useDebounced.ts';
import { CommunePicker } from './CommunePicker.tsx';
import { useFlagOptions } from './useFlagOptions.ts';
import { useScopeNames } from './useScopeNames.ts';
import { MemberDrawer } from './MemberDrawer.tsx';
import { MemberForm } from './member/MemberForm.tsx';
import { STATUSES } from './member/member-api.ts';
import { exportHref, RosterOutputs } from './RosterOutputs.tsx';
import { COMMUNE_ORGANIZATIONS, OPEN_NOTES, ORGANIZATIONS, ROSTER, UNITS, type RosterRow } from './roster-query.ts';
import { ColumnChooser } from './ColumnChooser.tsx';
import { RosterPager } from './RosterPager.tsx';
import { COLUMNS_KEPT, keptColumns, rosterColumns, type ColumnKey } from './roster-columns.tsx';
import { addressQuery } from '../address-query.ts';

/** Her organization's roster: search as she types, filters, keyset pages, the columns she chooses. */
export function RosterScreen({ session }: { session: Session }) {
  // The dashboard's link to a commune's roster: #/danh-sach?xa=<mã xã>&to-chuc=<mã tổ chức>&don-vi=<mã đơn vị>&canh-bao=<mã cảnh báo> (codes only).
  const linked = addressQuery();
  const [organization, setOrganization] = useState(session.user.organization ?? linked.get('to-chuc') ?? '');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | undefined>('ACTIVE');
  const [unit, setUnit] = useState<string | undefined>(linked.get('don-vi') ?? undefined);
  const [commune, setCommune] = useState<string | undefined>(linked.get('xa') ?? undefined);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [columns, setColumns] = useState<ColumnKey[]>(keptColumns);
  const [flag, setFlag] = useState<string | undefined>(linked.get('canh-bao') ?? undefined);
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const scope = useScopeNames(session.user);
  const canEdit = keepsRosters(session.user);
  const narrow = !Grid.useBreakpoint().md;
  const [panelOpen, setPanelOpen] = useState(false);
  const filtersOn = [status, unit, commune, flag].filter(Boolean).length;
  // In the phone's panel each filter takes the screen's width.
  const wide = narrow ? { width: '100%' } : {};

  const [orgs] = useQuery({ query: ORGANIZATIONS });
  // The organizations that keep members' records (not the Mặt trận, whose members are organizations): the first opens.
  const rosters = useMemo(() => orgs.data?.organizations.filter((o) => o.hasIndividualMembers) ?? [], [orgs.data]);
  // Sent to a commune's roster without an organization (the dashboard's link): the one with most members there.
  // (Read too when she picked both: the other organizations with members there are said beside the title.)
  const [there] = useQuery({
    query: COMMUNE_ORGANIZATIONS,
    variables: { scope: `commune:${commune}` },
    pause: !commune || !!session.user.organization,
  });
  useEffect(() => {
    if (organization || !rosters.length || (commune && !there.data && !there.error)) return;
    const cells = there.data?.overlap.matrix.filter((c) => c.a === c.b && rosters.some((o) => o.code === c.a)) ?? [];
    const most = cells.sort((x, y) => y.persons - x.persons)[0];
    setOrganization(most?.a ?? rosters[0].code);
  }, [organization, rosters, commune, there.data, there.error]);
  // An address typed or followed while the roster is open (a link, Back): what it says is what she sees.
  useEffect(() => {
    const follow = () => {
      if (!window.location.hash.startsWith('#/danh-sach')) return;
      const q = addressQuery();
      setCommune(q.get('xa') ?? undefined);
      setFlag(q.get('canh-bao') ?? undefined);
      setUnit(q.get('don-vi') ?? undefined);
      if (!session.user.organization && q.get('to-chuc')) setOrganization(q.get('to-chuc')!);
      setCursors([null]);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [session.user.organization]);
  // The address says what she sees (a reload, Back from a member's page keep it): codes only, replaced, not a new history entry.
  useEffect(() => {
    if (!window.location.hash.startsWith('#/danh-sach')) return;
    const q = new URLSearchParams();
    if (commune) q.set('xa', commune);
    if (organization && !session.user.organization) q.set('to-chuc', organization);
    if (unit) q.set('don-vi', unit);
    if (flag) q.set('canh-bao', flag);
    const next = `#/danh-sach${q.size ? `?${q.toString()}` : ''}`;
    if (next !== window.location.hash) window.history.replaceState(null, '', next);
  }, [commune, organization, unit, flag, session.user.organization]);
  // Sent to a commune without an organization: the others with members there, said (one roster shows at a time).
  const elsewhere =
    there.data?.overlap.matrix
      .filter((c) => c.a === c.b && c.a !== organization && c.persons > 0 && rosters.some((o) => o.code === c.a))
      .sort((x, y) => y.persons - x.persons)
      .map((c) => `${rosters.find((o) => o.code === c.a)!.name} (${c.persons.toLocaleString('vi-VN')})`) ?? [];
  const [units] = useQuery({ query: UNITS, variables: { organization }, pause: !organization });
  const [statuses] = useQuery({ query: STATUSES, variables: { organization: organization || null } });
  const statusLabel = statuses.data?.memberStatuses.find((s) => s.code === status)?.label;
  const flagOptions = useFlagOptions(organization, !organization, 0, !unit && !commune);
  useEffect(() => setCursors([null]), [organization, search, status, unit, commune, flag]);
  const after = cursors[cursors.length - 1];
  const [roster, refetchRoster] = useQuery({
    query: ROSTER,
    variables: {
      organization,
      search: search || null,
      status: (status ?? null) as never,
      unit: unit ?? null,
      commune: commune ?? null,
      flag: flag ?? null,
      after,
    },
    pause: !organization,
  });
  const page = roster.data?.memberRecords;
  const changed = () => refetchRoster({ requestPolicy: 'network-only' });
  const offset = (cursors.length - 1) * 50;
  const table = useMemo(() => rosterColumns(columns, offset, setOpen, narrow), [columns, offset, narrow]);
  // The table redrawn only when its rows or columns change: a search on its way shows a small spinner
  // beside the count instead (redrawing 50 rows to grey them over delayed the answer on a slow machine).
  const rows = page?.nodes;
  const firstLoad = !page && roster.fetching;
  const rosterTable = useMemo(
    () => (
      <Table<RosterRow>
        rowKey="id"
        size="small"
        loading={firstLoad}
        dataSource={rows ?? []}
        columns={table}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <>
              <Typography.Text type="secondary">{partNumber(search) ? T.roster.emptyPartialNumber : T.roster.empty}</Typography.Text>
              {/* Looked for by name under one status: an ended member is there under his own. */}
              {search && status && (
                <div>
                  <Button type="link" onClick={() => setStatus(undefined)}>
                    {T.roster.everyStatus(statusLabel ?? status)}
                  </Button>
                </div>
              )}
            </>
          ),
        }}
      />
    ),
    [rows, table, firstLoad, search, status, statusLabel],
  );

  const filters = (
    <>
      {!session.user.organization && (
        <Select
          aria-label={T.roster.organization}
          style={{ minWidth: 220, ...wide }}
          value={organization || undefined}
          onChange={(code: string) => {
            // Another organization's units are not this one's: the unit filter starts again.
            setOrganization(code);
            setUnit(undefined);
          }}
          options={rosters.map((o) => ({ value: o.code, label: o.name }))}
        />
      )}
      <Select
        aria-label={T.roster.status}
        style={{ minWidth: 190, ...wide }}
        allowClear={CLEARABLE}
        placeholder={T.roster.anyStatus}
        // "Every status" is a choice of its own, first in the list: the clear icon shows only under a mouse.
        value={status ?? ''}
        onChange={(v?: string) => setStatus(v || undefined)}
        options={[
          { value: '', label: T.roster.anyStatus },
          ...(statuses.data?.memberStatuses.map((s) => ({ value: s.code, label: s.label })) ?? []),
        ]}
        // Until the statuses' names have come, the box says so: never the bare value (`ACTIVE`).
        labelRender={(o) => o.label ?? T.roster.statusLoading}
      />
      <Select
        aria-label={T.roster.unit}
        style={{ minWidth: 200, ...wide }}
        allowClear={CLEARABLE}
        showSearch={{ filterOption: byFoldedLabel }}
        placeholder={T.roster.anyUnit}
        value={unit}
        onChange={setUnit}
        // Each chi hội's whole name in the list ("Chi hội Phụ nữ bản Bản Mới", "… bản Bản Phủ"), never two cut alike.
        popupMatchSelectWidth={narrow}
        optionRender={(o) => <span style={{ whiteSpace: 'normal' }}>{o.label}</span>}
        options={byUnitName(units.data?.units).map((u) => ({ value: u.code, label: u.name }))}
      />
      <CommunePicker value={commune} onChange={setCommune} placeholder={T.roster.anyCommune} label={T.roster.commune} style={wide} />
      <Select
        aria-label={T.roster.flag}
        style={{ minWidth: 200, ...wide }}
        allowClear={CLEARABLE}
        placeholder={T.roster.anyFlag}
        // Each choice read whole ("Không đủ/quá tuổi: 4 hồ sơ có cảnh báo, 4 nghi ảo"), wrapped on a phone, never cut off.
        popupMatchSelectWidth={narrow}
        optionRender={(o) => <span style={{ whiteSpace: 'normal' }}>{o.label}</span>}
        value={flag}
        onChange={setFlag}
        options={[...flagOptions, { value: OPEN_NOTES, label: T.roster.openNotes }]}
      />
    </>
  );
  const add = canEdit && organization && (
    <Button type="primary" onClick={() => setAdding(true)}>
      {T.roster.add}
    </Button>
  );
  const columnChooser = (
    <ColumnChooser
      value={columns}
      onChange={(chosen) => {
        setColumns(chosen);
        try {
          window.localStorage.setItem(COLUMNS_KEPT, JSON.stringify(chosen));
        } catch {
          // (Kept for this visit only.)
        }
      }}
    />
  );
  const outputs = (
    <>
      {/* The export is the organization's own office's (the server refuses the Ban Dân vận): not offered to others. */}
      {organization && canEdit && (
        <Button href={exportHref({ organization, unit, commune, status })} download>
          {T.roster.export}
        </Button>
      )}
      <RosterOutputs session={session} filter={{ organization, unit, commune, status, flag }} />
    </>
  );

  // The title names her organization: drawn before its name is known, the roster would move down under her finger.
  if (orgs.data === undefined && orgs.error === undefined) return <Spin />;
  return (
    <section aria-labelledby="roster-title">
      <Typography.Title level={1} id="roster-title" style={{ fontSize: 22 }}>
        {T.roster.title} {orgs.data?.organizations.find((o) => o.code === organization)?.name ?? ''}
        {scope.unit && ` — ${scope.unit}`}
      </Typography.Title>
      {elsewhere.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="other-organizations">
          {T.roster.otherOrganizations(elsewhere.join(', '))}
        </Typography.Paragraph>
      )}
      {narrow ? (
        // A phone: the search box, then "Lọc" (how many filters are on) over a panel with the rest; her members come next,
        // her printouts and báo cáo under them (not in the filters' panel, where nobody looks for them).
        <>
          <SearchBox onSettled={setSearch} />
          <Space wrap style={{ marginBottom: 12 }}>
            <Button aria-expanded={panelOpen} aria-controls="roster-filters" onClick={() => setPanelOpen(!panelOpen)}>
              {T.roster.filters(filtersOn)}
            </Button>
            {add}
          </Space>
          <div id="roster-filters" role="region" aria-label={T.roster.filterPanel} hidden={!panelOpen} style={{ marginBottom: 12 }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {filters}
              {columnChooser}
            </Space>
          </div>
        </>
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            {filters}
            {columnChooser}
            {add}
            {outputs}
          </Space>
          <SearchBox onSettled={setSearch} />
        </>
      )}
      {roster.error && (
        <Alert type="error" showIcon role="alert" title={T.error.generic} description={errorText(roster.error, T.error.network)} />
      )}
      {/* How many, above the rows too: on a phone the foot is fifty rows down. */}
      {page && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="roster-count">
          {T.roster.shown(page.totalCount, page.countCapped, offset, page.nodes.length)}
        </Typography.Paragraph>
      )}
      {rosterTable}
      <RosterPager
        total={page ? T.roster.total(page.totalCount, page.countCapped) : ''}
        fetching={roster.fetching && !!page}
        atFirst={cursors.length === 1}
        hasNext={!!page?.pageInfo.hasNextPage}
        onFirst={() => setCursors([null])}
        onNext={() => setCursors([...cursors, page!.pageInfo.endCursor])}
      />
      {narrow && (
        <Space wrap role="group" aria-label={T.roster.outputs} style={{ marginTop: 16, display: 'flex' }}>
          {outputs}
        </Space>
      )}
      <MemberDrawer id={open} onClose={() => setOpen(null)} canEdit={canEdit} onChanged={changed} canLink={linksPersons(session.user)} />
      {canEdit && (
        <MemberForm
          organization={organization}
          record={null}
          open={adding}
          onClose={() => setAdding(false)}
          onSaved={(id) => {
            setAdding(false);
            changed();
            setOpen(id);
          }}
          onOpen={(id) => {
            setAdding(false);
            setOpen(id);
          }}
        />
      )}
    </section>
  );
}

/**
 * A search of digits alone too short for a whole number (a CCCD has 12, a CMND 9, a phone 10): only
 * Mã hồ sơ are searched by a part, the numbers are kept sealed and found whole.
 */
const partNumber = (search: string): boolean => {
  if (!/^[\d\s.]+$/.test(search)) return false;
  const digits = search.replace(/\D/g, '');
  return digits.length < 9 || (digits.length === 11 && !digits.startsWith('84'));
};

/**
 * The search box, with its own state: a keystroke redraws the box alone, not the roster's table; the
 * search is asked 100 ms after the last one (keys typed faster than that make one search; a search
 * costs the server ~25 ms at 1M records, bench:console).
 */
function SearchBox({ onSettled }: { onSettled: (search: string) => void }) {
  const [text, setText] = useState('');
  const settled = useDebounced(text.trim(), 100);
  useEffect(() => onSettled(settled), [settled, onSettled]);
  return (
    <Input
      type="search"
      aria-label={T.roster.search}
      placeholder={T.roster.search}
      prefix={<SearchIcon />}
      allowClear={CLEARABLE}
      value={text}
      onChange={(e) => setText(e.target.value)}
      style={{ marginBottom: 12 }}
    />
  );
}
