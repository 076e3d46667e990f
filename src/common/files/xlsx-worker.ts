import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, typedCell, unreadableCells } from './cell-text.js';
import { isoDateCellStream } from './iso-date-cells.js';
import { XLSX_LIMITS } from './roster-file-kind.js';
import { sharedStringsTable, WorkbookRefused } from './shared-strings-table.js';
import { MergedCells, readSheetOutline, type SheetOutline } from './merged-cells.js';
import type { SourceRow } from './tabular-source.js';
import { finish, openChannel, ROWS_PER_MESSAGE, send } from './worker-channel.js';
import type { XlsxWorkerInput } from './xlsx-reader.js';
import { readWorkbook, type WorkbookSheet } from './workbook-sheets.js';
import { entryStream, positionalReader, readZipDirectory } from './zip-directory.js';

/**
 * Reads one .xlsx in a child process with a memory cap (see xlsx-reader.ts): a crafted file that
 * exhausts the parser ends this process, never the server. Rows go to the parent in batches, at
 * most a few batches ahead of what the parent has taken. Run as `node xlsx-worker.js '<json input>'`.
 */
const OPTIONS = { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' } as const;

const { file, sheet: only } = JSON.parse(process.argv[2]) as XlsxWorkerInput;
openChannel();

/** The parser's own steps, called part by part (its zip streaming is not used: see entryStream). */
interface PartParser {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: Readable, id: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
}

/** The zip's parts, each read on its own; a part the zip lacks is null. */
async function openParts(): Promise<{ stream: (name: string) => Promise<Readable | null>; names: string[]; close: () => Promise<void> }> {
  const fh = await open(file, 'r');
  try {
    const readAt = positionalReader(fh);
    const entries = await readZipDirectory((await fh.stat()).size, readAt);
    const stream = async (name: string) => {
      const entry = entries.find((e) => e.name === name);
      return entry ? entryStream(file, entry, readAt) : null;
    };
    return { stream, names: entries.map((e) => e.name), close: () => fh.close() };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** With no workbook part to name them: the sheet parts the zip holds, in their number's order, named as Excel would. */
function unnamedSheets(names: string[]): WorkbookSheet[] {
  const number = (n: string) => Number(/(\d+)\.xml$/.exec(n)?.[1] ?? 0);
  return names
    .filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))
    .sort((a, b) => number(a) - number(b))
    .map((part, i) => ({ name: `Sheet${i + 1}`, part }));
}

/** A sheet's part with its ISO date cells readable (see iso-date-cells.ts); a failure of the part passed on. */
function withDateCells(part: Readable): Readable {
  const cells = isoDateCellStream();
  part.on('error', (e) => cells.destroy(e));
  return part.pipe(cells);
}

/**
 * Each sheet with its part: as workbook.xml and its relationships say; a sheet whose relationship is
 * missing gets, in order, a sheet part of the zip no other sheet names; with no workbook part at all,
 * every sheet part, named as Excel would.
 */
function sheetParts(listed: WorkbookSheet[], names: string[]): WorkbookSheet[] {
  if (!listed.length) return unnamedSheets(names);
  const named = new Set(listed.map((s) => s.part));
  const spare = unnamedSheets(names)
    .map((s) => s.part)
    .filter((p) => !named.has(p));
  return listed.map((s) => (s.part && names.includes(s.part) ? s : { ...s, part: spare.shift() ?? null }));
}

/** Whether every filled cell of the row is struck through (its font's strike, from the workbook's styles). */
function struckThrough(r: ExcelJS.Row): boolean {
  let filled = 0;
  let struck = 0;
  r.eachCell((c) => {
    if (c.value === null || c.value === '') return;
    filled++;
    if (c.font?.strike) struck++;
  });
  return filled > 0 && struck === filled;
}

/** The rows of one sheet's part, sent in batches (the batch carried over between sheets). */
async function readSheet(
  parser: PartParser,
  part: Readable,
  sheet: WorkbookSheet,
  outline: SheetOutline,
  batch: SourceRow[],
): Promise<SourceRow[]> {
  const [{ value: rows }] = [...parser._parseWorksheet(part, '1')];
  const merges = new MergedCells(outline.merges);
  const hidden = (row: number) => (sheet.hidden ? 'sheet' : outline.hiddenRows.has(row) ? 'row' : null);
  for await (const r of rows) {
    // Array.from, not map: the row's array has holes where cells are empty.
    const raw = (r.values as unknown[]).slice(1);
    const unreadable = unreadableCells(raw);
    const cells = Array.from(raw, cellText);
    const merged = merges.of(r.number, cells);
    const out = hidden(r.number);
    batch.push({
      sheet: sheet.name,
      row: r.number,
      cells,
      values: Array.from(raw, typedCell),
      ...(unreadable.length ? { unreadable } : {}),
      ...(merged ? { merged } : {}),
      ...(struckThrough(r) ? { struck: true as const } : {}),
      ...(out ? { hidden: out } : {}),
    });
    if (batch.length >= ROWS_PER_MESSAGE) {
      await send(batch);
      batch = [];
    }
  }
  return batch;
}

/**
 * Every sheet (or the one asked for) in the workbook's own order, named as workbook.xml names it:
 * shared strings and styles read first, wherever the writer put them in the zip.
 */
async function readBook(): Promise<string[]> {
  const outline = await readWorkbook(file);
  const parts = await openParts();
  try {
    const parser = new ExcelJS.stream.xlsx.WorkbookReader(file, OPTIONS) as unknown as PartParser;
    // What the parser would have set from xl/workbook.xml: dates counted from 1900 or 1904.
    Object.assign(parser, { model: { sheets: [] }, properties: { model: { date1904: outline.date1904 } } });
    sharedStringsTable(parser, XLSX_LIMITS.sharedStrings);
    const strings = await parts.stream(outline.sharedStrings);
    if (strings) for await (const _ of parser._parseSharedStrings(strings));
    const styles = await parts.stream(outline.styles);
    if (styles) await parser._parseStyles(styles);
    const sheets = sheetParts(outline.sheets, parts.names);
    let batch: SourceRow[] = [];
    // A part read once, even when several sheets point to it (a crafted file would multiply its rows).
    const read = new Set<string>();
    for (const sheet of sheets) {
      const { name, part } = sheet;
      if (!part || read.has(part) || (only && name !== only)) continue;
      // Its merged ranges and hidden rows first: the ranges are listed after its rows.
      const first = await parts.stream(part);
      if (!first) continue;
      const outline = await readSheetOutline(first);
      read.add(part);
      batch = await readSheet(parser, withDateCells((await parts.stream(part))!), sheet, outline, batch);
    }
    if (batch.length) await send(batch);
    return sheets.map((s) => s.name);
  } finally {
    await parts.close();
  }
}

finish(readBook(), (e) => e instanceof WorkbookRefused);
