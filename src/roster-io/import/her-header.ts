import { UNIT_BY_NAME, type HeaderMatch, type RosterColumn } from '../roster-columns.js';

/** Her header of a column as the preview shows it (the two rows of a merged header joined). */
export const herHeader = (rows: string[][], i: number): string =>
  rows
    .map((h) => (h[i] ?? '').trim())
    .filter(Boolean)
    .join(' / ');

/** Her columns the header reads as nothing (not STT, not our own columns), as the preview names them: to offer a field for. */
export function unusedColumns(header: HeaderMatch, rows: string[][]): string[] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const out: string[] = [];
  for (let i = 0; i < width; i++) {
    const her = herHeader(rows, i);
    if (her && !header.fields.has(i) && header.rowNumber !== i && !header.ours.includes(i)) out.push(her);
  }
  return out;
}

/**
 * The header as the secretary corrected its mapping: each column she names is read as the field she
 * chose (no other column keeps that field), or left out (field ''). Columns she does not name stay.
 */
export function withMapping(
  header: HeaderMatch,
  rows: string[][],
  mapping: { header: string; field: string }[],
  columns: RosterColumn[],
): HeaderMatch {
  const fields = new Map(header.fields);
  const width = Math.max(...rows.map((r) => r.length));
  for (const m of mapping) {
    const at = Array.from({ length: width }, (_, i) => i).find((i) => herHeader(rows, i) === m.header.trim());
    // A column read as she asks already keeps how it is read (a branch column's unit by name).
    if (at === undefined || header.fields.get(at)?.key === m.field) continue;
    // A column she chose as the unit is read as a branch column (an unknown unit in it is created by its name).
    const column = m.field === 'unit' ? UNIT_BY_NAME : columns.find((c) => c.key === m.field);
    for (const [i, c] of fields) if (i === at || (column && c.key === column.key)) fields.delete(i);
    if (column) fields.set(at, column);
  }
  const named = new Set([...fields.keys()].map((i) => herHeader(rows, i)));
  return { ...header, fields, unknown: header.unknown.filter((u) => !named.has(u.trim())) };
}
