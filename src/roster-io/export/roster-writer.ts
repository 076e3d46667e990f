// The one way rosters are written to a file (export, template, the import's error and result files):
// CSV for a CSV, or an .xlsx whose every column is formatted as Text, so that Excel keeps the zeros
// of an ID number, a phone, a Mã hồ sơ or a Mã xã typed or pasted into it, in every row.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openCsvWriter, type RowWriter } from '../../common/files/csv.js';

export type RosterFormat = 'csv' | 'xlsx';

/** A file's format by its name: `.xlsx` is a workbook, anything else CSV. */
export function formatOfName(name: string): RosterFormat {
  return path.extname(name).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
}

/** CSV in UTF-8 with a BOM (Excel then reads the accents), or a streamed .xlsx with text cells. */
export async function openRosterWriter(out: string, format: RosterFormat, header: string[]): Promise<RowWriter> {
  if (format === 'csv') return openCsvWriter(out, header);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('Danh sách');
  // Text (`@`) on the whole column: the rows a secretary adds later are text too.
  ws.columns = header.map((h) => ({ header: h, width: Math.max(12, h.length + 2), style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  return {
    row: (cells) => {
      const row = ws.addRow(cells);
      row.eachCell((c) => (c.numFmt = '@'));
      row.commit();
      return Promise.resolve();
    },
    close: async () => {
      ws.commit();
      await wb.commit();
    },
  };
}
