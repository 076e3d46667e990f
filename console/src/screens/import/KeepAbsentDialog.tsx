import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../../client.ts';
import { T } from '../../text.ts';
import { useFreshForm } from '../useFreshForm.ts';
import { KEEP_ABSENT } from './import-api.ts';

const A = T.imports.absent;

/** Keeps members her file left out who are still members, with why (asked once, not every month); names them. */
export function KeepAbsentDialog({
  jobId,
  targets,
  onClose,
  onDone,
}: {
  jobId: string;
  targets: { id: string; fullName: string }[];
  onClose: () => void;
  onDone: (kept: number) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [state, keep] = useMutation(KEEP_ABSENT);
  const [refused, setRefused] = useState<string | null>(null);
  useFreshForm(form, targets.length > 0);
  const submit = async () => {
    const { reason } = await form.validateFields();
    const r = await keep({ id: jobId, recordIds: targets.map((t) => t.id), reason: reason.trim() });
    if (r.error) return setRefused(errorText(r.error, T.error.network));
    onDone(r.data?.keepAbsentMembers ?? targets.length);
  };
  return (
    <Modal
      open={targets.length > 0}
      title={A.keepTitle(targets.length)}
      okText={A.keepOk}
      cancelText={T.form.cancel}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={state.fetching}
      afterClose={() => setRefused(null)}
      destroyOnHidden
    >
      <Typography.Paragraph>{A.keepBody}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{targets.map((t) => t.fullName).join(', ')}</Typography.Paragraph>
      {refused && <Alert type="error" showIcon role="alert" title={refused} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="reason" label={A.keepReason} rules={[{ required: true, whitespace: true, message: A.keepReasonNeeded }]}>
          <Input.TextArea rows={2} placeholder={A.keepHint} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
