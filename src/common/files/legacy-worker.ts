import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import XLSX from 'xlsx';
import { legacySheets } from './legacy-workbook.js';
import { finish, openChannel, ROWS_PER_MESSAGE, send } from './worker-channel.js';
import type { XlsxWorkerInput } from './xlsx-reader.js';

/**
 * Reads an Excel 97–2003 workbook, a web page's table saved as ".xls" or an Excel 2003 XML
 * Spreadsheet in a child process with a memory cap (xlsx-reader.ts): SheetJS parses a hostile file
 * here, never in the server. Run as `node legacy-worker.js '<json input>'`.
 */
const { file, sheet: only } = JSON.parse(process.argv[2]) as XlsxWorkerInput;
openChannel();

/** A text file (a web page, XML) as text: in its declared charset, else UTF-8 when it decodes, else Windows-1258. */
function asText(bytes: Buffer): string {
  const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) return iconv.decode(bytes, declared);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'windows1258');
  }
}

async function readBook(): Promise<string[]> {
  const bytes = await readFile(file);
  const binary = bytes[0] === 0xd0 && bytes[1] === 0xcf;
  // `raw`: a web page's "001234567890" stays text, not a number without its zeros.
  const wb = binary
    ? XLSX.read(bytes, { type: 'buffer', cellNF: true, cellDates: false, cellStyles: false, cellHTML: false, cellFormula: false })
    : XLSX.read(asText(bytes).replace(/^\uFEFF/, ''), { type: 'string', raw: true, cellNF: true, cellDates: false, cellHTML: false });
  for (const sheet of legacySheets(wb, only))
    for (let i = 0; i < sheet.rows.length; i += ROWS_PER_MESSAGE) await send(sheet.rows.slice(i, i + ROWS_PER_MESSAGE));
  return wb.SheetNames;
}

finish(readBook());
