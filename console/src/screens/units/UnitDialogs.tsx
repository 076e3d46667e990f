import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { byFoldedLabel, byUnitName, foldVi, unitPlaceLabel, type UnitPlace } from '../../format.ts';
import { T } from '../../text.ts';
import { CommunePicker } from '../CommunePicker.tsx';
import { CREATE_UNIT, RENAME_UNIT, TRANSFER, TRANSFER_TARGETS, type TreeUnit, type UnitMember } from './units-query.ts';
import { LabeledField } from '../LabeledField.tsx';

/** The kind a new unit under `parent` has: a base under the province, a branch under a base. */
export const childKind = (parent: TreeUnit | null): 'BASE' | 'BRANCH' | null =>
  !parent || parent.kind === 'PROVINCE' ? 'BASE' : parent.kind === 'BRANCH' ? null : 'BRANCH';

interface DialogProps {
  organization: string;
  onClose: (changed: boolean) => void;
}

/** A new unit under the chosen one (a base asks for its commune). */
export function AddUnitDialog({ organization, parent, onClose }: DialogProps & { parent: TreeUnit | null }) {
  const kind = childKind(parent) ?? 'BRANCH';
  // Left empty, the server makes the code from the commune and the name: a secretary should not have to invent it.
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [commune, setCommune] = useState<string | undefined>();
  const [state, create] = useMutation(CREATE_UNIT);
  const save = async () => {
    const input = {
      organization,
      code: code.trim() || null,
      name: name.trim(),
      kind,
      parent: parent?.code ?? null,
      communeCode: commune ?? null,
    };
    if (!(await create({ input })).error) onClose(true);
  };
  return (
    <Modal
      open
      title={parent ? T.units.addUnder(parent.name) : T.units.add}
      okText={T.units.save}
      cancelText={T.imports.cancel}
      okButtonProps={{ disabled: !name.trim() || (kind === 'BASE' && !commune), loading: state.fetching }}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
    >
      {state.error && (
        <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} style={{ marginBottom: 12 }} />
      )}
      <Form layout="vertical">
        <Form.Item label={T.units.kindLabel}>{T.units.kind[kind]}</Form.Item>
        <Form.Item label={T.units.name} htmlFor="unit-name">
          <Input id="unit-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label={T.units.code} htmlFor="unit-code">
          <Input
            id="unit-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={32}
            placeholder={T.units.codeAuto}
            aria-describedby="unit-code-help"
          />
          <Typography.Text id="unit-code-help" type="secondary">
            {T.units.codeHelp}
          </Typography.Text>
        </Form.Item>
        {kind === 'BASE' && (
          <Form.Item label={T.units.commune} htmlFor="unit-commune">
            <CommunePicker
              id="unit-commune"
              value={commune}
              onChange={setCommune}
              placeholder={T.units.communeHint}
              label={T.units.commune}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** A new name for a unit (its code stays: files and imports name it). */
export function RenameUnitDialog({ organization, unit, onClose }: DialogProps & { unit: TreeUnit }) {
  const [name, setName] = useState(unit.name);
  const [state, rename] = useMutation(RENAME_UNIT);
  const save = async () => {
    if (!(await rename({ input: { organization, code: unit.code, name: name.trim() } })).error) onClose(true);
  };
  return (
    <Modal
      open
      title={T.units.renameTitle(unit.name)}
      okText={T.units.save}
      cancelText={T.imports.cancel}
      okButtonProps={{ disabled: !name.trim() || name.trim() === unit.name, loading: state.fetching }}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
    >
      {state.error && (
        <Alert type="error" showIcon role="alert" title={errorText(state.error, T.error.network)} style={{ marginBottom: 12 }} />
      )}
      <LabeledField id="rename-unit" label={T.units.name}>
        <Input id="rename-unit" value={name} onChange={(e) => setName(e.target.value)} />
      </LabeledField>
    </Modal>
  );
}

/**
 * The chosen members to another unit, one transfer each: to one of hers they move at once; to
 * another commune's unit each becomes a request its secretariat accepts or declines.
 */
export function MoveDialog({
  organization,
  members,
  mine,
  onClose,
  onResult,
  title = T.units.moveTitle(members.length),
  okText = T.units.move(members.length),
}: DialogProps & {
  members: (Pick<UnitMember, 'id' | 'fullName'> & { unit?: { name: string } | null })[];
  mine: Set<string>;
  onResult: (text: string, problems: string[]) => void;
  /** From one member's page: the dialog named after her. */
  title?: string;
  okText?: string;
}) {
  const [targets] = useQuery({ query: TRANSFER_TARGETS, variables: { organization } });
  const [target, setTarget] = useState<string | undefined>();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [, transfer] = useMutation(TRANSFER);
  const all = byUnitName(targets.data?.transferTargets);
  // Where the chosen members are now, largest group first: moving a whole ward by one tick shows here.
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.unit?.name ?? T.units.noUnit, (counts.get(m.unit?.name ?? T.units.noUnit) ?? 0) + 1);
  const fromUnits = [...counts].map(([unit, n]) => ({ unit, n })).sort((a, b) => b.n - a.n);
  const byCode = new Map(all.map((u) => [u.code, u]));
  // Found by the ward's name before the merger too (she still says "Liễu Giai"): searched, not shown.
  const startsWith = (o: { label?: unknown }, typed: string) =>
    typeof o.label === 'string' && foldVi(o.label).startsWith(foldVi(typed.trim())) ? 0 : 1;
  const option = (u: UnitPlace) => {
    const label = unitPlaceLabel(u, byCode.get(u.parentCode ?? ''));
    return { value: u.code, label, search: [label, ...(u.commune?.formerNames ?? [])].join(' · ') };
  };
  const move = async () => {
    if (!target) return;
    setBusy(true);
    let moved = 0;
    let asked = 0;
    const problems: string[] = [];
    for (const m of members) {
      const r = await transfer({ input: { id: m.id, unit: target, date: date.trim() || null, reason: reason.trim() || null } });
      if (r.error) problems.push(T.units.failed(m.fullName, errorText(r.error, T.error.network)));
      else if (r.data?.transferMemberRecord.transferRequest?.state === 'PENDING') asked++;
      else moved++;
    }
    setBusy(false);
    onResult(T.units.moved(moved, asked), problems);
    onClose(true);
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={T.imports.cancel}
      okButtonProps={{ disabled: !target, loading: busy }}
      onOk={() => void move()}
      onCancel={() => onClose(false)}
    >
      {targets.error && <Alert type="error" showIcon role="alert" title={errorText(targets.error, T.error.network)} />}
      {fromUnits.length > 1 && (
        <Alert type="warning" showIcon role="alert" title={T.units.fromUnits(fromUnits)} style={{ marginBottom: 12 }} />
      )}
      <Form layout="vertical">
        <Form.Item label={T.units.target} htmlFor="move-target">
          <Select
            id="move-target"
            aria-label={T.units.target}
            showSearch={{
              filterOption: (typed, o) => byFoldedLabel(typed, { label: o && 'search' in o ? o.search : undefined }),
              // The unit whose own name she typed first: "Cơ sở Xã Tuần Giáo" before its chi hội, whose labels end with it.
              filterSort: (a, b, { searchValue }) => startsWith(a, searchValue) - startsWith(b, searchValue),
            }}
            value={target}
            onChange={setTarget}
            loading={targets.fetching}
            // Many units share a name ("Chi hội … thôn Tân Tiến"): each option shown whole, its commune too, wrapped on a phone.
            optionRender={(o) => <span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{o.label}</span>}
            options={[
              { label: T.units.mine, options: all.filter((u) => mine.has(u.code)).map(option) },
              { label: T.units.others, options: all.filter((u) => !mine.has(u.code)).map(option) },
            ]}
          />
        </Form.Item>
        <Form.Item label={T.units.date} htmlFor="move-date">
          <Input id="move-date" value={date} onChange={(e) => setDate(e.target.value)} maxLength={30} />
        </Form.Item>
        <Form.Item label={T.units.reason} htmlFor="move-reason">
          <Input id="move-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
