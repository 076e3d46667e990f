import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { UnreadableCell } from './cell-text.js';
import { readInertCell } from './csv.js';
import { rosterFileKind } from './roster-file-kind.js';
import { SourceError } from './source-error.js';
import { readLegacyInWorker, readXlsxInWorker } from './xlsx-reader.js';

export { cellText } from './cell-text.js';
export { SourceError };

/** One row as the spreadsheet shows it: its sheet, its row number (the header's row counts), its cells as text. */
export interface SourceRow {
  sheet: string | null;
  row: number;
  cells: string[];
  /**
   * An .xlsx row's cells as Excel stored them (a number, a Date, text; null when empty), beside their
   * text: a CCCD typed into a General cell is a number that lost its 0, a date a real date. Absent for CSV.
   */
  values?: (string | number | Date | null)[];
  /** An .xlsx row's cells that hold no value although they are not empty (a formula never computed): to be refused by field. */
  unreadable?: UnreadableCell[];
  /** An .xlsx row's cells inside a range merged down from a row above: the text of the range's first cell (null elsewhere). */
  merged?: (string | null)[];
  /** An .xlsx row whose every filled cell is struck through: crossed out in the file (a member struck off). */
  struck?: true;
  /** An .xlsx row out of sight in her workbook: hidden (by hand or by a filter), or on a hidden sheet. */
  hidden?: 'row' | 'sheet';
}

export interface RosterSource {
  kind: 'csv' | 'xlsx';
  /** For CSV: `utf-8` or `windows-1258`; the delimiter found. */
  encoding: string | null;
  delimiter: string | null;
  rows: AsyncIterable<SourceRow>;
}

/** Bytes a roster row takes, about (a CSV row of the benchmark's ten columns ≈ 105; a compressed .xlsx row less). */
const BYTES_PER_ROW = { csv: 100, xlsx: 40 } as const;

/** About how many rows a file holds, by its size (0 when it cannot be read). */
export const expectedRows = (file: string, kind: RosterSource['kind']): Promise<number> =>
  stat(file).then(
    (s) => Math.floor(s.size / BYTES_PER_ROW[kind]),
    () => 0,
  );

/**
 * Vietnamese letters outside Latin-1 (ă đ ơ ư, ạ ả ấ ế ệ ố ờ ự…): what Unicode Vietnamese is full of
 * and neither legacy encoding can show, since both put their letters on Latin-1 bytes.
 */
const UNICODE_VIETNAMESE = /[\u0100-\u024f\u1e00-\u1eff]/g;
/**
 * TCVN3 (ABC, the .Vn fonts) keeps its commonest letters on bytes A1–BF — ă â ê ô ơ ư đ as ¨ © ª « ¬ ­ ®,
 * à ả ã á ạ as µ ¶ · ¸ ¹ — where VNI has none: Vietnamese words show these symbols only in TCVN3.
 */
const TCVN3_LETTERS = /[\u00a1-\u00bf]/g;
/**
 * VNI writes a letter as its vowel followed by a mark letter: circumflex â (or with a tone á à å ã ä)
 * after a e o, breve ê (é è ú ü ë) after a, a tone ø ù û õ ï after any vowel; ơ ư are ô ö (`Höông`,
 * Hương), đ a word-initial ñ (`Ñoaøn`, Đoàn). Only pairs Unicode Vietnamese never writes (`Hoàng`
 * has oà: an o before á à ã is left out).
 */
const VNI_LETTERS =
  /[aeAE][âáàåãäÂÁÀÅÃÄ]|[oO][âåäÂÅÄ]|[aA][êéèúüëÊÉÈÚÜË]|[aeiouyôöAEIOUYÔÖ][øùûõïØÙÛÕÏ]|öô|ÖÔ|(?<!\p{L})[ñÑ](?=[aeiouyâêôöAEIOUYÂÊÔÖ])/gu;

/**
 * Names a legacy encoding when the decoded text looks like one; null when it reads as Vietnamese.
 * Legacy when its signs outnumber the Unicode letters twice over; TCVN3 or VNI by whose own signs
 * are more (the Latin-1 letters both use above C0 tell them apart only in these patterns).
 */
export function legacyEncoding(text: string): 'TCVN3' | 'VNI' | null {
  const proper = (text.match(UNICODE_VIETNAMESE) ?? []).length;
  const tcvn = (text.match(TCVN3_LETTERS) ?? []).length;
  const vni = (text.match(VNI_LETTERS) ?? []).length;
  if (Math.max(tcvn, vni) <= 5 || tcvn + vni <= proper * 2) return null;
  return vni > tcvn ? 'VNI' : 'TCVN3';
}

/** A file typed in an old font encoding: what it is and how to convert it. */
export const legacyEncodingMessage = (name: string, legacy: 'TCVN3' | 'VNI') =>
  `'${name}' có vẻ được gõ bằng bảng mã ${legacy} (phông .Vn…/VNI-…), không phải Unicode: hãy chuyển mã sang Unicode (Unikey: Công cụ… > Chuyển mã) rồi nhập lại`;

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

/**
 * Opens a roster file judged by its content (a .docx or a PDF is refused with what to do); an .xlsx,
 * or an older program's workbook (.xls, a web page's table, XML Spreadsheet 2003), is parsed in a
 * child process with a memory cap.
 */
export async function openRoster(file: string, opts: { sheet?: string | null; displayName?: string } = {}): Promise<RosterSource> {
  const name = opts.displayName ?? path.basename(file);
  const kind = await rosterFileKind(file, name, opts.sheet ?? null);
  if (kind === 'xlsx') return { kind, encoding: null, delimiter: null, rows: readXlsxInWorker(file, opts.sheet ?? null, name) };
  // An older program's workbook is read as a workbook: its result file comes back as .xlsx.
  if (kind === 'legacy') return { kind: 'xlsx', encoding: null, delimiter: null, rows: readLegacyInWorker(file, opts.sheet ?? null, name) };
  const fh = await open(file, 'r');
  const head = Buffer.alloc(65536);
  const { bytesRead } = await fh.read(head, 0, head.length, 0);
  await fh.close();
  const start = head.subarray(0, bytesRead);
  const encoding = detectCsvEncoding(start);
  const text = encoding === 'utf-8' ? start.toString('utf8') : iconv.decode(start, 'windows1258');
  // A legacy font encoding shows its letters as Latin-1 characters: judge the bytes read as Latin-1 unless they are UTF-8.
  const legacy = legacyEncoding(encoding === 'utf-8' ? text : start.toString('latin1'));
  if (legacy) throw new SourceError(legacyEncodingMessage(name, legacy));
  const delimiter = detectDelimiter(text.replace(/^\uFEFF/, ''));
  return { kind: 'csv', encoding, delimiter, rows: readCsv(file, name, encoding, delimiter) };
}

/** Characters in one CSV row, at most. */
const MAX_CSV_RECORD = 1_000_000;

async function* readCsv(file: string, name: string, encoding: 'utf-8' | 'windows-1258', delimiter: string): AsyncGenerator<SourceRow> {
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
      // One field or row of a megabyte is no roster: refuse it rather than hold it.
      max_record_size: MAX_CSV_RECORD,
    }),
  );
  // pipe() does not pass errors on: a read error ends the parser (and so this reader), never the process.
  input.on('error', (e) => parser.destroy(e));
  if (decoded !== input) (decoded as NodeJS.ReadWriteStream).on('error', (e: Error) => parser.destroy(e));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { sheet: null, row, cells: record.map(readInertCell) };
    }
  } catch (e) {
    throw new SourceError(csvFailure(name, row + 1, e, await lineNeverEnds(file, e)));
  } finally {
    // The import may stop reading early (a refused header): the file is closed all the same.
    input.destroy();
  }
}

/**
 * What a CSV the parser gave up on tells the secretary, by the row it stopped at (`row`: the first
 * row not read): a quoted cell past the size limit or a quote never closed (both mostly one stray `"`
 * that swallows the rest of the file), a line past it outside any quote (no line breaks: no table),
 * else the parser's reason as a detail.
 */
export function csvFailure(name: string, row: number, e: unknown, lineNeverEnds = false): string {
  const code = (e as { code?: string } | null)?.code;
  const again = 'hãy mở tệp bằng Excel hoặc Notepad, sửa dòng đó (hoặc lưu lại dạng CSV UTF-8 bằng Excel) rồi gửi lại';
  const quote = `thường do một dấu ngoặc kép (") mở ở dòng ${row} mà không đóng, nên phần sau của tệp bị đọc dồn vào một ô`;
  const limit = MAX_CSV_RECORD.toLocaleString('vi-VN');
  if (code === 'CSV_MAX_RECORD_SIZE' && lineNeverEnds)
    return `tệp CSV '${name}', dòng ${row}: dòng này dài quá ${limit} ký tự mà không xuống dòng, nên không được đọc — tệp có thể không phải một bảng (mỗi hội viên một dòng) hoặc bị hỏng: ${again}`;
  if (code === 'CSV_MAX_RECORD_SIZE')
    return `tệp CSV '${name}', dòng ${row}: một ô (hoặc cả dòng) dài quá ${limit} ký tự nên không được đọc — ${quote}: ${again}`;
  if (code === 'CSV_QUOTE_NOT_CLOSED')
    return `tệp CSV '${name}', dòng ${row}: dấu ngoặc kép (") mở ở dòng này không được đóng đến hết tệp: ${again}`;
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 160);
  return `đọc tệp CSV '${name}' lỗi ở dòng ${row} (${detail}): ${again}`;
}

/**
 * Whether the row the parser gave up on as too long is one line without a break (no table) rather
 * than a quoted cell, or a quote that swallowed the lines after it: neither a line break nor a quote
 * in the limit's worth of bytes from the start of the line it stopped on (`lines`, the parser's count).
 */
async function lineNeverEnds(file: string, e: unknown): Promise<boolean> {
  const { code, lines } = (e ?? {}) as { code?: string; lines?: number };
  if (code !== 'CSV_MAX_RECORD_SIZE' || !lines) return false;
  let breaks = 0;
  let seen = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const b of chunk) {
      if (breaks < lines - 1) {
        if (b === 0x0a) breaks++;
        continue;
      }
      if (b === 0x0a || b === 0x0d || b === 0x22) return false;
      if (++seen >= MAX_CSV_RECORD) return true;
    }
  }
  return seen > 0;
}

/** An Excel serial day (5 digits, from 1927 on) in a date column, as yyyy-mm-dd; other text unchanged. */
export function excelSerialDate(text: string): string {
  const t = text.trim();
  if (!/^\d{5}(\.\d+)?$/.test(t)) return text;
  const days = Math.floor(Number(t));
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}
