import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { vnTime } from '../../format.ts';
import { T } from '../../text.ts';
import { IMPORT_JOB_TONE } from '../../tones.ts';
import { PAST_IMPORTS, type PastImport } from './import-api.ts';
import { UndoDialog } from './UndoDialog.tsx';

const P = T.imports.past;

/**
 * Her secretariat's recent imports (newest first): file, when, who, rows created/updated/refused,
 * whether undone; each one that may still be undone has "Hoàn tác" (with a reason, confirmed), and
 * each that may not says why (the server's rule: 30 days, nobody changed its records); a preview she
 * left has "Xem tiếp"; a finished one "Xem kết quả" (its counts, its refused rows' file, the members
 * its file left out — to come back to days later).
 */
export function PastImports({ onResume, onOpen }: { onResume: (jobId: string) => void; onOpen: (jobId: string) => void }) {
  const [list, refetch] = useQuery({ query: PAST_IMPORTS, requestPolicy: 'cache-and-network' });
  const [chosen, setChosen] = useState<PastImport | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const jobs = list.data?.importJobs ?? [];

  return (
    <section aria-labelledby="past-imports-title" style={{ marginTop: 32 }}>
      <Typography.Title level={2} id="past-imports-title" style={{ fontSize: 18 }}>
        {P.title}
      </Typography.Title>
      {list.error && <Alert type="error" showIcon role="alert" title={errorText(list.error, T.error.network)} />}
      {done && <Alert type="success" showIcon role="status" title={done} style={{ marginBottom: 12 }} />}
      <List<PastImport>
        bordered
        loading={list.fetching && !list.data}
        dataSource={jobs}
        locale={{ emptyText: P.empty }}
        renderItem={(j) => (
          <List.Item key={j.id} aria-label={j.sourceName}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={8}>
                <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                  {j.sourceName}
                </Typography.Text>
                <Tag color={IMPORT_JOB_TONE[j.status]}>{P.status[j.status] ?? j.status}</Tag>
              </Space>
              <Typography.Text type="secondary">
                {P.when}: {vnTime(j.startedAt)} · {P.by}: {j.startedBy}
              </Typography.Text>
              {/* A preview has written nothing yet: no counts of nothing. */}
              <Typography.Text>{j.status === 'PREVIEW' ? P.notYet : P.counts(j.created, j.updated, j.rejected, j.held)}</Typography.Text>
              {j.undo && (
                <Typography.Text type="secondary">{P.undoneBy(j.undo.by, vnTime(j.undo.at), j.undo.unitsRemoved)}</Typography.Text>
              )}
              <Space wrap size={8} style={{ marginTop: 4 }}>
                {j.status === 'DONE' && (
                  <Button aria-label={P.openLabel(j.sourceName, vnTime(j.startedAt))} onClick={() => onOpen(j.id)}>
                    {P.open}
                  </Button>
                )}
                {j.status === 'PREVIEW' ? (
                  // A preview she left (another screen, a closed laptop): its plan waits, she takes it up again.
                  <Button type="primary" aria-label={P.resumeLabel(j.sourceName, vnTime(j.startedAt))} onClick={() => onResume(j.id)}>
                    {P.resume}
                  </Button>
                ) : j.undoBlocked === null ? (
                  <Button danger aria-label={P.undoLabel(j.sourceName, vnTime(j.startedAt))} onClick={() => setChosen(j)}>
                    {P.undo}
                  </Button>
                ) : (
                  j.status !== 'UNDONE' && <Typography.Text type="secondary">{P.blocked(j.undoBlocked)}</Typography.Text>
                )}
              </Space>
            </Space>
          </List.Item>
        )}
      />
      <UndoDialog
        jobId={chosen?.id ?? null}
        title={chosen ? P.undoTitle(chosen.sourceName) : ''}
        onClose={() => setChosen(null)}
        onUndone={() => {
          setDone(P.undoDone(chosen!.sourceName));
          setChosen(null);
          refetch({ requestPolicy: 'network-only' });
        }}
      />
    </section>
  );
}
