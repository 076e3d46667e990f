import { Form, Input, Select, Space } from 'antd';
import { useQuery } from 'urql';
import { partialDate } from '../../format.ts';
import { graphql } from '../../graphql.ts';
import { T } from '../../text.ts';

/** Her organization's own fields (Chức vụ, and e.g. Năm nhập ngũ for the Cựu chiến binh), as the server defines them. */
export const PROFILE_FIELDS = graphql(`
  query ProfileFields {
    organizations {
      code
      joinDateField
      profileFields {
        key
        label
        type
      }
    }
  }
`);

/** A record's own field as the member page reads it: text, `Có`/`Không`, or an ISO date kept to its precision. */
export interface ProfileValue {
  key: string;
  value: string;
}

/** The form's values of the fields: a date as she writes it (dd/mm/yyyy, or a year alone). */
export function profileInitial(profile: ProfileValue[] | undefined): Record<string, string> {
  const dated = (v: string) => (/^\d{4}(-\d{2}){0,2}$/.test(v) ? partialDate(v) : v);
  return Object.fromEntries((profile ?? []).map((p) => [p.key, dated(p.value)]));
}

/** What she changed, as the API takes it: an emptied field is cleared. */
export function profileChanges(
  now: Record<string, string | undefined> | undefined,
  before: Record<string, string>,
): { key: string; value: string | null }[] {
  return Object.entries(now ?? {}).flatMap(([key, v]) => {
    const typed = v?.trim() ?? '';
    return typed === (before[key] ?? '') ? [] : [{ key, value: typed || null }];
  });
}

/** The organization's own fields in the add and edit form, each with its label and the input its type asks. */
export function ProfileFields(props: { organization: string }) {
  const [orgs] = useQuery({ query: PROFILE_FIELDS });
  const org = orgs.data?.organizations.find((o) => o.code === props.organization);
  // Its own name for Ngày vào (Ngày vào Đoàn) is the form's Ngày vào itself (`useJoinDateLabel`): one field, not two.
  const fields = (org?.profileFields ?? []).filter((f) => f.key !== org?.joinDateField);
  if (!fields.length) return null;
  return (
    <Space wrap align="start" style={{ width: '100%' }}>
      {fields.map((f) => (
        <Form.Item key={f.key} name={['profile', f.key]} label={f.type === 'DATE' ? T.form.profileDate(f.label) : f.label}>
          {f.type === 'BOOLEAN' ? (
            <Select aria-label={f.label} style={{ width: 120 }} options={T.form.yesNo.map((o) => ({ value: o, label: o }))} />
          ) : (
            <Input
              autoComplete="off"
              inputMode={f.type === 'TEXT' ? undefined : 'numeric'}
              style={{ width: f.type === 'TEXT' ? 260 : f.type === 'YEAR' ? 140 : 200 }}
            />
          )}
        </Form.Item>
      ))}
    </Space>
  );
}

/** The form's Ngày vào, by the organization's own name for it where it has one (Đoàn: Ngày vào Đoàn). */
export function useJoinDateLabel(organization: string): string {
  const [orgs] = useQuery({ query: PROFILE_FIELDS });
  const org = orgs.data?.organizations.find((o) => o.code === organization);
  const own = org?.profileFields.find((f) => f.key === org.joinDateField);
  return own ? T.form.profileDate(own.label) : T.form.joinDate;
}
