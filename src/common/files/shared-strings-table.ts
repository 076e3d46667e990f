import { tooManySharedStrings } from './roster-file-kind.js';

/** The reading stopped on purpose: its message, in Vietnamese, is for her as it is. */
export class WorkbookRefused extends Error {}

/**
 * The parser's shared-strings table, watched. A cell whose index is past the table (a broken or
 * hand-made file) reads as `{ sharedString: n }`, as the parser leaves a cell when the file has no
 * table: never as an empty cell. A table that grows past `limit` stops the reading: a file that
 * declares no count (checked before parsing when it does) is counted as it is read.
 */
export function sharedStringsTable(reader: object, limit: number): void {
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
          set: (t, key, value, receiver) => {
            if (key === String(limit)) throw new WorkbookRefused(tooManySharedStrings(`có hơn ${limit.toLocaleString('vi-VN')}`, limit));
            return Reflect.set(t, key, value, receiver);
          },
        });
    },
  });
}
