// The one way rosters are written to a file (export, template, the import's error and result files):
// CSV for a CSV, or an .xlsx whose every column is formatted as Text, so that Excel keeps the zeros
// of an ID number, a phone, a Mã hồ sơ or a Mã xã typed or pasted into it, in every row.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { openCsvWriter, type RowWriter } from '../../common/files/csv.js';

/** Loaded when a workbook is first written, not at every start of the CLI and the server (≈ 0.4 s). */
const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

export type RosterFormat = 'csv' | 'xlsx';

/** A file's format by its name: `.xlsx` is a workbook, anything else CSV. */
export function formatOfName(name: string): RosterFormat {
  return path.extname(name).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
}

/** CSV in UTF-8 with a BOM (Excel then reads the accents), or a streamed .xlsx with text cells. */
export async function openRosterWriter(out: string, format: RosterFormat, header: string[]): Promise<RowWriter> {
  const book = await openRosterBook(out, format);
  await book.sheet(null, [header]);
  return { row: (cells) => book.row(cells), close: () => book.close() };
}

/**
 * A roster file of one or more sheets, each under its own header rows (one, or two for a merged
 * header): a workbook gets one worksheet per sheet; a CSV has one table, later sheets' rows go under
 * the first header.
 */
export interface RosterBook {
  sheet(name: string | null, header: string[][]): Promise<void>;
  row(cells: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file to write, made (or emptied) before anything is written to it: a folder that does not exist
 * or cannot be written fails here with the system's error naming the path (the CLI says it in
 * Vietnamese), never later in a writer's stream, which would end the command with nothing said.
 */
export async function makeWritable(out: string): Promise<void> {
  await (await open(out, 'w')).close();
}

export async function openRosterBook(out: string, format: RosterFormat, delimiter: ',' | ';' = ','): Promise<RosterBook> {
  await makeWritable(out);
  return format === 'csv' ? csvBook(out, delimiter) : xlsxBook(out);
}

function csvBook(out: string, delimiter: ',' | ';'): RosterBook {
  let writer: RowWriter | null = null;
  return {
    sheet: async (_name, [first, ...more]) => {
      if (writer) return;
      writer = await openCsvWriter(out, first, delimiter);
      for (const h of more) await writer.row(h);
    },
    row: (cells) => writer!.row(cells),
    close: async () => {
      if (!writer) writer = await openCsvWriter(out, [], delimiter);
      await writer.close();
    },
  };
}

function xlsxBook(out: string): RosterBook {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: out, useSharedStrings: false, useStyles: true });
  let ws: ExcelJS.Worksheet | null = null;
  const names = new Set<string>();
  // A workbook's sheet names are unique (her own are; a second header of one sheet gets a number).
  const unique = (name: string) => {
    let n = name;
    for (let i = 2; names.has(n.toLowerCase()); i++) n = `${name.slice(0, 26)} (${i})`;
    names.add(n.toLowerCase());
    return n;
  };
  const addRow = (cells: string[]) => {
    const row = ws!.addRow(cells);
    row.eachCell((c) => (c.numFmt = '@'));
    return row;
  };
  return {
    sheet: (name, header) => {
      ws?.commit();
      ws = wb.addWorksheet(unique(name ?? 'Danh sách'));
      const width = Math.max(...header.map((h) => h.length));
      // Text (`@`) on the whole column: the rows a secretary adds later are text too.
      ws.columns = Array.from({ length: width }, (_, i) => ({
        width: Math.max(12, ...header.map((h) => (h[i] ?? '').length + 2)),
        style: { numFmt: '@' },
      }));
      for (const h of header) {
        const row = addRow(h);
        row.font = { bold: true };
        row.commit();
      }
      return Promise.resolve();
    },
    row: (cells) => {
      addRow(cells).commit();
      return Promise.resolve();
    },
    close: async () => {
      if (!ws) ws = wb.addWorksheet('Danh sách');
      ws.commit();
      await wb.commit();
    },
  };
}
