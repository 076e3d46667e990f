import { Alert, Button, Grid, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { vnTime } from '../../format.ts';
import { T } from '../../text.ts';
import { DISABLED_TONE, USER_TONE } from '../../tones.ts';
import { DISABLE_USER, ENABLE_USER, RESET_USER, USERS, type AdminUser } from './admin-query.ts';
import { ChangeScopeDialog, CreateUserDialog, HandOver, type HandOverData } from './UserDialogs.tsx';
import { useOrganizationName } from '../useOrganizationName.ts';

/** Her scope in words: the organization and the unit by their names. */
const scopeOf = (u: AdminUser, orgName: (code: string) => string) =>
  [u.organization && orgName(u.organization), u.unitName ?? u.unit].filter(Boolean).join(' · ') || T.admin.anyOrganization;

const stateOf = (u: AdminUser) =>
  u.disabled ? (
    <Tag color={DISABLED_TONE}>{T.admin.disabled}</Tag>
  ) : (
    <Tag color={USER_TONE}>{u.enrolled ? T.admin.active : u.lastLoginAt ? T.admin.reEnrolling : T.admin.notEnrolled}</Tag>
  );

/**
 * The table's columns; reset and disable each ask to confirm. On a phone (below 576 px): the name with
 * her role, scope and state beneath it, and the buttons one above the other — nothing off to the right.
 */
function userColumns(
  onChangeScope: (u: AdminUser) => void,
  onReset: (u: string) => Promise<void>,
  onLock: (u: string, locked: boolean) => Promise<void>,
  orgName: (code: string) => string,
  narrow: boolean,
  /** Her own account: she may not lock herself out, so it is not offered. */
  me: string,
): TableColumnsType<AdminUser> {
  const wide = narrow ? { responsive: ['sm' as const] } : {};
  // On a phone a button's words wrap within its column rather than push it past the screen's edge.
  const wrapping = narrow ? { style: { whiteSpace: 'normal' as const, height: 'auto', textAlign: 'left' as const } } : {};
  return [
    {
      title: T.admin.username,
      dataIndex: 'username',
      render: (name: string, u) =>
        narrow ? (
          <div style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text strong>{name}</Typography.Text>
            <br />
            {`${T.admin.role[u.role] ?? u.role} · ${scopeOf(u, orgName)}`}
            <br />
            {stateOf(u)}
          </div>
        ) : (
          name
        ),
    },
    { title: T.admin.roleLabel, dataIndex: 'role', render: (r: string) => T.admin.role[r] ?? r, ...wide },
    { title: T.admin.scope, key: 'scope', render: (_: unknown, u) => scopeOf(u, orgName), ...wide },
    { title: T.admin.state, key: 'state', render: (_: unknown, u) => stateOf(u), ...wide },
    { title: T.admin.lastLogin, dataIndex: 'lastLoginAt', render: (v: string | null) => vnTime(v), ...wide },
    {
      title: T.admin.actions,
      key: 'actions',
      ...(narrow ? { width: '45%' } : {}),
      render: (_: unknown, u) =>
        u.disabled ? (
          <Popconfirm
            title={T.admin.enableConfirm(u.username)}
            okText={T.admin.yes}
            cancelText={T.admin.no}
            onConfirm={() => void onLock(u.username, false)}
          >
            <Button size="small" {...wrapping}>
              {T.admin.enable}
            </Button>
          </Popconfirm>
        ) : (
          <Space wrap direction={narrow ? 'vertical' : 'horizontal'} size={narrow ? 4 : 8}>
            <Popconfirm
              title={T.admin.resetConfirm(u.username)}
              okText={T.admin.yes}
              cancelText={T.admin.no}
              onConfirm={() => void onReset(u.username)}
            >
              <Button size="small" {...wrapping}>
                {T.admin.reset}
              </Button>
            </Popconfirm>
            {u.username !== me && (
              <Button size="small" onClick={() => onChangeScope(u)} {...wrapping}>
                {T.admin.changeScope}
              </Button>
            )}
            {u.username !== me && (
              <Popconfirm
                title={T.admin.disableConfirm(u.username)}
                okText={T.admin.yes}
                cancelText={T.admin.no}
                okButtonProps={{ danger: true }}
                onConfirm={() => void onLock(u.username, true)}
              >
                <Button size="small" danger {...wrapping}>
                  {T.admin.disable}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];
}

/** The accounts: create (the enrolment password shown once), change a role or scope, reset with a new enrolment, lock and unlock, each confirmed. */
export function UsersTab({ me }: { me: string }) {
  const [users, refetch] = useQuery({ query: USERS });
  const orgName = useOrganizationName();
  const [creating, setCreating] = useState(false);
  const [handOver, setHandOver] = useState<HandOverData | null>(null);
  const [changing, setChanging] = useState<AdminUser | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const [resetState, reset] = useMutation(RESET_USER);
  const [disableState, disable] = useMutation(DISABLE_USER);
  const [enableState, enable] = useMutation(ENABLE_USER);
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const doReset = async (username: string) => {
    const r = (await reset({ username })).data?.resetUser;
    if (r) setHandOver({ username: r.user.username, enrolmentPassword: r.enrolmentPassword, enrolmentExpiresAt: r.enrolmentExpiresAt });
    refresh();
  };
  const doLock = async (username: string, locked: boolean) => {
    await (locked ? disable({ username }) : enable({ username }));
    refresh();
  };
  const error = users.error ?? resetState.error ?? disableState.error ?? enableState.error;
  const narrow = !Grid.useBreakpoint().sm;

  return (
    <section aria-label={T.admin.tabs.users}>
      <Typography.Paragraph>{T.admin.usersIntro}</Typography.Paragraph>
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>
        {T.admin.create}
      </Button>
      {error && <Alert type="error" showIcon role="alert" title={errorText(error, T.error.network)} style={{ marginBottom: 12 }} />}
      {changed && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={changed}
          closable
          style={{ marginBottom: 12 }}
          onClose={() => setChanged(null)}
        />
      )}
      <Table<AdminUser>
        rowKey="id"
        size="small"
        loading={users.fetching}
        dataSource={users.data?.users ?? []}
        pagination={false}
        // The table as wide as the screen, a long scope (an organization and its unit) wrapping in its cell: at 1366 px
        // the actions were pushed out of sight behind a scroll.
        columns={userColumns(setChanging, doReset, doLock, orgName, narrow, me)}
      />
      {creating && (
        <CreateUserDialog
          onClose={(created) => {
            setCreating(false);
            if (created) {
              setHandOver(created);
              refresh();
            }
          }}
        />
      )}
      {handOver && <HandOver data={handOver} onClose={() => setHandOver(null)} />}
      {changing && (
        <ChangeScopeDialog
          user={changing}
          onClose={(saved) => {
            setChanging(null);
            if (saved) {
              setChanged(T.admin.scopeChanged(changing.username));
              refresh();
            }
          }}
        />
      )}
    </section>
  );
}
