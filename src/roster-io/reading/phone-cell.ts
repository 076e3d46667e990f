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
  if (!parsed.ok && cell.kind === 'text') {
    const written = phoneInText(input);
    if (written) return written;
  }
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
  return {
    value: number,
    warning: `${LABEL} '${maskPhone(digits)}' ${notes.join(' và ')}: đã đọc thành ${maskPhone(number)}${hint}`,
    advice: true,
  };
}

/** `ĐT:`, `DĐ`, `Tel.`, `SĐT`, `Zalo` before a number, as secretaries label it in its cell. */
const PHONE_LABEL = /^\s*(?:s[đd]t|[đd]t|d[đd]|di [đd][ộo]ng|[đd]i[ệe]n tho[ạa]i|tel|mobile|phone|zalo)\s*[:.]?\s*/iu;
/** A note in brackets that says whose number it is (`(chồng)`, `(con gái)`), not `(+84)`. */
const BRACKET_NOTE = /\((?=[^)]*\p{L})[^)]*\)/gu;
/** Between two numbers in one cell: `/`, `;`, `,`, ` - `, `hoặc`, `và`. */
const BETWEEN = /\s*(?:[/;,|]|\s[-–]\s|\shoặc\s|\svà\s)\s*/u;

/**
 * A phone written with its label or a note (`ĐT: 0912 345 678`, `0912345678 (chồng)`), or two numbers
 * in one cell (`0912 345 678 / 0987654321`): the first number read, the others said in a warning
 * (a record keeps one). Null when no number can be read from it. Pure.
 */
export function phoneInText(text: string): CellReading<string> | null {
  const bare = text.normalize('NFC').replace(PHONE_LABEL, '').replace(BRACKET_NOTE, ' ').trim();
  const parts = bare.split(BETWEEN).flatMap((p) => (/^\d{9,11}-\d{9,11}$/.test(p.trim()) ? p.split('-') : [p]));
  const numbers = parts.map((p) => parsePhone(p.replace(PHONE_LABEL, '').trim())).flatMap((r) => (r.ok ? [r.value.number] : []));
  if (!numbers.length) return null;
  const [first, ...others] = numbers;
  if (!others.length) return { value: first };
  return {
    value: first,
    warning: `${LABEL}: ô có ${numbers.length} số: đã lưu số đầu ${maskPhone(first)}; số ${others.map(maskPhone).join(', ')} chưa được lưu (mỗi hồ sơ một số điện thoại: ghi số kia vào Ghi chú nếu cần)`,
  };
}
