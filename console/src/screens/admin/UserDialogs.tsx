import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { byFoldedLabel, byUnitTree, vnTime } from '../../format.ts';
import { CLEARABLE, CloseIcon } from '../../icons.tsx';
import { T } from '../../text.ts';
import { ORGANIZATIONS, UNITS } from '../roster-query.ts';
import { CREATE_USER } from './admin-query.ts';

export interface HandOverData {
  username: string;
  enrolmentPassword: string;
  enrolmentExpiresAt: string;
}

/** The one-time enrolment password, shown once, with its expiry and what to tell her (as `lienthong user create` prints). */
export function HandOver({ data, onClose }: { data: HandOverData; onClose: () => void }) {
  return (
    <Modal
      open
      title={T.admin.handOverTitle(data.username)}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {T.admin.done}
        </Button>
      }
      closable={false}
      maskClosable={false}
    >
      <Alert type="warning" showIcon title={T.admin.handOverOnce} style={{ marginBottom: 12 }} />
      <Typography.Paragraph>
        {T.admin.username}: <strong>{data.username}</strong>
        <br />
        {T.admin.handOverPassword}:{' '}
        <Typography.Text code copyable={{ tooltips: false }} data-testid="enrolment-password">
          {data.enrolmentPassword}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>{T.admin.handOverUntil(vnTime(data.enrolmentExpiresAt))}</Typography.Paragraph>
      <Typography.Paragraph>{T.admin.handOverTell}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{T.admin.handOverLate}</Typography.Paragraph>
    </Modal>
  );
}

const ROLES = ['SECRETARIAT', 'DAN_VAN', 'AUDITOR', 'ADMIN'] as const;
type Role = (typeof ROLES)[number];

/** A new account: name, role and scope (a secretariat: her organization and, if kept to it, her unit). */
export function CreateUserDialog({ onClose }: { onClose: (created: HandOverData | null) => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('SECRETARIAT');
  const [organization, setOrganization] = useState<string | undefined>();
  const [unit, setUnit] = useState<string | undefined>();
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  const [units] = useQuery({ query: UNITS, variables: { organization: organization ?? '' }, pause: !organization });
  const [state, create] = useMutation(CREATE_USER);
  const scoped = role === 'SECRETARIAT';
  const save = async () => {
    const input = { username: username.trim(), role, organization: scoped ? organization : null, unit: scoped ? (unit ?? null) : null };
    const r = await create({ input });
    const c = r.data?.createUser;
    if (c) onClose({ username: c.user.username, enrolmentPassword: c.enrolmentPassword, enrolmentExpiresAt: c.enrolmentExpiresAt });
  };
  return (
    <Modal
      open
      title={T.admin.createTitle}
      closable={{ 'aria-label': T.imports.cancel, closeIcon: <CloseIcon /> }}
      okText={T.admin.create}
      cancelText={T.imports.cancel}
      okButtonProps={{ disabled: !username.trim() || (scoped && !organization), loading: state.fetching }}
      onOk={() => void save()}
      onCancel={() => onClose(null)}
    >
      {state.error && (
        <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} style={{ marginBottom: 12 }} />
      )}
      <Form layout="vertical">
        <Form.Item label={T.admin.username} htmlFor="new-username" extra={T.admin.usernameHint}>
          <Input id="new-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </Form.Item>
        <Form.Item label={T.admin.roleLabel} htmlFor="new-role">
          <Select
            id="new-role"
            aria-label={T.admin.roleLabel}
            value={role}
            onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: T.admin.role[r] }))}
          />
        </Form.Item>
        {scoped && (
          <>
            <Form.Item label={T.admin.organization} htmlFor="new-organization">
              <Select
                id="new-organization"
                aria-label={T.admin.organization}
                value={organization}
                onChange={(v) => {
                  setOrganization(v);
                  setUnit(undefined);
                }}
                options={(orgs.data?.organizations ?? [])
                  .filter((o) => o.hasIndividualMembers)
                  .map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
              />
            </Form.Item>
            <Form.Item label={T.admin.unit} htmlFor="new-unit">
              <Select
                id="new-unit"
                aria-label={T.admin.unit}
                value={unit}
                onChange={setUnit}
                allowClear={CLEARABLE}
                disabled={!organization}
                showSearch={{ filterOption: byFoldedLabel }}
                options={byUnitTree(units.data?.units).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
