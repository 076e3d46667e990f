import { Alert, App, Button, Grid, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { fileSize, vnTime } from '../../format.ts';
import type { ResultOf } from '../../graphql.ts';
import { T } from '../../text.ts';
import { LINK_RUN_TONE } from '../../tones.ts';
import { BACKUPS, START_BACKUP } from './admin-query.ts';
import { startedByText } from './started-by.ts';

type Backup = ResultOf<typeof BACKUPS>['backups']['runs'][number];
const B = T.admin.backups;
/** A path or a command: on a phone it wraps anywhere rather than run past the screen's edge. */
const CODE = { whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

/** Its state: under way with the bytes written so far, done, or failed with why. */
function State({ b }: { b: Backup }) {
  return (
    <div>
      <Tag color={LINK_RUN_TONE[b.status]}>{b.statusLabel}</Tag>
      {b.status === 'RUNNING' && <Typography.Text>{B.written(fileSize(b.bytes ?? 0))}</Typography.Text>}
      {b.failure && (
        <div>
          <Typography.Text type="danger">{B.failure(b.failure)}</Typography.Text>
        </div>
      )}
    </div>
  );
}

const keyText = (b: Backup) => (b.withKey ? <Typography.Text type="danger">{B.withKey}</Typography.Text> : B.withoutKey);
const sizeText = (b: Backup) => (b.status === 'DONE' && b.bytes !== null ? fileSize(b.bytes) : T.dash);

const columns: TableColumnsType<Backup> = [
  { title: B.started, dataIndex: 'startedAt', render: (v: string) => vnTime(v) },
  { title: B.by, key: 'by', render: (_, b) => startedByText(b.startedByKind, b.startedBy) },
  { title: B.state, key: 'state', render: (_, b) => <State b={b} />, width: 280 },
  { title: B.size, key: 'size', render: (_, b) => sizeText(b), align: 'right' },
  { title: B.key, key: 'key', render: (_, b) => keyText(b) },
  { title: B.file, key: 'file', render: (_, b) => <code style={CODE}>{b.file}</code> },
];

/** On a phone (below 576 px): each backup in one cell, each fact on its own line with its label. */
const phoneColumns: TableColumnsType<Backup> = [
  {
    title: B.started,
    key: 'backup',
    render: (_, b) => (
      <div>
        {vnTime(b.startedAt)} · {startedByText(b.startedByKind, b.startedBy)}
        <State b={b} />
        <div>{`${B.size}: ${sizeText(b)}`}</div>
        <div>{keyText(b)}</div>
        <code style={CODE}>{b.file}</code>
      </div>
    ),
  },
];

/**
 * Sao lưu: the backups taken (from here and from the command line), one started here after a
 * confirmation and followed every two seconds, the key kept apart, and how to restore.
 */
export function BackupsTab() {
  const { message } = App.useApp();
  const [backups, refetch] = useQuery({ query: BACKUPS, requestPolicy: 'network-only' });
  const [startState, start] = useMutation(START_BACKUP);
  const overview = backups.data?.backups;
  const running = overview?.runs.some((b) => b.status === 'RUNNING') ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => refetch({ requestPolicy: 'network-only' }), 2000);
    return () => window.clearInterval(timer);
  }, [running, refetch]);
  const error = backups.error ?? startState.error;
  const narrow = !Grid.useBreakpoint().sm;
  const newest = overview?.runs.find((b) => b.status === 'DONE' && b.restoreCommand);
  const copy = (text: string) =>
    void navigator.clipboard?.writeText(text).then(
      () => message.success(B.copied),
      () => undefined,
    );
  return (
    <section aria-label={T.admin.tabs.backups}>
      <Typography.Paragraph>{B.intro}</Typography.Paragraph>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={B.keyApart}
        description={
          overview && (
            <span>
              {B.keyAt} <code style={CODE}>{overview.keyKeptAt}</code>
            </span>
          )
        }
      />
      {overview && (
        <Typography.Paragraph>
          {B.directory} <code style={CODE}>{overview.directory}</code>
        </Typography.Paragraph>
      )}
      {overview?.unavailable && <Alert type="info" showIcon title={overview.unavailable} style={{ marginBottom: 12 }} />}
      <Popconfirm
        title={B.startConfirm}
        okText={B.yes}
        cancelText={B.no}
        onConfirm={() => void start({}).then((r) => r.data && refetch({ requestPolicy: 'network-only' }))}
      >
        <Button
          type="primary"
          disabled={running || !overview || !!overview.unavailable}
          loading={startState.fetching}
          style={{ marginBottom: 12 }}
        >
          {B.start}
        </Button>
      </Popconfirm>
      {error && <Alert type="error" showIcon role="alert" title={errorText(error, T.error.network)} style={{ marginBottom: 12 }} />}
      <Table<Backup>
        rowKey="id"
        size="small"
        columns={narrow ? phoneColumns : columns}
        dataSource={overview?.runs ?? []}
        loading={!backups.data && backups.fetching}
        pagination={false}
        scroll={narrow ? undefined : { x: 'max-content' }}
        locale={{ emptyText: <Typography.Text type="secondary">{B.none}</Typography.Text> }}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {B.restoreTitle}
      </Typography.Title>
      <Typography.Paragraph>{B.restoreHow}</Typography.Paragraph>
      {newest?.restoreCommand && (
        <div aria-label={B.restoreOf(newest.file)} role="group">
          <Typography.Paragraph>{B.restoreNewest}</Typography.Paragraph>
          <pre style={{ ...CODE, margin: '0 0 8px', padding: 8, background: 'rgba(0,0,0,0.04)' }}>
            <code>{newest.restoreCommand}</code>
          </pre>
          <Button onClick={() => copy(newest.restoreCommand!)}>{B.copy}</Button>
        </div>
      )}
    </section>
  );
}
