import { Button, Grid, Table, Typography } from 'antd';
import { WRAPPING_LINK } from '../../layout.ts';
import { T } from '../../text.ts';
import { FigureBar } from './FigureBar.tsx';
import type { CommuneFigures } from './queries.ts';

const n = (v: number) => v.toLocaleString('vi-VN');

/** Every commune of the scope, sortable, each figure with a bar; a commune's name drills into it. */
export function CommuneTable(props: {
  communes: CommuneFigures[];
  /** The estimate's name as the API gives it (one definition for the dashboard and the files); its column waits for it. */
  notSuspectedLabel?: string;
  /** Opens a commune's own Tổng quan (none: the name is plain text — a secretariat's Tổng quan is her unit's). */
  onOpen?: (code: string) => void;
  /** The roster of a commune, for who may read it. */
  rosterHref?: (code: string) => string;
  /** A commune's suspected phantoms in Cảnh báo (null: those without a commune), for who may read them. */
  phantomsHref?: (code: string | null) => string;
  /** An organization's scope: nobody is in two of it, so no column of zeros for "in two organizations there". */
  oneOrganization?: boolean;
}) {
  // On a phone: the name kept in sight on the left, narrow columns whose headings wrap, the rest swiped.
  const narrow = !Grid.useBreakpoint().md;
  const width = (w: number) => (narrow ? { width: w } : {});
  const max = (k: 'memberships' | 'people' | 'suspectedPhantoms') => Math.max(1, ...props.communes.map((c) => c[k]));
  const bar = (k: 'memberships' | 'people' | 'suspectedPhantoms', color: string, href?: (c: CommuneFigures) => string | undefined) => {
    const top = max(k);
    return {
      sorter: (a: CommuneFigures, b: CommuneFigures) => a[k] - b[k],
      align: 'right' as const,
      render: (_: unknown, c: CommuneFigures) => (
        <div style={{ minWidth: narrow ? undefined : 70 }}>
          {href?.(c) ? (
            <a
              href={href(c)}
              aria-label={c.code ? T.dashboard.flagsOfCommune(c.name ?? c.code, n(c[k])) : T.dashboard.flagsWithoutCommune(n(c[k]))}
            >
              {n(c[k])}
            </a>
          ) : (
            n(c[k])
          )}
          <FigureBar value={c[k]} top={top} color={color} />
        </div>
      ),
    };
  };
  return (
    <section aria-labelledby="dash-communes">
      <Typography.Title level={2} id="dash-communes" style={{ fontSize: 17 }}>
        {T.dashboard.communes}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{T.dashboard.communesNote(!props.oneOrganization, !!props.onOpen)}</Typography.Paragraph>
      <Table<CommuneFigures>
        size="small"
        rowKey={(c) => c.code ?? ''}
        dataSource={props.communes}
        pagination={false}
        scroll={{ x: narrow ? 620 : 'max-content' }}
        tableLayout={narrow ? 'fixed' : undefined}
        data-testid="communes"
        columns={[
          {
            key: 'name',
            title: T.dashboard.communeName,
            fixed: narrow ? 'left' : undefined,
            ...width(130),
            sorter: (a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'vi'),
            render: (_, c) =>
              c.code ? (
                <span>
                  {!props.onOpen && (c.name ?? c.code)}
                  {props.onOpen && (
                    <Button
                      type="link"
                      // A long name ("Phường Điện Biên Phủ") wraps within its column, not over the numbers beside it.
                      style={{ ...WRAPPING_LINK, overflowWrap: 'anywhere' }}
                      aria-label={T.dashboard.openCommune(c.name ?? c.code)}
                      onClick={() => props.onOpen!(c.code!)}
                    >
                      {c.name ?? c.code}
                    </Button>
                  )}
                  {props.rosterHref && (
                    <>
                      {narrow ? <br /> : ' · '}
                      <a href={props.rosterHref(c.code)} aria-label={T.dashboard.rosterOf(c.name ?? c.code)}>
                        {T.dashboard.roster}
                      </a>
                    </>
                  )}
                </span>
              ) : (
                T.dashboard.noCommune
              ),
          },
          { key: 'memberships', title: T.dashboard.memberships, ...bar('memberships', '#1f5fa8'), ...width(80) },
          { key: 'people', title: T.dashboard.people, ...bar('people', '#1b5e20'), ...width(100) },
          {
            key: 'notSuspected',
            title: props.notSuspectedLabel,
            align: 'right',
            ...width(120),
            sorter: (a, b) => a.peopleNotSuspected - b.peopleNotSuspected,
            render: (_, c) => n(c.peopleNotSuspected),
          },
          ...(props.oneOrganization
            ? []
            : [
                {
                  key: 'several',
                  title: T.dashboard.severalHere,
                  align: 'right' as const,
                  ...width(100),
                  sorter: (a: CommuneFigures, b: CommuneFigures) => a.peopleInSeveralOrgs - b.peopleInSeveralOrgs,
                  render: (_: unknown, c: CommuneFigures) => n(c.peopleInSeveralOrgs),
                },
              ]),
          {
            key: 'suspected',
            title: T.dashboard.suspected,
            ...bar('suspectedPhantoms', '#b71c1c', (c) => (c.suspectedPhantoms > 0 ? props.phantomsHref?.(c.code ?? null) : undefined)),
            ...width(90),
          },
        ]}
      />
    </section>
  );
}
