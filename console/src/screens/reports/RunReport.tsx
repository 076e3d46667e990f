import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { graphql } from '../../graphql.ts';
import { byFoldedLabel } from '../../format.ts';
import { T } from '../../text.ts';
import { CommunePicker } from '../CommunePicker.tsx';
import { recentPeriods } from './periods.ts';

const ORGANIZATIONS = graphql(`
  query ReportOrganizations {
    organizations {
      code
      name
      hasIndividualMembers
    }
  }
`);
export const RUN_REPORT = graphql(`
  mutation RunReport($period: String!, $scope: String) {
    runReport(period: $period, scope: $scope) {
      id
      periodLabel
      scopeLabel
      final
      totals {
        memberships
        people
      }
    }
  }
`);

/** Seconds since `running` became true (the report has no progress of its own to tell: it is one statement). */
function useElapsed(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!running) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/** Computes a report now for a period and scope (the whole province, an organization or a commune); the list then shows it. */
export function RunReport({ onDone }: { onDone: () => void }) {
  const periods = recentPeriods();
  const [period, setPeriod] = useState(periods[0].key);
  const [scope, setScope] = useState('province');
  const [commune, setCommune] = useState<string | undefined>();
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  const [run, runReport] = useMutation(RUN_REPORT);
  const elapsed = useElapsed(run.fetching);
  const scopeText = scope === 'commune' ? (commune ? `commune:${commune}` : null) : scope;
  const start = async () => {
    if (!scopeText) return;
    const r = await runReport({ period, scope: scopeText });
    if (!r.error) onDone();
  };
  const done = run.data?.runReport;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{T.reports.runTitle}</h2>} style={{ marginBottom: 16 }}>
      <Space wrap align="start">
        <Select
          aria-label={T.reports.period}
          style={{ minWidth: 160 }}
          value={period}
          onChange={setPeriod}
          showSearch={{ filterOption: byFoldedLabel }}
          options={periods.map((p) => ({ value: p.key, label: p.label }))}
        />
        <Select
          aria-label={T.reports.scope}
          style={{ minWidth: 220 }}
          value={scope}
          onChange={setScope}
          options={[
            { value: 'province', label: T.reports.province },
            // The Mặt trận keeps no one's membership: a report of it is "0 lượt, 0 người" on an official form.
            ...(orgs.data?.organizations ?? [])
              .filter((o) => o.hasIndividualMembers)
              .map((o) => ({ value: `org:${o.code}`, label: o.name })),
            { value: 'commune', label: T.reports.oneCommune },
          ]}
        />
        {scope === 'commune' && (
          <CommunePicker value={commune} onChange={setCommune} label={T.reports.commune} placeholder={T.reports.commune} homeOnly />
        )}
        <Button type="primary" loading={run.fetching} disabled={!scopeText} onClick={() => void start()}>
          {T.reports.run}
        </Button>
      </Space>
      <div aria-live="polite" style={{ marginTop: 8 }}>
        {run.fetching && <Typography.Text>{T.reports.running(elapsed)}</Typography.Text>}
        {!run.fetching && done && (
          <Alert
            type="success"
            showIcon
            title={T.reports.ran(done.periodLabel, done.scopeLabel, done.totals.memberships, done.totals.people, done.final)}
          />
        )}
        {!run.fetching && run.error && <Alert type="error" showIcon role="alert" title={errorText(run.error, T.error.network)} />}
      </div>
    </Card>
  );
}
