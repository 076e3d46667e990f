// The roster as a workbook a secretariat files and works in: a title block, STT, the template's
// columns with the commune's and the unit's names beside their codes, real dates, a frozen header
// with filters, set up to print on A4 landscape. It still imports back to the same records: the
// import finds the header under the title, knows STT, and never reads the two name columns.
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { EXPORT_NAME_COLUMNS, type RosterColumn } from '../roster-columns.js';

const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

/** What heads the sheet: who keeps the roster, which part of it, as of when. */
export interface FiledRosterHead {
  organization: string;
  /** The unit asked for (its subtree), or null for the whole organization. */
  unit: string | null;
  /** `DANH SÁCH ĐOÀN VIÊN`: the organization's own word for its members. */
  title: string;
  /** `Ngày xuất: 02/12/2026` (and, for a file with the full CCCD numbers, what to do with it). */
  notes: string[];
}

/** A cell: text, the row number, or a day (a date known to the day; a year or a month stays text). */
export type FiledCell = string | number | Date;

/** One column of the sheet, by what the import knows it as. */
export interface FiledColumn {
  header: string;
  kind: 'stt' | 'text' | 'date';
  width: number;
}

/** A date column of the template (the record's dates, a profile field of type DATE): a day in it is a date cell. */
export const isDateColumn = (c: RosterColumn): boolean => !!c.date || /Date$/.test(c.key);

/** The columns in order: STT, then the template's, with `Tên xã/phường` after `Mã xã` and `Tên đơn vị` after `Mã đơn vị`. */
export function filedColumns(columns: RosterColumn[]): FiledColumn[] {
  const out: FiledColumn[] = [{ header: 'STT', kind: 'stt', width: 6 }];
  for (const c of columns) {
    out.push({
      header: c.header,
      kind: isDateColumn(c) ? 'date' : 'text',
      width: c.key === 'fullName' ? 26 : Math.max(11, c.header.length + 2),
    });
    if (c.key === 'communeCode') out.push({ header: EXPORT_NAME_COLUMNS.commune, kind: 'text', width: 24 });
    if (c.key === 'unit') out.push({ header: EXPORT_NAME_COLUMNS.unit, kind: 'text', width: 24 });
  }
  return out;
}

/** `06/05/1990` as a day cell (UTC midnight, what a reader reads back as that day); anything else as written. */
export function dayCell(vn: string): FiledCell {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(vn);
  return m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : vn;
}

export interface FiledRosterWriter {
  row(cells: FiledCell[]): Promise<void>;
  close(): Promise<void>;
}

const excelColumn = (n: number): string =>
  (n <= 26 ? '' : excelColumn(Math.floor((n - 1) / 26))) + String.fromCharCode(65 + ((n - 1) % 26));

/** Streams the sheet: the title block, the header (frozen, with filters), then one row per member. */
export function openFiledRoster(out: string, head: FiledRosterHead, columns: FiledColumn[]): FiledRosterWriter {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: out, useSharedStrings: false, useStyles: true });
  const top = [head.organization, head.unit ?? '', head.title, ...head.notes, ''];
  const headerRow = top.length + 1;
  const last = excelColumn(columns.length);
  const ws = wb.addWorksheet('Danh sách', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.autoFilter = `A${headerRow}:${last}${headerRow}`;
  ws.columns = columns.map((c) => ({
    width: c.width,
    style: { numFmt: c.kind === 'date' ? 'dd/mm/yyyy' : c.kind === 'stt' ? '0' : '@' },
  }));
  top.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = text;
    const title = i === 2;
    row.getCell(1).font = { bold: i < 3, italic: i > 2, size: title ? 14 : 11 };
    // The title and the notes across the table, centred; the organization and the unit on the left, as rosters head them.
    if (i >= 2 && text) {
      ws.mergeCells(i + 1, 1, i + 1, columns.length);
      row.getCell(1).alignment = { horizontal: 'center' };
    }
    row.commit();
  });
  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  header.commit();
  return {
    row: (cells) => {
      const row = ws.addRow(cells);
      row.eachCell((cell, n) => {
        const kind = columns[n - 1]?.kind;
        cell.numFmt = kind === 'date' && cell.value instanceof Date ? 'dd/mm/yyyy' : kind === 'stt' ? '0' : '@';
      });
      row.commit();
      return Promise.resolve();
    },
    close: async () => {
      ws.commit();
      await wb.commit();
    },
  };
}
