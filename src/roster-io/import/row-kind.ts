import { foldText } from '../../common/text/vietnamese-text.js';
import type { HeaderMatch } from '../roster-columns.js';
import { nameLikeness } from '../reading/name-cell.js';
import { isColumnNumberRow } from './header-rows.js';
import type { RosterRow } from './roster-row.js';

/** A row under the header: a member's (kept or refused on its own problems), or not a member at all. */
export type RowKind = { kind: 'member' } | { kind: 'skipped'; reason: string };

/** Fields whose value, once read, says the row is about a person: no title, total or signature line has one. */
const EVIDENCE = ['birthDate', 'sex', 'idNumber', 'phone', 'joinDate', 'lastActivityDate', 'lastDuesDate', 'communeCode'] as const;

/**
 * Tells a member row from the rest BY STRUCTURE: a member row has a name-like value in the name column
 * and some other member field read as a value (a date, a sex, an ID, a phone, a code). A row with no
 * such field, or no name and a single cell, is not a member: a totals line, a place-and-date line, a
 * signature title — and a name alone after the member block ended (`ended`: a non-member line was seen
 * after members) is a signer's name. A name alone before that is a member (a roster of names). Words
 * only choose how the reason is said.
 */
export function rowKind(cells: string[], row: RosterRow, header: HeaderMatch, ended: boolean): RowKind {
  if (isColumnNumberRow(cells)) return skipped('dòng đánh số cột (1), (2), (3)…');
  const filled = cells.flatMap((c, i) => ((c ?? '').trim() ? [i] : []));
  if (filled.length === 1 && filled[0] === header.rowNumber) return skipped('dòng chỉ có số thứ tự (STT), không có hội viên');
  const name = nameText(cells, header);
  // One cell and no name is a line of text (place and date, a title) whatever a reader makes of it
  // (`Thanh Nưa, ngày 15 tháng 11 năm 2026` reads as a commune or a year): a refused member has more.
  if (!name && filled.length === 1) return skipped(lineKind(cells[filled[0]].trim()));
  const evidence =
    EVIDENCE.some((k) => row.fields[k]) ||
    !!row.status ||
    (!!row.externalId && !row.problems.some((p) => p.message.startsWith('Mã hồ sơ')));
  if (evidence) return { kind: 'member' };
  if (name && nameLikeness(name).nameLike)
    return ended ? skipped(`chỉ có họ tên '${name}' sau khi danh sách đã hết (tên người ký)`) : { kind: 'member' };
  return skipped(lineKind(filled.map((i) => cells[i].trim()).join(' ')));
}

/** The text of the name column (or the split name joined). */
function nameText(cells: string[], header: HeaderMatch): string {
  const columns = nameColumns(header);
  const at = (key: keyof typeof columns) => {
    const i = columns[key];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  return at('fullName') || [at('familyMiddle'), at('givenName')].filter(Boolean).join(' ');
}

/** The name columns of a header, found once per header (this runs for every row). */
const NAME_COLUMNS = new WeakMap<HeaderMatch, Record<'fullName' | 'familyMiddle' | 'givenName', number | undefined>>();
function nameColumns(header: HeaderMatch): Record<'fullName' | 'familyMiddle' | 'givenName', number | undefined> {
  let found = NAME_COLUMNS.get(header);
  if (!found) {
    const at = (key: string) => [...header.fields].find(([, c]) => c.key === key)?.[0];
    found = { fullName: at('fullName'), familyMiddle: at('familyMiddle'), givenName: at('givenName') };
    NAME_COLUMNS.set(header, found);
  }
  return found;
}

/** How a non-member line is named in the report. */
function lineKind(text: string): string {
  const f = foldText(text);
  if (/\bngay\b.*\bthang\b/.test(f)) return `dòng địa danh, ngày tháng ('${text}')`;
  if (/\b(tong|cong)\b/.test(f) || /^\d+$/.test(text)) return `dòng tổng cộng ('${text}')`;
  if (text === text.toUpperCase() || nameLikeness(text).nameLike) return `dòng chữ ký hoặc tiêu đề ('${text}')`;
  return `không có họ tên và thông tin hội viên ('${text}')`;
}

const skipped = (why: string): RowKind => ({ kind: 'skipped', reason: `bỏ qua: ${why}` });
