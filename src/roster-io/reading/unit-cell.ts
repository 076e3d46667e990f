import { headerKey } from '../../common/files/header-key.js';
import { foldText } from '../../common/text/vietnamese-text.js';
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

/** The words a branch's name starts with: the kind of unit and the organization ("Chi hội Nông dân"). */
const UNIT_WORDS = [
  'chi hoi',
  'chi doan',
  'phan hoi',
  'to hoi',
  'doan co so',
  'co so',
  'hoi',
  'doan',
  'nong dan',
  'phu nu',
  'cuu chien binh',
  'nguoi cao tuoi',
  'thanh nien',
  'cong doan',
];
/** The kinds of hamlet or street block a place name may start with ("bản", "thôn", "khu phố"). */
const PLACE_WORDS = ['to dan pho', 'khu pho', 'ban', 'thon', 'xom', 'to', 'tdp', 'khu', 'khoi', 'ap', 'buon', 'bon', 'lang', 'pho', 'doi'];
const leading = (words: string[]) => new RegExp(`^(?:${words.join('|')})\\s+`);
const UNIT_LEADING = leading(UNIT_WORDS);
const ALL_LEADING = leading([...UNIT_WORDS, ...PLACE_WORDS]);

function strip(name: string, words: RegExp): string | null {
  let text = foldText(name)
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(words, '');
  }
  const key = text.replace(/[^a-z0-9]/g, '');
  return /[a-z]/.test(key) ? key : null;
}

/**
 * The place a branch is named for, as secretaries shorten it, at two depths: without the kind of
 * unit ("Chi hội Khu phố 2" and "Khu phố 2" give `khupho2`), then without the kind of hamlet as well
 * ("Chi hội Nông dân bản Na Sang", "Bản Na Sang" and "Na Sang" give `nasang`). Null when nothing but
 * a number is left ("Chi hội 3" against "Thôn 3": a number alone does not say which unit it is).
 */
export function unitPlaceKey(name: string, depth: 'unit' | 'place'): string | null {
  return strip(name, depth === 'unit' ? UNIT_LEADING : ALL_LEADING);
}

/** The kinds of branch a title line names ("Danh sách hội viên Chi hội thôn Nà Sang năm 2026"). */
const TITLE_BRANCH = /\b(?:chi hoi|chi doan|to hoi|phan hoi)\s+\S.*/;
/** What follows a branch's name in a title: the commune, the year or the date, the period. */
const TITLE_TAIL = /\s+(?:xa|phuong|thi tran|huyen|tinh|nam|thang|quy|tinh den|den ngay|ngay)\b.*$/;

/**
 * The branch a roster's title or heading cell names, folded ("chi hoi thon na sang"), to be looked up
 * as a branch cell is (import-units.ts); null when it names none. Only a branch: "Hội LHPN xã …" is
 * the commune's office, whose list is the whole commune's.
 */
export function titleBranch(line: string): string | null {
  for (const part of line.split(/[,(;:|–]|\s-\s/)) {
    const found = foldText(part).match(TITLE_BRANCH)?.[0].replace(TITLE_TAIL, '').trim();
    const key = found && unitPlaceKey(found, 'unit');
    // "Chi hội Phụ nữ" alone names the kind of branch, not which one.
    if (key && !UNIT_WORDS.some((w) => w.replace(/ /g, '') === key)) return found;
  }
  return null;
}
