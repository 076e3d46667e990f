// The files a secretary gets back from an import keep *her* file's layout (issue 16 items 7 and 8):
// her header rows, her columns in her order, her cells as her file had them, with the reason (the
// error file) or the code and outcome (the result file) beside them — so she fixes a row in Excel
// and imports the file again. Pure: what the rows say in, the sheets to write out.
import type { SourceRow } from '../../common/files/tabular-source.js';
import type { RowOutcome } from '../import-job.entity.js';
import { ERROR_COLUMNS, RESULT_COLUMNS } from '../roster-columns.js';

export { ERROR_COLUMNS, RESULT_COLUMNS };

/** Her row as her file had it: the header row(s) above it, her cells, her Mã hồ sơ column (-1: none), the code the row got. */
export interface HerRow {
  header: string[][];
  cells: string[];
  codeAt: number;
  code: string;
}

/** A kept import row, opened: where it was, what was wrong (or its warnings), her row, and (result file) its outcome. */
export interface KeptRow {
  sheet: string | null;
  rowNumber: number;
  columnName: string | null;
  value: string | null;
  message: string;
  /** The row's values in the template's columns (all a row stored before her row was kept has). */
  cells: string[];
  her: HerRow | null;
  outcome: RowOutcome | null;
}

/** One sheet of a file to write: its name, its header rows, its rows. */
export interface SheetOut {
  name: string | null;
  header: string[][];
  rows: string[][];
}

export const sealHerRow = (seal: (plain: string) => Buffer, her: HerRow): Buffer =>
  seal(JSON.stringify([her.header, her.cells, her.codeAt, her.code]));

export function openHerRow(open: (sealed: Buffer) => string, sealed: Buffer): HerRow {
  const [header, cells, codeAt, code] = JSON.parse(open(sealed)) as [string[][], string[], number, string];
  return { header, cells, codeAt, code };
}

/**
 * Her cells as she typed them, for the files she gets back: text exactly as it was, and a cell Excel
 * kept as a date as `dd/mm/yyyy` text — not the ISO form the readers see (`1985-03-12`, which she never
 * typed). Text, not a date cell: the files' columns are Text (so the zeros stay) and a CSV has only
 * text; a date cell would show in the machine's own order (m/d/yyyy on a US-locale Excel), where
 * `dd/mm/yyyy` text reads back as the same day. `drop`: columns left out (our own, in a file brought back).
 */
export function herCells(src: Pick<SourceRow, 'cells' | 'values'>, drop: readonly number[] = []): string[] {
  const cells = src.cells.map((c, i) => {
    const v = src.values?.[i];
    return v instanceof Date ? dayMonthYear(v) : c;
  });
  return drop.length ? cells.filter((_, i) => !drop.includes(i)) : cells;
}

const dayMonthYear = (d: Date): string =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

const OUTCOME_LABEL: Record<RowOutcome, string> = {
  CREATED: 'đã thêm',
  UPDATED: 'đã cập nhật',
  UNCHANGED: 'không đổi',
  SKIPPED: 'bỏ qua',
  REJECTED: 'lỗi',
  HELD: 'chờ quyết định',
};

/** Where a row was, as the files say it (`DS!12`, or `12` in a CSV). */
export const placeOf = (r: Pick<KeptRow, 'sheet' | 'rowNumber'>): string => (r.sheet ? `${r.sheet}!${r.rowNumber}` : String(r.rowNumber));

/**
 * Her row; or, for a row stored before hers were kept or one the database refused at the apply
 * (kept with its place and reason only: no header), its template cells under the template's header.
 */
function herRowOf(r: KeptRow, templateHeader: string[]): HerRow {
  if (r.her?.header.length) return r.her;
  return { header: [templateHeader], cells: r.cells, codeAt: templateHeader.indexOf('Mã hồ sơ'), code: r.her?.code ?? '' };
}

/** The rows grouped as her file had them: one group per sheet and header, in file order; each group as wide as its widest row. */
function groups(rows: KeptRow[], templateHeader: string[]): { name: string | null; her: HerRow[]; rows: KeptRow[]; width: number }[] {
  const out = new Map<string, { name: string | null; her: HerRow[]; rows: KeptRow[]; width: number }>();
  for (const r of rows) {
    const her = herRowOf(r, templateHeader);
    const key = JSON.stringify([r.sheet, her.header]);
    let g = out.get(key);
    if (!g) out.set(key, (g = { name: r.sheet, her: [], rows: [], width: 0 }));
    g.her.push(her);
    g.rows.push(r);
    g.width = Math.max(g.width, her.cells.length, ...her.header.map((h) => h.length));
  }
  return [...out.values()];
}

const pad = (cells: string[], width: number): string[] => Array.from({ length: width }, (_, i) => cells[i] ?? '');

/** Her header rows, widened, with `after` beside the first (the others blank there, so a merged header reads again). */
const headerRows = (header: string[][], width: number, after: string[], before: string[] = []): string[][] =>
  header.map((h, i) => [...(i === 0 ? before : before.map(() => '')), ...pad(h, width), ...(i === 0 ? after : after.map(() => ''))]);

/** The error file: her rejected rows as her file had them, each with where it was, the column, the value and the message. */
export function errorSheets(rows: KeptRow[], templateHeader: string[]): SheetOut[] {
  return groups(rows, templateHeader).map((g) => ({
    name: g.name,
    header: headerRows(g.her[0].header, g.width, ERROR_COLUMNS),
    rows: g.rows.map((r, i) => [...pad(g.her[i].cells, g.width), placeOf(r), r.columnName ?? '', r.value ?? '', r.message]),
  }));
}

/**
 * The result file: her rows as her file had them with the code each was given (in her Mã hồ sơ
 * column, or a first column of that name when she had none), what became of it and why.
 */
export function resultSheets(rows: KeptRow[], templateHeader: string[]): SheetOut[] {
  return groups(rows, templateHeader).map((g) => {
    const codeAt = g.her[0].codeAt;
    const before = codeAt < 0 ? ['Mã hồ sơ'] : [];
    return {
      name: g.name,
      header: headerRows(g.her[0].header, g.width, RESULT_COLUMNS, before),
      rows: g.rows.map((r, i) => {
        const her = g.her[i];
        const cells = pad(her.cells, g.width);
        const outcome = r.outcome ?? 'REJECTED';
        // A held row gets no code: the file brought back is matched again, never created under a code of its own.
        const code = outcome === 'HELD' ? '' : her.code;
        if (codeAt >= 0 && code) cells[codeAt] = code;
        const refused = outcome === 'REJECTED' || outcome === 'SKIPPED' || outcome === 'HELD';
        return [...(codeAt < 0 ? [code] : []), ...cells, OUTCOME_LABEL[outcome], refused ? r.message : '', refused ? '' : r.message];
      }),
    };
  });
}
