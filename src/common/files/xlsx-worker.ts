import ExcelJS from 'exceljs';
import { cellText, typedCell } from './cell-text.js';
import type { SourceRow } from './tabular-source.js';
import type { WorkerMessage, XlsxWorkerInput } from './xlsx-reader.js';
import { readWorkbookSheets } from './workbook-sheets.js';

/**
 * Reads one .xlsx in a child process with a memory cap (see xlsx-reader.ts): a crafted file that
 * exhausts the parser ends this process, never the server. Rows go to the parent in batches, at
 * most a few batches ahead of what the parent has taken. Run as `node xlsx-worker.js '<json input>'`.
 */
const ROWS_PER_MESSAGE = 2000;
const BATCHES_AHEAD = 4;

const { file, sheet: only } = JSON.parse(process.argv[2]) as XlsxWorkerInput;
let credit = BATCHES_AHEAD;
let wake: (() => void) | null = null;
process.on('message', () => {
  credit++;
  wake?.();
  wake = null;
});
// The parent is gone (or stopped reading): nothing more to do.
process.on('disconnect', () => process.exit(0));

const post = (m: WorkerMessage) =>
  new Promise<void>((resolve, reject) => process.send!(m, undefined, undefined, (e) => (e ? reject(e) : resolve())));

async function send(rows: SourceRow[]): Promise<void> {
  while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  await post({ rows });
}

async function main(): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  // What the parser sets from xl/workbook.xml, for a sheet streamed before that part (it would fail
  // on `model.sheets`): no sheets known yet (their names are found below), dates counted from 1900.
  Object.assign(reader, { model: { sheets: [] }, properties: {} });
  // Names come from workbook.xml, not from the parser: it names a sheet met before the workbook part `SheetN`.
  const sheets = await readWorkbookSheets(file);
  const nameOf = new Map(sheets.map((s) => [s.part, s.name]));
  // The part the parser is about to hand over: it announces each sheet's file (sheetN.xml) just before.
  let part: string | null = null;
  (reader as unknown as NodeJS.EventEmitter).on('entry', (e: { type: string; id: string }) => {
    if (e.type === 'worksheet') part = `xl/worksheets/sheet${e.id}.xml`;
  });
  const seen: string[] = [];
  let batch: SourceRow[] = [];
  for await (const sheet of reader) {
    const name = nameOf.get(part) ?? (sheet as unknown as { name?: string }).name ?? `Sheet${seen.length + 1}`;
    seen.push(name);
    if (only && name !== only) continue;
    for await (const r of sheet) {
      // Array.from, not map: the row's array has holes where cells are empty.
      const raw = (r.values as unknown[]).slice(1);
      batch.push({ sheet: name, row: r.number, cells: Array.from(raw, cellText), values: Array.from(raw, typedCell) });
      if (batch.length >= ROWS_PER_MESSAGE) {
        await send(batch);
        batch = [];
      }
    }
  }
  if (batch.length) await send(batch);
  await post({ done: true, sheets: sheets.length ? sheets.map((s) => s.name) : seen });
  process.disconnect();
}

main().catch(async (e: unknown) => {
  await post({ error: e instanceof Error ? e.message : String(e) }).catch(() => undefined);
  process.disconnect();
});
