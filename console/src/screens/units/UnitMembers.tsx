import { unitRefLabel } from '../../format.ts';
import { Button, Checkbox, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { T } from '../../text.ts';
import { WRAPPING_LINK } from '../../layout.ts';
import { PENDING_TONE } from '../../tones.ts';
import { ENDED, type UnitMember } from './units-query.ts';

/** Members a page. */
const PAGE = 50;

/**
 * A unit's members (its subtree's), each with its transfer waiting or declined; `chosen` (null: she
 * only reads) are ticked to be moved — not ended ones, nor those already waiting for a unit.
 */
export function UnitMembers(props: {
  rows: UnitMember[];
  loading: boolean;
  chosen: string[] | null;
  onChoose: (ids: string[]) => void;
  onOpen: (id: string) => void;
}) {
  const { rows, chosen, onChoose } = props;
  const [page, setPage] = useState(1);
  const movable = rows.filter((r) => !ENDED.has(r.status) && r.transferRequest?.state !== 'PENDING').map((r) => r.id);
  // The select-all box takes the rows she sees (this page), never those of pages she has not looked at.
  const shown = new Set(rows.slice((page - 1) * PAGE, page * PAGE).map((r) => r.id));
  const onPage = movable.filter((id) => shown.has(id));
  const allChosen = chosen !== null && onPage.length > 0 && onPage.every((id) => chosen.includes(id));
  return (
    <Table<UnitMember>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={rows}
      pagination={{ pageSize: PAGE, showSizeChanger: false, current: page, onChange: setPage }}
      rowSelection={
        chosen
          ? {
              selectedRowKeys: chosen,
              // The library's own select-all box is named in English: this one in Vietnamese.
              columnTitle: (
                <Checkbox
                  aria-label={T.units.selectAll}
                  checked={allChosen}
                  indeterminate={chosen.length > 0 && !allChosen}
                  disabled={onPage.length === 0}
                  onChange={(e) =>
                    onChoose(e.target.checked ? [...new Set([...chosen, ...onPage])] : chosen.filter((id) => !shown.has(id)))
                  }
                />
              ),
              onChange: (keys) => onChoose(keys.map(String)),
              getCheckboxProps: (r) => ({ disabled: !movable.includes(r.id), 'aria-label': r.fullName }),
            }
          : undefined
      }
      columns={[
        {
          title: T.column.name,
          render: (_, r) => (
            <Button type="link" style={WRAPPING_LINK} onClick={() => props.onOpen(r.id)}>
              {r.fullName}
            </Button>
          ),
        },
        // On a phone the code gives way (it is on the member's page): the list fits the screen.
        { title: T.column.code, dataIndex: 'externalId', responsive: ['sm'] },
        { title: T.column.unit, render: (_, r) => r.unit?.name ?? T.dash },
        {
          title: T.column.status,
          render: (_, r) => (
            <Space wrap size={4}>
              {r.statusLabel}
              {r.transferRequest?.state === 'PENDING' && (
                <Tag color={PENDING_TONE} style={{ whiteSpace: 'normal' }}>
                  {T.units.pendingTo(unitRefLabel(r.transferRequest.toUnit))}
                </Tag>
              )}
              {r.transferRequest?.state === 'DECLINED' && (
                <Typography.Text type="secondary">
                  {T.units.declinedBy(unitRefLabel(r.transferRequest.toUnit), r.transferRequest.declineReason ?? '')}
                </Typography.Text>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
