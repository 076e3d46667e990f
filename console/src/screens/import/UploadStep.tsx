import { InboxOutlined } from '@ant-design/icons';
import { Alert, Checkbox, Grid, Spin, Upload } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { useClient } from 'urql';
import { T } from '../../text.ts';
import { uploadForPreview } from './import-api.ts';
import { waitForJob } from './wait-for-job.ts';

/** Step 1: her file (dragged or chosen), read and planned on the server; nothing is written yet. */
export function UploadStep(props: { organization: string; csrfToken: string; onPlanned: (jobId: string) => void }) {
  const client = useClient();
  const [createUnits, setCreateUnits] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // On a phone nothing is dragged: she taps to choose her file.
  const phone = !Grid.useBreakpoint().md;
  const start = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const jobId = await uploadForPreview(file, props.organization, createUnits, props.csrfToken);
      const job = await waitForJob(client, jobId, ['PREVIEW', 'NEEDS_CONFIRMATION', 'FAILED']);
      if (job.status === 'FAILED') throw new Error(job.failure ?? T.error.generic);
      props.onPlanned(jobId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Spin spinning={busy} description={T.imports.reading}>
      {error && <Alert type="error" showIcon role="alert" title={T.imports.refused} description={error} style={{ marginBottom: 16 }} />}
      {/* The drop area is a button: Space opens the file dialog too, as Enter does (the library answers Enter alone). */}
      <div onKeyDown={spaceOpens}>
        <Upload.Dragger
          accept=".xlsx,.xls,.xml,.csv"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            void start(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">{phone ? T.imports.tap : T.imports.drop}</p>
          <p className="ant-upload-hint">{T.imports.dropHint}</p>
        </Upload.Dragger>
      </div>
      <p style={{ marginTop: 12 }}>
        <a href={`/templates/${props.organization}.xlsx`} download>
          {T.imports.template}
        </a>
      </p>
      <Checkbox checked={createUnits} onChange={(e) => setCreateUnits(e.target.checked)} style={{ marginTop: 12 }}>
        {T.imports.createUnits}
      </Checkbox>
    </Spin>
  );
}

/** Space on a role="button" element clicks it, as on a real button (without scrolling the page). */
function spaceOpens(e: KeyboardEvent) {
  const target = e.target as HTMLElement;
  if (e.key !== ' ' || target.getAttribute('role') !== 'button') return;
  e.preventDefault();
  target.click();
}
