import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useClient, useQuery, type OperationResult } from 'urql';
import { errorText } from '../client.ts';
import { partialDate, viOrder } from '../format.ts';
import { graphql, type ResultOf } from '../graphql.ts';
import { T, type StatusCounts } from '../text.ts';
import { STATUSES } from './member/member-api.ts';
import { FILED_CSS, PrintBar, SheetFoot, SheetHead, vnTodayParts } from './filed/FiledSheet.tsx';
import { COMMUNE_NAME, FLAG_COUNTS, OPEN_NOTES, ORGANIZATIONS, UNITS } from './roster-query.ts';
import { keptColumns } from './roster-columns.tsx';
import { addressQuery } from '../address-query.ts';

/**
 * The most a print view holds: ≈ 80 A4 landscape pages, drawn in a second on an old laptop. A larger
 * roster prints its first rows (by name) with a message to print it unit by unit, or to export it.
 */
export const PRINT_CAP = 2000;

const PRINT_ROSTER = graphql(`
  query PrintRoster($organization: String!, $status: MemberStatus, $unit: String, $commune: String, $flag: String, $after: String) {
    memberRecords(organization: $organization, status: $status, unit: $unit, commune: $commune, flag: $flag, after: $after, first: 500) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        externalId
        fullName
        birthDate
        sex
        statusLabel
        profile {
          key
          value
        }
        commune {
          name
        }
        village
        unit {
          name
        }
        flags {
          code
          label
          severity
          message
        }
      }
    }
  }
`);
type PrintRow = ResultOf<typeof PRINT_ROSTER>['memberRecords']['nodes'][number];

/** Each status under its own label (the server's, in the organization's words), in the order the server lists them. */
function statusCounts(rows: { statusLabel: string; sex?: string | null }[], statuses: { label: string; ends: boolean }[]): StatusCounts {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.statusLabel, (counts.get(r.statusLabel) ?? 0) + 1);
  const order = statuses.map((s) => s.label);
  const labels = [...counts.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  const ended = new Set(statuses.filter((s) => s.ends).map((s) => s.label));
  const group = (ends: boolean) => {
    const mine = labels.filter((l) => ended.has(l) === ends);
    return { n: mine.reduce((a, l) => a + counts.get(l)!, 0), parts: mine.map((l) => `${l}: ${counts.get(l)!.toLocaleString('vi-VN')}`) };
  };
  const women = rows.filter((r) => r.sex === 'FEMALE' && !ended.has(r.statusLabel)).length;
  return { live: { ...group(false), women }, ended: group(true) };
}

/** The filters of the print view's address (`#/in?org=DTN&unit=A`). */
function readFilter() {
  const q = addressQuery();
  return { organization: q.get('org') ?? '', unit: q.get('unit'), commune: q.get('commune'), status: q.get('status'), flag: q.get('flag') };
}

/** Up to PRINT_CAP rows of the filtered roster, page by page (each page read is logged as the roster screen's are). */
function usePrintRows(f: ReturnType<typeof readFilter>) {
  const client = useClient();
  const [state, setState] = useState<{ rows: PrintRow[]; total: number; done: boolean; error: string | null }>({
    rows: [],
    total: 0,
    done: false,
    error: null,
  });
  useEffect(() => {
    let live = true;
    // Opened without its filters (a bookmark, a typed address): what to do, not the server's "no organization ''".
    if (!f.organization) {
      setState({ rows: [], total: 0, done: true, error: T.outputs.noOrganization });
      return;
    }
    void (async () => {
      const rows: PrintRow[] = [];
      let after: string | null = null;
      for (;;) {
        const r: OperationResult<ResultOf<typeof PRINT_ROSTER>> = await client
          .query(PRINT_ROSTER, {
            organization: f.organization,
            status: f.status as never,
            unit: f.unit,
            commune: f.commune,
            flag: f.flag,
            after,
          })
          .toPromise();
        if (!live) return;
        if (r.error || !r.data) return setState((s) => ({ ...s, done: true, error: errorText(r.error, T.error.network) }));
        const page: ResultOf<typeof PRINT_ROSTER>['memberRecords'] = r.data.memberRecords;
        rows.push(...page.nodes);
        if (!page.pageInfo.hasNextPage || rows.length >= PRINT_CAP) {
          setState({ rows: rows.slice(0, PRINT_CAP), total: page.totalCount, done: true, error: null });
          return;
        }
        after = page.pageInfo.endCursor;
      }
    })();
    return () => {
      live = false;
    };
  }, [client, f.organization, f.status, f.unit, f.commune, f.flag]);
  return state;
}

/**
 * Who issues the sheet, in words: the unit chosen (by its name) and the commune — the one chosen,
 * else the unit's, else the one all the rows share. Never a code.
 */
function issuerNames(
  f: { unit: string | null; commune: string | null },
  units: { code: string; name: string; commune?: { name: string } | null }[],
  filteredCommune: string | null,
  rows: { commune?: { name: string } | null }[],
): { unitName: string | null; communeName: string | null } {
  const unit = f.unit ? units.find((u) => u.code === f.unit) : undefined;
  const shared = [...new Set(rows.map((r) => r.commune?.name).filter((n): n is string => !!n))];
  return {
    unitName: unit?.name ?? null,
    communeName: (f.commune ? filteredCommune : null) ?? unit?.commune?.name ?? (shared.length === 1 ? shared[0] : null),
  };
}

/**
 * Her members as she files them: chi hội by chi hội (in the order Vietnamese lists use: Thôn 2 before
 * Thôn 10), by name within each, those without one last; each group under its own heading row.
 */
function byUnit(rows: PrintRow[]): { unit: string | null; rows: PrintRow[] }[] {
  const groups = new Map<string | null, PrintRow[]>();
  for (const r of rows) {
    const unit = r.unit?.name ?? null;
    if (!groups.has(unit)) groups.set(unit, []);
    groups.get(unit)!.push(r);
  }
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : viOrder.compare(a, b)))
    .map(([unit, members]) => ({ unit, rows: members }));
}

/** The printable roster, as rosters are filed: title block, table, place and date, signatures. */
export function PrintRoster() {
  const [f] = useState(readFilter);
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  const [units] = useQuery({ query: UNITS, variables: { organization: f.organization }, pause: !f.organization });
  const { rows, total, done, error } = usePrintRows(f);
  const org = orgs.data?.organizations.find((o) => o.code === f.organization);
  const term = org?.memberTerm ?? 'hội viên';
  const [filtered] = useQuery({ query: COMMUNE_NAME, variables: { code: f.commune ?? '' }, pause: !f.commune });
  const { unitName, communeName } = issuerNames(f, units.data?.units ?? [], filtered.data?.resolveCommune.commune?.name ?? null, rows);
  // A chi hội's list is signed by its chi hội trưởng, not by a Ban Chấp hành it does not have.
  const branch = units.data?.units.find((u) => u.code === f.unit)?.kind === 'BRANCH';
  const [statuses] = useQuery({ query: STATUSES, variables: { organization: f.organization || null } });
  const status = statuses.data?.memberStatuses.find((s) => s.code === f.status)?.label;
  // A list filtered by a warning (the suspected phantoms a commune is asked to check): named so, each one's warnings beside.
  const [flagCounts] = useQuery({ query: FLAG_COUNTS, variables: { organization: f.organization || null }, pause: !f.flag });
  const flagName =
    f.flag === OPEN_NOTES ? T.roster.openNotes : (flagCounts.data?.flagCounts.find((c) => c.code === f.flag)?.label ?? f.flag);
  // Her members' villages, when her list gives them: what tells namesakes of one commune apart on paper.
  const villages = rows.some((r) => r.village);
  // The Mã hồ sơ and Chức vụ when she shows them on her roster (this browser's choice); never a number or a phone on paper.
  const [chosen] = useState(keptColumns);
  const codes = chosen.includes('code');
  const positions = chosen.includes('position');
  const position = (r: PrintRow) => r.profile.find((p) => p.key === 'position')?.value ?? '';
  const sub = [
    unitName && `${T.outputs.unit}: ${unitName}`,
    f.commune && communeName && `${T.outputs.commune}: ${communeName}`,
    status && `${T.outputs.status}: ${status}`,
    f.flag && `${T.outputs.flag}: ${flagName}`,
  ].filter(Boolean);
  const title = f.flag ? T.outputs.reviewTitle(term) : T.outputs.title(term);
  // Several chi hội: grouped under their names (the unit column is then said once a group); one: a plain list.
  const groups = byUnit(rows);
  const grouped = groups.length > 1;
  const width = 6 + Number(codes) + Number(villages) + Number(positions) + Number(!!f.flag) - Number(grouped);
  let stt = 0;
  return (
    <>
      <style>{FILED_CSS}</style>
      <PrintBar ready={done} error={error} />
      {done && total > rows.length && (
        <Alert
          className="no-print"
          type="warning"
          showIcon
          role="status"
          title={T.outputs.capped(total, PRINT_CAP)}
          style={{ marginBottom: 12 }}
        />
      )}
      {!done && <Spin description={T.outputs.loading} />}
      {done && !error && (
        <article className="roster-sheet" aria-label={title}>
          <SheetHead organization={(org?.name ?? f.organization).toUpperCase()} unitName={unitName} communeName={communeName} />
          <h1>{title}</h1>
          <p className="sheet-sub">{[T.outputs.asOf(vnTodayParts()), ...sub].join(' · ')}</p>
          <div className="sheet-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{T.column.stt}</th>
                  {codes && <th scope="col">{T.column.code}</th>}
                  <th scope="col">{T.column.name}</th>
                  <th scope="col">{T.column.birth}</th>
                  <th scope="col">{T.column.sex}</th>
                  <th scope="col">{T.column.commune}</th>
                  {villages && <th scope="col">{T.column.village}</th>}
                  {!grouped && <th scope="col">{T.column.unit}</th>}
                  {positions && <th scope="col">{T.column.position}</th>}
                  <th scope="col">{T.column.status}</th>
                  {f.flag && <th scope="col">{T.outputs.flag}</th>}
                </tr>
              </thead>
              <tbody>
                {groups.flatMap((g) => [
                  ...(grouped
                    ? [
                        <tr key={`unit:${g.unit}`} className="section">
                          <th scope="rowgroup" colSpan={width}>
                            {T.outputs.section(g.unit ?? T.outputs.noUnitSection, g.rows.length)}
                          </th>
                        </tr>,
                      ]
                    : []),
                  ...g.rows.map((r) => (
                    <tr key={r.id}>
                      <td className="stt">{++stt}</td>
                      {codes && <td>{r.externalId}</td>}
                      <td>{r.fullName}</td>
                      <td>{partialDate(r.birthDate)}</td>
                      <td>{r.sex ? T.sex[r.sex] : ''}</td>
                      <td>{r.commune?.name ?? ''}</td>
                      {villages && <td>{r.village ?? ''}</td>}
                      {!grouped && <td>{r.unit?.name ?? ''}</td>}
                      {positions && <td>{position(r)}</td>}
                      <td>{r.statusLabel}</td>
                      {/* Why, as Cảnh báo says it; a member's other organizations are no reason to check her. */}
                      {f.flag && (
                        <td>
                          {r.flags
                            .filter((x) => x.severity !== 'INFO')
                            .map((x) => x.message || x.label)
                            .join('; ')}
                        </td>
                      )}
                    </tr>
                  )),
                ])}
              </tbody>
            </table>
          </div>
          <p>{T.outputs.count(term, statusCounts(rows, statuses.data?.memberStatuses ?? []))}</p>
          <SheetFoot communeName={communeName} headTitle={org?.headTitle ?? ''} branchSigner={branch ? org?.branchSigner : undefined} />
        </article>
      )}
    </>
  );
}
