import { Alert, Button, Card, Flex, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { vnTime } from '../../format.ts';
import type { Session } from '../../session.ts';
import { T } from '../../text.ts';
import { CommunePicker } from '../CommunePicker.tsx';
import { UnitPicker } from '../UnitPicker.tsx';
import { CommuneTable } from './CommuneTable.tsx';
import { Figure } from './Figure.tsx';
import { OverlapHeatmap } from './OverlapHeatmap.tsx';
import {
  COMMUNE_FIGURES,
  COMMUNE_STORED,
  LIVE,
  OVERLAP,
  organizationPart,
  STORED,
  storedPeriods,
  type Live,
  type StoredPeriod,
  UNIT_FIGURES,
} from './queries.ts';
import { UnitTable } from './UnitTable.tsx';
import { flagsHref } from '../flags-address.ts';
import { addressQuery } from '../../address-query.ts';

const D = T.dashboard;

/** The scope the address names (`pham-vi`), when it is one the dashboard shows; else the province. */
function scopeInAddress(): string {
  const named = addressQuery().get('pham-vi') ?? '';
  return /^(org:[A-Z]{2,8}|commune:\d{5}|unit:[A-Z]{2,8}\/[A-Za-z0-9._-]{1,32})$/.test(named) ? named : 'province';
}
const n = (v: number) => v.toLocaleString('vi-VN');

/**
 * The Ban Dân vận's (and the auditor's) home, and a secretariat's own (`own`): a scope's live figures
 * beside the stored periods, the organizations' overlap and every commune — aggregates only, never a name.
 */
export function DashboardScreen({ session, own }: { session: Session; own?: boolean }) {
  // A secretariat's own (`own`): her unit with its chi hội, or her organization, or one unit of hers — no other scope, the address left alone.
  const { organization: mine, unit } = session.user;
  const ownScope = unit ? `unit:${mine}/${unit}` : `org:${mine}`;
  const [scope, setScope] = useState(own ? ownScope : scopeInAddress);
  // A scope she opens is a page of its own: Back returns to the one before (the province from a commune); opened from
  // the table at the foot of the page, its figures start at the top. Her own Tổng quan keeps its address.
  const choose = (next: string) => {
    setScope(next);
    window.scrollTo(0, 0);
    if (own) return;
    const href = next === 'province' ? '#/tong-quan' : `#/tong-quan?pham-vi=${next}`;
    if (window.location.hash !== href) window.history.pushState(null, '', href);
  };
  // Back, Forward, or an address typed or pasted in the open tab: the scope it names.
  useEffect(() => {
    const follow = () => {
      const here = window.location.hash;
      if (!own && (!here || here === '#/' || here.startsWith('#/tong-quan'))) setScope(scopeInAddress());
    };
    window.addEventListener('popstate', follow);
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('popstate', follow);
      window.removeEventListener('hashchange', follow);
    };
  }, []);
  // The address keeps the scope (`#/tong-quan?pham-vi=commune:00004`, codes only): Back from a figure's
  // people or a reload returns to the commune she was looking at, not to the province.
  useEffect(() => {
    const here = window.location.hash;
    if (own || (here && here !== '#/' && !here.startsWith('#/tong-quan'))) return;
    const next = scope === 'province' ? (here.startsWith('#/tong-quan') ? '#/tong-quan' : here) : `#/tong-quan?pham-vi=${scope}`;
    if (next !== here) window.history.replaceState(null, '', next || '#/');
  }, [scope]);
  const [live] = useQuery({ query: LIVE, variables: { scope } });
  const [communes] = useQuery({ query: COMMUNE_FIGURES, variables: { scope } });
  // An organization's cơ sở, a unit's chi hội: each with its figures (none for the province or a commune).
  const underUnits = scope.startsWith('org:') || scope.startsWith('unit:');
  const [units] = useQuery({ query: UNIT_FIGURES, variables: { scope }, pause: !underUnits });
  // An organization's row is the same in the province's overlap (its people under all of their organizations): the province's, shared.
  const org = scope.startsWith('org:') ? scope.slice(4) : null;
  // A unit's matrix is its people's row: where else they are (its diagonal cell is the unit's people).
  const unitOrg = scope.startsWith('unit:') ? scope.slice(5, scope.indexOf('/')) : null;
  const [overlap] = useQuery({ query: OVERLAP, variables: { scope: org ? 'province' : scope } });
  const [stored] = useQuery({ query: STORED, variables: { scope } });
  // An organization's past periods are its row of the province's reports where it has none of its own.
  const ownEnded = stored.data && storedPeriods(stored.data.reports).length > 0;
  const [provinceStored] = useQuery({ query: STORED, variables: { scope: 'province' }, pause: !org || ownEnded !== false });
  const commune = scope.startsWith('commune:') ? scope.slice(8) : undefined;
  // A commune's past periods are its part of the province's reports where it has none of its own.
  const [communeStored] = useQuery({ query: COMMUNE_STORED, variables: { commune: commune ?? '' }, pause: !commune });
  const names = new Map((stored.data?.organizations ?? []).map((o) => [o.code, o.name]));
  const abbreviations = new Map((stored.data?.organizations ?? []).map((o) => [o.code, o.abbreviation]));
  // Until the stored reports have come, nothing is said of them: not "no report yet", not "nothing to compare with".
  const periods: StoredPeriod[] | undefined = commune
    ? communeStored.data && storedPeriods(communeStored.data.communeReports)
    : org && ownEnded === false
      ? provinceStored.data && storedPeriods(organizationPart(provinceStored.data.reports, org))
      : stored.data && storedPeriods(stored.data.reports);
  // The roster and Cảnh báo name people: only for who may read them (not the auditor).
  const readsRoster = session.user.role === 'DAN_VAN' || session.user.role === 'ADMIN' || !!own;
  const unitCode = unitOrg ? scope.slice(scope.indexOf('/') + 1) : null;
  // A unit's suspects: Cảnh báo of that unit with its chi hội, as its figures count them.
  const flagsHref = readsRoster
    ? (reason: string | null, xa: string | null | undefined = commune) => flagsLink({ reason, xa, org: org ?? unitOrg, unit: unitCode })
    : undefined;
  const rosterHref = (code: string) =>
    `#/danh-sach?xa=${code}${org || unitOrg ? `&to-chuc=${org ?? unitOrg}` : ''}${unitCode ? `&don-vi=${encodeURIComponent(unitCode)}` : ''}`;
  const error = live.error ?? communes.error ?? units.error ?? overlap.error ?? stored.error ?? communeStored.error ?? provinceStored.error;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {D.title}
        {live.data && ` — ${live.data.liveFigures.scopeLabel}`}
      </Typography.Title>
      <Flex wrap gap={8} align="center">
        {!own && (
          <Select
            aria-label={D.scope}
            style={{ minWidth: 220, maxWidth: '100%' }}
            value={scope.startsWith('commune:') ? undefined : unitOrg ? `org:${unitOrg}` : scope}
            placeholder={D.scope}
            onChange={choose}
            // Each organization's whole name in the list ("Tổ chức: Hội Cựu chiến binh Việt Nam"), never cut.
            popupMatchSelectWidth={false}
            options={[
              { value: 'province', label: D.province },
              // Not the Mặt trận, whose members are organizations: its figures would be zeros.
              ...(stored.data?.organizations ?? [])
                .filter((o) => o.hasIndividualMembers)
                .map((o) => ({ value: `org:${o.code}`, label: D.organization(o.name) })),
            ]}
          />
        )}
        {/* One unit with its chi hội: the Ban Dân vận's within an organization, a secretariat's within her own. */}
        {(org ?? unitOrg) && (
          <UnitPicker
            organization={(org ?? unitOrg)!}
            value={unitCode ?? undefined}
            onChange={(code) => choose(code ? `unit:${org ?? unitOrg}/${code}` : own ? ownScope : `org:${org ?? unitOrg}`)}
          />
        )}
        {!own && (
          <CommunePicker
            homeOnly
            label={D.commune}
            placeholder={D.commune}
            value={scope.startsWith('commune:') ? scope.slice(8) : undefined}
            onChange={(code) => choose(code ? `commune:${code}` : 'province')}
          />
        )}
        {!own && scope !== 'province' && <Button onClick={() => choose('province')}>{D.backToProvince}</Button>}
        <Button href={`/tong-quan.xlsx?scope=${encodeURIComponent(scope)}`} download>
          {D.exportXlsx}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon title={errorText(error, T.error.generic)} />}
      {!live.data ? (
        <Spin description={D.loading} />
      ) : (
        <>
          <Typography.Text data-testid="as-of">
            {D.asOf(vnTime(live.data.liveFigures.asOf))}
            {/* Persons and suspicions are the last link run's: when it ran, or that none has. */}
            {' · '}
            {live.data.liveFigures.linkedAt ? D.linkedAt(vnTime(live.data.liveFigures.linkedAt)) : D.neverLinked}
          </Typography.Text>
          <Headline live={live.data.liveFigures} periods={periods} />
          <Flex wrap gap={12}>
            <Buckets live={live.data.liveFigures} />
            <Reasons live={live.data.liveFigures} href={flagsHref} />
          </Flex>
          {periods && <Stored periods={periods} own={own} commune={commune} />}
        </>
      )}
      {overlap.data && (
        <OverlapHeatmap
          matrix={overlap.data.overlap.matrix}
          names={names}
          abbreviations={abbreviations}
          only={org ?? unitOrg ?? undefined}
          whose={unitOrg ? live.data?.liveFigures.scopeLabel : undefined}
        />
      )}
      {underUnits && !!units.data?.liveUnits.units.length && (
        <UnitTable
          units={units.data.liveUnits.units}
          under={scope.startsWith('org:') ? 'org' : 'unit'}
          notSuspectedLabel={live.data?.liveFigures.peopleNotSuspectedLabel}
          onOpen={(code) => choose(`unit:${org ?? unitOrg}/${code}`)}
        />
      )}
      {communes.data && (
        <CommuneTable
          communes={communes.data.liveCommunes.communes}
          oneOrganization={!!org || !!unitOrg}
          notSuspectedLabel={live.data?.liveFigures.peopleNotSuspectedLabel}
          onOpen={own ? undefined : (code) => choose(`commune:${code}`)}
          rosterHref={readsRoster ? rosterHref : undefined}
          phantomsHref={flagsHref && ((code) => flagsHref(null, code))}
        />
      )}
    </Space>
  );
}

/** Số lượt, số người, the estimate beside the confirmed phantoms, the suspected ones. */
function Headline({ live, periods }: { live: Live; periods?: StoredPeriod[] }) {
  // A period stored before a figure was kept has none: the trend leaves it out, and without the last one there is no change to show.
  // While the stored periods load, no change line at all.
  const trend = (k: 'memberships' | 'people' | 'peopleNotSuspected' | 'suspectedPhantoms') => {
    if (!periods) return undefined;
    const points = periods.flatMap((p) =>
      typeof p.totals[k] === 'number' ? [{ period: p.periodLabel, value: p.totals[k], final: p.final }] : [],
    );
    return points.length && points[points.length - 1].period === periods[periods.length - 1].periodLabel ? points : [];
  };
  return (
    <Flex wrap gap={12}>
      <Figure testId="memberships" label={D.memberships} value={live.memberships} note={D.membershipsNote} trend={trend('memberships')} />
      <Figure testId="people" label={D.people} value={live.people} note={D.peopleNote} trend={trend('people')} />
      <Figure
        testId="not-suspected"
        label={live.peopleNotSuspectedLabel}
        value={live.peopleNotSuspected}
        note={live.peopleNotSuspectedNote}
        trend={trend('peopleNotSuspected')}
        beside={
          <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="confirmed">
            {`${D.confirmed}: `}
            <span data-figure={live.confirmedPhantoms}>{n(live.confirmedPhantoms)}</span>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {D.confirmedNote}
            </Typography.Text>
          </Typography.Paragraph>
        }
      />
      <Figure
        testId="suspected"
        label={D.suspected}
        value={live.suspectedPhantoms}
        note={D.suspectedNote}
        trend={trend('suspectedPhantoms')}
      />
    </Flex>
  );
}

function Buckets({ live }: { live: Live }) {
  const s = live.peopleByOrgCount;
  const values = [s.one, s.two, s.three ?? 0, s.fourOrMore ?? 0];
  return (
    <Card size="small" title={D.byOrgCount} style={{ flex: '1 1 300px', minWidth: 0 }} data-testid="buckets">
      <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto auto', gap: '2px 16px' }}>
        {D.buckets.map((label, i) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd style={{ margin: 0, textAlign: 'right' }} data-figure={values[i]}>
              {n(values[i])}
            </dd>
          </div>
        ))}
        <div style={{ display: 'contents' }} data-testid="several-orgs">
          <dt style={{ fontWeight: 600 }}>{D.severalOrgs}</dt>
          <dd style={{ margin: 0, textAlign: 'right', fontWeight: 600 }} data-figure={values[1] + values[2] + values[3]}>
            {n(values[1] + values[2] + values[3])}
          </dd>
        </div>
      </dl>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
        {D.byOrgCountNote}
      </Typography.Paragraph>
    </Card>
  );
}

/** Cảnh báo showing suspected phantoms (for a reason), of a commune (null: without one), an organization. */
const flagsLink = (f: { reason: string | null; xa?: string | null; org: string | null; unit: string | null }): string =>
  flagsHref({
    code: 'AO',
    reason: f.reason ?? undefined,
    commune: f.xa ?? undefined,
    noCommune: f.xa === null,
    organization: f.org ?? undefined,
    unit: f.unit ?? undefined,
  });

/** Suspected memberships by reason; each figure opens those records in Cảnh báo, for who may read names. */
function Reasons({ live, href }: { live: Live; href?: (reason: string) => string }) {
  return (
    <Card size="small" title={D.reasons} style={{ flex: '1 1 300px', minWidth: 0 }} data-testid="reasons">
      {live.phantomsByReason.length === 0 ? (
        D.noReasons
      ) : (
        <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: '1fr auto', gap: '2px 16px' }}>
          {live.phantomsByReason.map((r) => (
            <div key={r.reason} style={{ display: 'contents' }}>
              <dt>{r.label}</dt>
              <dd style={{ margin: 0, textAlign: 'right' }} data-figure={r.records}>
                {href && r.records > 0 ? (
                  <a href={href(r.reason)} aria-label={D.flagsOfReason(r.label, n(r.records))}>
                    {n(r.records)}
                  </a>
                ) : (
                  n(r.records)
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
        {href && live.phantomsByReason.length > 0 ? `${D.suspectedNote} ${D.reasonsLinkNote}` : D.suspectedNote}
      </Typography.Paragraph>
    </Card>
  );
}

/** Joiners and leavers, and the reach: from the stored periods (the running one has no such live figures). */
function Stored({ periods, own, commune }: { periods: StoredPeriod[]; own?: boolean; commune?: string }) {
  const last = periods[periods.length - 1];
  if (!last) return <Alert type="info" title={own ? D.noReportOwn : D.noReport} />;
  const trend = (k: 'joiners' | 'leavers') => periods.slice(0, -1).map((p) => ({ period: p.periodLabel, value: p.totals[k] }));
  // A commune's or an organization's part of the province's report: said whose part.
  const partOf =
    'scope' in last && last.scope === 'province'
      ? last.organizations.length === 1 && !commune
        ? D.partOfOrganization
        : D.partOfCommune
      : undefined;
  const note = D.flowsNote(last.periodLabel, last.asOf.split('-').reverse().join('/'), partOf);
  return (
    <>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 17 }}>
        {D.flows(last.periodLabel)}
      </Typography.Title>
      <Flex wrap gap={12}>
        <Figure testId="joiners" label={D.joiners(last.periodLabel)} value={last.totals.joiners} note={note} trend={trend('joiners')} />
        <Figure
          testId="leavers"
          label={D.leavers(last.periodLabel)}
          value={last.totals.leavers}
          note={note}
          trend={trend('leavers')}
          beside={
            // Not in a report counted before the phantoms struck off were kept apart.
            last.totals.struck !== null && (
              <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="struck">
                {`${D.struck(last.periodLabel)}: `}
                <span data-figure={last.totals.struck}>{n(last.totals.struck)}</span>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {D.struckNote}
                </Typography.Text>
              </Typography.Paragraph>
            )
          }
        />
      </Flex>
      <Card size="small" title={D.reach(last.periodLabel)} data-testid="reach">
        <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '2px 16px' }}>
          {last.organizations.map((o) => (
            <div key={o.code} style={{ display: 'contents' }}>
              <dt>{o.name}</dt>
              <dd style={{ margin: 0, textAlign: 'right' }}>
                {o.reach.known && o.reach.rate !== null
                  ? `${(o.reach.rate * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}% (${n(o.reach.reached ?? 0)}/${n(o.reach.eligible ?? 0)})`
                  : `${D.reachUnknown}${o.reach.why ? `: ${o.reach.why}` : ''}`}
              </dd>
            </div>
          ))}
        </dl>
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
          {`${D.reachNote} ${note}`}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
