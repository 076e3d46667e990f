import { Alert, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { partialDate, vnToday } from '../../format.ts';
import { T } from '../../text.ts';
import { END, STATUSES, UPDATE } from './member-api.ts';

interface Target {
  id: string;
  organization: string;
  fullName: string;
  version: number;
}

/** End a membership: why (left, died, moved…), from which day, on what grounds. */
export function EndMembershipDialog({ target, onClose, onDone }: { target: Target | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ status: string; date: string; reason: string }>();
  const [statuses] = useQuery({ query: STATUSES, variables: { organization: target?.organization ?? null }, pause: !target });
  const [state, end] = useMutation(END);
  const submit = async () => {
    const v = await form.validateFields();
    const r = await end({ input: { id: target!.id, status: v.status as never, date: v.date.trim(), reason: v.reason.trim() } });
    if (!r.error) onDone();
  };
  return (
    <Modal
      open={!!target}
      title={target ? T.end.title(target.fullName) : ''}
      okText={T.end.save}
      cancelText={T.form.cancel}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={state.fetching}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ date: partialDate(vnToday()) }} requiredMark={false}>
        <Form.Item name="status" label={T.end.status} rules={[{ required: true, message: T.form.required }]}>
          <Select
            aria-label={T.end.status}
            options={statuses.data?.memberStatuses.filter((s) => s.ends).map((s) => ({ value: s.code, label: s.label }))}
          />
        </Form.Item>
        <Form.Item name="date" label={T.end.date} rules={[{ required: true, whitespace: true, message: T.form.required }]}>
          {/* Today, chosen whole when she comes in: what she types replaces it rather than joining it. */}
          <Input autoComplete="off" onFocus={(e) => e.target.select()} />
        </Form.Item>
        <Form.Item name="reason" label={T.end.reason} rules={[{ required: true, whitespace: true, message: T.form.required }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {state.error && <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} />}
    </Modal>
  );
}

/** Take an ended (or suspended) membership back to active, with the reason in its history. */
export function ReinstateDialog({ target, onClose, onDone }: { target: Target | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [state, update] = useMutation(UPDATE);
  const submit = async () => {
    const v = await form.validateFields();
    const r = await update({ id: target!.id, input: { status: 'ACTIVE', reason: v.reason.trim(), expectedVersion: target!.version } });
    if (!r.error) onDone();
  };
  return (
    <Modal
      open={!!target}
      title={target ? T.reinstate.title(target.fullName) : ''}
      okText={T.reinstate.save}
      cancelText={T.form.cancel}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={state.fetching}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="reason" label={T.reinstate.reason} rules={[{ required: true, whitespace: true, message: T.form.required }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {state.error && <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} />}
    </Modal>
  );
}
