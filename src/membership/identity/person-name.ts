import { ok, refuse, type Parsed } from '../../common/errors/field-problem.js';
import { foldText, titleCaseName } from '../../common/text/vietnamese-text.js';

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

const FAMILY_VARIANTS: Record<string, string> = { huynh: 'hoang', vo: 'vu' };

/** Splits and normalizes a full name: họ + tên đệm (0–3 syllables) + tên. */
export function parsePersonName(input: string): Parsed<PersonName> {
  const fullName = titleCaseName(input);
  if (fullName === '') return refuse('họ và tên không được để trống');
  if (/\d/.test(fullName)) return refuse(`'${input}' không phải họ tên: có chữ số`);
  if (/[^\p{L}\p{M}\s'.-]/u.test(fullName)) return refuse(`'${input}' có ký tự không dùng trong họ tên`);
  if (fullName.length > 120) return refuse(`họ tên dài ${fullName.length} ký tự, tối đa 120`);
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
