import { headerKey } from '../../common/files/header-key.js';
import { parseUnitCode, parseUnitName } from '../../membership/unit/unit-code.js';
import { badUnitCellMessage } from '../import/import-messages.js';

/**
 * What a unit cell (`Mã đơn vị`, or a branch column `Chi hội`, `Tổ`) holds: a unit's code (`CHI-01`)
 * or its name as secretaries write it (`Chi hội 3`, `Chi đoàn thôn Bản Phủ`). Which unit it is, is
 * looked up later (import-units.ts: the code first, then the name).
 */
export interface UnitCellReading {
  /** The text to look up (the name in canonical spelling), or null when the cell is refused. */
  value: string | null;
  /** It is written as a code could be: looked up as a code before it is looked up as a name. */
  codeLike: boolean;
  problem?: string;
}

/**
 * A unit's name as a cell gives it: letters (any accents), digits, spaces and the punctuation unit
 * names use (`. , - – / ( ) ' &`), beginning with a letter or a digit — nothing a spreadsheet reads
 * as a formula (`=`, `+`, `@`), nothing typed by mistake (`CHI 01!`).
 */
const NAME_SHAPE = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} .,\-–/()'&]*$/u;

/** Reads a unit cell of the column `label` (her header as the messages say it): a code, or a name, or a problem. */
export function readUnitCell(text: string, label: string): UnitCellReading {
  const code = parseUnitCode(text);
  if (code.ok) return { value: code.value, codeLike: true };
  const name = parseUnitName(text);
  if (!name.ok) return { value: null, codeLike: false, problem: `${label}: ${name.reason}` };
  if (!NAME_SHAPE.test(name.value)) return { value: null, codeLike: false, problem: badUnitCellMessage(label, text) };
  return { value: name.value, codeLike: false };
}

/** How a unit's name is compared: accents, tone placement, case, spaces and punctuation do not count. */
export const unitNameKey = (name: string): string => headerKey(name);
