import { Button, Grid, Table, Typography } from 'antd';
import { WRAPPING_LINK } from '../../layout.ts';
import { T } from '../../text.ts';
import { FigureBar } from './FigureBar.tsx';
import type { UnitFigures } from './queries.ts';

const n = (v: number) => v.toLocaleString('vi-VN');
const D = T.dashboard;
type Key = 'memberships' | 'people' | 'peopleNotSuspected' | 'suspectedPhantoms';

/**
 * The units under an organization (its cơ sở) or under a unit (its chi hội), each with the units under it, sortable,
 * each figure with a bar; a unit's name opens its own Tổng quan; the unit's own members, in none of them, last.
 */
export function UnitTable(props: {
  units: UnitFigures[];
  notSuspectedLabel?: string;
  onOpen: (code: string) => void;
  under: 'org' | 'unit';
}) {
  const narrow = !Grid.useBreakpoint().md;
  const width = (w: number) => (narrow ? { width: w } : {});
  const column = (k: Key, title: string | undefined, color?: string) => {
    const top = Math.max(1, ...props.units.map((u) => u[k]));
    return {
      key: k,
      title,
      align: 'right' as const,
      ...width(90),
      sorter: (a: UnitFigures, b: UnitFigures) => a[k] - b[k],
      render: (_: unknown, u: UnitFigures) => (
        <div data-figure={u[k]} style={{ minWidth: narrow ? undefined : 70 }}>
          {n(u[k])}
          {color && <FigureBar value={u[k]} top={top} color={color} />}
        </div>
      ),
    };
  };
  return (
    <section aria-labelledby="dash-units">
      <Typography.Title level={2} id="dash-units" style={{ fontSize: 17 }}>
        {props.under === 'org' ? D.unitsOfOrganization : D.unitsOfUnit}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{D.unitsNote}</Typography.Paragraph>
      <Table<UnitFigures>
        size="small"
        rowKey={(u) => `${u.own}-${u.code}`}
        dataSource={props.units}
        pagination={false}
        scroll={{ x: narrow ? 560 : 'max-content' }}
        tableLayout={narrow ? 'fixed' : undefined}
        data-testid="units"
        columns={[
          {
            key: 'name',
            title: D.unitName,
            fixed: narrow ? 'left' : undefined,
            ...width(150),
            sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
            render: (_, u) =>
              u.own ? (
                u.label
              ) : (
                <Button
                  type="link"
                  style={{ ...WRAPPING_LINK, overflowWrap: 'anywhere' }}
                  aria-label={D.openUnit(u.name)}
                  onClick={() => props.onOpen(u.code)}
                >
                  {u.label}
                </Button>
              ),
          },
          column('memberships', D.memberships, '#1f5fa8'),
          column('people', D.people, '#1b5e20'),
          column('peopleNotSuspected', props.notSuspectedLabel),
          column('suspectedPhantoms', D.suspected, '#b71c1c'),
        ]}
      />
    </section>
  );
}
