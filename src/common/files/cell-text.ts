import { readInertCell } from './csv.js';

/** A cell as text: dates as yyyy-mm-dd, formulas as their result, rich text joined, our inert prefix removed. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return readInertCell(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return '';
}

/** A cell as Excel stored it, for the readers that tell a number or a date from text: formulas as their result. */
export function typedCell(v: unknown): string | number | Date | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (v !== null && typeof v === 'object' && 'result' in v) return typedCell(v.result);
  const text = cellText(v);
  return text === '' ? null : text;
}
