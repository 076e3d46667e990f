import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readInertCell } from './csv-file.js';

/** One row as the spreadsheet shows it: its sheet, its row number (the header's row counts), its cells as text. */
export interface SourceRow {
  sheet: string | null;
  row: number;
  cells: string[];
}

export interface RosterSource {
  kind: 'csv' | 'xlsx';
  /** For CSV: `utf-8` or `windows-1258`; the delimiter found. */
  encoding: string | null;
  delimiter: string | null;
  rows: AsyncIterable<SourceRow>;
}

export class SourceError extends Error {}

/** Letters that TCVN3 (ABC) or VNI text shows when read as Unicode: a file in a legacy font encoding. */
const TCVN3_MARKS = /[µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞ«ßãáâäåæçèéêëìíîïñôòóõø¬ùúûüý]/g;
const VIETNAMESE_LETTERS = /[ăâđêôơưàảãạáằẳẵặắầẩẫậấèẻẽẹéềểễệếìỉĩịíòỏõọóồổỗộốờởỡợớùủũụúừửữựứỳỷỹỵý]/gi;
const VNI_PATTERN = /[aeiouy][øùûõïöôòóñ]|[aeiouy][aâ]ø|ñ[aeiou]|Ñ/g;

/** Names a legacy encoding when the decoded text looks like one; null when it reads as Vietnamese. */
export function legacyEncoding(text: string): 'TCVN3' | 'VNI' | null {
  const proper = (text.match(VIETNAMESE_LETTERS) ?? []).length;
  const tcvn = (text.match(TCVN3_MARKS) ?? []).length;
  const vni = (text.match(VNI_PATTERN) ?? []).length;
  if (tcvn > 5 && tcvn > proper * 2) return 'TCVN3';
  if (vni > 5 && vni > proper * 2) return 'VNI';
  return null;
}

/** UTF-8 when the first 64 KB decode as UTF-8 (BOM or not), else Windows-1258 (Excel's "CSV" on Vietnamese Windows). */
export function detectCsvEncoding(head: Buffer): 'utf-8' | 'windows-1258' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  let end = head.length;
  // Do not judge a multi-byte character cut by the 64 KB boundary.
  while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1258';
  }
}

/** `;` when the first lines hold more semicolons than commas outside quotes. */
export function detectDelimiter(text: string): ',' | ';' {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 10);
  const count = (ch: string) => lines.reduce((n, l) => n + l.replace(/"[^"]*"/g, '').split(ch).length - 1, 0);
  return count(';') > count(',') ? ';' : ',';
}

export async function openRoster(file: string, opts: { sheet?: string | null } = {}): Promise<RosterSource> {
  const ext = path.extname(file).toLowerCase();
  const fh = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new SourceError(`không mở được tệp '${file}': ${e.code === 'ENOENT' ? 'không có tệp này' : e.message}`);
  });
  const head = Buffer.alloc(65536);
  const { bytesRead } = await fh.read(head, 0, head.length, 0);
  await fh.close();
  const start = head.subarray(0, bytesRead);
  const isZip = start[0] === 0x50 && start[1] === 0x4b;
  if (ext === '.xlsx' || isZip) {
    if (!isZip)
      throw new SourceError(`'${path.basename(file)}' không phải tệp Excel .xlsx (tệp .xls cũ: hãy mở bằng Excel và lưu lại dạng .xlsx)`);
    return { kind: 'xlsx', encoding: null, delimiter: null, rows: readXlsx(file, opts.sheet ?? null) };
  }
  if (ext === '.xls' || (start[0] === 0xd0 && start[1] === 0xcf))
    throw new SourceError(`'${path.basename(file)}' là tệp Excel 97–2003 (.xls): hãy mở bằng Excel và lưu lại dạng .xlsx hoặc CSV UTF-8`);
  const encoding = detectCsvEncoding(start);
  const text = encoding === 'utf-8' ? start.toString('utf8') : iconv.decode(start, 'windows1258');
  // A legacy font encoding shows its letters as Latin-1 characters: judge the bytes read as Latin-1 unless they are UTF-8.
  const legacy = legacyEncoding(encoding === 'utf-8' ? text : start.toString('latin1'));
  if (legacy)
    throw new SourceError(
      `'${path.basename(file)}' có vẻ được gõ bằng bảng mã ${legacy} (phông .Vn…/VNI-…), không phải Unicode: hãy chuyển mã sang Unicode (Unikey: Công cụ… > Chuyển mã) rồi nhập lại`,
    );
  const delimiter = detectDelimiter(text.replace(/^\uFEFF/, ''));
  return { kind: 'csv', encoding, delimiter, rows: readCsv(file, encoding, delimiter) };
}

async function* readCsv(file: string, encoding: 'utf-8' | 'windows-1258', delimiter: string): AsyncGenerator<SourceRow> {
  const input = createReadStream(file);
  const decoded = encoding === 'utf-8' ? input : input.pipe(iconv.decodeStream('windows1258'));
  const parser = decoded.pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      encoding: encoding === 'utf-8' ? 'utf8' : undefined,
    }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { sheet: null, row, cells: record.map(readInertCell) };
    }
  } catch (e) {
    throw new SourceError(`đọc CSV '${path.basename(file)}' lỗi sau dòng ${row}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Every sheet (or the one named), streamed: rows come as they are read, not after the whole file. */
async function* readXlsx(file: string, only: string | null): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const seen: string[] = [];
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      if (only && name !== only) continue;
      for await (const r of sheet) {
        const values = r.values as unknown[];
        yield { sheet: name, row: r.number, cells: values.slice(1).map(cellText) };
      }
    }
  } catch (e) {
    throw new SourceError(`đọc tệp Excel '${path.basename(file)}' lỗi: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (only && !seen.includes(only)) throw new SourceError(`không có trang tính '${only}' trong tệp; các trang: ${seen.join(', ')}`);
}

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

/** An Excel serial day (5 digits, from 1927 on) in a date column, as yyyy-mm-dd; other text unchanged. */
export function excelSerialDate(text: string): string {
  const t = text.trim();
  if (!/^\d{5}(\.\d+)?$/.test(t)) return text;
  const days = Math.floor(Number(t));
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}
