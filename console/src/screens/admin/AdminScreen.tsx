import { Radio, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { T } from '../../text.ts';
import { AssociationsTab } from './AssociationsTab.tsx';
import { AuditTab } from './AuditTab.tsx';
import { BackupsTab } from './BackupsTab.tsx';
import { LinkRunsTab } from './LinkRunsTab.tsx';
import { RequestsTab } from './RequestsTab.tsx';
import { TokensTab } from './TokensTab.tsx';
import { UsersTab } from './UsersTab.tsx';

type Part = keyof typeof T.admin.tabs;
const PARTS: Record<Part, (me: string) => ReactNode> = {
  users: (me) => <UsersTab me={me} />,
  audit: () => <AuditTab />,
  tokens: () => <TokensTab />,
  associations: () => <AssociationsTab />,
  requests: () => <RequestsTab />,
  linkRuns: () => <LinkRunsTab />,
  backups: () => <BackupsTab />,
};

/**
 * The administrator's screen: accounts, the audit log, service tokens, associations, data subjects' requests, link runs, backups (each drawn when
 * chosen). Chosen by buttons that wrap on a phone (the library's tab bar hides some behind a menu there).
 */
export function AdminScreen({ me }: { me: string }) {
  const [part, setPart] = useState<Part>('users');
  return (
    <section aria-labelledby="admin-title">
      <Typography.Title level={1} id="admin-title" style={{ fontSize: 22 }}>
        {T.admin.title}
      </Typography.Title>
      <Radio.Group
        aria-labelledby="admin-title"
        optionType="button"
        buttonStyle="solid"
        value={part}
        onChange={(e) => setPart(e.target.value as Part)}
        options={(Object.keys(PARTS) as Part[]).map((p) => ({ value: p, label: T.admin.tabs[p] }))}
        style={{ marginBottom: 16, display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
      />
      {PARTS[part](me)}
    </section>
  );
}
