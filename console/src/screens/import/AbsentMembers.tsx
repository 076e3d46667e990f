import { Alert, Button, Checkbox, Grid, Table, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { partialDate } from '../../format.ts';
import { T } from '../../text.ts';
import { EndMembershipDialog } from '../member/StatusDialogs.tsx';
import { ABSENT, type AbsentMember } from './import-api.ts';

const A = T.imports.absent;

/**
 * After an import, the members of the chi hội her file covers that it no longer lists: moved away,
 * died, stopped coming — or simply left off. She ticks those who have left and ends them (why, from
 * which day, on what grounds); those she keeps stay as they are. Nothing here was ended by the import.
 */
export function AbsentMembers({ jobId }: { jobId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: ABSENT, variables: { id: jobId }, requestPolicy: 'network-only' });
  const [selected, setSelected] = useState<string[]>([]);
  const [ending, setEnding] = useState(false);
  const [ended, setEnded] = useState(0);
  const screens = Grid.useBreakpoint();
  if (error) return <Alert type="error" showIcon role="alert" title={errorText(error, T.error.network)} style={{ marginTop: 16 }} />;
  const job = data?.importJob;
  if (!job || (job.absent.total === 0 && !ended)) return null;
  const { total, members } = job.absent;
  const chosen = members.filter((m) => selected.includes(m.id)).map((m) => ({ ...m, organization: job.organization }));
  const after = (all: boolean) => {
    if (all) {
      setEnded((n) => n + chosen.length);
      setEnding(false);
      setSelected([]);
    }
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section aria-labelledby="absent-title" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="absent-title" style={{ fontSize: 18 }}>
        {A.title(total)}
      </Typography.Title>
      {ended > 0 && <Alert type="success" showIcon role="status" title={A.ended(ended)} style={{ marginBottom: 12 }} />}
      {total > 0 && (
        <>
          <Typography.Paragraph>{A.body}</Typography.Paragraph>
          {total > members.length && <Typography.Paragraph type="secondary">{A.first(members.length)}</Typography.Paragraph>}
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
                render: (name: string, m) =>
                  screens.sm ? (
                    name
                  ) : (
                    <>
                      {name}
                      <Typography.Text type="secondary" style={{ display: 'block' }}>
                        {m.unit}
                      </Typography.Text>
                    </>
                  ),
              },
              { title: A.birth, dataIndex: 'birthDate', render: (d: string | null) => partialDate(d) },
              { title: A.unit, dataIndex: 'unit', responsive: ['sm'] },
              { title: A.code, dataIndex: 'code', responsive: ['md'] },
            ]}
          />
          <Button type="primary" disabled={!selected.length} onClick={() => setEnding(true)} style={{ marginTop: 12 }}>
            {A.end(selected.length)}
          </Button>
        </>
      )}
      <EndMembershipDialog targets={ending ? chosen : []} onClose={() => setEnding(false)} onDone={after} />
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
