import { maskPhone, parsePhone } from '../../common/identity/phone.js';
import { cellShown, cellValue, FORMAT_AS_TEXT, integerDigits, scientificProblem, SCIENTIFIC, type CellReading } from './cell.js';

const LABEL = 'Số điện thoại';

/**
 * A phone cell as Excel leaves it: a number has lost its leading 0 (912345678), which parsePhone puts
 * back; here that is said in a warning (with the way to keep zeros), and so is the 2018 change of an
 * old 11-digit mobile number. Scientific notation lost digits: refused.
 */
export function readPhoneCell(raw: unknown): CellReading<string> {
  const cell = cellValue(raw);
  if (cell.kind === 'empty') return { value: null };
  if (cell.kind === 'date')
    return { value: null, problem: `${LABEL}: ô này đang là ngày tháng: hãy ${FORMAT_AS_TEXT} rồi gõ lại số điện thoại` };
  const input = cell.kind === 'number' ? integerDigits(cell.n) : cell.text;
  if (input === null || SCIENTIFIC.test(input.replace(/\s/g, '')))
    return { value: null, problem: scientificProblem(LABEL, input ?? cellShown(raw).toUpperCase()) };
  const parsed = parsePhone(input);
  const digits = input.replace(/\D/g, '');
  if (!parsed.ok) {
    const reason = digits.length >= 7 ? parsed.reason.replace(`'${input}'`, `'${maskPhone(digits)}'`) : parsed.reason;
    return { value: null, problem: `${LABEL}: ${reason}. Hãy sửa lại số (10 chữ số, bắt đầu bằng 0)` };
  }
  const { number, converted } = parsed.value;
  const lostZero = !/^(0|84)/.test(digits) || (digits.startsWith('84') && digits.length < 11);
  const notes = [
    lostZero ? `thiếu số 0 ở đầu (Excel đã lưu nó dạng số)` : null,
    converted ? `là số di động 11 chữ số cũ (đổi sang 10 chữ số theo quy định năm 2018)` : null,
  ].filter(Boolean);
  if (!notes.length) return { value: number };
  const hint = lostZero ? `. Để lần sau không mất số 0, hãy ${FORMAT_AS_TEXT}` : '';
  return { value: number, warning: `${LABEL} '${maskPhone(digits)}' ${notes.join(' và ')}: đã đọc thành ${maskPhone(number)}${hint}` };
}
