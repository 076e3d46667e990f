import { Checkbox, List, Spin, Typography } from 'antd';
import { useQuery } from 'urql';
import { T } from '../../text.ts';
import { useOrganizationName } from '../useOrganizationName.ts';
import { ERASURE_PLAN } from './requests-query.ts';

const R = T.admin.requests;

/**
 * Before she erases: every record that will go, by organization, code and name (the same person's in
 * other organizations too), and those only the model joins, each with why — erased only if she ticks it.
 */
export function ErasurePlanList({ recordId, also, onAlso }: { recordId: string; also: string[]; onAlso: (ids: string[]) => void }) {
  const [plan] = useQuery({ query: ERASURE_PLAN, variables: { id: recordId }, requestPolicy: 'network-only' });
  const orgName = useOrganizationName();
  if (plan.fetching) return <Spin />;
  const p = plan.data?.erasurePlan;
  if (!p) return null;
  const line = (r: { organization: string; externalId: string; fullName: string }) =>
    `${orgName(r.organization)} — ${r.externalId} — ${r.fullName}`;
  return (
    <>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {R.erased(p.records.length)}
      </Typography.Paragraph>
      <List size="small" dataSource={p.records} renderItem={(r) => <List.Item>{line(r)}</List.Item>} style={{ marginBottom: 12 }} />
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
                <Checkbox
                  checked={also.includes(c.record.id)}
                  onChange={(e) => onAlso(e.target.checked ? [...also, c.record.id] : also.filter((id) => id !== c.record.id))}
                >
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
