import { foldText } from '../../common/text/vietnamese-text.js';
import type { CommuneFromAddress } from '../../geography/commune-from-address.js';

/** The words that open a commune's name in a title (folded), and the two that only look like one. */
const COMMUNE_WORDS = ['xa', 'phuong', 'thi tran', 'dac khu'];
/** "Thị xã" is a town of the old districts; "xã hội" is the Republic's motto ("Cộng hòa xã hội chủ nghĩa…"). */
const NOT_A_COMMUNE = (folded: string[], i: number) => folded[i] === 'xa' && (folded[i - 1] === 'thi' || folded[i + 1] === 'hoi');
/** What ends the place in a title: its term, the list's own words (folded); its year, date or quarter when a number follows. */
const PLACE_END = ['nhiem ky', 'tinh den', 'den ngay', 'giai doan', 'danh sach'];
const DATED = ['nam', 'ngay', 'thang', 'quy'];

/**
 * The place a roster's title names, from its commune on ("DANH SÁCH HỘI VIÊN CHI HỘI BẢN NÀ SANG, XÃ
 * THANH LUÔNG, HUYỆN ĐIỆN BIÊN NĂM 2025" → "XÃ THANH LUÔNG, HUYỆN ĐIỆN BIÊN"), to be read as an address
 * (geography/commune-from-address.ts: an old commune's name with its district gives its successor);
 * null when the line names no commune. A commune's secretary writes her commune once, in the title,
 * not on every row: the import takes it for the rows that say none (import-planner.ts).
 */
export function titleCommune(line: string): string | null {
  const words = line
    .replace(/\s+[-–]\s+/g, ', ')
    .split(/\s+/)
    .filter(Boolean);
  const folded = words.map((w) => foldText(w.replace(/[^\p{L}\p{M}\p{N}]/gu, '')));
  const at = (i: number, phrases: string[]) => phrases.find((p) => folded.slice(i, i + p.split(' ').length).join(' ') === p);
  for (let i = 0; i < words.length; i++) {
    const kind = at(i, COMMUNE_WORDS);
    if (!kind || NOT_A_COMMUNE(folded, i)) continue;
    let end = i + kind.split(' ').length;
    const nameStart = end;
    const ends = (j: number) =>
      !!at(j, PLACE_END) || (DATED.includes(folded[j]) && /^[\dIVX]/.test(words[j + 1] ?? '')) || words[j].startsWith('(');
    while (end < words.length && !ends(end)) end++;
    if (end === nameStart) continue;
    return words
      .slice(i, end)
      .join(' ')
      .replace(/[,.;:]+$/, '');
  }
  return null;
}

/** The code of the commune a title line's cells name, read as an address (an old name gives its successor); null when it finds none. */
export function communeOfTitle(cells: string[], address: ((text: string) => CommuneFromAddress) | undefined): string | null {
  const place = cells.map((c) => (c ? titleCommune(c) : null)).find(Boolean);
  const read = place && address?.(place);
  return read && !read.bare ? read.communeCode : null;
}
