// The roster as a workbook a secretariat files and works in, on the official form: the organization
// and its unit at the top left, the Quốc hiệu at the top right, the title and "Tính đến ngày …"; STT,
// the template's columns with the commune's and the unit's names beside their codes, real dates, a
// frozen header with filters; at the foot the totals by status, the place and date and who signs; set
// up to print on A4 landscape. It still imports back to the same records: the import finds the header
// under the title, knows STT, skips the foot's lines, and never reads the two name columns.
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { MOTTO, NATIONAL_TITLE } from '../../common/documents/official-form.js';
import { EXPORT_NAME_COLUMNS, type RosterColumn } from '../roster-columns.js';

const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

/** What heads the sheet (as an official roster is headed): who keeps it, the Quốc hiệu, the title, as of when. */
export interface FiledRosterHead {
  /** The organization's name (top left, in capitals). */
  organization: string;
  /** Under it: the unit asked for, else the caller's, else the commune every row shares (never a code); null: none known. */
  issuer: string | null;
  /** `DANH SÁCH ĐOÀN VIÊN`: the organization's own word for its members. */
  title: string;
  /** `Tính đến ngày 02/12/2026`. */
  asOf: string;
  /** Under the title (for a file with the full CCCD numbers, what to do with it). */
  notes: string[];
}

/** What closes the sheet: the totals line, the place and date, who signs. */
export interface FiledRosterFoot {
  /** `Tổng số: 3 đoàn viên; trong đó: Đang sinh hoạt: 2, Sinh hoạt tạm thời: 1.` */
  total: string;
  /** `Phường Ba Đình, ngày 04 tháng 12 năm 2026`. */
  placeAndDate: string;
  /** Left: `NGƯỜI LẬP BIỂU`; right: `TM. BAN CHẤP HÀNH`, then the head's title (`BÍ THƯ`, `CHỦ TỊCH`). */
  maker: string;
  signer: string[];
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
export const isDateColumn = (c: RosterColumn): boolean => c.profileField?.type === 'DATE' || /Date$/.test(c.key);

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
  /** A chi hội's heading over its members: its name alone, bold, across the table (the import skips it, its rows keep their codes). */
  section(name: string): Promise<void>;
  close(foot: FiledRosterFoot): Promise<void>;
}

const excelColumn = (n: number): string =>
  (n <= 26 ? '' : excelColumn(Math.floor((n - 1) / 26))) + String.fromCharCode(65 + ((n - 1) % 26));

type Align = 'left' | 'center';
interface Line {
  left?: string;
  right?: string;
  across?: string;
  font?: Partial<ExcelJS.Font>;
  align?: Align;
}

/**
 * Writes a line of the title block or the foot: one text across the table, or a left and a right
 * half (the issuer | the Quốc hiệu; the maker | the signer), each merged and centred in its half.
 */
function writeLine(ws: ExcelJS.Worksheet, n: number, width: number, line: Line): void {
  const row = ws.getRow(n);
  const half = Math.max(2, Math.floor(width * 0.45));
  const put = (from: number, to: number, text: string | undefined, align: Align) => {
    if (!text) return;
    const cell = row.getCell(from);
    cell.value = text;
    cell.font = line.font ?? {};
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: false };
    if (to > from) ws.mergeCells(n, from, n, to);
  };
  if (line.across !== undefined) put(1, width, line.across, line.align ?? 'center');
  put(1, half, line.left, 'center');
  put(half + 1, width, line.right, 'center');
  row.commit();
}

/** Streams the sheet: the title block, the header (frozen, with filters), one row per member, then the foot. */
export function openFiledRoster(out: string, head: FiledRosterHead, columns: FiledColumn[]): FiledRosterWriter {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: out, useSharedStrings: false, useStyles: true });
  const width = columns.length;
  const top: Line[] = [
    { left: head.organization.toUpperCase(), right: NATIONAL_TITLE, font: { bold: true, size: 11 } },
    { left: (head.issuer ?? '').toUpperCase(), right: MOTTO, font: { bold: true, size: 11 } },
    { across: head.title, font: { bold: true, size: 14 } },
    { across: head.asOf, font: { italic: true, size: 11 } },
    ...head.notes.map((t) => ({ across: t, font: { italic: true, size: 11 } })),
    {},
  ];
  const headerRow = top.length + 1;
  const ws = wb.addWorksheet('Danh sách', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  ws.autoFilter = `A${headerRow}:${excelColumn(width)}${headerRow}`;
  ws.columns = columns.map((c) => ({
    width: c.width,
    style: { numFmt: c.kind === 'date' ? 'dd/mm/yyyy' : c.kind === 'stt' ? '0' : '@' },
  }));
  top.forEach((line, i) => writeLine(ws, i + 1, width, line));
  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  header.commit();
  let last = headerRow;
  return {
    row: (cells) => {
      const row = ws.addRow(cells);
      row.eachCell((cell, n) => {
        const kind = columns[n - 1]?.kind;
        cell.numFmt = kind === 'date' && cell.value instanceof Date ? 'dd/mm/yyyy' : kind === 'stt' ? '0' : '@';
      });
      row.commit();
      last = row.number;
      return Promise.resolve();
    },
    section: (name) => {
      const row = ws.addRow([name]);
      row.getCell(1).font = { bold: true };
      row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: false };
      ws.mergeCells(row.number, 1, row.number, width);
      row.commit();
      last = row.number;
      return Promise.resolve();
    },
    close: async (foot) => {
      const lines: Line[] = [
        {},
        { across: foot.total, font: { bold: true }, align: 'left' },
        {},
        { right: foot.placeAndDate, font: { italic: true } },
        { left: foot.maker, right: foot.signer[0], font: { bold: true } },
        ...foot.signer.slice(1).map((t) => ({ right: t, font: { bold: true } })),
        { left: SIGN_HINT, right: STAMP_HINT, font: { italic: true } },
      ];
      lines.forEach((line, i) => writeLine(ws, last + 1 + i, width, line));
      ws.commit();
      await wb.commit();
    },
  };
}

/** Under the signers' titles, as rosters say where to sign. */
const SIGN_HINT = '(Ký, ghi rõ họ tên)';
const STAMP_HINT = '(Ký tên, đóng dấu)';
