import { Alert, Button, Descriptions, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { T } from '../../text.ts';
import { OPEN_NOTES_OF_JOB, type Job } from './import-api.ts';
import { AbsentMembers } from './AbsentMembers.tsx';
import { UndoDialog } from './UndoDialog.tsx';
import { waitForJob } from './wait-for-job.ts';
import { OPEN_NOTES } from '../roster-query.ts';

/** Step 3: the import running, then its result — counts, the error file to download — and undo. */
export function ResultStep({ jobId, onAnother }: { jobId: string; onAnother: () => void }) {
  const client = useClient();
  const [job, setJob] = useState<Job | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    waitForJob(client, jobId, ['DONE', 'FAILED', 'UNDONE'], setJob).catch((e: Error) => setError(e.message));
  }, [client, jobId]);
  const [notes] = useQuery({ query: OPEN_NOTES_OF_JOB, variables: { id: jobId }, pause: job?.status !== 'DONE' });
  const openNotes = notes.data?.importJob.openNotes ?? 0;
  const undone = async () => {
    setUndoing(false);
    setJob(await waitForJob(client, jobId, ['UNDONE']));
  };
  if (error) return <Alert type="error" showIcon role="alert" title={T.error.generic} description={error} />;
  if (!job) return null;
  if (job.status === 'RUNNING') return <Progress percent={99} status="active" format={() => T.imports.progress(job.rowsRead)} />;
  return (
    <>
      {job.status === 'DONE' && (
        <Alert type="success" showIcon role="status" title={T.imports.done(job.sourceName)} style={{ marginBottom: 16 }} />
      )}
      {job.status === 'UNDONE' && <Alert type="info" showIcon role="status" title={T.imports.undone} style={{ marginBottom: 16 }} />}
      {job.status === 'FAILED' && (
        <Alert type="error" showIcon role="alert" title={T.imports.failed} description={job.failure} style={{ marginBottom: 16 }} />
      )}
      {job.status === 'DONE' && openNotes > 0 && (
        <Alert
          type="warning"
          showIcon
          role="status"
          title={T.imports.openNotes(openNotes)}
          // Under the sentence, not beside it: beside, a phone left the sentence a column of broken words.
          description={<a href={`#/danh-sach?canh-bao=${OPEN_NOTES}`}>{T.imports.openNotesLink}</a>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={T.imports.fate.CREATED}>{job.created}</Descriptions.Item>
        <Descriptions.Item label={T.imports.fate.UPDATED}>{job.updated}</Descriptions.Item>
        <Descriptions.Item label={T.imports.fate.UNCHANGED}>{job.unchanged}</Descriptions.Item>
        <Descriptions.Item label={T.imports.fate.HELD}>{job.held}</Descriptions.Item>
        <Descriptions.Item label={T.imports.fate.REFUSED}>{job.rejected}</Descriptions.Item>
        <Descriptions.Item label={T.imports.warned}>{job.warned}</Descriptions.Item>
      </Descriptions>
      <Space style={{ marginTop: 16 }} wrap>
        {job.rejected > 0 && <a href={job.errorFileUrl}>{T.imports.errorFile}</a>}
        {/* Undone, the codes it gave are gone: its result file is nothing to import next time. */}
        {job.status === 'DONE' && job.resultFileUrl && <a href={job.resultFileUrl}>{T.imports.resultFile}</a>}
        {job.status === 'DONE' && (
          <Button danger onClick={() => setUndoing(true)}>
            {T.imports.undo}
          </Button>
        )}
        <Button onClick={onAnother}>{T.imports.another}</Button>
      </Space>
      {job.status === 'DONE' && job.resultFileUrl && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {T.imports.held.keepCodes}
        </Typography.Paragraph>
      )}
      {job.status === 'DONE' && <AbsentMembers jobId={jobId} />}
      <UndoDialog
        jobId={undoing ? jobId : null}
        title={T.imports.undoTitle}
        onClose={() => setUndoing(false)}
        onUndone={() => void undone()}
      />
    </>
  );
}
