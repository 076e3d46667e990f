import { Alert, Button, Grid, Popconfirm, Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { vnTime } from '../../format.ts';
import type { ResultOf } from '../../graphql.ts';
import { T } from '../../text.ts';
import { LINK_RUN_TONE } from '../../tones.ts';
import { LINK_RUNS, START_LINK_RUN } from './admin-query.ts';
import { startedByText } from './started-by.ts';

type Run = ResultOf<typeof LINK_RUNS>['linkRuns'][number];
const count = (n: number | null) => (n === null ? T.dash : n.toLocaleString('vi-VN'));

/** A run's phases: how many have ended, and each with its seconds (the one under way last). */
function Phases({ run }: { run: Run }) {
  const done = run.phases.filter((p) => p.seconds !== null);
  return (
    <div>
      <Typography.Text>{T.admin.linkRuns.phasesDone(done.length, run.phases.length)}</Typography.Text>
      <Progress
        percent={Math.round((100 * done.length) / run.phases.length)}
        size="small"
        showInfo={false}
        status={run.status === 'FAILED' ? 'exception' : run.status === 'DONE' ? 'success' : 'active'}
        aria-label={T.admin.linkRuns.progress}
      />
      {run.status === 'RUNNING' && done.length > 0 && (
        <Typography.Text type="secondary">
          {done.map((p) => `${p.label} (${T.admin.linkRuns.seconds(p.seconds!)})`).join(', ')}
        </Typography.Text>
      )}
      {run.failure && <Typography.Text type="danger">{T.admin.linkRuns.failure(run.failure)}</Typography.Text>}
    </div>
  );
}

/** Who started it (a user, a token, the command line), beneath when (a column of its own would push the counts off a laptop's screen). */
const StartedBy = ({ run }: { run: Run }) => (
  // As narrow as the time above it: a long name wraps rather than widen the table past a laptop's screen.
  <Typography.Text type="secondary" style={{ display: 'inline-block', maxWidth: '9em' }}>
    {startedByText(run.startedByKind, run.startedBy)}
  </Typography.Text>
);

const columns: TableColumnsType<Run> = [
  {
    title: T.admin.linkRuns.startedAndBy,
    key: 'started',
    render: (_, r) => (
      <div>
        {vnTime(r.startedAt)}
        <br />
        <StartedBy run={r} />
      </div>
    ),
  },
  { title: T.admin.linkRuns.finished, dataIndex: 'finishedAt', render: (v: string | null) => (v ? vnTime(v) : T.dash) },
  { title: T.admin.linkRuns.state, key: 'state', render: (_, r) => <Tag color={LINK_RUN_TONE[r.status]}>{r.statusLabel}</Tag> },
  { title: T.admin.linkRuns.progress, key: 'phases', render: (_, r) => <Phases run={r} />, width: 320 },
  { title: T.admin.linkRuns.records, dataIndex: 'records', render: count, align: 'right' },
  { title: T.admin.linkRuns.persons, dataIndex: 'persons', render: count, align: 'right' },
  { title: T.admin.linkRuns.multi, dataIndex: 'multiOrganizationPersons', render: count, align: 'right' },
  { title: T.admin.linkRuns.review, dataIndex: 'reviewPairs', render: count, align: 'right' },
  { title: T.admin.linkRuns.phantoms, dataIndex: 'suspectedPhantoms', render: count, align: 'right' },
];

type Figure = 'records' | 'persons' | 'multiOrganizationPersons' | 'reviewPairs' | 'suspectedPhantoms';
const FIGURES: [Figure, string][] = [
  ['records', T.admin.linkRuns.records],
  ['persons', T.admin.linkRuns.persons],
  ['multiOrganizationPersons', T.admin.linkRuns.multi],
  ['reviewPairs', T.admin.linkRuns.review],
  ['suspectedPhantoms', T.admin.linkRuns.phantoms],
];

/** On a phone (below 576 px): the run (when, its state, its steps) beside its counts, each with its label — nothing off to the right. */
const phoneColumns: TableColumnsType<Run> = [
  {
    title: T.admin.linkRuns.startedAndBy,
    key: 'run',
    render: (_, r) => (
      <div>
        {vnTime(r.startedAt)}
        {r.finishedAt && <Typography.Text type="secondary">{` – ${vnTime(r.finishedAt)}`}</Typography.Text>}
        <br />
        <StartedBy run={r} />
        <br />
        <Tag color={LINK_RUN_TONE[r.status]}>{r.statusLabel}</Tag>
        <Phases run={r} />
      </div>
    ),
  },
  {
    title: T.admin.linkRuns.figures,
    key: 'figures',
    render: (_, r) => (
      <dl style={{ margin: 0 }}>
        {FIGURES.map(([k, label]) => (
          <div key={k} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <dt>{label}</dt>
            <dd style={{ margin: 0, textAlign: 'right' }}>{count(r[k])}</dd>
          </div>
        ))}
      </dl>
    ),
  },
];

/** The link runs, newest first, the one under way followed every two seconds; a run started here after a confirmation. */
export function LinkRunsTab() {
  const [runs, refetch] = useQuery({ query: LINK_RUNS, requestPolicy: 'network-only' });
  const [startState, start] = useMutation(START_LINK_RUN);
  const running = runs.data?.linkRuns.some((r) => r.status === 'RUNNING') ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => refetch({ requestPolicy: 'network-only' }), 2000);
    return () => window.clearInterval(timer);
  }, [running, refetch]);
  const error = runs.error ?? startState.error;
  const narrow = !Grid.useBreakpoint().sm;
  return (
    <section aria-label={T.admin.tabs.linkRuns}>
      <Typography.Paragraph>{T.admin.linkRuns.intro}</Typography.Paragraph>
      <Popconfirm
        title={T.admin.linkRuns.startConfirm}
        okText={T.admin.linkRuns.yes}
        cancelText={T.admin.linkRuns.no}
        onConfirm={() => void start({}).then((r) => r.data && refetch({ requestPolicy: 'network-only' }))}
      >
        <Button type="primary" disabled={running} loading={startState.fetching} style={{ marginBottom: 12 }}>
          {T.admin.linkRuns.start}
        </Button>
      </Popconfirm>
      {error && <Alert type="error" showIcon role="alert" title={errorText(error, T.error.network)} style={{ marginBottom: 12 }} />}
      <Table<Run>
        rowKey="id"
        size="small"
        columns={narrow ? phoneColumns : columns}
        dataSource={runs.data?.linkRuns ?? []}
        loading={!runs.data && runs.fetching}
        pagination={false}
        scroll={narrow ? undefined : { x: 'max-content' }}
        locale={{ emptyText: T.admin.linkRuns.none }}
      />
    </section>
  );
}
