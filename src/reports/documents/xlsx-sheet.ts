import type ExcelJS from 'exceljs';

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
  landscape = false,
): void {
  const headerRow = title.length + 2;
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
    views: [{ state: 'frozen', ySplit: headerRow }],
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
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
  for (const values of rows) {
    const r = ws.addRow(values);
    values.forEach((v, i) => {
      const cell = r.getCell(i + 1);
      cell.border = BORDER;
      if (typeof v === 'number' && (columns[i]?.number || columns[i]?.percent)) cell.numFmt = columns[i].percent ? '0.0%' : '#,##0';
    });
    r.commit();
  }
  ws.commit();
}
