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

/** A cell the reader cannot give a value for: a formula saved without its result, or a shared string the file lacks. */
export interface UnreadableCell {
  /** Its index in the row's cells. */
  at: number;
  /** The formula, without `=` (saved by a program that does not compute: openpyxl, some web exports). */
  formula?: string;
  /** The index into the shared-string table it points to (past the table's end). */
  sharedString?: number;
}

/** The cells of a row as the parser left them that hold no value although they are not empty. Pure. */
export function unreadableCells(raw: unknown[]): UnreadableCell[] {
  const out: UnreadableCell[] = [];
  raw.forEach((v, at) => {
    if (v === null || typeof v !== 'object') return;
    const o = v as { formula?: unknown; sharedFormula?: unknown; result?: unknown; sharedString?: unknown };
    const formula = o.formula ?? o.sharedFormula;
    const noResult = o.result === undefined || (typeof o.result === 'number' && Number.isNaN(o.result));
    if (typeof formula === 'string' && noResult) out.push({ at, formula });
    else if (typeof o.sharedString === 'number') out.push({ at, sharedString: o.sharedString });
  });
  return out;
}
