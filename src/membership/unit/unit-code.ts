import type { Parsed } from '../../common/errors/field-problem.js';
import { parseCode, parseFreeText } from '../../common/text/text-rules.js';

export const MAX_UNIT_CODE_LENGTH = 32;
export const MAX_UNIT_NAME_LENGTH = 200;

/** Mã đơn vị: letters, digits, - _ . (no `/`: a unit scope is written `unit:ORG/CODE`). */
export const parseUnitCode = (input: string): Parsed<string> => parseCode(input, { max: MAX_UNIT_CODE_LENGTH });

/** Tên đơn vị: one line of text, nothing hidden. */
export const parseUnitName = (input: string): Parsed<string> => parseFreeText(input, { max: MAX_UNIT_NAME_LENGTH });
