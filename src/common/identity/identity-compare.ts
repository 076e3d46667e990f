import { canonicalText, foldText } from '../text/vietnamese-text.js';
import { FAMILY_VARIANTS, SEX_MARKERS } from './person-name.js';

/**
 * The linker's view of a name, a date, an ID number, a phone: normalized once per record, then
 * compared pair by pair into comparison levels (pure functions; the model weighs the levels).
 */

/** Middle names that only mark sex and are often dropped in one list and kept in another. */
const MARKER_WORDS = new Set(Object.keys(SEX_MARKERS));

export interface LinkName {
  /** Folded family name, Huỳnh → hoang, Võ → vu. */
  family: string;
  /** Folded middle names without Thị/Văn. */
  middle: string;
  /** Folded given name. */
  given: string;
  /** family + middle + given (folded, unified): the name's blocking and frequency key. */
  key: string;
  /** Lower-case marked form (canonical tone placement) without the family name; '' when typed without marks. */
  marked: string;
}

/** A full name's words: NFC, classic tone placement, lower case. */
const nameParts = (fullName: string): string[] => canonicalText(fullName).toLowerCase().split(/\s+/).filter(Boolean);

/** The words folded, the family name read one way (Huỳnh → hoang) when there is one. */
function foldedWords(parts: string[]): string[] {
  const w = parts.map((p) => foldText(p));
  if (w.length > 1) w[0] = FAMILY_VARIANTS[w[0]] ?? w[0];
  return w;
}

const hasMarks = (s: string) => /[^\x00-\x7f]/.test(s);

/** A full name as the linker compares it: NFC, classic tone placement, case and spacing folded away. */
export function linkName(fullName: string): LinkName {
  const parts = nameParts(fullName);
  const folded = foldedWords(parts);
  const family = folded.length > 1 ? folded[0] : '';
  const given = folded[folded.length - 1] ?? '';
  const middle = folded
    .slice(1, -1)
    .filter((m) => !MARKER_WORDS.has(m))
    .join(' ');
  const rest = parts.slice(folded.length > 1 ? 1 : 0);
  return {
    family,
    middle,
    given,
    key: [family, middle, given].filter(Boolean).join(' '),
    marked: hasMarks(rest.join(' ')) ? rest.join(' ') : '',
  };
}

export enum NameLevel {
  /** The same name (Hoàng/Huỳnh, Vũ/Võ, tone placement, case, a dropped Thị/Văn aside). */
  SAME = 'SAME',
  /** The same letters but other marks (Hùng/Hưng, Đức/Dục): often two people. */
  MARKS_DIFFER = 'MARKS_DIFFER',
  /** Family and given name agree, a middle name differs or is missing. */
  MIDDLE_DIFFERS = 'MIDDLE_DIFFERS',
  /** One typing slip in the given or family name (a swapped or dropped letter). */
  TYPO = 'TYPO',
  DIFFERENT = 'DIFFERENT',
}

export function compareNames(a: LinkName, b: LinkName): NameLevel {
  if (a.key === b.key)
    return a.marked && b.marked && a.marked !== b.marked && !sameUpToSexMarker(a.marked, b.marked)
      ? NameLevel.MARKS_DIFFER
      : NameLevel.SAME;
  if (a.family === b.family && a.given === b.given) return NameLevel.MIDDLE_DIFFERS;
  if (
    a.middle === b.middle &&
    ((a.family === b.family && oneSlip(a.given, b.given)) || (a.given === b.given && oneSlip(a.family, b.family)))
  )
    return NameLevel.TYPO;
  return NameLevel.DIFFERENT;
}

/** Words without the Thị/Văn between the first and the last (a list drops them; a name may end in one: "Tòng Thị"). */
const withoutInnerMarkers = (w: string[]): string[] => w.filter((x, i) => i === 0 || i === w.length - 1 || !MARKER_WORDS.has(x));

/**
 * One full name is the other with a last word more (Lường Thị Thu → Lường Thị Thu Trang, Tòng Thị →
 * Tòng Thị Ánh: a word the list left out, now added, or dropped), Thị/Văn inside aside. compareNames
 * calls them DIFFERENT, as they may well be two people; an import holds them for the secretariat,
 * never merges them.
 */
export function oneWordLonger(a: string, b: string): boolean {
  const grows = (long: string[], short: string[]) =>
    long.length >= 3 && short.length >= 2 && withoutInnerMarkers(long.slice(0, -1)).join(' ') === withoutInnerMarkers(short).join(' ');
  const [x, y] = [foldedWords(nameParts(a)), foldedWords(nameParts(b))];
  return grows(x, y) || grows(y, x);
}

/** The folded given name of a folded full name without its last word (the name a record with a word less carries), or null. */
export function shorterGiven(folded: string): string | null {
  const words = folded.split(' ').filter(Boolean);
  return words.length >= 3 ? words[words.length - 2] : null;
}

/** Marked forms that differ only by a Thị/Văn present in one of them. */
function sameUpToSexMarker(a: string, b: string): boolean {
  const strip = (s: string) =>
    s
      .split(' ')
      .filter((w) => !MARKER_WORDS.has(foldText(w)))
      .join(' ');
  return strip(a) === strip(b);
}

/** One edit a hurried typist makes: a letter dropped, added, replaced, or two neighbours swapped. */
export function oneSlip(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.min(a.length, b.length) < 2) return false;
  if (a.length === b.length) return replacedOrSwapped(a, b);
  if (Math.abs(a.length - b.length) !== 1) return false;
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

/** A birth date as stored: ISO date and its precision (`DAY`, or `YEAR` for a year alone). */
export interface LinkDate {
  year: number;
  month: number;
  day: number;
  /** Only the year is known: written as a year, or the 01/01 placeholder of undated births. */
  yearOnly: boolean;
  /** Written as a full date, 01/01: the placeholder of undated births. */
  placeholder: boolean;
  /** The ISO date when the day is known (the frequency key), else `yyyy`. */
  key: string;
}

export function linkDate(iso: string | null, precision: string | null): LinkDate | null {
  if (!iso) return null;
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  // 01/01 is what registers write when only the year is known: as weak as a year alone.
  const placeholder = precision === 'DAY' && month === 1 && day === 1;
  const yearOnly = precision !== 'DAY' || placeholder;
  return { year, month, day, yearOnly, placeholder, key: yearOnly ? String(year) : iso.slice(0, 10) };
}

export enum BirthLevel {
  /** The same day (both known to the day). */
  SAME_DAY = 'SAME_DAY',
  /** Day and month swapped (a US-locale spreadsheet). */
  SWAPPED = 'SWAPPED',
  /** The same year, one or both known only to the year (or both written 01/01). */
  SAME_YEAR = 'SAME_YEAR',
  /**
   * The same year, one known to the day and the other written 01/01, the placeholder of undated
   * births: a level of its own, since whether such a pair is one person differs from a year written
   * alone, and by province (EM learns it from each run's records).
   */
  PLACEHOLDER = 'PLACEHOLDER',
  /** The same year, both known to the day, other days. */
  DAY_DIFFERS = 'DAY_DIFFERS',
  /** One year apart. */
  NEAR_YEAR = 'NEAR_YEAR',
  DIFFERENT = 'DIFFERENT',
  MISSING = 'MISSING',
}

export function compareBirth(a: LinkDate | null, b: LinkDate | null): BirthLevel {
  if (!a || !b) return BirthLevel.MISSING;
  if (a.year !== b.year) return Math.abs(a.year - b.year) === 1 ? BirthLevel.NEAR_YEAR : BirthLevel.DIFFERENT;
  if (a.yearOnly !== b.yearOnly && (a.yearOnly ? a : b).placeholder) return BirthLevel.PLACEHOLDER;
  if (a.yearOnly || b.yearOnly) return BirthLevel.SAME_YEAR;
  if (a.month === b.month && a.day === b.day) return BirthLevel.SAME_DAY;
  if (a.month === b.day && a.day === b.month) return BirthLevel.SWAPPED;
  return BirthLevel.DAY_DIFFERS;
}

export enum IdLevel {
  /** The same 12-digit số định danh. */
  SAME = 'SAME',
  /** One digit differs, or two neighbouring digits are swapped: a likely typing slip. */
  ONE_SLIP = 'ONE_SLIP',
  /** Two 12-digit numbers that differ in two places or more: never the same person automatically. */
  DIFFERENT = 'DIFFERENT',
  /** The same 9-digit CMND: weak (numbers were issued twice, a person who moved got another). */
  SAME_CMND = 'SAME_CMND',
  /** One side has no number, or they are of different kinds. */
  MISSING = 'MISSING',
}

/** Compares two ID numbers given as keyed hashes, with the clear digits fetched only when the hashes differ. */
export function compareIds(
  a: { hash: string | null; kind: string | null },
  b: { hash: string | null; kind: string | null },
  digits: () => [string, string] | null,
): IdLevel {
  if (!a.hash || !b.hash || a.kind !== b.kind) return IdLevel.MISSING;
  if (a.kind === 'CMND') return a.hash === b.hash ? IdLevel.SAME_CMND : IdLevel.MISSING;
  if (a.hash === b.hash) return IdLevel.SAME;
  const d = digits();
  return d && oneDigitSlip(d[0], d[1]) ? IdLevel.ONE_SLIP : IdLevel.DIFFERENT;
}

/** 12 digits that differ in one position, or by one swap of neighbours. */
export function oneDigitSlip(a: string, b: string): boolean {
  return a.length === b.length && replacedOrSwapped(a, b);
}

/** Two strings of one length that differ in one position, or by one swap of neighbours. */
function replacedOrSwapped(a: string, b: string): boolean {
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length < 3; i++) if (a[i] !== b[i]) diff.push(i);
  if (diff.length === 1) return true;
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

export enum SimpleLevel {
  SAME = 'SAME',
  DIFFERENT = 'DIFFERENT',
  MISSING = 'MISSING',
}

export function compareValues(a: string | null, b: string | null): SimpleLevel {
  if (!a || !b) return SimpleLevel.MISSING;
  return a === b ? SimpleLevel.SAME : SimpleLevel.DIFFERENT;
}

export enum CommuneLevel {
  /** The same commune today (an old code read as today's commune it became). */
  SAME = 'SAME',
  /** Communes close in the official numbering: a neighbour, where a person who moved is found. */
  NEAR = 'NEAR',
  DIFFERENT = 'DIFFERENT',
  MISSING = 'MISSING',
}

/**
 * Commune codes at most this far apart are neighbours: the GSO numbers the communes of a district
 * one after another (in steps of about three), so a few places apart in the official order is a
 * neighbouring commune of the same old district, a move a roster does not yet know.
 */
export const NEAR_CODE_GAP = 15;

/** The communes a record may be in: its current code, or the candidates of an old commune split across several new ones. */
export const communesOf = (c: { code: string | null; candidates: string[] }): string[] => (c.code ? [c.code] : c.candidates);

/** Communes: the current code, or the candidates of an old commune split across several new ones. */
export function compareCommunes(
  a: { code: string | null; candidates: string[] },
  b: { code: string | null; candidates: string[] },
): CommuneLevel {
  // Two known communes (most pairs): the same code, or codes close in the numbering.
  if (a.code && b.code)
    return a.code === b.code ? CommuneLevel.SAME : nearCodes(a.code, b.code) ? CommuneLevel.NEAR : CommuneLevel.DIFFERENT;
  const as = communesOf(a);
  const bs = communesOf(b);
  if (!as.length || !bs.length) return CommuneLevel.MISSING;
  if (as.some((c) => bs.includes(c))) return CommuneLevel.SAME;
  const near = as.some((x) => bs.some((y) => nearCodes(x, y)));
  return near ? CommuneLevel.NEAR : CommuneLevel.DIFFERENT;
}

const nearCodes = (x: string, y: string) => Math.abs(Number(x) - Number(y)) <= NEAR_CODE_GAP;
