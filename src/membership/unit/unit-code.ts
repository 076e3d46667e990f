import type { Parsed } from '../../common/errors/field-problem.js';
import { parseCode, parseFreeText } from '../../common/text/text-rules.js';

export const MAX_UNIT_CODE_LENGTH = 32;
export const MAX_UNIT_NAME_LENGTH = 200;

/** Mã đơn vị: letters, digits, - _ . (no `/`: a unit scope is written `unit:ORG/CODE`). */
export const parseUnitCode = (input: string): Parsed<string> => parseCode(input, { max: MAX_UNIT_CODE_LENGTH });

/** Tên đơn vị: one line of text, nothing hidden. */
export const parseUnitName = (input: string): Parsed<string> => parseFreeText(input, { max: MAX_UNIT_NAME_LENGTH });

/**
 * The code a unit named but not coded gets (an import's branch column, the console's new unit left
 * without a code): where it is (its commune's code; none: the organization's), then its name
 * without accents — `00004-CHI-HOI-1`. `taken` finds the next free one: `…-2`, `…-3`.
 */
export async function codeForUnitName(where: string, name: string, taken: (code: string) => Promise<boolean>): Promise<string> {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toUpperCase();
  const base = fitted(`${where}-${slug || 'DON-VI'}`, MAX_UNIT_CODE_LENGTH, where.length);
  let code = base;
  for (let n = 2; await taken(code); n++) code = `${fitted(base, MAX_UNIT_CODE_LENGTH - 4, where.length)}-${n}`;
  return code;
}

/** A code cut to `max` between words (03334-HOI-LHPN-PHUONG-MUONG, not …-MUONG-THAN), or mid-word when one word is all there is. */
function fitted(code: string, max: number, keep: number): string {
  if (code.length <= max) return code;
  const at = code.slice(0, max + 1).lastIndexOf('-');
  return (at > keep ? code.slice(0, at) : code.slice(0, max)).replace(/-+$/, '');
}
