import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';

/** One value in PostgreSQL's COPY text format. Arrays hold plain codes (no quoting needed); JSON is passed as text. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  if (Array.isArray(v)) return escape(`{${v.join(',')}}`);
  if (typeof v === 'string') return escape(v);
  throw new Error(`COPY: no text form for ${typeof v}`);
}
/** COPY's text escapes (most values need none: tested first; a JSON value's backslashes are doubled without a callback per match). */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const escape = (s: string) =>
  NEEDS_ESCAPE.test(s) ? s.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r') : s;

/**
 * Many rows into a table with `COPY … FROM STDIN` on the query runner's own connection (inside its
 * transaction): the fastest way in, for results written wholesale.
 */
export async function copyRows(runner: QueryRunner, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let chunk = '';
  for (const row of rows) {
    chunk += `${row.map(copyValue).join('\t')}\n`;
    if (chunk.length > 1 << 16) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await done;
}
