import { Grid, Typography } from 'antd';
import { T } from '../../text.ts';

/** Shades of one blue, light to dark; white text from the fourth (contrast at WCAG AA both ways). */
const SHADES = ['#f4f8fd', '#dbe8f7', '#b4cfee', '#4a7fc1', '#2a5d9f', '#123a6b'];

/**
 * The organization × organization overlap: a table whose cells carry their numbers, shaded by size. Rows
 * by the organizations' names with their codes; on a phone (below 576 px) by their codes alone, each
 * name once in a key beneath the table — a name beside each row wraps into a tall column of words there.
 */
export function OverlapHeatmap(props: {
  matrix: { a: string; b: string; persons: number }[];
  /** Each organization's name and its short name (CĐ, ĐTN), in the organizations' own order (the report files' too). */
  names: Map<string, string>;
  abbreviations: Map<string, string>;
  /** An organization's scope: only its row (its members in each other organization, province-wide). */
  only?: string;
  /** Whose people that row counts when not the whole organization's (a unit's: "Cơ sở Xã Tuần Giáo (HND)"). */
  whose?: string;
}) {
  const present = new Set(props.matrix.flatMap((c) => [c.a, c.b]));
  const orgs = [...[...props.names.keys()].filter((o) => present.has(o)), ...[...present].filter((o) => !props.names.has(o)).sort()];
  const abbr = (code: string) => props.abbreviations.get(code) ?? code;
  const rows = props.only ? orgs.filter((o) => o === props.only) : orgs;
  const persons = (a: string, b: string) => props.matrix.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a))?.persons ?? 0;
  const max = Math.max(1, ...props.matrix.filter((c) => c.a !== c.b).map((c) => c.persons));
  const narrow = !Grid.useBreakpoint().sm;
  const cell = narrow ? '4px 4px' : '4px 8px';
  return (
    <section aria-labelledby="dash-overlap">
      <Typography.Title level={2} id="dash-overlap" style={{ fontSize: 17 }}>
        {T.dashboard.overlap}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {props.only ? T.dashboard.overlapOfOrg(props.whose ?? props.names.get(props.only) ?? props.only) : T.dashboard.overlapNote}
      </Typography.Paragraph>
      <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <table data-testid="overlap" style={{ borderCollapse: 'collapse', fontSize: 13 }}>
          <caption style={{ position: 'absolute', left: -10000 }}>{T.dashboard.overlapCaption}</caption>
          <thead>
            <tr>
              <td />
              {orgs.map((b) => (
                <th key={b} scope="col" style={{ padding: '4px 6px' }}>
                  <abbr title={props.names.get(b)}>{abbr(b)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a}>
                <th scope="row" style={{ padding: '4px 6px', textAlign: 'left' }}>
                  {narrow ? (
                    <abbr title={props.names.get(a)}>{abbr(a)}</abbr>
                  ) : (
                    <>
                      {props.names.get(a) ?? a} <code>{abbr(a)}</code>
                    </>
                  )}
                </th>
                {orgs.map((b) => {
                  const v = persons(a, b);
                  const shade = a === b ? 0 : Math.min(SHADES.length - 1, Math.ceil((v / max) * (SHADES.length - 1)));
                  return (
                    <td
                      key={b}
                      data-a={a}
                      data-b={b}
                      style={{
                        padding: cell,
                        textAlign: 'right',
                        minWidth: narrow ? 36 : 44,
                        border: '1px solid #fff',
                        background: a === b ? '#eceff1' : SHADES[shade],
                        color: a !== b && shade >= 3 ? '#fff' : '#1a1a1a',
                        fontWeight: a === b ? 600 : 400,
                      }}
                    >
                      {v.toLocaleString('vi-VN')}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {narrow && (
        <div data-testid="overlap-key" style={{ marginTop: 8, fontSize: 13 }}>
          <Typography.Text type="secondary">{T.dashboard.overlapKey}</Typography.Text>
          <dl style={{ margin: 0 }}>
            {orgs.map((o) => (
              <div key={o} style={{ display: 'flex', gap: 8 }}>
                <dt style={{ minWidth: 48, fontWeight: 600 }}>{abbr(o)}</dt>
                <dd style={{ margin: 0 }}>{props.names.get(o) ?? o}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
