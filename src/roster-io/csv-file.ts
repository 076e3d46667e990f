import { writeFile } from 'node:fs/promises';

/** A CSV cell, quoted when it holds a delimiter, a quote, a line break or edge spaces. */
export const csvCell = (s: string): string => (/[",;\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const csvLine = (cells: string[]): string => cells.map(csvCell).join(',');

/** UTF-8 with a BOM and CRLF: what Excel opens with the accents intact. */
export async function writeCsvFile(path: string, header: string[], rows: string[][]): Promise<void> {
  await writeFile(path, `\uFEFF${[header, ...rows].map(csvLine).join('\r\n')}\r\n`);
}
