import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';

/**
 * A spreadsheet reads a cell starting with = + - @, a tab or a carriage return as a formula
 * (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`). Every CSV cell we write that starts so — after any
 * apostrophes, so that our own prefix survives a round trip — gets an apostrophe in front (OWASP):
 * the spreadsheet shows it as text. Negative numbers and `+84…` phones too: our files hold none
 * that a spreadsheet should compute, and a phone kept as text keeps its `+`.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The text a spreadsheet shows as text, never as a formula. */
export const inertCell = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);

/** Undoes `inertCell` on a cell read back (our error file, corrected and imported again). */
export const readInertCell = (s: string): string => (/^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

/** A CSV cell, made inert, then quoted when it holds a delimiter, a quote, a line break or edge spaces. */
export const csvCell = (text: string): string => {
  const s = inertCell(text);
  return /[",;\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const csvLine = (cells: string[], delimiter: ',' | ';' = ','): string => cells.map(csvCell).join(delimiter);

/** UTF-8 with a BOM and CRLF: what Excel opens with the accents intact. */
export async function writeCsvFile(path: string, header: string[], rows: string[][]): Promise<void> {
  await writeFile(path, `\uFEFF${[header, ...rows].map((r) => csvLine(r)).join('\r\n')}\r\n`);
}

export interface RowWriter {
  row(cells: string[]): Promise<void>;
  close(): Promise<void>;
}

/** The same CSV, streamed row by row (bounded memory for exports of any size). */
export async function openCsvWriter(path: string, header: string[], delimiter: ',' | ';' = ','): Promise<RowWriter> {
  const stream = createWriteStream(path);
  const write = async (s: string) => {
    if (!stream.write(s)) await once(stream, 'drain');
  };
  await write(`\uFEFF${csvLine(header, delimiter)}\r\n`);
  return {
    row: (cells) => write(`${csvLine(cells, delimiter)}\r\n`),
    close: () => new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve()))),
  };
}

/**
 * RFC 4180 for programs (no BOM, LF, quotes only around commas, quotes and line breaks): files other
 * tools parse — and people open in a spreadsheet, so their cells are made inert too.
 */
export async function writeMachineCsv(path: string, header: string[], rows: Iterable<string[]>): Promise<void> {
  const cell = (text: string) => {
    const s = inertCell(text);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const stream = createWriteStream(path);
  const write = async (s: string) => {
    if (!stream.write(s)) await once(stream, 'drain');
  };
  await write(`${header.map(cell).join(',')}\n`);
  for (const r of rows) await write(`${r.map(cell).join(',')}\n`);
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
