/**
 * Vietnamese text normalization: pure functions, no I/O.
 *
 * - `canonicalText` gives one spelling for the same words: NFC, single spaces and the classic
 *   tone placement (hòa, khỏe, thủy — not hoà, khoẻ, thuỷ), which NFC alone does not unify.
 * - `foldText` gives a search/blocking key: lower case, no tone or vowel marks, đ → d.
 *   Folding merges distinct names (Hùng/Hưng), so it is for finding, never for deciding.
 *
 * Both run for every cell of every roster row, several times a row: they work word by word and
 * remember the words they have seen (a province's names are made of a few thousand syllables),
 * which made them the import's largest cost no more (issue 17).
 */
import { rememberText } from './remember-text.js';

/** Base vowels (after removing the tone mark), lower case. */
const VOWELS = new Set(['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']);
/** Vowels carrying a shape mark take the tone in a cluster (ươ takes it on ơ). */
const MARKED_VOWELS = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);

/** Removes the tone mark of one syllable; returns the toneless NFC syllable and the tone mark. */
function splitTone(syllable: string): { bare: string; tone: string | null } {
  let tone: string | null = null;
  const bare = syllable
    .normalize('NFD')
    .replace(/[\u0300\u0301\u0303\u0309\u0323]/g, (mark) => {
      tone = mark;
      return '';
    })
    .normalize('NFC');
  return { bare, tone };
}

/** Index of the vowel that carries the tone in a toneless syllable, or -1. */
export function tonePosition(bare: string): number {
  const lower = bare.toLowerCase();
  const chars = [...lower];
  let start = 0;
  // "qu" and "gi" before another vowel are onsets: their u / i is not part of the vowel cluster.
  if (chars[0] === 'q' && chars[1] === 'u') start = 2;
  else if (chars[0] === 'g' && chars[1] === 'i' && chars.length > 2 && VOWELS.has(chars[2])) start = 2;
  while (start < chars.length && !VOWELS.has(chars[start])) start++;
  if (start >= chars.length) {
    // "gi" alone (gì): the i is the vowel.
    const i = chars.indexOf('i');
    return i;
  }
  let end = start;
  while (end < chars.length && VOWELS.has(chars[end])) end++;
  const cluster = chars.slice(start, end);
  const hasFinal = end < chars.length;
  const marked = cluster.map((c, i) => (MARKED_VOWELS.has(c) ? i : -1)).filter((i) => i >= 0);
  if (marked.length > 0) return start + marked[marked.length - 1];
  if (cluster.length === 1) return start;
  if (hasFinal) return start + cluster.length - 1;
  if (cluster.length === 2) return start; // hòa, thủy, khỏe, mái, cúi
  return start + 1; // oai → oái, oay → oáy, uyu → uỷu
}

/** Puts the tone mark of one syllable where the classic spelling puts it. */
export const canonicalSyllable = rememberText(placeTone);

function placeTone(syllable: string): string {
  const { bare, tone } = splitTone(syllable);
  if (!tone) return bare;
  const pos = tonePosition(bare);
  if (pos < 0) return syllable.normalize('NFC');
  const chars = [...bare];
  chars[pos] = (chars[pos] + tone).normalize('NFC');
  return chars.join('');
}

/** NFC, trimmed, single-spaced, classic tone placement. Keeps case. */
export function canonicalText(input: string): string {
  let out = '';
  for (const word of input.split(/[\s\u00a0]+/)) if (word) out = out ? `${out} ${canonicalWord(word)}` : canonicalWord(word);
  return out;
}

// NFC composes nothing across a space: each word alone gives the same text.
const canonicalWord = rememberText((word: string) => word.normalize('NFC').replace(/[\p{L}\p{M}]+/gu, (w) => canonicalSyllable(w)));

/** Folded key: lower case, no marks, đ → d, punctuation to spaces, single spaces. */
export function foldText(input: string): string {
  // Whitespace is punctuation to the fold: folding each word alone gives the same key.
  let out = '';
  for (const word of input.split(/\s+/)) {
    if (!word) continue;
    const folded = foldWord(word);
    if (folded) out = out ? `${out} ${folded}` : folded;
  }
  return out;
}

const foldWord = rememberText((input: string) =>
  input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim(),
);

/** "NGUYỄN  văn an" → "Nguyễn Văn An", canonical spelling. */
export function titleCaseName(input: string): string {
  return canonicalText(input).split(' ').map(titleCaseWord).join(' ');
}

const titleCaseWord = rememberText((word: string) =>
  word.toLowerCase().replace(/(^|['-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase()),
);

/** The order Vietnamese lists use: Thôn 2 before Thôn 10, Đ after D, Mường Ảng before Mường Chà. */
export const VIETNAMESE_ORDER = new Intl.Collator('vi', { numeric: true });

/** Names in that order, the missing (null) last. */
export const byVietnameseName = (a: string | null, b: string | null): number =>
  a === null || b === null ? (a === null ? 1 : 0) - (b === null ? 1 : 0) : VIETNAMESE_ORDER.compare(a, b);
