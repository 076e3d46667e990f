import { Typography } from 'antd';
import { T } from '../../text.ts';

/** Shades of one blue, light to dark; white text from the fourth (contrast at WCAG AA both ways). */
const SHADES = ['#f4f8fd', '#dbe8f7', '#b4cfee', '#4a7fc1', '#2a5d9f', '#123a6b'];

/** The organization × organization overlap: a table whose cells carry their numbers, shaded by size. */
export function OverlapHeatmap(props: {
  matrix: { a: string; b: string; persons: number }[];
  names: Map<string, string>;
  /** An organization's scope: only its row (its members in each other organization, province-wide). */
  only?: string;
}) {
  const orgs = [...new Set(props.matrix.flatMap((c) => [c.a, c.b]))].sort();
  const rows = props.only ? orgs.filter((o) => o === props.only) : orgs;
  const persons = (a: string, b: string) => props.matrix.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a))?.persons ?? 0;
  const max = Math.max(1, ...props.matrix.filter((c) => c.a !== c.b).map((c) => c.persons));
  return (
    <section aria-labelledby="dash-overlap">
      <Typography.Title level={4} id="dash-overlap">
        {T.dashboard.overlap}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {props.only ? T.dashboard.overlapOfOrg(props.names.get(props.only) ?? props.only) : T.dashboard.overlapNote}
      </Typography.Paragraph>
      <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <table data-testid="overlap" style={{ borderCollapse: 'collapse', fontSize: 13 }}>
          <caption style={{ position: 'absolute', left: -10000 }}>{T.dashboard.overlapCaption}</caption>
          <thead>
            <tr>
              <td />
              {orgs.map((b) => (
                <th key={b} scope="col" style={{ padding: '4px 6px' }}>
                  <abbr title={props.names.get(b)}>{b}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a}>
                <th scope="row" style={{ padding: '4px 6px', textAlign: 'left' }}>
                  {props.names.get(a) ?? a} <code>{a}</code>
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
                        padding: '4px 8px',
                        textAlign: 'right',
                        minWidth: 44,
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
    </section>
  );
}
