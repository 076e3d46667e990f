/**
 * What a text field may hold: pure rules shared by every input path (GraphQL, import, CLI).
 * Values are refused, never silently changed: a hidden character or a look-alike letter is named
 * (code point and kind) so that the person can find it and type the value again.
 */
import { ok, refuse, type Parsed } from '../errors/field-problem.js';
import { canonicalText } from './vietnamese-text.js';

/** Names of the hidden characters met in pasted text. */
const HIDDEN_NAMES: Record<number, string> = {
  0x7f: 'DEL',
  0x85: 'xuống dòng NEL',
  0xad: 'gạch nối ẩn',
  0x200b: 'khoảng trắng độ rộng 0',
  0x200c: 'ký tự nối độ rộng 0',
  0x200d: 'ký tự nối độ rộng 0',
  0x2028: 'ngắt dòng Unicode',
  0x2029: 'ngắt đoạn Unicode',
  0x2060: 'ký tự nối từ ẩn',
  0xfeff: 'BOM / khoảng trắng độ rộng 0',
};

/**
 * Control (except tab and line breaks, which count as spaces), format (zero-width, direction
 * overrides, soft hyphen, BOM), line/paragraph separators, private-use, unassigned, lone surrogates.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u;
const SPACE_CONTROLS = new Set(['\t', '\n', '\r']);

/** `U+200B`. */
export const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function hiddenKind(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (HIDDEN_NAMES[cp]) return HIDDEN_NAMES[cp];
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f) return 'đảo chiều chữ';
  if (/\p{Cc}/u.test(ch)) return 'ký tự điều khiển';
  if (/\p{Cf}/u.test(ch)) return 'ký tự định dạng ẩn';
  return 'ký tự không in được';
}

/** The first hidden character of a text, described in Vietnamese; null when there is none. */
export function hiddenCharacter(input: string): string | null {
  let position = 0;
  for (const ch of input) {
    position++;
    if (HIDDEN.test(ch) && !SPACE_CONTROLS.has(ch))
      return `có ký tự ẩn ${codePoint(ch)} (${hiddenKind(ch)}) ở vị trí ${position}: hãy xóa ô này và gõ lại`;
  }
  return null;
}

const SCRIPT_NAMES: [RegExp, string][] = [
  [/\p{Script=Cyrillic}/u, 'chữ Kirin'],
  [/\p{Script=Greek}/u, 'chữ Hy Lạp'],
  [/\p{Script=Armenian}/u, 'chữ Armenia'],
  [/\p{Script=Han}/u, 'chữ Hán'],
];

/** The first letter that is not a Latin-script letter (a look-alike: Cyrillic а, Greek Ν), described; null when none. */
export function foreignLetter(text: string): string | null {
  for (const ch of text) {
    if (!/\p{L}/u.test(ch) || /\p{Script=Latin}/u.test(ch)) continue;
    const script = SCRIPT_NAMES.find(([re]) => re.test(ch))?.[1] ?? 'không phải chữ Latinh';
    return `chữ '${ch}' (${codePoint(ch)}, ${script}) không phải chữ cái tiếng Việt, dù trông giống: hãy gõ lại bằng bàn phím tiếng Việt`;
  }
  return null;
}

/** A text shown with its hidden characters as code points (safe in a message). */
export const visible = (input: string): string => [...input].map((ch) => (HIDDEN.test(ch) ? `<${codePoint(ch)}>` : ch)).join('');

export interface FreeTextRule {
  /** Maximum length in characters, after normalization. */
  max: number;
  /** Only Latin-script letters (names, ethnicity): look-alike letters are refused. */
  latinOnly?: boolean;
}

/** One-line free text: hidden characters and over-long values refused; NFC, single spaces, classic tone placement. */
export function parseFreeText(input: string, rule: FreeTextRule): Parsed<string> {
  // Judge the length first: a 100,000-character cell costs nothing more than a short one.
  if (input.length > rule.max * 4) return refuse(`dài ${input.length} ký tự, tối đa ${rule.max}: hãy rút ngắn`);
  const hidden = hiddenCharacter(input);
  if (hidden) return refuse(hidden);
  const text = canonicalText(input);
  if ([...text].length > rule.max) return refuse(`dài ${[...text].length} ký tự, tối đa ${rule.max}: hãy rút ngắn`);
  if (rule.latinOnly) {
    const foreign = foreignLetter(text);
    if (foreign) return refuse(foreign);
  }
  return ok(text);
}

export interface CodeRule {
  max: number;
  /** `/` allowed (Mã hồ sơ such as `HS/2024/001`); not in unit codes, which scope keys join with `/`. */
  slash?: boolean;
}

/**
 * A code (Mã hồ sơ, Mã đơn vị): unaccented letters, digits and `-` `_` `.` (and `/` where allowed),
 * starting with a letter or a digit — nothing a spreadsheet reads as a formula, nothing hidden,
 * nothing that only looks like a letter.
 */
export function parseCode(input: string, rule: CodeRule): Parsed<string> {
  const code = input.trim();
  if (code === '') return refuse('không được để trống');
  if (code.length > rule.max)
    return refuse(`'${visible(code.slice(0, 20))}…' dài ${code.length} ký tự, tối đa ${rule.max}: hãy rút ngắn mã`);
  const hidden = hiddenCharacter(code);
  if (hidden) return refuse(`'${visible(code)}' ${hidden}`);
  const allowed = rule.slash ? /^[A-Za-z0-9][A-Za-z0-9._/-]*$/ : /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
  if (!allowed.test(code))
    return refuse(
      `'${code}' không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số và các dấu - _ .${rule.slash ? ' /' : ''}, bắt đầu bằng chữ hoặc số`,
    );
  return ok(code);
}
