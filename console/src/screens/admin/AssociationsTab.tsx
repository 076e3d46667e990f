import { Alert, Button, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { CLEARABLE } from '../../icons.tsx';
import { T } from '../../text.ts';
import { ORGANIZATIONS } from '../roster-query.ts';
import { CREATE_ASSOCIATION } from './admin-query.ts';

/** The organizations, and a new association added as data (code, name, what its members are called, its rules). */
export function AssociationsTab() {
  const [orgs, refetch] = useQuery({ query: ORGANIZATIONS });
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [term, setTerm] = useState('hội viên');
  const [minAge, setMinAge] = useState<number | null>(null);
  const [maxAge, setMaxAge] = useState<number | null>(null);
  const [sex, setSex] = useState<'MALE' | 'FEMALE' | undefined>();
  const [state, create] = useMutation(CREATE_ASSOCIATION);
  const [added, setAdded] = useState<string | null>(null);
  const save = async () => {
    const input = { code: code.trim(), name: name.trim(), memberTerm: term.trim(), minAge, maxAge, sex: sex ?? null };
    const r = (await create({ input })).data?.createAssociation;
    if (r) {
      setAdded(T.admin.associationAdded(r.name));
      setCode('');
      setName('');
      refetch({ requestPolicy: 'network-only' });
    }
  };
  return (
    <section aria-label={T.admin.tabs.associations}>
      <Typography.Paragraph>{T.admin.associationsIntro}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void save()} style={{ maxWidth: 640 }}>
        <Space wrap align="start">
          <Form.Item label={T.admin.associationCode} htmlFor="assoc-code" extra={T.admin.associationCodeHint}>
            <Input id="assoc-code" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} maxLength={16} />
          </Form.Item>
          <Form.Item label={T.admin.associationName} htmlFor="assoc-name">
            <Input id="assoc-name" value={name} onChange={(e) => setName(e.target.value)} style={{ minWidth: 260 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item label={T.admin.memberTerm} htmlFor="assoc-term">
            <Input id="assoc-term" value={term} onChange={(e) => setTerm(e.target.value)} />
          </Form.Item>
          <Form.Item label={T.admin.minAge} htmlFor="assoc-min">
            <InputNumber id="assoc-min" min={0} max={120} value={minAge} onChange={setMinAge} />
          </Form.Item>
          <Form.Item label={T.admin.maxAge} htmlFor="assoc-max">
            <InputNumber id="assoc-max" min={0} max={120} value={maxAge} onChange={setMaxAge} />
          </Form.Item>
          <Form.Item label={T.admin.onlySex} htmlFor="assoc-sex">
            <Select
              id="assoc-sex"
              aria-label={T.admin.onlySex}
              style={{ minWidth: 140 }}
              value={sex ? T.sex[sex] : undefined}
              allowClear={CLEARABLE}
              onChange={(label?: string) => setSex(label === T.sex.FEMALE ? 'FEMALE' : label === T.sex.MALE ? 'MALE' : undefined)}
              options={[T.sex.FEMALE, T.sex.MALE].map((l) => ({ value: l, label: l }))}
            />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" disabled={!code.trim() || !name.trim() || !term.trim()} loading={state.fetching}>
          {T.admin.addAssociation}
        </Button>
      </Form>
      {added && <Alert type="success" showIcon role="status" title={added} style={{ margin: '12px 0' }} />}
      {state.error && (
        <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} style={{ margin: '12px 0' }} />
      )}
      <Table
        rowKey="code"
        size="small"
        style={{ marginTop: 12 }}
        loading={orgs.fetching}
        dataSource={orgs.data?.organizations ?? []}
        pagination={false}
        columns={[
          { title: T.admin.associationCode, dataIndex: 'code' },
          { title: T.admin.associationName, dataIndex: 'name' },
          { title: T.admin.memberTerm, dataIndex: 'memberTerm' },
        ]}
      />
    </section>
  );
}
