import type { PartialDate } from '../../common/dates/partial-date.js';
import type { Sex } from '../../common/identity/id-number.js';
import { parseSex } from '../../common/identity/person-name.js';
import { foldText } from '../../common/text/vietnamese-text.js';
import { cellShown, cellValue, type CellReading } from './cell.js';
import { readDateCell, type DateCellOptions } from './date-cell.js';

/** A mark put in the column of the person's sex: `x`, `X`, a tick. */
const MARK = /^[xX✓✔vV]$/;
/** What marks a `Nam` | `Nữ` column besides MARK: a 1, or the sex's own word (folded). */
const COLUMN_MARKS = new Set(['1', 'nam', 'nu']);
const SEX_OF_COLUMN: Record<string, Sex> = { nam: 'MALE', nu: 'FEMALE' };

/**
 * A sex cell: Nam/Nữ in any case (and the variants parseSex knows), or a mark under a column headed
 * `Nam` or `Nữ` (`column`: the header of the cell's own column, the sub-column under a merged
 * `Giới tính`). A mark in a plain `Giới tính` column says nothing: refused with what to write.
 * `whenEmpty`: the sex an empty cell means, for an organization that admits only one (the caller
 * decides; nothing is assumed here).
 */
export function readSexCell(raw: unknown, opts: { column?: string; whenEmpty?: Sex } = {}): CellReading<Sex> {
  const cell = cellValue(raw);
  if (cell.kind === 'empty') return { value: opts.whenEmpty ?? null };
  const text = cellShown(raw);
  if (MARK.test(text)) {
    const sex = SEX_OF_COLUMN[foldText(opts.column ?? '')];
    if (sex) return { value: sex };
    return { value: null, problem: `Giới tính '${text}' không cho biết Nam hay Nữ: hãy ghi Nam hoặc Nữ` };
  }
  const parsed = parseSex(text);
  if (parsed.ok) return { value: parsed.value };
  return { value: null, problem: `Giới tính: ${parsed.reason}: hãy ghi Nam hoặc Nữ` };
}

export interface SexAndBirth {
  sex: Sex | null;
  birth: PartialDate | null;
  warning?: string;
  problem?: string;
}

/**
 * The classic layout `Năm sinh` over `Nam` | `Nữ` (or `Nam` | `Nữ` columns of their own): the year (or
 * a full date) is written in the column of the person's sex, the other left empty, so one pair of
 * cells gives both. A mark instead of a year (x, ✓, 1, the sex's word) gives the sex alone; both
 * columns filled is refused (which one is true cannot be known), both marked or a word against its
 * column is a warning without a sex.
 */
export function readBirthBySexColumns(male: unknown, female: unknown, opts: Omit<DateCellOptions, 'kind'>): SexAndBirth {
  const cells = [cellValue(male), cellValue(female)];
  const filled = cells.flatMap((c, i) => (c.kind === 'empty' ? [] : [i]));
  if (filled.length === 0) return { sex: null, birth: null };
  const marks = [male, female].map(markOf);
  if (marks[0] && marks[1])
    return { sex: null, birth: null, warning: 'Giới tính: đánh dấu ở cả cột Nam và cột Nữ: chưa ghi giới tính, hãy chỉ đánh dấu một cột' };
  if (filled.length === 2) {
    const shown = [male, female].map(cellShown);
    return {
      sex: null,
      birth: null,
      problem: `Năm sinh ghi ở cả cột Nam ('${shown[0]}') và cột Nữ ('${shown[1]}'): hãy chỉ ghi năm sinh vào cột đúng giới tính`,
    };
  }
  const i = filled[0];
  const sex: Sex = i === 0 ? 'MALE' : 'FEMALE';
  const mark = marks[i];
  if (mark && mark !== 'MARK' && mark !== sex)
    return {
      sex: null,
      birth: null,
      warning: `Giới tính: cột ${i === 0 ? 'Nam' : 'Nữ'} ghi '${cellShown(i === 0 ? male : female)}': chưa ghi giới tính, hãy ghi lại`,
    };
  if (mark) return { sex, birth: null };
  const read = readDateCell(i === 0 ? male : female, { ...opts, kind: 'BIRTH', label: 'Năm sinh' });
  return { sex, birth: read.value, warning: read.warning, problem: read.problem };
}

/** A cell marking its column (`MARK`: a mark that says no sex itself), the sex a word in it says, or null (a year, a date, text). */
function markOf(raw: unknown): Sex | 'MARK' | null {
  const cell = cellValue(raw);
  if (cell.kind === 'number') return cell.n === 1 ? 'MARK' : null;
  if (cell.kind !== 'text') return null;
  if (MARK.test(cell.text)) return 'MARK';
  const word = foldText(cell.text);
  if (!COLUMN_MARKS.has(word)) return null;
  return word === '1' ? 'MARK' : SEX_OF_COLUMN[word];
}
