import { Alert, App, Button, Drawer, Form, Input, Modal, Select, Space, type InputRef } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { byFoldedLabel, byUnitName, partialDate } from '../../format.ts';
import { CLEARABLE, CloseIcon } from '../../icons.tsx';
import type { VariablesOf } from '../../graphql.ts';
import { T } from '../../text.ts';
import { CommunePicker } from '../CommunePicker.tsx';
import { UNITS } from '../roster-query.ts';
import { DuplicateWarning, EligibilityWarning, type Draft } from './DraftChecks.tsx';
import { CREATE, UPDATE } from './member-api.ts';
import { ProfileFields, profileChanges, profileInitial, useJoinDateLabel, type ProfileValue } from './ProfileFields.tsx';

/** A record as the form edits it (the member page's fields). */
export interface EditedRecord {
  id: string;
  version: number;
  fullName: string;
  birthDate: string | null;
  sex: string | null;
  ethnicity: string | null;
  village: string | null;
  joinDate: string | null;
  idNumber: string | null;
  phone: string | null;
  commune: { code: string; name: string } | null;
  profile?: ProfileValue[];
}

interface Values {
  fullName: string;
  birthDate?: string;
  sex?: 'MALE' | 'FEMALE';
  ethnicity?: string;
  village?: string;
  idNumber?: string;
  phone?: string;
  communeCode?: string;
  unit?: string;
  joinDate?: string;
  externalId?: string;
  reason?: string;
  /** The organization's own fields, by key (Chức vụ: `position`). */
  profile?: Record<string, string | undefined>;
}

const EDITABLE = ['fullName', 'birthDate', 'sex', 'ethnicity', 'village', 'communeCode', 'joinDate'] as const;

function initialValues(r: EditedRecord | null): Partial<Values> {
  if (!r) return {};
  const date = (d: string | null) => (d ? partialDate(d) : undefined);
  return {
    fullName: r.fullName,
    birthDate: date(r.birthDate),
    sex: (r.sex as Values['sex']) ?? undefined,
    ethnicity: r.ethnicity ?? undefined,
    village: r.village ?? undefined,
    joinDate: date(r.joinDate),
    communeCode: r.commune?.code,
    profile: profileInitial(r.profile),
  };
}

/** Only what she changed: a field emptied is cleared (null); a number left empty keeps the old one. */
function changes(v: Values, before: Partial<Values>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of EDITABLE) {
    const now = v[k]?.trim() ?? '';
    if (now !== (before[k] ?? '')) out[k] = now === '' ? null : now;
  }
  for (const k of ['idNumber', 'phone'] as const) if (v[k]?.trim()) out[k] = v[k].trim();
  return out;
}

/** Her organization's own fields she changed, if any (an emptied one is cleared). */
function profileInput(v: Values, before: Partial<Values>): { profile?: { key: string; value: string | null }[] } {
  const profile = profileChanges(v.profile, (before.profile ?? {}) as Record<string, string>);
  return profile.length ? { profile } : {};
}

/** What she confirmed when the server asked: a second listing in her organization, a person erased on request. */
type Confirmed = { confirmDuplicateInOrg?: boolean; confirmErasedPerson?: boolean };

/**
 * The server asks before it saves a second record of one person in her organization (one CCCD; or,
 * without one to tell, the same name and birth: SAME_NAME), or a person who asked her organization to
 * erase her data: its question, its title and what "Vẫn lưu" confirms, if this is it.
 */
function questionOf(
  error: { graphQLErrors: { extensions?: Record<string, unknown> }[] } | undefined,
): { text: string; title: string; confirms: keyof Confirmed } | null {
  for (const e of error?.graphQLErrors ?? []) {
    const problems = (e.extensions?.problems ?? []) as { field: string; value: string | null; message: string }[];
    const asked = problems.find((p) => p.field === 'confirmDuplicateInOrg');
    if (asked)
      return {
        text: asked.message,
        title: asked.value === 'SAME_NAME' ? T.form.sameNameTitle : T.form.sameCccdTitle,
        confirms: 'confirmDuplicateInOrg',
      };
    const erased = problems.find((p) => p.field === 'confirmErasedPerson');
    if (erased) return { text: erased.message, title: T.form.erasedTitle, confirms: 'confirmErasedPerson' };
  }
  return null;
}

/** A new member's fields besides her name: each sent when she filled it. */
const OPTIONAL = [
  'birthDate',
  'sex',
  'ethnicity',
  'idNumber',
  'phone',
  'communeCode',
  'village',
  'unit',
  'joinDate',
  'externalId',
] as const;
/** The form's own fields, which a refusal of the server can be marked on. */
const FIELDS = ['fullName', ...OPTIONAL, 'reason'] as const;
type FieldName = (typeof FIELDS)[number];

/** A new member's fields, those she filled. */
function filled(v: Values): Omit<VariablesOf<typeof CREATE>['input'], 'organization'> {
  const out: Record<string, string> & { fullName: string } = { fullName: v.fullName.trim() };
  for (const k of OPTIONAL) {
    const x = v[k]?.trim();
    if (x) out[k] = x;
  }
  return out;
}

/** The fields the server refused, by the form's names (`input.phone` → `phone`), with its message for each. */
function fieldProblems(error: { graphQLErrors: { extensions?: Record<string, unknown> }[] }): { name: FieldName; message: string }[] {
  return error.graphQLErrors.flatMap((e) =>
    ((e.extensions?.problems ?? []) as { field: string; message: string }[]).flatMap((p) => {
      const name = p.field.split('.').pop() as FieldName;
      return FIELDS.includes(name) ? [{ name, message: p.message }] : [];
    }),
  );
}

/** Add a member, or edit one: the duplicate warning and the organization's rules as she types. */
export function MemberForm(props: {
  organization: string;
  /** The record edited; null: a new member. */
  record: EditedRecord | null;
  open: boolean;
  onClose: () => void;
  onSaved: (id: string) => void;
  onOpen: (id: string) => void;
  onReload?: () => void;
}) {
  const { organization, record } = props;
  const [form] = Form.useForm<Values>();
  const typed = (Form.useWatch([], form) ?? {}) as Partial<Values>;
  const [units] = useQuery({ query: UNITS, variables: { organization }, pause: !organization || !!record });
  const [created, create] = useMutation(CREATE);
  const [updated, update] = useMutation(UPDATE);
  const [failure, setFailure] = useState<{ conflict: boolean; text: string } | null>(null);
  const before = initialValues(record);
  useEffect(() => {
    if (props.open) {
      form.resetFields();
      form.setFieldsValue(initialValues(record));
      setFailure(null);
    }
  }, [props.open, record, form]);

  // The server's question before a second record of one CCCD in her organization, with what she typed.
  const [asked, setAsked] = useState<{
    question: NonNullable<ReturnType<typeof questionOf>>;
    values: Values;
    confirmed: Confirmed;
  } | null>(null);
  const save = async (v: Values, confirmed: Confirmed = {}) => {
    setFailure(null);
    setAsked(null);
    const trim = (s?: string) => s?.trim() || undefined;
    const r = record
      ? await update({
          id: record.id,
          input: {
            ...changes(v, before),
            ...profileInput(v, before),
            expectedVersion: record.version,
            reason: trim(v.reason),
            ...confirmed,
          },
        })
      : await create({ input: { organization, ...filled(v), ...profileInput(v, {}), ...confirmed } });
    const question = questionOf(r.error);
    if (question) {
      setAsked({ question, values: v, confirmed });
      return;
    }
    if (r.error) {
      const conflict = r.error.graphQLErrors.some((e) => e.extensions?.code === 'CONFLICT' && !e.message.includes('Mã hồ sơ'));
      setFailure({ conflict, text: conflict ? T.form.conflict : errorText(r.error, T.error.network) });
      // Each refused field marked where she typed it (the message under it), and the first brought into view.
      const marked = fieldProblems(r.error);
      if (marked.length) {
        form.setFields(marked.map((p) => ({ name: p.name, errors: [p.message] })));
        form.scrollToField(marked[0].name, { block: 'center' });
      }
      return;
    }
    props.onSaved(record?.id ?? (r.data as { createMemberRecord: { id: string } }).createMemberRecord.id);
  };

  // Esc, ✕ or Hủy with what she typed unsaved: asked first (a second Esc after closing a list closed the form, all lost).
  const { modal } = App.useApp();
  const leave = () => {
    if (!form.isFieldsTouched()) return props.onClose();
    void modal.confirm({
      title: T.form.discardTitle,
      content: T.form.discardBody,
      okText: T.form.discard,
      cancelText: T.form.keepEditing,
      okButtonProps: { danger: true },
      onOk: props.onClose,
    });
  };
  const draft: Draft = { ...typed, organization };
  const joinDateLabel = useJoinDateLabel(organization);
  return (
    <Drawer
      open={props.open}
      onClose={leave}
      size="large"
      title={record ? T.form.editTitle(record.fullName) : T.form.addTitle}
      closable={{ 'aria-label': T.member.close, closeIcon: <CloseIcon /> }}
      destroyOnHidden
      // A new member's form opens on her name, where she starts typing (an edit on the panel: she goes to the field to change).
      afterOpenChange={(opened) => {
        if (opened && !record) (form.getFieldInstance('fullName') as InputRef | undefined)?.focus();
      }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item name="fullName" label={T.form.fullName} rules={[{ required: true, whitespace: true, message: T.form.required }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="birthDate" label={T.form.birthDate}>
            <Input autoComplete="off" inputMode="numeric" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="sex" label={T.form.sex}>
            <Select
              allowClear={CLEARABLE}
              style={{ width: 120 }}
              options={T.form.sexOptions.map((o) => ({ ...o }))}
              aria-label={T.form.sex}
            />
          </Form.Item>
          <Form.Item name="ethnicity" label={T.form.ethnicity}>
            <Input autoComplete="off" style={{ width: 160 }} />
          </Form.Item>
        </Space>
        {/* Right under what she types first: seen on a phone without scrolling. */}
        <EligibilityWarning draft={draft} />
        <DuplicateWarning draft={draft} exclude={record?.id} onOpen={props.onOpen} />
        <Space wrap align="start" style={{ width: '100%' }}>
          {/* What an empty box keeps, said under it (a placeholder is cut on a phone). */}
          <Form.Item name="idNumber" label={T.form.idNumber} extra={record?.idNumber ? T.form.idNumberKept(record.idNumber) : undefined}>
            <Input autoComplete="off" inputMode="numeric" />
          </Form.Item>
          <Form.Item name="phone" label={T.form.phone} extra={record?.phone ? T.form.phoneKept(record.phone) : undefined}>
            <Input autoComplete="off" inputMode="tel" />
          </Form.Item>
        </Space>
        <Form.Item name="communeCode" label={T.form.commune}>
          <CommunePicker label={T.form.commune} placeholder={T.form.commune} initial={record?.commune ?? undefined} />
        </Form.Item>
        <Form.Item name="village" label={T.form.village}>
          <Input autoComplete="off" maxLength={100} placeholder={T.form.villageHint} />
        </Form.Item>
        {!record && (
          <Form.Item name="unit" label={T.form.unit}>
            <Select
              aria-label={T.form.unit}
              allowClear={CLEARABLE}
              showSearch={{ filterOption: byFoldedLabel }}
              options={byUnitName(units.data?.units).map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
        )}
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="joinDate" label={joinDateLabel}>
            <Input autoComplete="off" style={{ width: 200 }} />
          </Form.Item>
          {!record && (
            <Form.Item name="externalId" label={T.form.code}>
              <Input autoComplete="off" style={{ width: 260 }} />
            </Form.Item>
          )}
        </Space>
        <ProfileFields organization={organization} />
        {record && (
          <Form.Item name="reason" label={T.form.reason}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {failure && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={failure.text}
            action={failure.conflict && props.onReload ? <Button onClick={props.onReload}>{T.form.reload}</Button> : undefined}
          />
        )}
        <Modal
          open={asked !== null}
          title={asked?.question.title}
          okText={T.form.saveAnyway}
          cancelText={T.form.dontSave}
          okButtonProps={{ loading: created.fetching || updated.fetching }}
          onOk={() => asked && void save(asked.values, { ...asked.confirmed, [asked.question.confirms]: true })}
          onCancel={() => setAsked(null)}
        >
          {asked?.question.text}
        </Modal>
        <Space>
          <Button type="primary" htmlType="submit" loading={created.fetching || updated.fetching}>
            {T.form.save}
          </Button>
          <Button onClick={leave}>{T.form.cancel}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
