import { Alert, Button, Checkbox, Form, Grid, Input, InputNumber, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { vnTime } from '../../format.ts';
import { T } from '../../text.ts';
import { DISABLED_TONE } from '../../tones.ts';
import type { ResultOf } from '../../graphql.ts';
import { CREATE_SERVICE_TOKEN, REVOKE_SERVICE_TOKEN, SERVICE_TOKENS } from './admin-query.ts';
import { ScopeFields, scopeInput, type Scope } from './UserDialogs.tsx';
import { useOrganizationName } from '../useOrganizationName.ts';

type Token = ResultOf<typeof SERVICE_TOKENS>['serviceTokens'][number];
const ROLES = ['AUDITOR', 'DAN_VAN', 'SECRETARIAT'] as const;

/** Revoking asks to confirm; a revoked token says so instead. */
function revokeOrState(k: Token, onRevoke: (id: string) => void) {
  return k.revokedAt ? (
    <Tag color={DISABLED_TONE}>{T.admin.revoked}</Tag>
  ) : (
    <Popconfirm
      title={T.admin.revokeConfirm(k.name)}
      okText={T.admin.yes}
      cancelText={T.admin.no}
      okButtonProps={{ danger: true }}
      onConfirm={() => onRevoke(k.id)}
    >
      <Button size="small" danger>
        {T.admin.revoke}
      </Button>
    </Popconfirm>
  );
}

/**
 * The table's columns. On a phone (below 576 px): the token's name with its role, organization and days
 * beneath it, and the revoke button beside it — nothing off to the right.
 */
function tokenColumns(onRevoke: (id: string) => void, orgName: (code: string) => string, narrow: boolean): TableColumnsType<Token> {
  // Whom it reads for: an organization, with the unit it is kept to.
  const org = (v: string | null, k: Token) => (v ? [orgName(v), k.unitName].filter(Boolean).join(' · ') : T.admin.anyOrganization);
  const expires = (v: string | null) => (v ? vnTime(v) : T.admin.never);
  const role = (k: Token) => `${T.admin.role[k.role] ?? k.role}${k.readOnly ? ` (${T.admin.readOnly})` : ''}`;
  const actions = { title: T.admin.actions, key: 'actions', render: (_: unknown, k: Token) => revokeOrState(k, onRevoke) };
  if (narrow)
    return [
      {
        title: T.admin.tokenName,
        key: 'token',
        render: (_: unknown, k) => (
          <div style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text strong>{k.name}</Typography.Text>
            <div>{`${role(k)} · ${org(k.organization, k)}`}</div>
            <div>{`${T.admin.created}: ${vnTime(k.createdAt)}`}</div>
            <div>{`${T.admin.expires}: ${expires(k.expiresAt)}`}</div>
          </div>
        ),
      },
      actions,
    ];
  return [
    { title: T.admin.tokenName, dataIndex: 'name' },
    { title: T.admin.roleLabel, key: 'role', render: (_: unknown, k: Token) => role(k) },
    { title: T.admin.organization, dataIndex: 'organization', render: (v: string | null, k: Token) => org(v, k) },
    { title: T.admin.created, dataIndex: 'createdAt', render: (v: string) => vnTime(v) },
    { title: T.admin.expires, dataIndex: 'expiresAt', render: expires },
    actions,
  ];
}

/** The new token, shown this once (only its hash is kept). */
function ShownOnce({ token }: { token: string }) {
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      style={{ marginBottom: 12 }}
      title={T.admin.tokenOnce}
      description={
        <Typography.Text code copyable={{ tooltips: false }} style={{ overflowWrap: 'anywhere' }}>
          {token}
        </Typography.Text>
      }
    />
  );
}

/** Service tokens: create (the token shown once), revoke with a confirmation. */
export function TokensTab() {
  const [tokens, refetch] = useQuery({ query: SERVICE_TOKENS });
  const orgName = useOrganizationName();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>({ role: 'AUDITOR' });
  const [days, setDays] = useState<number | null>(null);
  const [readOnly, setReadOnly] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [createState, create] = useMutation(CREATE_SERVICE_TOKEN);
  const [revokeState, revoke] = useMutation(REVOKE_SERVICE_TOKEN);
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const save = async () => {
    const input = { name: name.trim(), ...scopeInput(scope), expiresInDays: days, readOnly };
    const r = (await create({ input })).data?.createServiceToken;
    if (r) {
      setShown(r.token);
      setName('');
      refresh();
    }
  };
  const error = tokens.error ?? createState.error ?? revokeState.error;
  const narrow = !Grid.useBreakpoint().sm;
  /** On a phone each field on a line of its own, as wide as the screen. */
  const full = narrow ? { width: '100%' } : {};

  return (
    <section aria-label={T.admin.tabs.tokens}>
      <Typography.Paragraph>{T.admin.tokensIntro}</Typography.Paragraph>
      <Form layout={narrow ? 'vertical' : 'inline'} style={{ marginBottom: 12, rowGap: 8 }} onFinish={() => void save()}>
        <Form.Item label={T.admin.tokenName} htmlFor="token-name">
          <Input id="token-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </Form.Item>
        {/* A secretariat's token is kept to her organization, and to one unit if she chooses; the other roles read the province. */}
        <ScopeFields value={scope} onChange={setScope} id="token" roles={ROLES} wide={{ minWidth: 180, ...full }} />
        <Form.Item label={T.admin.days} htmlFor="token-days">
          <InputNumber id="token-days" min={1} max={3650} value={days} onChange={(v) => setDays(v)} style={full} />
        </Form.Item>
        {/* A system that only reads the roster (the province's HR system): it can change nothing, whatever its role. */}
        <Form.Item>
          <Checkbox checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)}>
            {T.admin.readOnlyChoice}
          </Checkbox>
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          disabled={!name.trim() || (scope.role === 'SECRETARIAT' && !scope.organization)}
          loading={createState.fetching}
        >
          {T.admin.createToken}
        </Button>
      </Form>
      {shown && <ShownOnce token={shown} />}
      {error && <Alert type="error" showIcon role="alert" title={errorText(error, T.error.network)} style={{ marginBottom: 12 }} />}
      <Table<Token>
        rowKey="id"
        size="small"
        loading={tokens.fetching}
        dataSource={tokens.data?.serviceTokens ?? []}
        pagination={false}
        scroll={narrow ? undefined : { x: 'max-content' }}
        columns={tokenColumns((id) => void revoke({ id }).then(refresh), orgName, narrow)}
      />
    </section>
  );
}
