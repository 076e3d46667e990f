import { ok, refuse, type Parsed } from '../errors/field-problem.js';
import { foreignLetter, hiddenCharacter } from '../text/text-rules.js';
import { rememberText } from '../text/remember-text.js';
import { foldText, titleCaseName } from '../text/vietnamese-text.js';

export interface PersonName {
  /** Display form: NFC, classic tone placement, title case, single spaces. */
  fullName: string;
  /** Folded (no marks, đ → d, lower case) full name: the search key. */
  folded: string;
  family: string;
  middle: string;
  given: string;
  /** Folded family name with Huỳnh → hoang and Võ → vu (one name read in North and South). */
  familyKey: string;
  /** Folded given name: the most telling part, used for blocking. */
  givenKey: string;
}

/**
 * Family names read differently in the North and the South (folded): Huỳnh → hoang, Võ → vu. The one
 * place for this rule: the stored `family_key` and the linker's names (blocking relies on both agreeing).
 */
export const FAMILY_VARIANTS: Readonly<Record<string, string>> = { huynh: 'hoang', vo: 'vu' };
export const MAX_NAME_LENGTH = 120;

/**
 * Middle names that only mark sex (folded): "Thị" a woman's, "Văn" a man's. One rule for what a name
 * says of its sex (`sexOfName`) and for the linker, which compares names without them (identity-compare.ts).
 */
export const SEX_MARKERS: Readonly<Record<string, 'MALE' | 'FEMALE'>> = { thi: 'FEMALE', van: 'MALE' };

/** The sex a name's middle word says; null when no middle word says it. */
export function sexOfName(fullName: string | null | undefined): 'MALE' | 'FEMALE' | null {
  const marker = foldText(fullName ?? '')
    .split(' ')
    .slice(1, -1)
    .find((w) => Object.hasOwn(SEX_MARKERS, w));
  return marker ? SEX_MARKERS[marker] : null;
}

/** Why a normalized name is not a person's name; null when it is one. */
function nameProblem(fullName: string, input: string): string | null {
  if (fullName === '') return 'họ và tên không được để trống';
  if ([...fullName].length > MAX_NAME_LENGTH) return `họ tên dài ${[...fullName].length} ký tự, tối đa ${MAX_NAME_LENGTH}: hãy rút ngắn`;
  if (/\d/.test(fullName)) return `'${input}' không phải họ tên: có chữ số`;
  const signs = [...new Set(fullName.match(/[^\p{L}\p{M}\s'.-]/gu) ?? [])];
  if (signs.length)
    return `'${input}' có ký tự không dùng trong họ tên (${signs.map((c) => `'${c}'`).join(' ')}): họ tên chỉ gồm chữ cái, dấu cách và ' . -, hãy bỏ ký tự đó`;
  const foreign = foreignLetter(fullName);
  if (foreign) return `'${input}': ${foreign}`;
  // Marks belong on a letter (after NFC, at most one left on a letter: ư̆ in Jarai or Ê Đê names); every word has a letter.
  if (/(^|[^\p{L}\p{M}])\p{M}|\p{M}{2,}/u.test(fullName)) return `'${input}' có dấu đứng riêng, không nằm trên chữ cái nào`;
  if (fullName.split(' ').some((word) => !/\p{L}/u.test(word))) return `'${input}' không phải họ tên: có phần chỉ gồm dấu câu`;
  return null;
}

/**
 * Splits and normalizes a full name: họ + tên đệm (0–3 syllables) + tên. Refuses, never strips, what
 * is hidden. Remembered: an imported row's name is read from its cell, then again as the record's
 * (the same text when the cell was already well written). The answer is shared: never change it.
 */
export const parsePersonName = rememberText(readPersonName, 20_000);

function readPersonName(input: string): Parsed<PersonName> {
  if (input.length > MAX_NAME_LENGTH * 4) return refuse(`họ tên dài ${input.length} ký tự, tối đa ${MAX_NAME_LENGTH}: hãy rút ngắn`);
  const hidden = hiddenCharacter(input);
  if (hidden) return refuse(`họ tên ${hidden}`);
  const fullName = titleCaseName(input);
  const why = nameProblem(fullName, input);
  if (why) return refuse(why);
  const parts = fullName.split(' ');
  const family = parts.length > 1 ? parts[0] : '';
  const given = parts[parts.length - 1];
  const middle = parts.slice(1, -1).join(' ');
  const familyFolded = foldText(family);
  return ok({
    fullName,
    folded: foldText(fullName),
    family,
    middle,
    given,
    familyKey: FAMILY_VARIANTS[familyFolded] ?? familyFolded,
    givenKey: foldText(given),
  });
}

/** Nam/Nữ and the variants found in rosters. */
export function parseSex(input: string): Parsed<'MALE' | 'FEMALE'> {
  const f = foldText(input);
  if (['nam', 'm', 'male', 'trai', 'gioi tinh nam'].includes(f)) return ok('MALE');
  if (['nu', 'n', 'f', 'female', 'gai', 'gioi tinh nu'].includes(f)) return ok('FEMALE');
  return refuse(`'${input}' không phải giới tính (Nam hoặc Nữ)`);
}
