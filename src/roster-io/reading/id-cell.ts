import { idNumberIssues, maskIdNumber, parseIdNumber, readIdDigits, type IdNumber, type Sex } from '../../common/identity/id-number.js';
import { cellShown, cellValue, FORMAT_AS_TEXT, integerDigits, scientificProblem, SCIENTIFIC, type CellReading } from './cell.js';

/** What the row says about the person, to check a number whose leading zeros are put back. */
export interface IdCellContext {
  birthYear?: number | null;
  sex?: Sex | null;
  /** The sex her name's middle word says ("Thị", "Văn": person-name.ts `sexOfName`), for a row that gives none. */
  nameSex?: Sex | null;
  currentYear: number;
}

const LABEL = 'Số CCCD';
const SEX_WORD: Record<Sex, string> = { MALE: 'Nam', FEMALE: 'Nữ' };

/**
 * An ID-number cell as Excel leaves it. Every CCCD starts with 0 (province codes 001–096) and a CMND
 * often does, so a number cell has lost one to three zeros: 10–11 digits are read as a CCCD and 8 as a
 * CMND with the zeros put back — a CCCD only when its province code exists and its century/sex digit
 * agrees with the row (DOMAIN.md), with a warning. 9 digits are a CMND as they are (no CCCD starts 000).
 * Scientific notation, or a number of 12 digits without its 0 (Excel rounded it), lost digits for good:
 * refused, saying how to make the column Text. A masked number (`0111******23`, "unchanged") is the
 * caller's to recognize before calling this.
 */
export function readIdCell(raw: unknown, row: IdCellContext): CellReading<string> {
  const cell = cellValue(raw);
  if (cell.kind === 'empty') return { value: null };
  if (cell.kind === 'date')
    return { value: null, problem: `${LABEL}: ô này đang là ngày tháng, không phải số: hãy ${FORMAT_AS_TEXT} rồi gõ lại số CCCD` };
  if (cell.kind === 'number') {
    const digits = integerDigits(cell.n);
    if (digits === null || roundedByExcel(digits)) return { value: null, problem: scientificProblem(LABEL, cellShown(raw).toUpperCase()) };
    return readDigits(digits, digits, row);
  }
  const text = cell.text;
  if (SCIENTIFIC.test(text.replace(/\s/g, ''))) return { value: null, problem: scientificProblem(LABEL, text) };
  const digits = text.replace(/[\s.\-_]/g, '');
  if (!/^\d+$/.test(digits)) return refused(text);
  return readDigits(digits, text, row);
}

/**
 * A number of 12 digits or more that kept only the 6 significant digits Excel shows (`1.11179E+11`
 * typed back, 111790000000): its last digits are lost. One with all its digits (111790123456) is read
 * as it is, and refused for what it is (no such province) with parseIdNumber's reason.
 */
function roundedByExcel(digits: string): boolean {
  return digits.length >= 12 && /0{6}$/.test(digits);
}

/** parseIdNumber's reason, the number in it masked when it is all digits (the message is stored). */
function refused(input: string): CellReading<string> {
  const parsed = parseIdNumber(input);
  const reason = parsed.ok ? `'${input}' không hợp lệ` : parsed.reason;
  const digits = input.replace(/[\s.\-_]/g, '');
  // A number long enough to be someone's is masked; a few digits ('123') say nothing and are shown as typed.
  const shown = /^\d{7,}$/.test(digits) ? reason.replace(`'${input}'`, `'${maskIdNumber(digits)}'`) : reason;
  return { value: null, problem: `${LABEL}: ${shown}. Hãy đối chiếu với thẻ rồi sửa lại` };
}

function readDigits(digits: string, shown: string, row: IdCellContext): CellReading<string> {
  const lostZeros = digits[0] !== '0' && [8, 10, 11].includes(digits.length);
  if (!lostZeros) {
    const parsed = parseIdNumber(digits, row.currentYear);
    if (!parsed.ok) return refused(shown);
    const doubt = doubtOf(parsed.value, row);
    return doubt ? { value: parsed.value.digits, warning: doubt } : { value: parsed.value.digits };
  }
  const restored = digits.padStart(digits.length === 8 ? 9 : 12, '0');
  // Read without the card check: restoredProblem says why these zeros cannot be the lost ones.
  const parsed = readIdDigits(restored);
  if (!parsed.ok) return refused(shown);
  const why = restoredProblem(parsed.value, row);
  const count = restored.length - digits.length;
  if (why)
    return {
      value: null,
      problem:
        `${LABEL} '${maskIdNumber(digits)}' có ${digits.length} chữ số; thêm ${count} số 0 ở đầu vẫn không thành số hợp lệ (${why}). ` +
        `Hãy đối chiếu với thẻ, ${FORMAT_AS_TEXT} rồi gõ lại đủ ${restored.length} chữ số`,
    };
  const doubt = doubtOf(parsed.value, row);
  return {
    value: restored,
    warning:
      `${LABEL} '${maskIdNumber(digits)}' thiếu ${count} số 0 ở đầu (Excel đã lưu nó dạng số): đã khôi phục thành ${maskIdNumber(restored)}. ` +
      `Để lần sau không mất số 0, hãy ${FORMAT_AS_TEXT}` +
      (doubt ? `. ${doubt}` : ''),
    // The zeros put back are the card's (checked above): nothing to look at, unless the digits contradict the row.
    advice: !doubt,
  };
}

/**
 * What a card's digits contradict in the row, by idNumberIssues (the rule the record keeps as its ID
 * issues): the number is kept, the secretary told to check it against the card.
 */
function doubtOf(id: IdNumber, row: IdCellContext): string | undefined {
  const issues = idNumberIssues(id, { sex: row.sex, birthYear: row.birthYear }, row.currentYear);
  const named = !row.sex && row.nameSex && id.sex && id.sex !== row.nameSex;
  const said = [
    ...(issues.includes('BIRTH_YEAR_MISMATCH') ? [`năm sinh ${id.birthYear} trong số, dòng này ghi năm sinh ${row.birthYear}`] : []),
    ...(issues.includes('SEX_MISMATCH') ? [`giới tính ${SEX_WORD[id.sex!]} trong số, dòng này ghi ${SEX_WORD[row.sex!]}`] : []),
    ...(named ? [`giới tính ${SEX_WORD[id.sex!]} trong số, tên có chữ đệm '${row.nameSex === 'FEMALE' ? 'Thị' : 'Văn'}'`] : []),
  ];
  return said.length ? `${LABEL} ${maskIdNumber(id.digits)} không khớp với dòng (${said.join('; ')}): hãy đối chiếu với thẻ` : undefined;
}

/** Why a 12-digit number made by putting zeros back cannot be this person's; null when it can. */
function restoredProblem(id: IdNumber, row: IdCellContext): string | null {
  if (id.kind !== 'CCCD') return null;
  const issues = idNumberIssues(id, { sex: row.sex }, row.currentYear);
  if (issues.includes('UNKNOWN_PROVINCE')) return `mã tỉnh ${id.digits.slice(0, 3)} không tồn tại`;
  if (issues.includes('IMPOSSIBLE_CENTURY')) return `chữ số thứ 4 và năm sinh ${id.birthYear} không thể có`;
  if (row.birthYear && Math.floor(row.birthYear / 100) !== Math.floor(id.birthYear! / 100))
    return `số này ứng với người sinh năm ${id.birthYear}, dòng này ghi năm sinh ${row.birthYear}`;
  if (issues.includes('SEX_MISMATCH')) return `số này ứng với giới tính ${SEX_WORD[id.sex!]}, dòng này ghi ${SEX_WORD[row.sex!]}`;
  return null;
}
