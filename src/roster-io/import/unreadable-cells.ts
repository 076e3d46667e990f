import type { SourceRow } from '../../common/files/tabular-source.js';
import { SPLIT_NAME_FIELDS, type HeaderMatch } from '../roster-columns.js';
import type { RosterRow } from './roster-row.js';

// Cells a workbook holds but gives no value for: a formula saved by a program that does not compute
// (openpyxl, some web exports: Excel shows it, the file has no result), or a shared string the file
// lacks. Read as empty they would import a member without a name, a code or a birth date; instead
// each is refused in its own field, with the cell and what to do.

/** The fields without which a row is no member: their cell refuses the row; any other is a warning (the member kept, the field left empty). */
const ROW_FIELDS = new Set<string>(['fullName', ...SPLIT_NAME_FIELDS, 'externalId', 'unit']);

/** `A`, `B`, … `AA`: a column as Excel names it (0-based index). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The row's unreadable cells shown as what they are (`=E2`): a row of them is no blank row, and its readers refuse them. */
export function withUnreadableShown(src: SourceRow): SourceRow {
  if (!src.unreadable?.length) return src;
  const cells = [...src.cells];
  for (const u of src.unreadable) cells[u.at] = u.formula !== undefined ? `=${u.formula}` : `#${u.sharedString}`;
  return { ...src, cells };
}

/** Puts each unreadable cell of a field read by the header as that field's problem (in place of what its reader said). */
export function refuseUnreadable(src: SourceRow, header: HeaderMatch, row: RosterRow): void {
  for (const u of src.unreadable ?? []) {
    const col = header.fields.get(u.at);
    if (!col) continue;
    const cell = `${col.header} (ô ${columnLetter(u.at)}${src.row})`;
    const message =
      u.formula !== undefined
        ? `${cell}: ô là công thức '=${u.formula.slice(0, 60)}' nhưng tệp không lưu kết quả của công thức (tệp do một chương trình không tính công thức tạo ra), nên không đọc được giá trị: hãy mở tệp bằng Excel hoặc LibreOffice, bấm Lưu (Save) rồi gửi lại`
        : `${cell}: ô trỏ tới chuỗi số ${u.sharedString} nhưng bảng chuỗi dùng chung của tệp không có chuỗi đó (tệp bị hỏng hoặc do chương trình khác ghi sai): hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi lại`;
    const value = u.formula !== undefined ? `=${u.formula.slice(0, 60)}` : null;
    const column = row.columnOf.get(col.key) ?? col.header;
    row.problems = row.problems.filter((p) => p.column !== column);
    row.warnings = row.warnings.filter((p) => p.column !== column);
    (ROW_FIELDS.has(col.key) ? row.problems : row.warnings).push({ column, value, message });
    delete (row.fields as Record<string, unknown>)[col.key];
    if (col.key === 'externalId') row.externalId = '';
    if (col.key === 'unit') row.unit = null;
  }
}
