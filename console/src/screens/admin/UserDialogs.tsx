import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState, type CSSProperties } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { byFoldedLabel, byUnitTree, unitPlaceLabel, vnTime } from '../../format.ts';
import { CLEARABLE, CloseIcon } from '../../icons.tsx';
import { T } from '../../text.ts';
import { ORGANIZATIONS, UNITS } from '../roster-query.ts';
import { CHANGE_USER_SCOPE, CREATE_USER } from './admin-query.ts';

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

export interface Scope {
  role: Role;
  organization?: string;
  unit?: string;
}

/** What the server takes: a secretariat's organization and unit, no scope for the other roles. */
export const scopeInput = (s: Scope) => {
  const scoped = s.role === 'SECRETARIAT';
  return { role: s.role, organization: scoped ? (s.organization ?? null) : null, unit: scoped ? (s.unit ?? null) : null };
};

/**
 * Role, and for a secretariat her organization and (if kept to one) her unit: the same fields to create an
 * account, to change it and to create a service token (`roles`: those it may have).
 */
export function ScopeFields({
  value,
  onChange,
  id,
  roles = ROLES,
  wide,
}: {
  value: Scope;
  onChange: (s: Scope) => void;
  id: string;
  roles?: readonly Role[];
  /** Each select's style (the tokens' inline form: a width of its own). */
  wide?: CSSProperties;
}) {
  const [orgs] = useQuery({ query: ORGANIZATIONS });
  const [units] = useQuery({ query: UNITS, variables: { organization: value.organization ?? '' }, pause: !value.organization });
  const byCode = new Map((units.data?.units ?? []).map((u) => [u.code, u]));
  return (
    <>
      <Form.Item label={T.admin.roleLabel} htmlFor={`${id}-role`}>
        <Select
          id={`${id}-role`}
          aria-label={T.admin.roleLabel}
          style={wide}
          value={value.role}
          onChange={(role) => onChange({ ...value, role })}
          options={roles.map((r) => ({ value: r, label: T.admin.role[r] }))}
        />
      </Form.Item>
      {value.role === 'SECRETARIAT' && (
        <>
          {/* The Mặt trận keeps no one's membership: said here, not by its absence from the list. */}
          <Form.Item label={T.admin.organization} htmlFor={`${id}-organization`} extra={T.admin.noFrontSecretariat}>
            <Select
              id={`${id}-organization`}
              aria-label={T.admin.organization}
              style={wide}
              value={value.organization}
              onChange={(organization) => onChange({ ...value, organization, unit: undefined })}
              options={(orgs.data?.organizations ?? [])
                .filter((o) => o.hasIndividualMembers)
                .map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
            />
          </Form.Item>
          <Form.Item label={T.admin.unit} htmlFor={`${id}-unit`}>
            <Select
              id={`${id}-unit`}
              aria-label={T.admin.unit}
              style={wide}
              value={value.unit}
              onChange={(unit) => onChange({ ...value, unit })}
              allowClear={CLEARABLE}
              disabled={!value.organization}
              // Found by its name, its code or its commune's name ("muong phang": the cơ sở and its chi hội).
              showSearch={{ filterOption: (typed, option) => byFoldedLabel(typed, { label: option?.search }) }}
              options={byUnitTree(units.data?.units).map((u) => ({
                value: u.code,
                label: `${u.name} (${u.code})`,
                // As a transfer's list names it: its cơ sở and its commune (a chi hội has its cơ sở's).
                search: unitPlaceLabel(u, byCode.get(u.parentCode ?? '')),
              }))}
            />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** A new account: name, role and scope (a secretariat: her organization and, if kept to it, her unit). */
export function CreateUserDialog({ onClose }: { onClose: (created: HandOverData | null) => void }) {
  const [username, setUsername] = useState('');
  const [scope, setScope] = useState<Scope>({ role: 'SECRETARIAT' });
  const [state, create] = useMutation(CREATE_USER);
  const save = async () => {
    const r = await create({ input: { username: username.trim(), ...scopeInput(scope) } });
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
      okButtonProps={{ disabled: !username.trim() || (scope.role === 'SECRETARIAT' && !scope.organization), loading: state.fetching }}
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
        <ScopeFields value={scope} onChange={setScope} id="new" />
      </Form>
    </Modal>
  );
}

/** Another role or scope for an account, starting from hers; saving ends her sessions (the dialog says so). */
export function ChangeScopeDialog({
  user,
  onClose,
}: {
  user: { username: string; role: string; organization: string | null; unit: string | null };
  onClose: (changed: boolean) => void;
}) {
  const [scope, setScope] = useState<Scope>({
    role: (ROLES as readonly string[]).includes(user.role) ? (user.role as Role) : 'SECRETARIAT',
    organization: user.organization ?? undefined,
    unit: user.unit ?? undefined,
  });
  const [state, change] = useMutation(CHANGE_USER_SCOPE);
  const save = async () => {
    const r = await change({ username: user.username, input: scopeInput(scope) });
    if (r.data?.changeUserScope) onClose(true);
  };
  return (
    <Modal
      open
      title={T.admin.changeScopeTitle(user.username)}
      closable={{ 'aria-label': T.imports.cancel, closeIcon: <CloseIcon /> }}
      okText={T.admin.save}
      cancelText={T.imports.cancel}
      okButtonProps={{ disabled: scope.role === 'SECRETARIAT' && !scope.organization, loading: state.fetching }}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
    >
      {state.error && (
        <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} style={{ marginBottom: 12 }} />
      )}
      <Alert type="info" showIcon title={T.admin.changeScopeNote} style={{ marginBottom: 12 }} />
      <Form layout="vertical">
        <ScopeFields value={scope} onChange={setScope} id="scope" />
      </Form>
    </Modal>
  );
}
