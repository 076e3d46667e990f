import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Cells merged down a column (`Chi hội` written once beside the members it groups): a reader that
 * streams a sheet sees the text in the range's first cell only, the cells below empty. The ranges are
 * listed after the rows in the sheet's part (`<mergeCell ref="E5:E9"/>`), so they are read first.
 */
export interface MergeRange {
  firstColumn: number;
  lastColumn: number;
  firstRow: number;
  lastRow: number;
}

/** `AB` → 27 (1-based, as the cells of a row are numbered). Pure. */
export function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

const MERGE_REF = /<(?:[\w-]+:)?mergeCell\b[^>]*\bref\s*=\s*["']\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)["']/g;

/** The ranges merged over more than one row in a sheet's XML text. Pure. */
export function mergeRangesIn(xml: string): MergeRange[] {
  return [...xml.matchAll(MERGE_REF)]
    .map((m) => ({ firstColumn: columnNumber(m[1]), firstRow: Number(m[2]), lastColumn: columnNumber(m[3]), lastRow: Number(m[4]) }))
    .filter((r) => r.lastRow > r.firstRow && r.lastColumn >= r.firstColumn);
}

const HIDDEN_ROW = /<(?:[\w-]+:)?row\b(?=[^>]*\bhidden\s*=\s*["'](?:1|true)["'])[^>]*?\br\s*=\s*["'](\d+)["']/g;

/** The numbers of the rows hidden in a sheet's XML text (`<row r="5" hidden="1">`: hidden by hand, or by a filter). Pure. */
export function hiddenRowsIn(xml: string): number[] {
  return [...xml.matchAll(HIDDEN_ROW)].map((m) => Number(m[1]));
}

/** What a sheet's part says before its rows are read: its merged ranges and its hidden rows. */
export interface SheetOutline {
  merges: MergeRange[];
  hiddenRows: Set<number>;
}

/** A sheet's merged ranges and hidden rows, read as its part streams (a tag cut between chunks kept whole). */
export async function readSheetOutline(part: Readable): Promise<SheetOutline> {
  const decoder = new StringDecoder('utf8');
  const outline: SheetOutline = { merges: [], hiddenRows: new Set() };
  const take = (xml: string) => {
    outline.merges.push(...mergeRangesIn(xml));
    for (const row of hiddenRowsIn(xml)) outline.hiddenRows.add(row);
  };
  let carry = '';
  for await (const chunk of part) {
    const text = carry + decoder.write(chunk as Buffer);
    const cut = text.lastIndexOf('<');
    take(text.slice(0, cut < 0 ? text.length : cut));
    carry = cut < 0 ? '' : text.slice(cut);
  }
  take(carry + decoder.end());
  return outline;
}

/** The rows' merged cells, as the rows go by: each range's first cell remembered, given to the cells below it. */
export class MergedCells {
  private readonly byRow = new Map<number, MergeRange[]>();
  private readonly firstText = new Map<MergeRange, string>();

  constructor(ranges: MergeRange[]) {
    for (const r of ranges) for (let row = r.firstRow; row <= r.lastRow; row++) this.byRow.set(row, [...(this.byRow.get(row) ?? []), r]);
  }

  /** For a row: the text each of its cells inside a range below its first row takes from that first cell (null elsewhere); null when none. */
  of(row: number, cells: string[]): (string | null)[] | null {
    const ranges = this.byRow.get(row);
    if (!ranges) return null;
    let out: (string | null)[] | null = null;
    for (const r of ranges) {
      if (row === r.firstRow) {
        this.firstText.set(r, cells[r.firstColumn - 1] ?? '');
        continue;
      }
      const text = this.firstText.get(r);
      if (!text) continue;
      out ??= [];
      for (let c = r.firstColumn; c <= r.lastColumn; c++) out[c - 1] = c === r.firstColumn ? text : null;
    }
    return out && Array.from(out, (t) => t ?? null);
  }
}
