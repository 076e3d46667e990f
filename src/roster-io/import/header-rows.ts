import { headerKey } from '../../common/files/header-key.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import {
  columnNamed,
  columnsByKey,
  EXTRA_IMPORT_COLUMNS,
  matchHeaderCells,
  type HeaderCell,
  type HeaderMatch,
  type RosterColumn,
} from '../roster-columns.js';

/**
 * Headers as rosters draw them: two rows, a parent cell merged over its sub-columns (`Địa chỉ` over
 * `Thôn, bản` | `Xã`; `Năm sinh` over `Nam` | `Nữ`; `Họ và tên` over `Họ đệm` | `Tên`). A merged
 * range keeps its value in its top-left cell only, so a parent is carried right over the sub-columns
 * that follow it while the row above them is empty.
 */

const column = (key: string) => EXTRA_IMPORT_COLUMNS.find((c) => c.key === key)!;
const BY_SEX: Record<string, RosterColumn> = { nam: column('bySexMale'), nu: column('bySexFemale') };
/** Parents whose `Nam` | `Nữ` sub-columns hold the year of birth or a mark in the column of the person's sex. */
const SEX_PARENTS = new Set(['namsinh', 'ngaysinh', 'ngaythangnamsinh', 'gioitinh', 'ngaythangnamsinhgioitinh']);
const NAME_PARENTS = new Set(['hovaten', 'hoten', 'hovatenkhaisinh']);
const NAME_PARTS: Record<string, string> = {
  hodem: 'familyMiddle',
  ho: 'familyMiddle',
  hovatendem: 'familyMiddle',
  dem: 'middleName',
  chudem: 'middleName',
  tendem: 'middleName',
  chulot: 'middleName',
  tenlot: 'middleName',
  ten: 'givenName',
};
const COMMUNE_SUBS = new Set(['xa', 'phuong', 'xaphuong', 'phuongxa', 'xaphuongthitran', 'xaphuongdackhu']);
/** Sub-columns of `Địa chỉ` that name the village within the commune (`Thôn, bản`, `Tổ dân phố`, `Ấp`…). */
const VILLAGE_SUBS = new Set([
  'thon',
  'ban',
  'thonban',
  'xom',
  'thonxom',
  'tothon',
  'thonbanxom',
  'to',
  'todanpho',
  'khupho',
  'khudanpho',
  'ap',
  'khom',
]);
/** Sub-column words that say a row is a header's second row (they are no member's value). */
const SUB_WORDS = new Set([
  ...Object.keys(BY_SEX), ...Object.keys(NAME_PARTS), ...COMMUNE_SUBS, ...VILLAGE_SUBS,
  // The rest of a ward's address: Số nhà, Đường / Phố.
  'sonha', 'duong', 'pho', 'duongpho',
  'huyen', 'tinh', 'so', 'ngaycap', 'noicap', 'ngay', 'thang', 'nam', 'chinhthuc', 'dubi',
]); // prettier-ignore

/** A sub-column's key without what it adds in brackets (`Xã (cũ)`, `Thôn (bản)`): the word that names it. */
const subKey = (text: string): string => headerKey(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')) || headerKey(text);

/** The column a header cell names, its parent read with it (a sub-column alone first, then with its parent). */
export function headerColumn(cell: HeaderCell, byKey: Map<string, RosterColumn>): RosterColumn | undefined {
  const own = subKey(cell.text);
  if (!cell.parent) return columnNamed(cell.text, byKey);
  const parent = headerKey(cell.parent);
  if (SEX_PARENTS.has(parent) && BY_SEX[own]) return BY_SEX[own];
  if (NAME_PARENTS.has(parent) && NAME_PARTS[own]) return column(NAME_PARTS[own]);
  if (byKey.get(parent)?.key === 'address')
    // (A village under Quê quán is where she was born, not where she lives.)
    return COMMUNE_SUBS.has(own) ? column('address') : VILLAGE_SUBS.has(own) && parent !== 'quequan' ? byKey.get('thonban') : undefined;
  return columnNamed(cell.text, byKey) ?? byKey.get(headerKey(`${cell.parent} ${cell.text}`));
}

/**
 * The two rows as one header when `sub` is a header's second row: each of its cells sits under a parent
 * (its own, or one merged from the left) and is a header word, not a value. Null otherwise.
 */
export function twoRowHeader(top: string[], sub: string[], def: OrganizationDefinition): HeaderMatch | null {
  const byKey = columnsByKey(def);
  const width = Math.max(top.length, sub.length);
  const cells: HeaderCell[] = [];
  let parent: string | null = null;
  let anySub = false;
  for (let i = 0; i < width; i++) {
    const above = (top[i] ?? '').trim();
    const below = (sub[i] ?? '').trim();
    if (above) parent = above;
    else if (!below || !(sub[i - 1] ?? '').trim()) parent = null;
    if (!below) {
      cells.push({ parent: null, text: above });
      continue;
    }
    const key = subKey(below);
    if (!parent || !(SUB_WORDS.has(key) || byKey.has(key) || byKey.has(headerKey(below)))) return null;
    anySub = true;
    cells.push({ parent, text: below });
  }
  return anySub ? matchHeaderCells(cells, def, headerColumn) : null;
}

/** `(1) (2) (3) …` or `1 2 3 …` under a header: the columns numbered, no member. */
export function isColumnNumberRow(cells: string[]): boolean {
  const filled = cells.map((c) => (c ?? '').trim()).filter(Boolean);
  return filled.length >= 3 && filled.every((c) => /^\(?\d{1,2}\)?$/.test(c));
}
