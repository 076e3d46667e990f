import { Tabs, Typography } from 'antd';
import { T } from '../../text.ts';
import { AuditTab } from './AuditTab.tsx';
import { TokensTab } from './TokensTab.tsx';
import { UsersTab } from './UsersTab.tsx';

/** The administrator's screen: accounts, the audit log, service tokens (each tab drawn when opened). */
export function AdminScreen() {
  return (
    <section aria-labelledby="admin-title">
      <Typography.Title level={1} id="admin-title" style={{ fontSize: 22 }}>
        {T.admin.title}
      </Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'users', label: T.admin.tabs.users, children: <UsersTab /> },
          { key: 'audit', label: T.admin.tabs.audit, children: <AuditTab /> },
          { key: 'tokens', label: T.admin.tabs.tokens, children: <TokensTab /> },
        ]}
      />
    </section>
  );
}
