import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { T } from '../../text.ts';

const n = (v: number) => v.toLocaleString('vi-VN');

/** One figure: its value (a button when it drills down), how it is derived, the change and the trend over stored periods. */
export function Figure(props: {
  label: string;
  value: number;
  note: string;
  /** The same figure in the stored periods, oldest first (`final: false`, a report still tạm tính). */
  trend?: { period: string; value: number; final?: boolean }[];
  beside?: ReactNode;
  testId: string;
}) {
  const last = props.trend?.[props.trend.length - 1];
  return (
    <Card size="small" style={{ flex: '1 1 220px', minWidth: 0 }} data-testid={props.testId}>
      <Typography.Text strong>{props.label}</Typography.Text>
      <div style={{ fontSize: 28, fontWeight: 600 }} data-figure={props.value}>
        {n(props.value)}
      </div>
      {props.trend && (
        <Typography.Paragraph style={{ margin: 0 }}>
          {last ? T.dashboard.change(props.value - last.value, last.period, last.final === false) : T.dashboard.noPrevious}
        </Typography.Paragraph>
      )}
      {props.trend && props.trend.length > 0 && <Trend points={props.trend} label={props.label} />}
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
        {props.note}
      </Typography.Paragraph>
      {/* After the figure's own change, trend and note: "+198 so với cuối Quý III" under "Hồ sơ đã xác nhận ảo: 0" read as that one's. */}
      {props.beside}
    </Card>
  );
}

/** Small bars, one a stored period, with the numbers written beneath (read out as a list). */
function Trend({ points, label }: { points: { period: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  return (
    <figure style={{ margin: '4px 0' }}>
      <figcaption style={{ fontSize: 12 }}>{`${T.dashboard.trend}: ${label}`}</figcaption>
      <ul style={{ display: 'flex', gap: 4, alignItems: 'flex-end', listStyle: 'none', padding: 0, margin: 0, flexWrap: 'wrap' }}>
        {points.map((p) => (
          <li key={p.period} style={{ textAlign: 'center', fontSize: 11, minWidth: 0 }}>
            <div aria-hidden style={{ height: 4 + (24 * p.value) / max, background: '#1f5fa8', borderRadius: 2 }} />
            <span>
              {p.period}: {n(p.value)}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
