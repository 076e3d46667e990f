import XLSX from 'xlsx';
import { cellText } from './cell-text.js';
import { MergedCells, type MergeRange } from './merged-cells.js';
import type { SourceRow } from './tabular-source.js';

/**
 * The workbooks older programs write, read by SheetJS (in a child process: legacy-worker.ts): Excel
 * 97–2003 (.xls), a web page's table saved as ".xls" (what old management software's "Xuất Excel"
 * gives), and Excel 2003's XML Spreadsheet. Each sheet's rows as the .xlsx reader gives them: text
 * and the value as stored (a number that lost its leading 0, a date as a date), merged ranges,
 * hidden rows and sheets.
 */
export interface LegacySheet {
  name: string;
  rows: SourceRow[];
}

/** SheetJS's own test of a number format ("dd/mm/yyyy", "m/d/yy"…) for a date (its typings leave SSF untyped). */
const isDateFormat = (format: string): boolean => (XLSX.SSF as { is_date: (f: string) => boolean }).is_date(format);

/** Day 0 of a workbook's dates (1900 system: 30/12/1899, so that 60 is Excel's 29/02/1900 and 61 is 01/03/1900). */
const epoch = (date1904: boolean) => (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30));

/** A cell's value as stored: a date-formatted number as a Date (UTC midnight of that day), errors as empty. */
export function legacyValue(c: XLSX.CellObject | undefined, date1904: boolean): string | number | Date | null {
  if (!c || c.v === undefined || c.v === null || c.t === 'e' || c.t === 'z') return null;
  if (c.v instanceof Date) return Number.isNaN(c.v.getTime()) ? null : c.v;
  if (typeof c.v === 'number') {
    if (!Number.isFinite(c.v)) return null;
    const format = typeof c.z === 'string' ? c.z : null;
    if (format && c.v > 0 && c.v < 2_958_466 && isDateFormat(format)) return new Date(epoch(date1904) + Math.round(c.v * 86_400_000));
    return c.v;
  }
  const text = cellText(typeof c.v === 'boolean' ? String(c.v) : c.v);
  return text === '' ? null : text;
}

/** A sheet's rows (1-based numbers, empty rows left out, trailing empty cells cut). Pure. */
export function legacySheetRows(ws: XLSX.WorkSheet, name: string, opts: { date1904: boolean; hidden: boolean }): SourceRow[] {
  if (!ws['!ref']) return [];
  const range = XLSX.utils.decode_range(ws['!ref']);
  const merges = new MergedCells((ws['!merges'] ?? []).map(toMergeRange));
  const hiddenRows = ws['!rows'] ?? [];
  const out: SourceRow[] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const values: (string | number | Date | null)[] = [];
    for (let c = 0; c <= range.e.c; c++)
      values.push(legacyValue(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined, opts.date1904));
    while (values.length && values[values.length - 1] === null) values.pop();
    const cells = values.map(cellText);
    const merged = merges.of(r + 1, cells);
    if (!values.length && !merged) continue;
    const hidden = opts.hidden ? 'sheet' : hiddenRows[r]?.hidden ? 'row' : null;
    out.push({ sheet: name, row: r + 1, cells, values, ...(merged ? { merged } : {}), ...(hidden ? { hidden } : {}) });
  }
  return out;
}

const toMergeRange = (m: XLSX.Range): MergeRange => ({
  firstRow: m.s.r + 1,
  lastRow: m.e.r + 1,
  firstColumn: m.s.c + 1,
  lastColumn: m.e.c + 1,
});

/** Every sheet of a workbook SheetJS read, in its order, with its rows. Pure. */
export function legacySheets(wb: XLSX.WorkBook, only: string | null): LegacySheet[] {
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  return wb.SheetNames.flatMap((name, i) => {
    if (only && name !== only) return [];
    const hidden = (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) > 0;
    return [{ name, rows: legacySheetRows(wb.Sheets[name], name, { date1904, hidden }) }];
  });
}
