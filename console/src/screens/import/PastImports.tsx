import { Alert, Button, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { vnTime } from '../../format.ts';
import { T } from '../../text.ts';
import { IMPORT_JOB_TONE } from '../../tones.ts';
import { PAST_IMPORTS, UNDO, type PastImport } from './import-api.ts';

const P = T.imports.past;

/**
 * Her secretariat's recent imports (newest first): file, when, who, rows created/updated/refused,
 * whether undone; each one that may still be undone has "Hoàn tác" (with a reason, confirmed), and
 * each that may not says why (the server's rule: 30 days, nobody changed its records).
 */
export function PastImports() {
  const [list, refetch] = useQuery({ query: PAST_IMPORTS, requestPolicy: 'cache-and-network' });
  const [undoing, undo] = useMutation(UNDO);
  const [chosen, setChosen] = useState<PastImport | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const jobs = list.data?.importJobs ?? [];

  const close = () => {
    setChosen(null);
    setReason('');
    setError(null);
  };
  const confirm = async () => {
    if (!chosen) return;
    const r = await undo({ jobId: chosen.id, reason: reason.trim() });
    if (r.error) return setError(errorText(r.error, T.error.network));
    setDone(P.undoDone(chosen.sourceName));
    close();
    refetch({ requestPolicy: 'network-only' });
  };

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
              <Typography.Text>{P.counts(j.created, j.updated, j.rejected)}</Typography.Text>
              {j.undo && <Typography.Text type="secondary">{P.undoneBy(j.undo.by, vnTime(j.undo.at))}</Typography.Text>}
              {j.undoBlocked === null ? (
                <Button
                  danger
                  aria-label={P.undoLabel(j.sourceName, vnTime(j.startedAt))}
                  onClick={() => setChosen(j)}
                  style={{ alignSelf: 'flex-start', marginTop: 4 }}
                >
                  {P.undo}
                </Button>
              ) : (
                j.status !== 'UNDONE' && <Typography.Text type="secondary">{P.blocked(j.undoBlocked)}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={chosen !== null}
        destroyOnHidden
        title={chosen ? P.undoTitle(chosen.sourceName) : ''}
        okText={T.imports.undo}
        cancelText={T.imports.cancel}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 10, loading: undoing.fetching }}
        onOk={() => void confirm()}
        onCancel={close}
      >
        <p>{T.imports.undoBody}</p>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Input.TextArea
          aria-label={T.imports.undoReason}
          placeholder={T.imports.undoReason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </section>
  );
}
