import { createHash } from 'node:crypto';
import { DomainError } from '../../common/errors/domain-error.js';
import { maskPhone } from '../../common/identity/phone.js';
import { legacyEncoding, legacyEncodingMessage, type SourceRow } from '../../common/files/tabular-source.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import type { ImportJob } from '../import-job.entity.js';
import {
  columnNamed,
  columnsByKey,
  importColumns,
  matchHeader,
  templateColumns,
  type HeaderMatch,
  type RosterColumn,
} from '../roster-columns.js';
import { twoRowHeader } from './header-rows.js';
import { herHeader, unusedColumns, withMapping } from './her-header.js';
import { herCells, type HerRow } from './her-rows.js';
import type { ImportSummary } from './import.types.js';
import { readRosterRow, type RosterRow, type RowReadingContext } from './roster-row.js';
import { SKIP_REASONS, sectionLabel } from './import-messages.js';
import { rowKind } from './row-kind.js';
import { titleBranch } from '../reading/unit-cell.js';
import { communeOfTitle } from '../reading/title-commune.js';
import { withDitto } from '../reading/ditto-cell.js';
import { inSection, withMergedGroups, type Section } from './row-groups.js';
import { columnLetter, refuseUnreadable, withUnreadableShown } from './unreadable-cells.js';

/** A data row of the file, read against its sheet's header. */
export interface SheetRow {
  kind: 'row';
  /** Its place among the file's data rows (1, 2, …): what a resumed job counts committed rows by. */
  ordinal: number;
  source: SourceRow;
  row: RosterRow;
  /** The row's values in template order (kept with a rejected row). */
  templateCells: () => string[];
  /** Her row as her file had it, with the code it got (for the error and result files). */
  her: () => HerRow;
  /** Its code was assigned by this import (`assignIds`, or a sheet without Mã hồ sơ): the row goes into the result file. */
  inResult: boolean;
  /** The reader gave it its code (she wrote none): matched against the known members before it gets a new record. */
  codeAssigned: boolean;
  /** The branch her sheet's title names ("Danh sách hội viên Chi hội thôn Nà Sang"), folded; null: none. */
  titleBranch: string | null;
}

/** A row under a header that is no member (a totals, date or signature line, an STT alone): counted and reported, never written. */
export interface SkippedRow {
  kind: 'skipped';
  source: SourceRow;
  /** In Vietnamese, by structure: `bỏ qua: dòng tổng cộng ('Tổng cộng: 15 hội viên')`. */
  reason: string;
  /** The ordinal of the member row above it (0: none): where it goes in the result file. */
  after: number;
  her: () => HerRow;
  inResult: boolean;
}

/** How much of the lines above any header is kept to judge the file's encoding by. */
const UNREAD_TEXT = 8192;
const NO_HEADER_NOTE = 'không tìm thấy dòng tiêu đề (Mã hồ sơ, Họ và tên…): bỏ qua';

/**
 * Reads a roster's rows sheet by sheet, streaming: finds each sheet's header row (a sheet without
 * one is skipped, and said so in the summary), reads the rows under it, gives a row without a Mã
 * hồ sơ its code when asked (`assignIds`) or when its sheet has no Mã hồ sơ column, and puts each row's cells in the template's columns.
 */
export class SheetReader {
  private readonly columns: RosterColumn[];
  private header: HeaderMatch | null = null;
  /** Her header row(s) as her file had them. */
  private headerRows: string[][] = [];
  /** A header's first row, waiting for the next row to tell whether the header goes on under it. */
  private pending: { src: SourceRow; match: HeaderMatch | null } | null = null;
  /** A non-member line came after members: a name alone from here on is a signer's. */
  private ended = false;
  private members = 0;
  private sheet: string | null | undefined;
  /** The branch the lines above the sheet's header name (its title, its heading block). */
  private titleBranch: string | null = null;
  /** The commune those lines name ("Hội Nông dân xã Thanh Luông"), its code: the rows that say none live there. */
  private titleCommune: string | null = null;
  /**
   * The branch the last heading among the members named ("I. CHI HỘI BẢN HUA THANH"), with how the
   * messages name that line: the unit of the rows under it that have no unit cell, as a Chi hội cell.
   */
  private section: Section | null = null;
  /** The last member row of the sheet, as read: what a "nt" (như trên) under it repeats. */
  private above: SourceRow | null = null;
  private ordinal = 0;
  /** The last member row, not yet given out: the line under it may hold her phone (`joinSecondLine`). */
  private held: { src: SourceRow; row: RosterRow } | null = null;
  /** The text of the lines read without a header (to tell a file in an old font encoding). */
  private unread = '';

  constructor(
    private readonly def: OrganizationDefinition,
    private readonly job: Pick<ImportJob, 'sourceName' | 'sourceSha256'>,
    private readonly assignIds: boolean,
    /** Where the sheets read and the columns ignored are told. */
    private readonly summary: Pick<ImportSummary, 'sheets' | 'ignoredColumns'> &
      Partial<Pick<ImportSummary, 'mapping' | 'unusedColumns' | 'remapped' | 'sectionHeadings'>>,
    private readonly reading: RowReadingContext,
    /** Her header → our field, as the secretary corrected it (a field '' leaves the column out). */
    private readonly mapping: { header: string; field: string }[] | null = null,
  ) {
    this.columns = templateColumns(def);
  }

  /** The rows under each header, in file order (members and skipped lines); refuses a file in which no sheet has a header row. */
  async *rows(source: AsyncIterable<SourceRow>): AsyncGenerator<SheetRow | SkippedRow> {
    for await (const raw of source) {
      if (raw.sheet !== this.sheet) {
        yield* this.release();
        this.endSheet();
        this.sheet = raw.sheet;
      }
      if (!this.header && !this.findHeader(raw)) {
        if (!this.header) this.titleBranch ??= raw.cells.map((c) => (c ? titleBranch(c) : null)).find(Boolean) ?? null;
        if (!this.header) this.titleCommune ??= communeOfTitle(raw.cells, this.reading.address);
        if (this.unread.length < UNREAD_TEXT) this.unread += ` ${raw.cells.join(' ')}`;
        continue;
      }
      const src = withDitto(withUnreadableShown(withMergedGroups(withoutOurs(raw, this.header!), this.header!)), this.header!, this.above);
      // Crossed out in her file (a name she struck off), or out of sight (a hidden row or sheet): never a member to add.
      const unseen = raw.struck ? SKIP_REASONS.struck : raw.hidden && this.hiddenReason(raw.hidden);
      if (unseen) {
        yield* this.release();
        yield { kind: 'skipped', source: src, reason: unseen, after: this.ordinal, ...this.herRow(src, '') };
        continue;
      }
      const row = readRosterRow(src, this.header!, this.reading);
      if (!row) continue;
      refuseUnreadable(src, this.header!, row);
      const kind = onlyUnreadable(raw, this.header!) ? ({ kind: 'member' } as const) : rowKind(src.cells, row, this.header!, this.ended);
      if (kind.kind === 'skipped') {
        const joined = this.joinSecondLine(src);
        yield* this.release();
        if (kind.branch) {
          this.section = { branch: kind.branch, label: sectionLabel(src.row) };
          this.summary.sectionHeadings = (this.summary.sectionHeadings ?? 0) + 1;
        }
        if (this.members && kind.endsList) this.ended = true;
        yield { kind: 'skipped', source: src, reason: joined ?? kind.reason, after: this.ordinal, ...this.herRow(src, '') };
        continue;
      }
      yield* this.release();
      if (this.section) inSection(row, this.section);
      this.members++;
      // Held until the line under it is seen: it may be her second line, holding the member's phone.
      this.held = { src, row };
      this.above = src;
    }
    yield* this.release();
    this.endSheet();
    if (!this.summary.sheets.some((sh) => sh.headerRow !== null)) {
      // Typed in an old font encoding (.VnTime, VNI-Times): its header reads as no Vietnamese at all.
      const legacy = legacyEncoding(this.unread);
      throw new DomainError(
        'BAD_USER_INPUT',
        legacy
          ? legacyEncodingMessage(this.job.sourceName, legacy)
          : `không tìm thấy dòng tiêu đề (Mã hồ sơ, Họ và tên…) trong tệp '${this.job.sourceName}': hãy dùng tệp mẫu (tải ở /templates/${this.def.code}.xlsx) và giữ nguyên dòng tiêu đề`,
      );
    }
  }

  /** The member row held back (see `joinSecondLine`), now given its ordinal. */
  private *release(): Generator<SheetRow> {
    const held = this.held;
    this.held = null;
    if (held) yield this.dataRow(held.src, held.row, this.header!);
  }

  /**
   * A phone alone on the line right under a member whose phone cell is empty (her second line, the
   * other cells merged above): read as that member's phone, and the line's reason says so. Null otherwise.
   */
  private joinSecondLine(src: SourceRow): string | null {
    const held = this.held;
    const at = [...this.header!.fields].find(([, c]) => c.key === 'phone')?.[0];
    if (!held || at === undefined || src.sheet !== held.src.sheet || src.row !== held.src.row + 1 || held.src.cells[at]?.trim())
      return null;
    const filled = src.cells.flatMap((c, i) => (c?.trim() ? [i] : []));
    if (filled.length !== 1 || filled[0] !== at) return null;
    const put = <T>(list: T[], value: T, blank: T): T[] =>
      Array.from({ length: Math.max(list.length, at + 1) }, (_, i) => (i === at ? value : (list[i] ?? blank)));
    const values = held.src.values && put(held.src.values, src.values?.[at] ?? src.cells[at], null);
    const joined: SourceRow = { ...held.src, cells: put(held.src.cells, src.cells[at], ''), ...(values ? { values } : {}) };
    const row = readRosterRow(joined, this.header!, this.reading);
    if (!row?.fields.phone) return null;
    refuseUnreadable(joined, this.header!, row);
    this.held = { src: joined, row };
    return SKIP_REASONS.phoneJoined(maskPhone(String(row.fields.phone).replace(/\D/g, '')), held.src.row);
  }

  /** Why a hidden row is skipped; a hidden sheet's note says it once for the sheet. */
  private hiddenReason(hidden: 'row' | 'sheet'): string {
    if (hidden === 'row') return SKIP_REASONS.hiddenRow;
    const sheet = this.summary.sheets.at(-1);
    if (sheet) sheet.note ??= SKIP_REASONS.hiddenSheet(this.def.memberTerm);
    return SKIP_REASONS.hiddenSheet(this.def.memberTerm);
  }

  /** A header's first row at the end of its sheet is the header; a sheet without one is said so. */
  private endSheet(): void {
    if (this.pending?.match) this.takeHeader(this.pending.src, this.pending.match);
    if (this.sheet !== undefined && !this.header) this.summary.sheets.push({ name: this.sheet, headerRow: null, note: NO_HEADER_NOTE });
    this.header = null;
    this.pending = null;
    this.ended = false;
    this.members = 0;
    this.titleBranch = null;
    this.titleCommune = null;
    this.section = null;
    this.above = null;
  }

  /**
   * Looks for the header in the rows above the data: a row naming the columns, and when the row under
   * it holds sub-columns (`Nam` | `Nữ` under `Năm sinh`), both rows. True when `src` is the first row
   * under the header (to be read as data).
   */
  private findHeader(src: SourceRow): boolean {
    const prev = this.pending;
    // A formula saved without its result (openpyxl writes them so) is no blank cell: its row is data, refused by field.
    const filled = withUnreadableShown(src).cells.filter((c) => c && c.trim()).length;
    if (prev && filled) {
      const both = prev.match ? twoRowHeader(prev.src.cells, src.cells, this.def) : null;
      if (both) {
        this.takeHeader(prev.src, both, src.cells);
        return false;
      }
      if (prev.match) {
        this.takeHeader(prev.src, prev.match);
        return true;
      }
    }
    // A title line of one cell is no header's first row; a blank row keeps what waits.
    if (filled >= 2) this.pending = { src, match: matchHeader(src.cells, this.def) };
    else if (filled && prev?.match) {
      this.takeHeader(prev.src, prev.match);
      return true;
    }
    return false;
  }

  /** Takes the sheet's header (a sheet without Mã hồ sơ gets its codes assigned: issue 16 item 8). */
  private takeHeader(src: SourceRow, matched: HeaderMatch, sub?: string[]): void {
    this.headerRows = sub ? [src.cells, sub] : [src.cells];
    const mapped = this.mapping?.length ? withMapping(matched, this.headerRows, this.mapping, importColumns(this.def)) : matched;
    // A row's messages name her column as her file writes it ("Ngày nhập ngũ"), not the template's.
    const header = { ...mapped, texts: new Map([...mapped.fields.keys()].map((i) => [i, herHeader(this.headerRows, i)])) };
    this.header = header;
    this.pending = null;
    this.summary.sheets.push({ name: src.sheet, headerRow: src.row, note: secondTableNote(src.cells, header, this.def) });
    for (const u of this.header.unknown) if (!this.summary.ignoredColumns.includes(u)) this.summary.ignoredColumns.push(u);
    const mapping = this.summary.mapping;
    // In her file's order: a column she remapped stays where it is in her file, not last.
    for (const [i, c] of mapping ? [...header.fields].sort(([a], [b]) => a - b) : []) {
      const her = this.headerRows
        .map((h) => h[i] ?? '')
        .filter(Boolean)
        .join(' / ');
      if (!mapping!.some((m) => m.header === her)) mapping!.push({ header: her, field: c.key });
    }
    const remapped = this.summary.remapped;
    for (const i of remapped ? new Set([...header.fields.keys(), ...matched.fields.keys()]) : []) {
      const her = header.fields.get(i)?.key !== matched.fields.get(i)?.key ? herHeader(this.headerRows, i) : '';
      if (her && !remapped!.includes(her)) remapped!.push(her);
    }
    const unused = this.summary.unusedColumns;
    for (const her of unused ? unusedColumns(header, this.headerRows) : []) if (!unused!.includes(her)) unused!.push(her);
  }

  private dataRow(src: SourceRow, row: RosterRow, header: HeaderMatch): SheetRow {
    const ordinal = ++this.ordinal;
    if (this.titleCommune && !row.namesPlace) row.titleCommune = this.titleCommune;
    const codeAssigned = !row.externalId && (this.assignIds || !row.columnOf.has('externalId'));
    if (codeAssigned) {
      // The same file gives the same codes: importing it again stays idempotent.
      row.externalId = `${this.def.code}-${this.job.sourceSha256.slice(0, 8)}-${ordinal}`;
      row.problems = row.problems.filter((p) => !p.message.startsWith('Mã hồ sơ:'));
    }
    const cells = src.cells;
    const externalId = row.externalId;
    const order = cellOrder(header, this.columns);
    const templateCells = () => order.map((i) => (i === EXTERNAL_ID ? externalId : i < 0 ? '' : (cells[i] ?? '')));
    const { titleBranch } = this;
    return { kind: 'row', ordinal, source: src, row, templateCells, codeAssigned, titleBranch, ...this.herRow(src, externalId) };
  }

  /**
   * Her row under her header as she typed it (herCells), and whether it goes into the result file (its
   * sheet's codes are assigned). Our own columns of a file brought back are left out: the new file adds its own.
   */
  private herRow(src: SourceRow, code: string): Pick<SheetRow, 'her' | 'inResult'> {
    const { ours } = this.header!;
    const header = this.headerRows.map((h) => herCells({ cells: h }, ours));
    const at = [...this.header!.fields.entries()].find(([, c]) => c.key === 'externalId')?.[0] ?? -1;
    const codeAt = at < 0 ? -1 : at - ours.filter((i) => i < at).length;
    return { her: () => ({ header, cells: herCells(src, ours), codeAt, code }), inResult: this.assignIds || at < 0 };
  }
}

/** The row with the cells of our own columns blanked (a result file's `Kết quả`, `Lý do`): they never make what a row is. */
function withoutOurs(src: SourceRow, header: HeaderMatch): SourceRow {
  if (!header.ours.some((i) => src.cells[i])) return src;
  const blank = <T>(xs: T[], empty: T) => xs.map((x, i) => (header.ours.includes(i) ? empty : x));
  return { ...src, cells: blank(src.cells, ''), ...(src.values ? { values: blank(src.values, null) } : {}) };
}

/**
 * A header that names the member's name a second time further right: a second table beside the first
 * (a list printed in two halves). Only the first is read: said, with what to do. Null otherwise.
 */
function secondTableNote(cells: string[], header: HeaderMatch, def: OrganizationDefinition): string | null {
  const named = [...header.fields].find(([, c]) => c.key === 'fullName')?.[0];
  if (named === undefined) return null;
  const byKey = columnsByKey(def);
  const again = cells.findIndex((text, i) => i > named && !header.fields.has(i) && columnNamed(text ?? '', byKey)?.key === 'fullName');
  if (again < 0) return null;
  const column = columnLetter(again);
  return `có hai bảng cạnh nhau (cột '${cells[again]}' lặp lại ở cột ${column}): chỉ đọc bảng bên trái; bảng từ cột ${column} chưa được nhập — hãy chuyển bảng đó xuống dưới bảng đầu (cùng thứ tự cột) hoặc sang một trang tính riêng rồi nhập lại`;
}

/** A row whose only cells are the header's fields that hold no value (formulas saved without results): a member row to refuse by field, not a line to skip. */
const onlyUnreadable = (raw: SourceRow, header: HeaderMatch): boolean =>
  !!raw.unreadable?.some((u) => header.fields.has(u.at)) && raw.cells.every((c) => !c?.trim());

/** Marks the Mã hồ sơ column in `cellOrder` (its value may be assigned). */
const EXTERNAL_ID = -2;
const CELL_ORDERS = new WeakMap<HeaderMatch, number[]>();
/** For each template column, the index of the file's cell that holds it (-1: none), computed once per header. */
function cellOrder(header: HeaderMatch, columns: { key: string }[]): number[] {
  let order = CELL_ORDERS.get(header);
  if (!order) {
    const byKey = new Map<string, number>([...header.fields.entries()].map(([i, c]) => [c.key, i]));
    order = columns.map((c) => (c.key === 'externalId' ? EXTERNAL_ID : (byKey.get(c.key) ?? -1)));
    CELL_ORDERS.set(header, order);
  }
  return order;
}

/** What a row says, as the record would take it (16 bytes of SHA-256). */
export function rowDigest(row: RosterRow): Buffer {
  return (
    createHash('sha256')
      // The Ghi chú's facts count: a row whose only change is its note writes the new suggestion (a row
      // without any digests as before, so records imported earlier stay "unchanged").
      .update(JSON.stringify([row.externalId, row.fields, row.unit, row.status, ...(row.notes.length ? [row.notes] : [])]))
      .digest()
      .subarray(0, 16)
  );
}

/** Where a row is in the file, for the duplicate-code message ("dòng 12 (trang DS)"). */
export const rowPlace = (s: Pick<SourceRow, 'sheet' | 'row'>): string => (s.sheet ? `dòng ${s.row} (trang ${s.sheet})` : `dòng ${s.row}`);
