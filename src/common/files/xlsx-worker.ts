import ExcelJS from 'exceljs';
import { cellText, typedCell, unreadableCells } from './cell-text.js';
import type { SourceRow } from './tabular-source.js';
import type { WorkerMessage, XlsxWorkerInput } from './xlsx-reader.js';
import { partsWithCells, readWorkbook } from './workbook-sheets.js';

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

/** What the passes over the workbook saw: each sheet's name as met, and the rows each part gave. */
interface Seen {
  names: string[];
  rows: Map<string, number>;
}

/**
 * One streaming pass over the workbook: the rows of every sheet (or, with `want`, of those parts
 * only) sent in batches, counted by part.
 */
async function pass(nameOf: Map<string | null, string>, want: Set<string> | null, seen: Seen, date1904: boolean): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  // What the parser sets from xl/workbook.xml, for a sheet streamed before that part (it would fail
  // on `model.sheets`): no sheets known yet (their names are found below), dates counted from 1900
  // or 1904 as workbook.xml says (read before: a sheet streamed first would be 4 years off).
  Object.assign(reader, { model: { sheets: [] }, properties: { model: { date1904 } } });
  missingSharedStrings(reader);
  // The part the parser is about to hand over: it announces each sheet's file (sheetN.xml) just before.
  let part: string | null = null;
  (reader as unknown as NodeJS.EventEmitter).on('entry', (e: { type: string; id: string }) => {
    if (e.type === 'worksheet') part = `xl/worksheets/sheet${e.id}.xml`;
  });
  let batch: SourceRow[] = [];
  for await (const sheet of reader) {
    const at: string | null = part;
    const name = nameOf.get(at) ?? (sheet as unknown as { name?: string }).name ?? `Sheet${seen.names.length + 1}`;
    if (!want) seen.names.push(name);
    if ((only && name !== only) || (want && !(at && want.has(at)))) continue;
    let n = 0;
    for await (const r of sheet) {
      // Array.from, not map: the row's array has holes where cells are empty.
      const raw = (r.values as unknown[]).slice(1);
      const unreadable = unreadableCells(raw);
      batch.push({
        sheet: name,
        row: r.number,
        cells: Array.from(raw, cellText),
        values: Array.from(raw, typedCell),
        ...(unreadable.length ? { unreadable } : {}),
      });
      n++;
      if (batch.length >= ROWS_PER_MESSAGE) {
        await send(batch);
        batch = [];
      }
    }
    if (at) seen.rows.set(at, (seen.rows.get(at) ?? 0) + n);
  }
  if (batch.length) await send(batch);
}

/**
 * A shared-string cell whose index is past the table (a broken or hand-made file) reads as
 * `{ sharedString: n }`, as the parser leaves a cell when the file has no table: never as an empty cell.
 */
function missingSharedStrings(reader: object): void {
  let table: unknown[] | undefined;
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => table,
    set: (strings: unknown[] | undefined) => {
      table =
        strings &&
        new Proxy(strings, {
          get: (t, key, receiver) =>
            typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= t.length
              ? { sharedString: Number(key) }
              : (Reflect.get(t, key, receiver) as unknown),
        });
    },
  });
}

async function main(): Promise<void> {
  // Names come from workbook.xml, not from the parser: it names a sheet met before the workbook part `SheetN`.
  const { sheets, date1904 } = await readWorkbook(file);
  const nameOf = new Map<string | null, string>(sheets.map((s) => [s.part, s.name]));
  const seen: Seen = { names: [], rows: new Map() };
  await pass(nameOf, null, seen, date1904);
  // A sheet with cells that gave no row was lost by the parser (an exceljs-written roster read as
  // having no header, once in CI under load): read once more, those sheets only.
  const silent = sheets.filter((s) => s.part && !seen.rows.get(s.part) && (!only || s.name === only)).map((s) => s.part!);
  const lost = await partsWithCells(file, silent);
  if (lost.length) await pass(nameOf, new Set(lost), seen, date1904);
  await post({ done: true, sheets: sheets.length ? sheets.map((s) => s.name) : seen.names });
  process.disconnect();
}

main().catch(async (e: unknown) => {
  await post({ error: e instanceof Error ? e.message : String(e) }).catch(() => undefined);
  process.disconnect();
});
