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

/** The organizations' short names, folded, as a branch's name may carry them (kept in capitals). */
const ORGANIZATION_ACRONYMS = ['ccb', 'hnd', 'nd', 'hpn', 'lhpn', 'pn', 'nct', 'tncs', 'tn'];
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
  // The organizations' short names, written between the kind and the place ("Chi hội CCB thôn Hòa Bình").
  ...ORGANIZATION_ACRONYMS,
];
/** The kinds of hamlet or street block a place name may start with ("bản", "thôn", "khu phố"). */
const PLACE_WORDS = ['to dan pho', 'khu pho', 'ban', 'thon', 'xom', 'to', 'tdp', 'khu', 'khoi', 'ap', 'buon', 'bon', 'lang', 'pho', 'doi'];
/** A branch's number before the place it is for ("Chi hội 1 (Bản Co Mận)": the place names it, not the number). */
const BRANCH_NUMBER = ['so \\d+ (?=[a-z])', '\\d+ (?=[a-z])'];
const leading = (words: string[]) => new RegExp(`^(?:${words.join('|')})\\s*`);
const UNIT_LEADING = leading([...UNIT_WORDS.map((w) => `${w} `), ...BRANCH_NUMBER]);
const ALL_LEADING = leading([...[...UNIT_WORDS, ...PLACE_WORDS].map((w) => `${w} `), ...BRANCH_NUMBER]);

/** An army unit as veterans write where they served (`E148 F316`, `Trung đoàn 98`, `Bộ đội Biên phòng`), folded. */
const ARMY_UNIT =
  /(^|[^a-z0-9])[ef] ?\d{2,3}([^a-z0-9]|$)|\b(trung doan|su doan|tieu doan|dai doi|lu doan|quan khu|quan doan|quan chung|binh chung|bo doi|bien phong|chi huy quan su|hai quan|phong khong|khong quan|cong binh|phao binh|dac cong)\b/;

/**
 * Whether a cell under a bare `Đơn vị` names the army unit a veteran served in, not a branch of ours:
 * a military unit's words or number, and no word a branch's name starts with (`Công đoàn Bộ CHQS` is a branch). Pure.
 */
export function namesArmyUnit(text: string): boolean {
  const folded = foldText(text).replace(/\s+/g, ' ').trim();
  return ARMY_UNIT.test(folded) && !UNIT_LEADING.test(folded);
}

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

/** The kinds of branch a title or a heading names ("Danh sách hội viên Chi hội thôn Nà Sang năm 2026"), folded. */
const BRANCH_KINDS = ['chi hoi', 'chi doan', 'to hoi', 'phan hoi'];
/** What follows a branch's name in a title: the commune, the year or the date, the period (folded words). */
const TITLE_TAIL = ['xa', 'phuong', 'thi tran', 'huyen', 'tinh', 'nam', 'thang', 'quy', 'den ngay', 'ngay'];
/** The organization a branch's name may say after its kind ("Chi hội Nông dân …"). */
const ORGANIZATION_WORDS = ['nong dan', 'phu nu', 'cuu chien binh', 'nguoi cao tuoi', 'thanh nien', 'cong doan'];

/** The words of a folded phrase among `phrases` that `words` begin with at `at` (0: none). */
const phraseAt = (words: string[], at: number, phrases: string[]): number => {
  for (const p of phrases) {
    const n = p.split(' ').length;
    if (words.slice(at, at + n).join(' ') === p) return n;
  }
  return 0;
};

/** A line's words as she typed them, and each folded (no accents, case nor punctuation). */
const wordsOf = (text: string) => {
  const words = text.split(/\s+/).filter(Boolean);
  return { words, folded: words.map((w) => foldText(w.replace(/[^\p{L}\p{M}\p{N}]/gu, ''))) };
};

/**
 * The branch a roster's title or heading cell names, in her words ("Chi hội thôn Nà Sang"; a title in
 * capitals softened to how a unit's name is written), to be looked up as a branch cell is
 * (import-units.ts) or created under `--create-units`; null when it names none. Only a branch: "Hội
 * LHPN xã …" is the commune's office, whose list is the whole commune's.
 */
export function titleBranch(line: string): string | null {
  const numbered = numberedBranch(line);
  if (numbered) return numbered;
  for (const part of line.split(/[,(;:|–]|\s-\s/)) {
    const { words, folded } = wordsOf(part);
    const from = folded.findIndex((_, i) => phraseAt(folded, i, BRANCH_KINDS) > 0);
    if (from < 0) continue;
    let to = from + 2;
    while (to < words.length && !tailAt(folded, to)) to++;
    const name = words.slice(from, to).join(' ');
    const key = unitPlaceKey(name, 'unit');
    // "Chi hội Phụ nữ" alone names the kind of branch, not which one; "Chi hội trưởng", "Chi hội phó" are its officers.
    const officer = folded[from + 2] === 'truong' || (folded[from + 2] === 'pho' && to === from + 3);
    if (key && !officer && !UNIT_WORDS.some((w) => w.replace(/ /g, '') === key))
      return asUnitName(words.slice(from, to), folded.slice(from, to), 2);
  }
  return null;
}

/**
 * A branch named by its number, and maybe the place it is for after it ("Chi hội 1", "Chi hội số 2",
 * "Chi hội 1 (Bản Co Mận)", "CHI HỘI 3 - BẢN PÁ KHOANG", "Chi đoàn 2: thôn Đông"): the whole name as
 * she wrote it, to the commune or the year a title goes on with.
 */
function numberedBranch(line: string): string | null {
  const all = wordsOf(line.trim());
  const from = all.folded.findIndex((_, i) => phraseAt(all.folded, i, BRANCH_KINDS) > 0);
  if (from < 0) return null;
  const [words, folded] = [all.words.slice(from), all.folded.slice(from)];
  const kind = phraseAt(folded, 0, BRANCH_KINDS);
  const at = kind + (folded[kind] === 'so' ? 1 : 0);
  if (!/^\d{1,3}$/.test(folded[at] ?? '')) return null;
  let to = at + 1;
  while (to < words.length && !tailAt(folded, to)) to++;
  const name = words.slice(0, to);
  // A separator left at the end ("Chi hội 1 -" before the commune) is not the branch's.
  while (name.length > at + 1 && !/[\p{L}\p{N}]/u.test(name[name.length - 1])) name.pop();
  return asUnitName(name, folded.slice(0, name.length), kind);
}

/** Where a title goes on past the branch's name: its commune, or a date ("năm 2026"; "Nậm" alone is a place). */
const tailAt = (folded: string[], i: number): boolean =>
  phraseAt(folded, i, TITLE_TAIL) > 0 && (folded[i] !== 'nam' || /^\d{4}$/.test(folded[i + 1] ?? ''));

/**
 * A branch's or hamlet's name as a unit's is written: as she typed it, or, typed in capitals ("CHI HỘI
 * BẢN HUA THANH"), its kind (`kind` words: "Chi hội") and the kind of hamlet in small letters and the
 * place's words capitalized ("Chi hội bản Hua Thanh", "Chi hội Nông dân thôn 3", "Bản Na Sang").
 */
function asUnitName(words: string[], folded: string[], kind: number): string {
  if (words.join(' ') !== words.join(' ').toLocaleUpperCase('vi')) return words.join(' ');
  const lower = words.map((w) => w.toLocaleLowerCase('vi'));
  const capital = (w: string) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1);
  let at = kind;
  const organization = kind ? phraseAt(folded, at, ORGANIZATION_WORDS) : 0;
  const acronym = kind && !organization && ORGANIZATION_ACRONYMS.includes(folded[at]);
  if (organization) lower[at] = capital(lower[at]);
  if (acronym) lower[at] = words[at];
  at += organization || (acronym ? 1 : 0);
  at += phraseAt(folded, at, PLACE_WORDS);
  return [capital(lower[0]), ...lower.slice(1, at), ...lower.slice(Math.max(at, 1)).map(capital)].join(' ');
}

/** A section's number before its heading: `I.`, `II -`, `B)`, `Phần I:`. */
const SECTION_NUMBER = /^\s*(?:phần\s+)?(?:[ivxlc]+|[a-z])(?:\s*[.:)\-–]\s*|\s+)/iu;

/**
 * The branch a heading line among a roster's members names ("I. CHI HỘI BẢN HUA THANH", "Chi đoàn
 * thôn 3", "II. BẢN NA SANG"): the members under it, to the next heading, are that branch's. A
 * heading names the kind of branch, or is numbered as a section (`I.`, `II.`) and names a hamlet.
 * Null for any other line.
 */
export function sectionBranch(line: string): string | null {
  const numbered = SECTION_NUMBER.exec(line);
  const text = numbered ? line.slice(numbered[0].length) : line.trim();
  const { words, folded } = wordsOf(text);
  if (phraseAt(folded, 0, BRANCH_KINDS)) return titleBranch(text);
  if (!numbered || !phraseAt(folded, 0, PLACE_WORDS) || folded.length < 2) return null;
  return asUnitName(words, folded, 0);
}
