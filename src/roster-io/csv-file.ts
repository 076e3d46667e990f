import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';

/** A CSV cell, quoted when it holds a delimiter, a quote, a line break or edge spaces. */
export const csvCell = (s: string): string => (/[",;\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const csvLine = (cells: string[]): string => cells.map(csvCell).join(',');

/** UTF-8 with a BOM and CRLF: what Excel opens with the accents intact. */
export async function writeCsvFile(path: string, header: string[], rows: string[][]): Promise<void> {
  await writeFile(path, `\uFEFF${[header, ...rows].map(csvLine).join('\r\n')}\r\n`);
}

export interface RowWriter {
  row(cells: string[]): Promise<void>;
  close(): Promise<void>;
}

/** The same CSV, streamed row by row (bounded memory for exports of any size). */
export async function openCsvWriter(path: string, header: string[]): Promise<RowWriter> {
  const stream = createWriteStream(path);
  const write = async (s: string) => {
    if (!stream.write(s)) await once(stream, 'drain');
  };
  await write(`\uFEFF${csvLine(header)}\r\n`);
  return {
    row: (cells) => write(`${csvLine(cells)}\r\n`),
    close: () => new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve()))),
  };
}

/** RFC 4180 for programs (no BOM, LF, quotes only around commas, quotes and line breaks): files other tools parse. */
export async function writeMachineCsv(path: string, header: string[], rows: Iterable<string[]>): Promise<void> {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const stream = createWriteStream(path);
  const write = async (s: string) => {
    if (!stream.write(s)) await once(stream, 'drain');
  };
  await write(`${header.map(cell).join(',')}\n`);
  for (const r of rows) await write(`${r.map(cell).join(',')}\n`);
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
