import type { EntityManager } from 'typeorm';

/** A column name and its SQL type; `x[]` and `jsonb` travel as text and are cast on the way in. */
export type SqlColumn = [string, string];

const passedAs = (type: string) => (type.endsWith('[]') || type === 'jsonb' ? 'text' : type);
const cast = (name: string, type: string) => (passedAs(type) === type ? `u.${name}` : `u.${name}::${type}`);

function columnsOf(rows: unknown[][], width: number): unknown[][] {
  const cols: unknown[][] = Array.from({ length: width }, () => new Array<unknown>(rows.length));
  rows.forEach((r, i) => r.forEach((v, j) => (cols[j][i] = v)));
  return cols;
}

/** Many rows in one statement: one array parameter per column, unnested. */
export async function bulkInsert(
  em: EntityManager,
  table: string,
  columns: SqlColumn[],
  rows: unknown[][],
  returning?: string,
): Promise<unknown[]> {
  if (!rows.length) return [];
  const params = columns.map(([, t], i) => `$${i + 1}::${passedAs(t)}[]`).join(', ');
  const names = columns.map(([n]) => n);
  const sql = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${columns.map(([n, t]) => cast(n, t)).join(', ')} FROM unnest(${params}) AS u(${names.join(', ')})${returning ? ` RETURNING ${returning}` : ''}`;
  return em.query<unknown[]>(sql, columnsOf(rows, columns.length));
}

/** Many rows updated in one statement, matched on `key` (the first value of each row). */
export async function bulkUpdate(
  em: EntityManager,
  table: string,
  key: string,
  columns: SqlColumn[],
  rows: unknown[][],
  extraSet = '',
): Promise<void> {
  if (!rows.length) return;
  const all: SqlColumn[] = [[key, 'uuid'], ...columns];
  const params = all.map(([, t], i) => `$${i + 1}::${passedAs(t)}[]`).join(', ');
  const set = columns.map(([n, t]) => `${n} = ${cast(n, t)}`).join(', ');
  const sql = `UPDATE ${table} AS t SET ${set}${extraSet ? `, ${extraSet}` : ''} FROM unnest(${params}) AS u(${all.map(([n]) => n).join(', ')}) WHERE t.${key} = u.${key}`;
  await em.query(sql, columnsOf(rows, all.length));
}
