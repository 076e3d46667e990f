import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { partialDate } from '../../format.ts';
import { graphql } from '../../graphql.ts';
import type { Session } from '../../session.ts';
import { T } from '../../text.ts';
import { STATUSES } from '../member/member-api.ts';
import { ORGANIZATIONS, UNITS } from '../roster-query.ts';
import { FILED_CSS, PrintBar, SheetFoot, SheetHead, vnTodayParts } from './FiledSheet.tsx';
import { movementPeriods, type MovementRow, totalRow } from './movement-periods.ts';
import { addressQuery } from '../../address-query.ts';

const MOVEMENT = graphql(`
  query MemberMovement($organization: String!, $period: String!, $unit: String) {
    memberMovement(organization: $organization, period: $period, unit: $unit) {
      periodLabel
      firstDay
      lastDay
      rows {
        unitCode
        unitName
        communeName
        atStart
        admitted
        ended {
          status
          count
        }
        otherIn
        otherOut
        atEnd
      }
    }
  }
`);

const M = T.movement;

/** The address's filters (`#/tang-giam?org=HND&unit=ND-T2&period=2026-Q3`): codes only. */
function readFilter(own: string | null) {
  const q = addressQuery();
  // Opened without an organization: hers, when she keeps one organization's roster.
  return { organization: q.get('org') ?? own ?? '', unit: q.get('unit'), period: q.get('period') };
}

/**
 * Her báo cáo tăng, giảm as it is filed each quarter or year: the issuer and the Quốc hiệu, the
 * period, by chi hội the members at the start, those admitted and otherwise come, those gone by
 * reason, the members at the end, a total row, how each figure is counted, place, date, signatures.
 */
export function PrintMovement({ session }: { session: Session }) {
  const [f] = useState(() => readFilter(session.user.organization));
  const [periods] = useState(() => movementPeriods(vnTodayParts()));
  // The last quarter that is over: what she files now, unless the address names another.
  const [period, setPeriod] = useState(f.period ?? periods.find((p) => p.ended)!.key);
  const unit = f.unit ?? session.user.unit;
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  const [units] = useQuery({ query: UNITS, variables: { organization: f.organization }, pause: !f.organization });
  const [statuses] = useQuery({ query: STATUSES, variables: { organization: f.organization || null } });
  const [movement] = useQuery({
    query: MOVEMENT,
    variables: { organization: f.organization, period, unit: f.unit },
    pause: !f.organization,
    requestPolicy: 'network-only',
  });
  const org = orgs.data?.organizations.find((o) => o.code === f.organization);
  const own = units.data?.units.find((u) => u.code === unit);
  // A chi đoàn's or chi hội's report: signed by its own head, sent to its base unit's committee.
  const branch = own?.kind === 'BRANCH';
  const superior = branch ? units.data?.units.find((u) => u.code === own.parentCode) : undefined;
  const endings = (statuses.data?.memberStatuses ?? []).filter((s) => s.ends);
  const m = movement.data?.memberMovement;
  // Another period: counted at once, and kept in the address (a reload or a bookmark opens it again).
  const choose = (key: string) => {
    const q = new URLSearchParams({ org: f.organization, period: key });
    if (f.unit) q.set('unit', f.unit);
    window.history.replaceState(null, '', `#/tang-giam?${q.toString()}`);
    setPeriod(key);
  };
  const ended = (r: MovementRow, status: string) => r.ended.find((e) => e.status === status)?.count ?? 0;
  // Units of one name in two communes (a bản's name, a "Chi hội 1"): each with its commune.
  const names = (m?.rows ?? []).map((r) => r.unitName);
  const repeated = new Set(names.filter((n, i) => n && names.indexOf(n) !== i));
  const unitLabel = (r: { unitName: string | null; communeName: string | null }) =>
    r.unitName === null ? M.noUnit : repeated.has(r.unitName) && r.communeName ? `${r.unitName} (${r.communeName})` : r.unitName;
  const cells = (r: MovementRow) => [r.atStart, r.admitted, r.otherIn, ...endings.map((s) => ended(r, s.code)), r.otherOut, r.atEnd];
  const error = !f.organization ? M.noOrganization : movement.error ? errorText(movement.error, T.error.network) : null;
  return (
    <>
      <style>{FILED_CSS}</style>
      <PrintBar ready={!!m} error={error}>
        <Select
          aria-label={M.period}
          value={period}
          style={{ minWidth: 220 }}
          // Fourteen periods, every one in the list (a virtual list drew only the first eight: the months out of reach).
          virtual={false}
          listHeight={400}
          options={periods.map((p) => ({ value: p.key, label: p.ended ? p.label : M.running(p.label) }))}
          onChange={choose}
        />
      </PrintBar>
      {movement.fetching && !m && <Spin description={M.loading} />}
      {m && (
        <article className="roster-sheet" aria-label={M.title(org?.memberTerm ?? 'hội viên')}>
          <SheetHead
            organization={(org?.name ?? f.organization).toUpperCase()}
            unitName={own?.name ?? null}
            communeName={own?.commune?.name ?? null}
            numbered
          />
          <h1>{M.title(org?.memberTerm ?? 'hội viên')}</h1>
          <p className="sheet-sub">{M.span(m.periodLabel, partialDate(m.firstDay), partialDate(m.lastDay))}</p>
          {/* On a phone the table scrolls here (said so; the unit's column stays in sight): reachable by keyboard too. */}
          <p className="scroll-hint no-print">{M.scrollHint}</p>
          <div className="sheet-scroll" tabIndex={0} role="region" aria-label={M.table}>
            <table>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {T.column.stt}
                  </th>
                  <th scope="col" rowSpan={2} className="unit">
                    {T.column.unit}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {M.atStart}
                  </th>
                  <th scope="colgroup" colSpan={2}>
                    {M.in}
                  </th>
                  <th scope="colgroup" colSpan={endings.length + 1}>
                    {M.out}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {M.atEnd}
                  </th>
                </tr>
                <tr>
                  <th scope="col">{M.admitted}</th>
                  <th scope="col">{M.other}</th>
                  {endings.map((s) => (
                    <th scope="col" key={s.code}>
                      {s.label}
                    </th>
                  ))}
                  <th scope="col">{M.other}</th>
                </tr>
              </thead>
              <tbody>
                {m.rows.map((r, i) => (
                  <tr key={r.unitCode ?? '-'}>
                    <td className="stt">{i + 1}</td>
                    <td className="unit">{unitLabel(r)}</td>
                    {cells(r).map((n, j) => (
                      <td key={j} className="num">
                        {n.toLocaleString('vi-VN')}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr className="total">
                  <td />
                  <th scope="row" className="unit">
                    {M.total}
                  </th>
                  {cells(totalRow(m.rows)).map((n, j) => (
                    <td key={j} className="num">
                      {n.toLocaleString('vi-VN')}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          {/* How each column is counted: for her on screen, not on the filed page. */}
          <p className="sheet-note no-print">{M.notes(partialDate(m.firstDay))}</p>
          <SheetFoot
            communeName={own?.commune?.name ?? null}
            headTitle={org?.headTitle ?? ''}
            branchSigner={branch ? org?.branchSigner : undefined}
            recipients={
              branch ? T.outputs.branchRecipientLines(superior?.name ?? null) : T.outputs.recipientLines(own?.commune?.name ?? null)
            }
          />
        </article>
      )}
    </>
  );
}
