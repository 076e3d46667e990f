import { Alert, Button, Checkbox, Grid, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { partialDate } from '../../format.ts';
import { T } from '../../text.ts';
import { EndMembershipDialog } from '../member/StatusDialogs.tsx';
import { ABSENT, type AbsentMember } from './import-api.ts';
import { KeepAbsentDialog } from './KeepAbsentDialog.tsx';

const A = T.imports.absent;

/**
 * After an import, the members of the chi hội her file covers that it no longer lists: moved away,
 * died, stopped coming — or simply left off. She ticks those who have left and ends them (why, from
 * which day, on what grounds); those still members she keeps, with why, and is not asked about again
 * while her files leave them out. Nothing here was ended by the import.
 */
export function AbsentMembers({ jobId }: { jobId: string }) {
  const [withKept, setWithKept] = useState(false);
  const [{ data, error }, refetch] = useQuery({ query: ABSENT, variables: { id: jobId, withKept }, requestPolicy: 'network-only' });
  const [selected, setSelected] = useState<string[]>([]);
  const [acting, setActing] = useState<'end' | 'keep' | null>(null);
  const [done, setDone] = useState<{ ended: number; kept: number }>({ ended: 0, kept: 0 });
  const screens = Grid.useBreakpoint();
  if (error) return <Alert type="error" showIcon role="alert" title={errorText(error, T.error.network)} style={{ marginTop: 16 }} />;
  const job = data?.importJob;
  if (!job || (job.absent.total === 0 && !job.absent.kept && !done.ended && !done.kept)) return null;
  const { total, kept, members } = job.absent;
  const chosen = members.filter((m) => selected.includes(m.id)).map((m) => ({ ...m, organization: job.organization }));
  const after = (counted: Partial<typeof done>) => {
    setDone((d) => ({ ended: d.ended + (counted.ended ?? 0), kept: d.kept + (counted.kept ?? 0) }));
    setActing(null);
    setSelected([]);
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section aria-labelledby="absent-title" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="absent-title" style={{ fontSize: 18 }}>
        {A.title(total)}
      </Typography.Title>
      {done.ended > 0 && <Alert type="success" showIcon role="status" title={A.ended(done.ended)} style={{ marginBottom: 12 }} />}
      {done.kept > 0 && <Alert type="success" showIcon role="status" title={A.keptDone(done.kept)} style={{ marginBottom: 12 }} />}
      {kept > 0 && (
        <Typography.Paragraph type="secondary">
          {A.keptCount(kept)}{' '}
          <Button type="link" size="small" onClick={() => setWithKept((w) => !w)} style={{ padding: 0 }}>
            {withKept ? A.hideKept : A.showKept}
          </Button>
        </Typography.Paragraph>
      )}
      {members.length > 0 && (
        <>
          <Typography.Paragraph>{A.body}</Typography.Paragraph>
          {total + (withKept ? kept : 0) > members.length && (
            <Typography.Paragraph type="secondary">{A.first(members.length)}</Typography.Paragraph>
          )}
          <Table<AbsentMember>
            rowKey="id"
            size="small"
            dataSource={members}
            pagination={members.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            rowSelection={{
              selectedRowKeys: selected,
              // The library's own select-all box is named in English: this one in Vietnamese, for the whole list.
              columnTitle: (
                <Checkbox
                  aria-label={A.selectAll}
                  checked={selected.length === members.length}
                  indeterminate={selected.length > 0 && selected.length < members.length}
                  onChange={(e) => setSelected(e.target.checked ? members.map((m) => m.id) : [])}
                />
              ),
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (m) => ({ 'aria-label': m.fullName }),
            }}
            columns={[
              {
                title: A.name,
                dataIndex: 'fullName',
                // On a phone the unit's column is gone: under the name instead (namesakes of two chi hội told apart).
                // A status other than her own members' (a temporary listing) and one she kept are said under the name.
                render: (name: string, m) => (
                  <>
                    {name}
                    {!screens.sm && (
                      <Typography.Text type="secondary" style={{ display: 'block' }}>
                        {m.unit}
                      </Typography.Text>
                    )}
                    {(m.status !== 'ACTIVE' || m.kept) && (
                      <div>
                        {m.status !== 'ACTIVE' && <Tag color="blue">{m.statusLabel}</Tag>}
                        {m.kept && <Tag>{A.keptTag(m.kept.on, m.kept.reason)}</Tag>}
                      </div>
                    )}
                  </>
                ),
              },
              { title: A.birth, dataIndex: 'birthDate', render: (d: string | null) => partialDate(d) },
              { title: A.unit, dataIndex: 'unit', responsive: ['sm'] },
              { title: A.code, dataIndex: 'code', responsive: ['md'] },
            ]}
          />
          <Space wrap style={{ marginTop: 12 }}>
            <Button type="primary" disabled={!selected.length} onClick={() => setActing('end')}>
              {A.end(selected.length)}
            </Button>
            <Button disabled={!selected.length} onClick={() => setActing('keep')}>
              {A.keep(selected.length)}
            </Button>
          </Space>
        </>
      )}
      <EndMembershipDialog
        targets={acting === 'end' ? chosen : []}
        onClose={() => setActing(null)}
        onDone={(all) => (all ? after({ ended: chosen.length }) : refetch({ requestPolicy: 'network-only' }))}
      />
      <KeepAbsentDialog
        jobId={jobId}
        targets={acting === 'keep' ? chosen : []}
        onClose={() => setActing(null)}
        onDone={(n) => after({ kept: n })}
      />
    </section>
  );
}

/** At the preview: how many of the chi hội her file covers it does not name — told before she confirms, decided after. */
export function AbsentNotice({ jobId }: { jobId: string }) {
  const [{ data }] = useQuery({ query: ABSENT, variables: { id: jobId }, requestPolicy: 'network-only' });
  const total = data?.importJob.absent.total ?? 0;
  if (!total) return null;
  return <Alert type="info" showIcon role="status" title={A.foretold(total)} style={{ marginBottom: 16 }} />;
}
