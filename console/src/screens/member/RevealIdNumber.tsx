import { Alert, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../../client.ts';
import { graphql } from '../../graphql.ts';
import { T } from '../../text.ts';

const REVEAL = graphql(`
  mutation RevealIdNumber($id: ID!, $reason: String!) {
    revealIdNumber(id: $id, reason: $reason) {
      recordId
      idNumber
      enteredAs
    }
  }
`);

/** The least a reason holds (the server's rule: ≥ 10 characters). */
const REASON_MIN = 10;

/**
 * One member's full CCCD, for a stated reason (checking it against her card, a request of the Công
 * an): asked in a dialog, shown there only (never kept on the page nor in the address), the reading
 * logged with the reason.
 */
export function RevealIdNumber({ recordId, fullName }: { recordId: string; fullName: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<{ idNumber: string | null; enteredAs: string | null } | null>(null);
  const [state, reveal] = useMutation(REVEAL);
  const close = () => (setOpen(false), setShown(null), setReason(''));
  const ask = async () => {
    const r = await reveal({ id: recordId, reason: reason.trim() });
    if (r.data) setShown(r.data.revealIdNumber);
  };
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)}>
        {T.reveal.action}
      </Button>
      <Modal
        open={open}
        title={T.reveal.title(fullName)}
        okText={shown ? T.reveal.close : T.reveal.submit}
        cancelText={T.form.cancel}
        cancelButtonProps={shown ? { style: { display: 'none' } } : undefined}
        okButtonProps={{ disabled: !shown && reason.trim().length < REASON_MIN, loading: state.fetching }}
        onOk={() => (shown ? close() : void ask())}
        onCancel={close}
        destroyOnHidden
      >
        {shown ? (
          <>
            <Typography.Paragraph>
              {T.reveal.number}:{' '}
              <Typography.Text strong copyable>
                {shown.idNumber ?? T.dash}
              </Typography.Text>
            </Typography.Paragraph>
            {shown.enteredAs && shown.enteredAs !== shown.idNumber && (
              <Typography.Paragraph type="secondary">{T.reveal.enteredAs(shown.enteredAs)}</Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary">{T.reveal.logged}</Typography.Paragraph>
          </>
        ) : (
          <>
            <Typography.Paragraph>{T.reveal.why}</Typography.Paragraph>
            <Input.TextArea
              aria-label={T.reveal.reason}
              placeholder={T.reveal.reason}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            {state.error && (
              <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} style={{ marginTop: 8 }} />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
