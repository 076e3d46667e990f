import { Alert, Input, Modal } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../../client.ts';
import { T } from '../../text.ts';
import { UNDO } from './import-api.ts';
import { LabeledField } from '../LabeledField.tsx';

/**
 * The undo of one import (open while `jobId` is set): her reason (at least 10 characters), then the
 * server's answer — a refusal said in the dialog, success handed to `onUndone`. One dialog for the
 * result step and the list of past imports.
 */
export function UndoDialog({
  jobId,
  title,
  onClose,
  onUndone,
}: {
  jobId: string | null;
  title: string;
  onClose: () => void;
  onUndone: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [undoing, undo] = useMutation(UNDO);
  const reset = () => {
    setReason('');
    setError(null);
  };
  const confirm = async () => {
    const r = await undo({ jobId: jobId!, reason: reason.trim() });
    if (r.error) return setError(errorText(r.error, T.error.network));
    reset();
    onUndone();
  };
  return (
    <Modal
      open={jobId !== null}
      destroyOnHidden
      title={title}
      okText={T.imports.undo}
      cancelText={T.imports.cancel}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 10, loading: undoing.fetching }}
      onOk={() => void confirm()}
      onCancel={() => {
        reset();
        onClose();
      }}
    >
      <p>{T.imports.undoBody}</p>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <LabeledField id="undo-reason" label={T.imports.undoReason}>
        <Input.TextArea id="undo-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </LabeledField>
    </Modal>
  );
}
