import type { SourceRow } from '../../common/files/tabular-source.js';
import { foldText } from '../../common/text/vietnamese-text.js';
import type { HeaderMatch } from '../roster-columns.js';

/**
 * "nt" (như trên), `"` or `〃` in a cell: the same as the member above, as secretaries write the
 * chi hội, the thôn, the dân tộc, a shared day of admission or a Ghi chú ("Đi làm ăn xa", then "nt") down a list. Read
 * as the cell of the member row above it (read so itself); never in a cell that tells a person
 * apart (name, birth, number, phone).
 */
const DITTO_FIELDS = new Set(['unit', 'communeCode', 'communeName', 'address', 'village', 'ethnicity', 'joinDate', 'status', 'note']);

/** `nt`, `n.t`, `n/t`, `-nt-`, `như trên`, `"`, `〃`, `''`, `-"-`. */
export function isDitto(text: string | null | undefined): boolean {
  const marks = (text ?? '').replace(/[\s.\-–]/g, '');
  if (/^(["“”〃″]|'')$/.test(marks)) return true;
  const t = foldText(marks).replace(/[^a-z/]/g, '');
  return t === 'nt' || t === 'n/t' || t === 'nhutren';
}

/** The row with its ditto cells taken from `above` (the member row before it on the sheet); as it is when there is none. */
export function withDitto(src: SourceRow, header: HeaderMatch, above: SourceRow | null): SourceRow {
  if (!above) return src;
  const at = [...header.fields]
    .filter(([i, c]) => DITTO_FIELDS.has(c.key) && isDitto(src.cells[i]) && above.cells[i]?.trim())
    .map(([i]) => i);
  if (!at.length) return src;
  const cells = src.cells.map((c, i) => (at.includes(i) ? above.cells[i] : c));
  const values = src.values?.map((v, i) => (at.includes(i) ? (above.values?.[i] ?? above.cells[i]) : v));
  return { ...src, cells, ...(values ? { values } : {}) };
}
