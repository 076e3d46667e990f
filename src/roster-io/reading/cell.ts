import { cellText } from '../../common/files/cell-text.js';

/**
 * What every cell reader returns: the value (null when the cell is empty or refused), a warning when
 * the value was read with a change the secretary should see (a zero put back, a century chosen), a
 * problem when the cell cannot be used. A problem refuses the cell, never the row: the caller keeps
 * the member, leaves the field empty and keeps the problem as a warning on the record.
 * Messages are Vietnamese, name the value, say what to do; ID numbers and phones in them are masked
 * (the messages are stored on the record).
 */
export interface CellReading<T> {
  value: T | null;
  warning?: string;
  /** The warning only says what was put back (the value read is the one meant) and how to keep it next time. */
  advice?: boolean;
  problem?: string;
}

/**
 * A cell as a workbook reader leaves it, told apart by what Excel stored: a number (an ID typed into a
 * General cell), a date, or text. Formula results and rich text are read through; `''` is empty.
 */
export type CellValue = { kind: 'empty' } | { kind: 'number'; n: number } | { kind: 'date'; date: Date } | { kind: 'text'; text: string };

export function cellValue(raw: unknown): CellValue {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'number', n: raw } : { kind: 'empty' };
  // Not `instanceof`: a Date that came from the parser process may be of another realm (a test's VM context).
  if (Object.prototype.toString.call(raw) === '[object Date]') {
    const date = raw as Date;
    return Number.isNaN(date.getTime()) ? { kind: 'empty' } : { kind: 'date', date };
  }
  if (raw !== null && typeof raw === 'object' && 'result' in raw) return cellValue(raw.result);
  const text = cellText(raw).trim();
  return text ? { kind: 'text', text } : { kind: 'empty' };
}

/** How a secretary stops Excel changing a number: the menu path in the Vietnamese and the English Excel. */
export const FORMAT_AS_TEXT = 'định dạng cột này là Văn bản (chuột phải → Định dạng ô → Văn bản; Format Cells → Text)';

/** `1.11179E+10`, `1,11179E+11` (a Vietnamese Excel), `1.2E10`: Excel's scientific notation, shown as text. */
export const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

/** The message for a number Excel turned into scientific notation: the lost digits cannot be read back. */
export function scientificProblem(label: string, shown: string): string {
  return (
    `${label} '${shown}': Excel đã đổi số này sang dạng lũy thừa (E+) và làm mất các chữ số cuối, không thể khôi phục. ` +
    `Hãy ${FORMAT_AS_TEXT} rồi gõ lại ${label} cho đủ`
  );
}

/**
 * The digits of a number cell (`11185012345` → '11185012345'); null for a fraction or a number too big
 * to hold every digit (≥ 10^15: Excel keeps 15 significant digits).
 */
export function integerDigits(n: number): string | null {
  if (!Number.isInteger(n) || n < 0 || n >= 1e15) return null;
  return String(n);
}

/** The cell as a message shows it: a number in full, a date as dd/mm/yyyy. */
export function cellShown(raw: unknown): string {
  const cell = cellValue(raw);
  if (cell.kind === 'empty') return '';
  if (cell.kind === 'number') return String(cell.n);
  if (cell.kind === 'date') return cell.date.toISOString().slice(0, 10).split('-').reverse().join('/');
  return cell.text;
}
