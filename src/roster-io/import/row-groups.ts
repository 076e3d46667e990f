import type { SourceRow } from '../../common/files/tabular-source.js';
import type { HeaderMatch } from '../roster-columns.js';
import { unitPlaceKey } from '../reading/unit-cell.js';
import type { RosterRow } from './roster-row.js';

/**
 * What a member row belongs to beyond its own cells, as her list shows it: a grouping cell merged
 * down beside the members, or a heading line above them ("I. CHI HỘI BẢN HUA THANH").
 */

/** Columns a roster groups its members by, often written once and merged down beside them. */
const GROUPING = new Set(['unit', 'communeCode', 'communeName']);

/** A grouping cell left empty inside a range merged down from a row above takes that row's text (the chi hội its members sit beside). */
export function withMergedGroups(src: SourceRow, header: HeaderMatch): SourceRow {
  const merged = src.merged;
  if (!merged) return src;
  const at = [...header.fields].filter(([i, c]) => GROUPING.has(c.key) && !src.cells[i]?.trim() && merged[i]).map(([i]) => i);
  if (!at.length) return src;
  const width = Math.max(src.cells.length, ...at.map((i) => i + 1));
  const cells = Array.from({ length: width }, (_, i) => (at.includes(i) ? merged[i]! : (src.cells[i] ?? '')));
  const values = src.values && Array.from({ length: width }, (_, i) => (at.includes(i) ? merged[i]! : (src.values![i] ?? null)));
  return { ...src, cells, ...(values ? { values } : {}) };
}

/** The branch a heading among the members named (row-kind.ts), and how a row's messages name that line. */
export interface Section {
  branch: string;
  label: string;
}

/**
 * A row under a heading, without a unit cell of its own, is in the heading's branch, read as a Chi hội cell is;
 * so is a row whose Chi hội cell names the heading's place as shortened ("Co Mận" under "III. CHI HỘI BẢN CO MẬN"):
 * one branch, by the heading's fuller name — not a second one created beside it.
 */
export function inSection(row: RosterRow, section: Section): void {
  const place = (name: string) => unitPlaceKey(name, 'place');
  if (row.unit && !(row.unitByName && place(row.unit) !== null && place(row.unit) === place(section.branch))) return;
  // Her own column named too, when the row has one: she sees which of the two the message reads.
  const own = row.unit ? row.columnOf.get('unit') : undefined;
  row.unit = section.branch;
  row.unitByName = true;
  row.columnOf.set('unit', own ? `${section.label} và cột ${own}` : section.label);
}
