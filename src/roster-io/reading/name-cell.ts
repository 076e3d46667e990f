import { parsePersonName } from '../../common/identity/person-name.js';
import { rememberText } from '../../common/text/remember-text.js';
import { canonicalText, foldText } from '../../common/text/vietnamese-text.js';
import { cellShown, type CellReading } from './cell.js';

/** A name read from a cell, with the note written beside it in brackets: `(Chi hội trưởng)`. */
export interface NameReading extends CellReading<string> {
  note?: string;
}

/** Why a text is not a person's name, or nothing when it looks like one. */
export type NameLikeness = { nameLike: true } | { nameLike: false; why: string };

/** Vowels (with their shape marks, tone marks removed): every Vietnamese syllable has one; LHPN, BCH, UBND do not. */
const VOWEL = /[aăâeêioôơuưy]/;
/** The longest Vietnamese syllable has 7 letters (nghiêng). */
const MAX_SYLLABLE = 7;
/**
 * How the lines of a roster that are not members begin: signature block, title block, headings of a
 * branch. Only phrases that no family name begins with (Đoàn and Phó are family names: "chi đoàn",
 * "phó chủ tịch" are listed, never "đoàn" or "phó" alone). Checked after the structure, not instead of it.
 */
const NOT_A_PERSON = [
  'người lập', 'lập biểu', 'chủ tịch', 'phó chủ tịch', 'bí thư', 'phó bí thư', 'thủ trưởng', 'trưởng ban', 'trưởng thôn',
  'trưởng bản', 'kế toán', 'thủ quỹ', 'thư ký', 'xác nhận', 'ban chấp hành', 'ban thường vụ', 'ban kiểm tra', 'tổng cộng',
  'tổng số', 'cộng', 'danh sách', 'cộng hòa', 'độc lập', 'hội', 'chi hội', 'chi đoàn', 'đoàn thanh niên', 'ủy ban',
  'thôn', 'bản', 'xóm', 'tổ', 'khu', 'họ và tên', 'ghi chú', 'kèm theo', 'ký tên', 'đã ký', 'người ký',
]; // prettier-ignore

const FOLDED_NOT_A_PERSON = NOT_A_PERSON.filter((p) => p.includes(' ')).map(foldText);

const bracketed = /\s*[([]([^)\]]*)[)\]]/g;

/**
 * Looks like a person's name, by its structure first: 2–6 words, letters only (an apostrophe or hyphen
 * inside, as in H'Hen Niê or Y-Moan), each word a possible syllable (a vowel, at most 7 letters); then
 * not beginning like a title, a heading or a signature line. For the row classifier: "Tổng cộng: 15
 * hội viên", "TM. BAN CHẤP HÀNH", "NGƯỜI LẬP BIỂU", "HỘI LHPN XÃ" are not names; "Lò Văn Pâng" is.
 */
export const nameLikeness = rememberText(readNameLikeness, 20_000);

function readNameLikeness(input: string): NameLikeness {
  const text = canonicalText(input.replace(bracketed, ' '));
  const not = (why: string): NameLikeness => ({ nameLike: false, why: `'${input.trim()}' không phải họ tên: ${why}` });
  if (!text) return not('ô trống');
  if (/\d/.test(text)) return not('có chữ số');
  const odd = text.match(/[^\p{L}\p{M} '-]/u);
  if (odd) return not(`có dấu '${odd[0]}'`);
  const words = text.split(' ');
  if (words.length < 2) return not('chỉ có một chữ, cần cả họ và tên');
  if (words.length > 6) return not(`có ${words.length} chữ, họ tên thường 2–6 chữ`);
  const lower = text.toLowerCase();
  for (const syllable of lower.split(/[ -]/).filter(Boolean)) {
    const bare = syllable
      .replace("'", '')
      .normalize('NFD')
      .replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '')
      .normalize('NFC');
    if (!VOWEL.test(bare)) return not(`'${syllable.toUpperCase()}' là chữ viết tắt, không phải tiếng trong tên người`);
    if ([...bare].length > MAX_SYLLABLE) return not(`'${syllable}' không phải một tiếng`);
  }
  const starts = (t: string, p: string) => t === p || t.startsWith(p + ' ');
  // Typed without marks (an old system): only phrases of two words or more, folding "Bàn" (a family name) into "ban".
  const title = /[^\x00-\x7f]/.test(text)
    ? NOT_A_PERSON.find((p) => starts(lower, p))
    : FOLDED_NOT_A_PERSON.find((p) => starts(foldText(text), p));
  if (title) return not(`là dòng tiêu đề, chức danh hoặc ký tên ('${title}')`);
  return { nameLike: true };
}

/**
 * A name cell: the note in brackets split off (`Nguyễn Thị Lan (Chi hội trưởng)`), spaces and case
 * made right the Vietnamese way (parsePersonName: `NGUYỄN  VĂN AN` → `Nguyễn Văn An`). A cell that is
 * not a person's name is a problem — the one that refuses a row.
 */
export function readNameCell(raw: unknown): NameReading {
  const text = cellShown(raw);
  if (!text) return { value: null, problem: 'Họ và tên: không được để trống' };
  const notes = [...text.matchAll(bracketed)].map((m) => m[1].trim()).filter(Boolean);
  const note = notes.length ? notes.join('; ') : undefined;
  const parsed = parsePersonName(text.replace(bracketed, ' '));
  if (!parsed.ok) return { value: null, note, problem: `Họ và tên: ${parsed.reason}` };
  const like = nameLikeness(text);
  if (like.nameLike) return { value: parsed.value.fullName, note };
  const typo = oneTypo(text);
  if (!typo) return { value: null, note, problem: `Họ và tên: ${like.why}` };
  return {
    value: parsed.value.fullName,
    note,
    warning: `Họ và tên '${parsed.value.fullName}': tiếng '${typo}' không có nguyên âm (có thể gõ thiếu chữ): đã giữ nguyên, hãy kiểm tra lại`,
  };
}

/** Without its marks, for the vowel test. */
const bare = (syllable: string) => syllable.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

/**
 * A name with one syllable typed without its vowel (`Vũ Thị Tm`): a person's name with a typo, not an
 * abbreviation, when the other syllables (two at least) read as a name. `HỘI LHPN XÃ` does not.
 */
function oneTypo(text: string): string | null {
  const words = canonicalText(text.replace(bracketed, ' ')).split(' ');
  const typos = words.filter((w) => !/[aeiouy]/.test(bare(w)));
  if (typos.length !== 1 || words.length < 3) return null;
  return nameLikeness(words.filter((w) => w !== typos[0]).join(' ')).nameLike ? typos[0] : null;
}
