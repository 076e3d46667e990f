import { maskPhone, parsePhone } from '../../common/identity/phone.js';
import { foldText } from '../../common/text/vietnamese-text.js';
import { SPLIT_NAME_FIELDS, type HeaderMatch } from '../roster-columns.js';
import { nameLikeness } from '../reading/name-cell.js';
import { sectionBranch } from '../reading/unit-cell.js';
import { isColumnNumberRow } from './header-rows.js';
import { SKIP_REASONS } from './import-messages.js';
import type { RosterRow } from './roster-row.js';

/**
 * A row under the header: a member's (kept or refused on its own problems), or not a member at all —
 * skipped with why, and whether it ends the list (a totals, date or signature line: a name alone
 * after it is a signer's, not a member's).
 */
export type RowKind =
  | { kind: 'member' }
  /** `branch`: a heading that names the branch of the members under it ("I. CHI HỘI BẢN HUA THANH"). */
  | { kind: 'skipped'; reason: string; endsList: boolean; branch?: string };

/** Fields whose value, once read, says the row is about a person: no title, total or signature line has one. */
const EVIDENCE = ['birthDate', 'sex', 'idNumber', 'phone', 'joinDate', 'lastActivityDate', 'lastDuesDate'] as const;

/**
 * How the lines under a roster's members begin (folded: no accents, no case, punctuation as spaces):
 * the signature block's titles and its "(Ký, ghi rõ họ tên)".
 */
const TITLE_STARTS = [
  'nguoi lap', 'lap bieu', 'tm', 't m', 'thay mat', 'chu tich', 'pho chu tich', 'bi thu', 'pho bi thu', 'ban chap hanh',
  'ban thuong vu', 'xac nhan', 'ky', 'ki', 'da ky', 'nguoi ky', 'ke toan', 'thu quy', 'thu truong', 'truong ban',
  'chi hoi truong', 'to truong', 'doan truong',
]; // prettier-ignore

/** A place-and-date line: `Bản Phủ, ngày 15 tháng 11 năm 2026`. */
const isDateLine = (folded: string): boolean => /\bngay\b.*\bthang\b/.test(folded);
/** A totals line: `Tổng cộng: 120 hội viên`, `Tổng số …`, `Cộng: 5` (not `Công nhân`: `cộng` is matched with its accent). */
const isTotalLine = (text: string, folded: string): boolean =>
  /^tong (cong|so)\b/.test(folded) || /^cộng(?=$|[\s:.,])/.test(text.trim().normalize('NFC').toLowerCase());

/** A row number as she writes one under STT: `15`, `15.`, `3a`, `II` (a total typed across STT is none). */
const isRowNumber = (cell: string): boolean => /^(\d+[a-z]?|[ivxlc]+)[.)]?$/i.test(cell.trim());

/**
 * A cell of the roster's footer: a total or a place-and-date line (`'line'`: no member's cell reads
 * so), or a signature title (`'title'`: a member's position column may hold one, `Chi hội trưởng`).
 */
function footerText(text: string): 'line' | 'title' | null {
  const f = foldText(text);
  if (isDateLine(f) || isTotalLine(text, f)) return 'line';
  return TITLE_STARTS.some((p) => f === p || f.startsWith(`${p} `)) ? 'title' : null;
}

/**
 * A line of the footer with no person on it (no name-like name, no ID number, no phone): its name
 * cell is a total, a date or a title; or, its name cell empty, another cell is a total or a date
 * line — or a title once the list has ended. Such a line is skipped even when one of its cells reads
 * as a member field (a date, a count under Mã hồ sơ): it is no member row to refuse.
 */
function isFooterLine(name: string, texts: string[], row: RosterRow, ended: boolean): boolean {
  if (row.fields.idNumber || row.fields.phone) return false;
  if (name) return !nameLikeness(name).nameLike && footerText(name) !== null;
  return texts.some((t) => {
    const kind = footerText(t);
    return kind === 'line' || (kind === 'title' && ended);
  });
}

/**
 * Tells a member row from the rest BY STRUCTURE: a member row has a name-like value in the name column
 * and some other member field read as a value (a date, a sex, an ID, a phone, a commune code, a code).
 * A row with no such field, or no name and a single cell, is not a member: a totals line, a
 * place-and-date line, a signature title — and a name alone after the member block ended (`ended`: a
 * non-member line was seen after members) is a signer's name. A name alone before that is a member (a
 * roster of names). A footer line with no person on it (isFooterLine) is skipped even when a cell of
 * it reads as a member field. Words only choose how the reason is said, and tell a footer line from a
 * member row refused for its name.
 */
export function rowKind(cells: string[], row: RosterRow, header: HeaderMatch, ended: boolean): RowKind {
  if (isColumnNumberRow(cells)) return skipped(SKIP_REASONS.columnNumbers, false);
  const filled = cells.flatMap((c, i) => ((c ?? '').trim() ? [i] : []));
  if (filled.length === 1 && filled[0] === header.rowNumber && isRowNumber(cells[filled[0]])) {
    return skipped(SKIP_REASONS.rowNumberOnly, false);
  }
  const name = nameText(cells, header);
  // Her text, but the row's number (a total written across the STT column stays in).
  const texts = filled.filter((i) => i !== header.rowNumber || !/^\d+$/.test(cells[i].trim())).map((i) => cells[i].trim());
  // A heading between her members ("I. CHI HỘI BẢN HUA THANH", its number under STT or not): those under it are that branch's.
  const heading = !EVIDENCE.some((k) => row.fields[k]) && !row.status && headingBranch(texts);
  if (heading) {
    const reason = SKIP_REASONS.skipped(SKIP_REASONS.section(heading.text, heading.branch));
    return { kind: 'skipped', reason, endsList: false, branch: heading.branch };
  }
  // One cell and no name is a line of text (place and date, a title) whatever a reader makes of it
  // (`Thanh Nưa, ngày 15 tháng 11 năm 2026` reads as a commune or a year): a refused member has more.
  if (!name && filled.length === 1) {
    const text = cells[filled[0]].trim();
    // A phone alone (a second line of the member above, its other cells merged): said as it is, the list goes on.
    if (/^[\d\s.+]{9,}$/.test(text) && parsePhone(text).ok)
      return skipped(SKIP_REASONS.phoneOnly(maskPhone(text.replace(/\D/g, ''))), false);
    return skipped(lineKind(text));
  }
  if (isFooterLine(name, texts, row, ended)) return skipped(lineKind(texts.join(' ')));
  const evidence =
    EVIDENCE.some((k) => row.fields[k]) ||
    // A commune is a code (digits) or one read from an address; a title typed under Mã xã is none.
    /\d/.test(row.fields.communeCode ?? '') ||
    !!row.status ||
    (!!row.externalId && !row.problems.some((p) => p.message.startsWith('Mã hồ sơ')));
  if (evidence) return { kind: 'member' };
  if (name && nameLikeness(name).nameLike) return ended ? skipped(SKIP_REASONS.signerName(name)) : { kind: 'member' };
  return skipped(lineKind(texts.join(' ')));
}

/** The branch a line's first cell (or its first two: a section's number, then its name) names as a heading. */
function headingBranch(texts: string[]): { text: string; branch: string } | null {
  if (!texts.length || footerText(texts[0])) return null;
  for (const text of [texts[0], texts.slice(0, 2).join(' ')]) {
    const branch = sectionBranch(text);
    if (branch) return { text, branch };
  }
  return null;
}

/** The text of the name column (or the split name joined). */
function nameText(cells: string[], header: HeaderMatch): string {
  const columns = nameColumns(header);
  const at = (key: keyof typeof columns) => {
    const i = columns[key];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  return at('fullName') || SPLIT_NAME_FIELDS.map(at).filter(Boolean).join(' ');
}

/** The name columns of a header, found once per header (this runs for every row). */
const NAME_COLUMNS = new WeakMap<HeaderMatch, Record<'fullName' | 'familyMiddle' | 'middleName' | 'givenName', number | undefined>>();
function nameColumns(header: HeaderMatch): Record<'fullName' | 'familyMiddle' | 'middleName' | 'givenName', number | undefined> {
  let found = NAME_COLUMNS.get(header);
  if (!found) {
    const at = (key: string) => [...header.fields].find(([, c]) => c.key === key)?.[0];
    found = { fullName: at('fullName'), familyMiddle: at('familyMiddle'), middleName: at('middleName'), givenName: at('givenName') };
    NAME_COLUMNS.set(header, found);
  }
  return found;
}

/** How a non-member line is named in the report. */
function lineKind(text: string): string {
  const f = foldText(text);
  if (isDateLine(f)) return SKIP_REASONS.placeAndDate(text);
  if (/\b(tong|cong)\b/.test(f) || /^\d+$/.test(text)) return SKIP_REASONS.total(text);
  if (footerText(text) || text === text.toUpperCase() || nameLikeness(text).nameLike) return SKIP_REASONS.signature(text);
  return SKIP_REASONS.noMember(text);
}

const skipped = (why: string, endsList = true): RowKind => ({ kind: 'skipped', reason: SKIP_REASONS.skipped(why), endsList });
