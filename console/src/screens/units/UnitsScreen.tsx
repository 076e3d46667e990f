import { Alert, Button, Col, Input, Row, Select, Space, Tree, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { keepsRosters, linksPersons, type Session } from '../../session.ts';
import { T } from '../../text.ts';
import { CLEARABLE, CloseIcon } from '../../icons.tsx';
import { ORGANIZATIONS } from '../roster-query.ts';
import { MemberDrawer } from '../MemberDrawer.tsx';
import { TransferRequests } from './TransferRequests.tsx';
import { AddUnitDialog, childKind, MoveDialog, RenameUnitDialog } from './UnitDialogs.tsx';
import { filterBranches, unitBranches, type UnitBranch } from './unit-tree.ts';
import { UnitMembers } from './UnitMembers.tsx';
import { ENDED, UNIT_MEMBERS, UNIT_TREE } from './units-query.ts';

interface TreeNode {
  key: string;
  title: ReactNode;
  children: TreeNode[];
}

/** A branch as the tree draws it: its name, its code for operators, its subtree's members. */
const treeNodes = (branches: UnitBranch[]): TreeNode[] =>
  branches.map((b) => ({
    key: b.unit.code,
    title: (
      <span>
        {b.unit.name} {b.unit.code !== b.unit.name && <code>{b.unit.code}</code>} · {T.units.members(b.total)}
        {/* Its own members, in none of its branches: else the branches' counts add up to less, and nobody sees why. */}
        {b.children.length > 0 && (b.unit.memberCount ?? 0) > 0 && <strong>{`, ${T.units.direct(b.unit.memberCount ?? 0)}`}</strong>}
      </span>
    ),
    children: treeNodes(b.children),
  }));

type Dialog = 'add' | 'base' | 'rename' | 'move' | null;

/** Her branches: the tree, add and rename a unit, move members between units, transfers waiting for her. */
export function UnitsScreen({ session }: { session: Session }) {
  const [orgs] = useQuery({ query: ORGANIZATIONS, pause: !!session.user.organization });
  // An account of no one organization (the administrator) chooses whose units: a unit added lands in that one.
  const [chosenOrg, setChosenOrg] = useState<string | null>(null);
  const organization = session.user.organization ?? chosenOrg ?? orgs.data?.organizations[0]?.code ?? '';
  const [units, refetchUnits] = useQuery({ query: UNIT_TREE, variables: { organization }, pause: !organization });
  const list = useMemo(() => units.data?.units ?? [], [units.data]);
  const branches = useMemo(() => unitBranches(list), [list]);
  const [search, setSearch] = useState('');
  const shown = useMemo(() => treeNodes(filterBranches(branches, search)), [branches, search]);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    if (!selected && branches.length) setSelected(branches[0].unit.code);
  }, [branches, selected]);
  const unit = list.find((u) => u.code === selected) ?? null;
  const [members, refetchMembers] = useQuery({
    query: UNIT_MEMBERS,
    variables: { organization, unit: selected ?? '' },
    pause: !organization || !selected,
  });
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => setChosen([]), [selected]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [result, setResult] = useState<{ text: string; problems: string[] } | null>(null);
  const writer = keepsRosters(session.user);
  const rows = members.data?.memberRecords.nodes ?? [];

  // Bumped on every change she makes here: the transfer requests' lists read again (a move may have sent one).
  const [changes, setChanges] = useState(0);
  const refresh = () => {
    setChanges((n) => n + 1);
    refetchUnits({ requestPolicy: 'network-only' });
    refetchMembers({ requestPolicy: 'network-only' });
  };
  const closeDialog = (changed: boolean) => {
    setDialog(null);
    if (changed) {
      setChosen([]);
      refresh();
    }
  };

  return (
    <section aria-labelledby="units-title">
      <Typography.Title level={1} id="units-title" style={{ fontSize: 22 }}>
        {T.units.title}
      </Typography.Title>
      <Typography.Paragraph>{T.units.intro}</Typography.Paragraph>
      {!session.user.organization && (
        <Select
          aria-label={T.roster.organization}
          style={{ minWidth: 260, marginBottom: 16 }}
          value={organization || undefined}
          onChange={(o: string) => {
            setChosenOrg(o);
            setSelected(null);
          }}
          options={orgs.data?.organizations.map((o) => ({ value: o.code, label: o.name })) ?? []}
        />
      )}
      {writer && organization && <TransferRequests organization={organization} changes={changes} onDecided={refresh} />}
      {units.error && (
        <Alert type="error" showIcon role="alert" title={T.error.generic} description={errorText(units.error, T.error.network)} />
      )}
      {result && (
        <Alert
          type={result.problems.length ? 'warning' : 'success'}
          showIcon
          role="status"
          closable={{ 'aria-label': T.member.close, closeIcon: <CloseIcon /> }}
          onClose={() => setResult(null)}
          title={result.text || T.error.generic}
          description={result.problems.length ? result.problems.join(' ') : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9}>
          <Typography.Title level={2} style={{ fontSize: 18 }} id="tree-title">
            {T.units.tree}
          </Typography.Title>
          {list.length > 0 && (
            <Input
              type="search"
              aria-label={T.units.search}
              placeholder={T.units.searchHint}
              allowClear={CLEARABLE}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 8 }}
            />
          )}
          {search.trim() && shown.length === 0 && (
            <Typography.Paragraph role="status">{T.units.noMatch(search.trim())}</Typography.Paragraph>
          )}
          {/* Drawn once the units are there, expanded from the start (and again for each search: its matches in view). */}
          {shown.length > 0 && (
            <Tree
              key={search.trim()}
              aria-labelledby="tree-title"
              treeData={shown}
              defaultExpandAll
              showLine
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => keys.length && setSelected(String(keys[0]))}
            />
          )}
          {units.data && list.length === 0 && <Typography.Paragraph role="status">{T.units.none}</Typography.Paragraph>}
          {/* A secretariat of the whole organization adds a commune's base unit here (one kept to a unit adds under it). */}
          {writer && !session.user.unit && (
            <Button style={{ marginTop: 8 }} onClick={() => setDialog('base')}>
              {T.units.addBase}
            </Button>
          )}
        </Col>
        <Col xs={24} md={15}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {unit ? T.units.membersOf(unit.name) : T.units.pick}
          </Typography.Title>
          {writer && unit && (
            <Space wrap style={{ marginBottom: 12 }}>
              <Button disabled={!childKind(unit)} onClick={() => setDialog('add')}>
                {T.units.add}
              </Button>
              <Button onClick={() => setDialog('rename')}>{T.units.rename}</Button>
              <Button type="primary" disabled={chosen.length === 0} onClick={() => setDialog('move')}>
                {T.units.move(chosen.length)}
              </Button>
            </Space>
          )}
          {/* The tree counts those not ended; the list shows the ended too: said, so that the two numbers do not seem to disagree. */}
          {rows.some((r) => ENDED.has(r.status)) && <Typography.Paragraph type="secondary">{T.units.withEnded}</Typography.Paragraph>}
          <UnitMembers rows={rows} loading={members.fetching} chosen={writer ? chosen : null} onChoose={setChosen} onOpen={setOpen} />
        </Col>
      </Row>
      {dialog === 'add' && <AddUnitDialog organization={organization} parent={unit} onClose={closeDialog} />}
      {dialog === 'base' && (
        // Under the province's unit when the organization keeps one (Tỉnh đoàn), else at the top.
        <AddUnitDialog organization={organization} parent={list.find((u) => u.kind === 'PROVINCE') ?? null} onClose={closeDialog} />
      )}
      {dialog === 'rename' && unit && <RenameUnitDialog organization={organization} unit={unit} onClose={closeDialog} />}
      {dialog === 'move' && (
        <MoveDialog
          organization={organization}
          members={rows.filter((r) => chosen.includes(r.id))}
          mine={new Set(list.map((u) => u.code))}
          onClose={closeDialog}
          onResult={(text, problems) => setResult({ text, problems })}
        />
      )}
      <MemberDrawer id={open} onClose={() => setOpen(null)} canEdit={writer} onChanged={refresh} canLink={linksPersons(session.user)} />
    </section>
  );
}
