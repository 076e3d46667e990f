import { Alert, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { partialDate, vnToday } from '../../format.ts';
import { T } from '../../text.ts';
import { useFreshForm } from '../useFreshForm.ts';
import { END, STATUSES, UPDATE } from './member-api.ts';

/** What the dialog opens with (a note taken: its ending, its day, its words), each hers to change. */
export interface EndPrefill {
  status?: string;
  date?: string;
  /** Why the date is left for her (the note gives a month alone). */
  dateHint?: string;
  reason?: string;
}

interface Target {
  id: string;
  organization: string;
  fullName: string;
  version: number;
}

/**
 * End a membership — or several of one organization at once (the members her file left out): why
 * (left, died, moved…), from which day, on what grounds. Each is ended in turn; one the server
 * refuses is named with why, the others stay ended.
 */
export function EndMembershipDialog({
  targets,
  prefill,
  onClose,
  onDone,
}: {
  targets: Target[];
  prefill?: EndPrefill;
  onClose: () => void;
  /** After the last one; `all` false when some were refused (the dialog stays open, naming them). */
  onDone: (all: boolean) => void;
}) {
  const [form] = Form.useForm<{ status: string; date: string; reason: string }>();
  const open = targets.length > 0;
  const [statuses] = useQuery({ query: STATUSES, variables: { organization: targets[0]?.organization ?? null }, pause: !open });
  const [state, end] = useMutation(END);
  const [refused, setRefused] = useState<string[]>([]);
  useFreshForm(form, open);
  const chosen = Form.useWatch('status', form);
  const submit = async () => {
    const v = await form.validateFields();
    const failed: string[] = [];
    for (const target of targets) {
      const r = await end({ input: { id: target.id, status: v.status as never, date: v.date.trim(), reason: v.reason.trim() } });
      if (r.error)
        failed.push(
          targets.length > 1 ? `${target.fullName}: ${errorText(r.error, T.error.network)}` : errorText(r.error, T.error.network),
        );
    }
    setRefused(failed);
    onDone(!failed.length);
  };
  return (
    <Modal
      open={open}
      title={targets.length === 1 ? T.end.title(targets[0].fullName) : T.end.titleMany(targets.length)}
      okText={T.end.save}
      cancelText={T.form.cancel}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={state.fetching}
      afterClose={() => setRefused([])}
      destroyOnHidden
    >
      {/* Several at once: whom she is ending, named, before she confirms. */}
      {targets.length > 1 && (
        <Typography.Paragraph>
          {T.end.whom}: {targets.map((t) => t.fullName).join(', ')}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          date: partialDate(vnToday()),
          ...(prefill && { status: prefill.status, reason: prefill.reason }),
          ...(prefill?.date !== undefined && { date: prefill.date }),
        }}
        requiredMark={false}
      >
        <Form.Item
          name="status"
          label={T.end.status}
          rules={[{ required: true, message: T.form.required }]}
          // Two ways to say "chuyển đi": which one is hers, said where she chooses.
          extra={chosen === 'TRANSFERRED' ? T.end.transferredHint : undefined}
        >
          <Select
            aria-label={T.end.status}
            options={statuses.data?.memberStatuses.filter((s) => s.ends).map((s) => ({ value: s.code, label: s.label }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={T.end.date}
          extra={prefill?.dateHint}
          rules={[{ required: true, whitespace: true, message: T.form.required }]}
        >
          {/* Today, chosen whole when she comes in: what she types replaces it rather than joining it. */}
          <Input autoComplete="off" onFocus={(e) => e.target.select()} />
        </Form.Item>
        <Form.Item name="reason" label={T.end.reason} rules={[{ required: true, whitespace: true, message: T.form.required }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {refused.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={refused.length === 1 ? refused[0] : T.end.refused(refused.length)}
          description={refused.length > 1 ? refused.map((f) => <div key={f}>{f}</div>) : undefined}
        />
      )}
    </Modal>
  );
}

/** Take an ended (or suspended) membership back to active, with the reason in its history. */
export function ReinstateDialog({ target, onClose, onDone }: { target: Target | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ date: string; reason: string; mistaken?: boolean }>();
  const mistaken = Form.useWatch('mistaken', form);
  const [state, update] = useMutation(UPDATE);
  useFreshForm(form, !!target);
  const submit = async () => {
    const v = await form.validateFields();
    const r = await update({
      id: target!.id,
      input: {
        status: 'ACTIVE',
        reason: v.reason.trim(),
        expectedVersion: target!.version,
        endingMistaken: v.mistaken || null,
        // A mistaken ending is voided from its own day: no day of return to give.
        statusDate: v.mistaken ? null : v.date.trim(),
      },
    });
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
      <Form form={form} layout="vertical" initialValues={{ date: partialDate(vnToday()) }} requiredMark={false}>
        {/* The day he came back, which her quarter's report counts him in by: today unless she says otherwise. */}
        <Form.Item
          name="date"
          label={T.reinstate.date}
          hidden={!!mistaken}
          rules={[{ required: !mistaken, whitespace: true, message: T.form.required }]}
        >
          <Input autoComplete="off" onFocus={(e) => e.target.select()} />
        </Form.Item>
        <Form.Item name="reason" label={T.reinstate.reason} rules={[{ required: true, whitespace: true, message: T.form.required }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {/* A mistaken ending is taken back as if never made: her quarter's report counts neither a departure nor a return. */}
        <Form.Item name="mistaken" valuePropName="checked" extra={T.reinstate.mistakenHelp}>
          <Checkbox>{T.reinstate.mistaken}</Checkbox>
        </Form.Item>
      </Form>
      {state.error && <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} />}
    </Modal>
  );
}
