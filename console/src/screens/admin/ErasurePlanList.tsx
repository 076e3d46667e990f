import { Alert, Checkbox, List, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { T } from '../../text.ts';
import { useOrganizationName } from '../useOrganizationName.ts';
import { ERASURE_PLAN } from './requests-query.ts';

const R = T.admin.requests;

/** A membership not ended: one a request to leave another organization does not concern. */
const LIVE = new Set(['ACTIVE', 'TEMPORARY', 'SUSPENDED']);

interface Props {
  recordId: string;
  also: string[];
  onAlso: (ids: string[]) => void;
  keep: string[];
  onKeep: (ids: string[]) => void;
}

/**
 * Before she erases: every record of the person, by organization, code, name and status — the asked
 * one always erased, each other one erased while ticked (her live memberships in other organizations
 * start unticked: she asked to leave one organization, not the others) — and those only the model
 * joins, each with why, erased only if she ticks it.
 */
export function ErasurePlanList({ recordId, also, onAlso, keep, onKeep }: Props) {
  const [plan] = useQuery({ query: ERASURE_PLAN, variables: { id: recordId }, requestPolicy: 'network-only' });
  const orgName = useOrganizationName();
  const p = plan.data?.erasurePlan;
  const asked = p?.records.find((r) => r.id === recordId);
  useEffect(() => {
    if (!p || !asked) return;
    onKeep(p.records.filter((r) => r.id !== recordId && r.organization !== asked.organization && LIVE.has(r.status)).map((r) => r.id));
    // Once per plan loaded: her ticks after that are hers.
  }, [p]);
  if (plan.fetching) return <Spin />;
  if (!p) return null;
  const line = (r: { organization: string; externalId: string; fullName: string }) =>
    `${orgName(r.organization)} — ${r.externalId} — ${r.fullName}`;
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  const erasedCount = p.records.filter((r) => !keep.includes(r.id)).length + also.length;
  const othersLive = p.records.some((r) => r.id !== recordId && LIVE.has(r.status));
  return (
    <>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {R.erased(erasedCount)}
      </Typography.Paragraph>
      {othersLive && <Typography.Paragraph type="secondary">{R.keepHint}</Typography.Paragraph>}
      {/* Erasing keeps the figures: a member who left is still counted until her membership is ended. */}
      {asked && LIVE.has(asked.status) && (
        <Alert type="info" showIcon title={R.stillMember(asked.statusLabel)} style={{ marginBottom: 12 }} />
      )}
      <List
        size="small"
        dataSource={p.records}
        renderItem={(r) => (
          <List.Item>
            <Checkbox
              checked={!keep.includes(r.id)}
              disabled={r.id === recordId}
              onChange={(e) => onKeep(toggle(keep, r.id, !e.target.checked))}
            >
              {line(r)}
              <Typography.Text type="secondary">
                {' '}
                ({r.statusLabel}
                {r.id === recordId ? `; ${R.askedRecord}` : keep.includes(r.id) ? `; ${R.kept}` : `; ${R.willErase}`})
              </Typography.Text>
            </Checkbox>
          </List.Item>
        )}
        style={{ marginBottom: 12 }}
      />
      {p.toConfirm.length > 0 && (
        <>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            {R.toConfirm}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={p.toConfirm}
            renderItem={(c) => (
              <List.Item>
                <Checkbox checked={also.includes(c.record.id)} onChange={(e) => onAlso(toggle(also, c.record.id, e.target.checked))}>
                  {line(c.record)}
                  <Typography.Text type="secondary"> ({c.why})</Typography.Text>
                </Checkbox>
              </List.Item>
            )}
            style={{ marginBottom: 12 }}
          />
        </>
      )}
    </>
  );
}
