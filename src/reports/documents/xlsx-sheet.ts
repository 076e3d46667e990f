import type ExcelJS from 'exceljs';

import type { FormCell, FormLine } from './xlsx-form.js';

export type Cell = string | number | null;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF9AA7B8' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, bottom: thin, left: thin, right: thin };

/**
 * A sheet ready to print: A4, fit to one page wide, its header row repeated on every page, frozen
 * under the header, with a title block above. Written row by row (a province's phantoms are tens
 * of thousands of rows).
 */
export function sheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  title: string[],
  columns: { header: string; width: number; number?: boolean; percent?: boolean }[],
  rows: Cell[][],
  {
    landscape = false,
    top = [],
    foot = [],
    total,
  }: { landscape?: boolean; top?: FormLine[]; foot?: FormLine[]; /** A last row in bold (the area's figures). */ total?: Cell[] } = {},
): void {
  const headerRow = top.length + title.length + 2;
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${name}&RTrang &P/&N` },
    // Frozen under the header, unless an official form's head stands above it (a short sheet: no need).
    views: top.length ? [] : [{ state: 'frozen', ySplit: headerRow }],
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  for (const line of top) formRow(ws, line, columns.length);
  title.forEach((t, i) => {
    const r = ws.addRow([t]);
    r.getCell(1).font = i === 0 ? { bold: true, size: 14 } : { italic: true, size: 10 };
    r.commit();
  });
  ws.addRow([]).commit();
  const h = ws.addRow(columns.map((c) => c.header));
  // Room for headers wrapped on three lines ("Đối tượng trong CSDL dân cư").
  h.height = 42;
  h.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = BORDER;
  });
  h.commit();
  for (const values of total ? [...rows, total] : rows) {
    const r = ws.addRow(values);
    values.forEach((v, i) => {
      const cell = r.getCell(i + 1);
      cell.border = BORDER;
      if (values === total) cell.font = { bold: true };
      if (typeof v === 'number' && (columns[i]?.number || columns[i]?.percent)) cell.numFmt = columns[i].percent ? '0.0%' : '#,##0';
    });
    r.commit();
  }
  for (const line of foot) formRow(ws, line, columns.length);
  ws.commit();
}

/** A row of the official form: the left block in the first column, the right one over the others (centred), or one text across. */
function formRow(ws: ExcelJS.Worksheet, line: FormLine, width: number): void {
  const r = ws.addRow([]);
  const put = (column: number, cell: FormCell | undefined, to: number) => {
    if (!cell?.text) return;
    const c = r.getCell(column);
    c.value = cell.text;
    c.font = { bold: !!cell.bold, italic: !!cell.italic };
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    if (to > column) ws.mergeCells(r.number, column, r.number, to);
  };
  put(1, line.left, 1);
  put(2, line.right, width);
  put(1, line.across, width);
  r.commit();
}
