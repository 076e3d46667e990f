import { Alert, Button, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../../client.ts';
import { partialDate, vnTime } from '../../format.ts';
import { graphql } from '../../graphql.ts';
import { T } from '../../text.ts';

export const ACCEPT_SUGGESTION = graphql(`
  mutation AcceptSuggestion($id: ID!) {
    acceptSuggestion(id: $id) {
      id
      status
    }
  }
`);

export const DISMISS_SUGGESTION = graphql(`
  mutation DismissSuggestion($id: ID!, $reason: String!) {
    dismissSuggestion(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export interface NoteSuggestion {
  id: string;
  kind: string;
  status: string;
  evidence: string;
  detail: string | null;
  when: string | null;
  /** The ending the note says happened (DECEASED, LEFT), offered once she takes it. */
  endsAs?: string | null;
  decision: { status: string; by: string; at: string; reason: string | null } | null;
}

const TONE: Record<string, string> = { OPEN: 'orange', ACCEPTED: 'green', DISMISSED: 'default' };

/** The ending a taken note offers: its status, its day when the note gives a whole one (else today's, hers to change), the note as the reason. */
export const notedEnding = (s: NoteSuggestion) => ({
  ...(s.endsAs ? { status: s.endsAs } : {}),
  // A month or a year alone ("đã mất tháng 3/2026"): no day filled in — today's would date it wrong; she is told to ask.
  ...(s.when && /^\d{4}-\d{2}-\d{2}$/.test(s.when)
    ? { date: partialDate(s.when) }
    : s.when
      ? { date: '', dateHint: T.flags.endDateVague(partialDate(s.when)) }
      : {}),
  reason: T.notes.said(s.evidence),
});

/**
 * What the Ghi chú cells of her imports said of the member ("đã mất", "chuyển đi Mường Ảng", "CMND
 * cũ"), each hers to take (its flag is raised) or not (with why); nothing applied by itself.
 */
export function NoteSuggestions(props: {
  suggestions: NoteSuggestion[];
  canEdit: boolean;
  onChanged: () => void;
  /** A note taken: the member page offers the ending it says happened. */
  onTaken?: (s: NoteSuggestion) => void;
}) {
  const [accepting, accept] = useMutation(ACCEPT_SUGGESTION);
  const [dismissing, dismiss] = useMutation(DISMISS_SUGGESTION);
  const [asked, setAsked] = useState<NoteSuggestion | null>(null);
  const [reason, setReason] = useState('');
  if (!props.suggestions.length) return null;
  const error = accepting.error ?? dismissing.error;
  const kind = (s: NoteSuggestion) => T.notes.kind[s.kind] ?? s.kind;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {T.notes.title}
      </Typography.Title>
      {/* "Nothing applied yet" only while something waits for her: after her "Nhận" it would say the opposite of the list. */}
      <Typography.Paragraph type="secondary">
        {props.suggestions.some((s) => s.status === 'OPEN') ? T.notes.intro : T.notes.introDecided}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={errorText(error, T.error.network)} style={{ marginBottom: 8 }} />}
      <List
        size="small"
        dataSource={props.suggestions}
        renderItem={(s) => (
          <List.Item
            actions={
              props.canEdit && s.status === 'OPEN'
                ? [
                    <Popconfirm
                      key="accept"
                      title={T.notes.acceptConfirm(kind(s))}
                      okText={T.notes.accept}
                      cancelText={T.form.cancel}
                      onConfirm={() =>
                        void accept({ id: s.id }).then((r) => {
                          if (r.error) return;
                          props.onChanged();
                          props.onTaken?.(s);
                        })
                      }
                    >
                      <Button size="small" type="primary" loading={accepting.fetching}>
                        {T.notes.accept}
                      </Button>
                    </Popconfirm>,
                    <Button key="dismiss" size="small" onClick={() => (setReason(''), setAsked(s))}>
                      {T.notes.dismiss}
                    </Button>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={2}>
              <Space wrap size={4}>
                <Tag color="volcano">{kind(s)}</Tag>
                <Tag color={TONE[s.status]}>{T.notes.status[s.status] ?? s.status}</Tag>
              </Space>
              <span>{T.notes.said(s.evidence)}</span>
              {s.detail && <Typography.Text type="secondary">{T.notes.detail(s.detail)}</Typography.Text>}
              {s.when && <Typography.Text type="secondary">{T.notes.when(partialDate(s.when))}</Typography.Text>}
              {s.decision && (
                <Typography.Text type="secondary">
                  {T.notes.decided(
                    T.notes.status[s.decision.status] ?? s.decision.status,
                    s.decision.by,
                    vnTime(s.decision.at),
                    s.decision.reason,
                  )}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={!!asked}
        title={T.notes.dismissTitle}
        okText={T.notes.save}
        cancelText={T.form.cancel}
        okButtonProps={{ disabled: reason.trim().length < 3, loading: dismissing.fetching }}
        onOk={() =>
          void dismiss({ id: asked!.id, reason: reason.trim() }).then((r) => {
            if (r.error) return;
            setAsked(null);
            props.onChanged();
          })
        }
        onCancel={() => setAsked(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{asked && T.notes.said(asked.evidence)}</Typography.Paragraph>
        <Input.TextArea
          aria-label={T.notes.dismissReason}
          placeholder={T.notes.dismissReason}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
