import { Alert, Card, Flex, Grid, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { vnTime, partialDate } from '../../format.ts';
import { graphql, type ResultOf } from '../../graphql.ts';
import type { Session } from '../../session.ts';
import { T } from '../../text.ts';
import { REPORT_STATE_TONE } from '../../tones.ts';
import { RunReport } from './RunReport.tsx';

const REPORTS = graphql(`
  query StoredReports {
    reports(first: 200) {
      id
      period
      periodLabel
      scope
      scopeLabel
      asOf
      final
      basis {
        provisionalReason
        reviewPending
      }
      computedAt
      computedBy
      totals {
        memberships
        people
        suspectedPhantoms
      }
      replaced {
        id
        computedAt
        computedBy
        totals {
          memberships
          people
          suspectedPhantoms
        }
      }
    }
  }
`);

type Report = ResultOf<typeof REPORTS>['reports'][number];

/** The roles the server lets compute a report of any scope (runReport; a secretariat only its own, and has not this screen). */
const RUNNERS = ['ADMIN', 'DAN_VAN'];
const n = (v: number) => v.toLocaleString('vi-VN');

/** Final or provisional, and why; the official reports it replaced, kept as they were sent up. */
export function ReportState({ r }: { r: Report }) {
  return (
    <>
      <Tag color={REPORT_STATE_TONE[r.final ? 'FINAL' : 'PROVISIONAL']}>{r.final ? T.reports.final : T.reports.provisional}</Tag>
      {r.basis.provisionalReason && (
        <Typography.Text type="secondary" style={{ display: 'block', maxWidth: 220, whiteSpace: 'normal' }}>
          {r.basis.provisionalReason}
        </Typography.Text>
      )}
      {!!r.basis.reviewPending && (
        <Typography.Text type="secondary" style={{ display: 'block', maxWidth: 220, whiteSpace: 'normal' }}>
          {T.reports.reviewPending(n(r.basis.reviewPending))}
        </Typography.Text>
      )}
      {r.replaced.map((old) => (
        <Typography.Text key={old.id} type="secondary" style={{ display: 'block', maxWidth: 360, whiteSpace: 'normal' }}>
          {T.reports.replaced(vnTime(old.computedAt), n(old.totals.memberships), n(old.totals.people), n(old.totals.suspectedPhantoms))}{' '}
          <ReportFiles r={r} id={old.id} made={vnTime(old.computedAt)} />
        </Typography.Text>
      ))}
    </>
  );
}

/** The report as .xlsx and .pdf (GET with the session cookie; the server logs each); under them, the workbook to send on. */
export function ReportFiles({ r, id = r.id, made }: { r: Pick<Report, 'id' | 'periodLabel' | 'scopeLabel'>; id?: string; made?: string }) {
  return (
    <Flex vertical gap={2}>
      <Space size={16}>
        {(['xlsx', 'pdf'] as const).map((f) => (
          <a key={f} href={`/reports/${id}.${f}`} download aria-label={T.reports.file(f, r.periodLabel, r.scopeLabel, made)}>
            {T.reports.format[f]}
          </a>
        ))}
      </Space>
      {/* Without the suspected phantoms' names (the server's `?names=none`): on its own line, the table stays within 1366 px. */}
      <a href={`/reports/${id}.xlsx?names=none`} download aria-label={T.reports.fileWithoutNames(r.periodLabel, r.scopeLabel, made)}>
        {T.reports.withoutNames}
      </a>
    </Flex>
  );
}

/** On a phone: one card a report, everything in view without scrolling sideways. */
function ReportCards({ rows }: { rows: Report[] }) {
  if (!rows.length) return <Typography.Paragraph>{T.reports.empty}</Typography.Paragraph>;
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {rows.map((r) => (
        <li key={r.id} style={{ marginBottom: 12 }}>
          <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{`${r.periodLabel} — ${r.scopeLabel}`}</h2>}>
            <ReportState r={r} />
            <Typography.Paragraph style={{ margin: '8px 0' }}>
              {T.reports.cardLine(partialDate(r.asOf), n(r.totals.memberships), n(r.totals.people), n(r.totals.suspectedPhantoms))}
              <br />
              {`${T.reports.computed}: ${vnTime(r.computedAt)} · ${T.reports.computedBy(r.computedBy)}`}
            </Typography.Paragraph>
            <ReportFiles r={r} />
          </Card>
        </li>
      ))}
    </ul>
  );
}

/** The stored reports, newest first, with their state and the day their figures are as of; each as .xlsx and .pdf; run one now. */
export function ReportsScreen({ session }: { session: Session }) {
  const [result, refetch] = useQuery({ query: REPORTS });
  const rows = result.data?.reports ?? [];
  const narrow = !Grid.useBreakpoint().md;
  return (
    <section aria-labelledby="reports-title">
      <Typography.Title level={1} id="reports-title" style={{ fontSize: 22 }}>
        {T.reports.title}
      </Typography.Title>
      <Typography.Paragraph>{T.reports.intro}</Typography.Paragraph>
      {RUNNERS.includes(session.user.role) && <RunReport onDone={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.error && (
        <Alert type="error" showIcon role="alert" title={T.error.generic} description={errorText(result.error, T.error.network)} />
      )}
      {narrow ? (
        <ReportCards rows={rows} />
      ) : (
        <Table<Report>
          rowKey="id"
          size="small"
          loading={result.fetching && !result.data}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 25, showSizeChanger: false }}
          locale={{ emptyText: T.reports.empty }}
          columns={[
            { title: T.reports.period, dataIndex: 'periodLabel' },
            { title: T.reports.scope, dataIndex: 'scopeLabel' },
            // The files beside the report's name: in view at 1366 px without scrolling the table sideways.
            { title: T.reports.files, render: (_, r) => <ReportFiles r={r} /> },
            { title: T.reports.state, render: (_, r) => <ReportState r={r} /> },
            { title: T.reports.asOf, render: (_, r) => partialDate(r.asOf) },
            // When on one line, who under it: the table fits 1366 px with its figures.
            {
              title: T.reports.computed,
              render: (_, r) => (
                <>
                  {vnTime(r.computedAt)}
                  <br />
                  <Typography.Text type="secondary">{T.reports.computedBy(r.computedBy)}</Typography.Text>
                </>
              ),
            },
            { title: T.reports.memberships, align: 'right', render: (_, r) => n(r.totals.memberships) },
            { title: T.reports.people, align: 'right', render: (_, r) => n(r.totals.people) },
            { title: T.reports.phantoms, align: 'right', render: (_, r) => n(r.totals.suspectedPhantoms) },
          ]}
        />
      )}
    </section>
  );
}
