/** A figure's share of its column's largest, as a thin bar under the number (hidden from screen readers: the number says it). */
export function FigureBar({ value, top, color }: { value: number; top: number; color: string }) {
  return <div aria-hidden style={{ height: 4, width: `${(100 * value) / top}%`, background: color, marginLeft: 'auto' }} />;
}
