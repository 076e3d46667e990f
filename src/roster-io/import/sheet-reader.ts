import { createHash } from 'node:crypto';
import { DomainError } from '../../common/errors/domain-error.js';
import type { SourceRow } from '../../common/files/tabular-source.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import type { ImportJob } from '../import-job.entity.js';
import { matchHeader, templateColumns, type HeaderMatch, type RosterColumn } from '../roster-columns.js';
import type { ImportSummary } from './import.types.js';
import { readRosterRow, type RosterRow } from './roster-row.js';

/** A data row of the file, read against its sheet's header. */
export interface SheetRow {
  /** Its place among the file's data rows (1, 2, …): what a resumed job counts committed rows by. */
  ordinal: number;
  source: SourceRow;
  row: RosterRow;
  /** The row's values in template order (for the error and result files). */
  templateCells: () => string[];
}

const NO_HEADER_NOTE = 'không tìm thấy dòng tiêu đề (Mã hồ sơ, Họ và tên…): bỏ qua';

/**
 * Reads a roster's rows sheet by sheet, streaming: finds each sheet's header row (a sheet without
 * one is skipped, and said so in the summary), reads the rows under it, gives a row without a Mã
 * hồ sơ its code when asked (`assignIds`) or when its sheet has no Mã hồ sơ column, and puts each row's cells in the template's columns.
 */
export class SheetReader {
  private readonly columns: RosterColumn[];
  private header: HeaderMatch | null = null;
  private sheet: string | null | undefined;
  private ordinal = 0;

  constructor(
    private readonly def: OrganizationDefinition,
    private readonly job: Pick<ImportJob, 'sourceName' | 'sourceSha256'>,
    private readonly assignIds: boolean,
    /** Where the sheets read and the columns ignored are told. */
    private readonly summary: Pick<ImportSummary, 'sheets' | 'ignoredColumns'>,
  ) {
    this.columns = templateColumns(def);
  }

  /** The data rows, in file order; refuses a file in which no sheet has a header row. */
  async *rows(source: AsyncIterable<SourceRow>): AsyncGenerator<SheetRow> {
    for await (const src of source) {
      if (src.sheet !== this.sheet) {
        this.skipSheetWithoutHeader();
        this.sheet = src.sheet;
        this.header = null;
      }
      if (!this.header) {
        this.readHeader(src);
        continue;
      }
      const row = readRosterRow(src.cells, this.header);
      if (row) yield this.dataRow(src, row, this.header);
    }
    this.skipSheetWithoutHeader();
    if (!this.summary.sheets.some((sh) => sh.headerRow !== null))
      throw new DomainError(
        'BAD_USER_INPUT',
        `không tìm thấy dòng tiêu đề (Mã hồ sơ, Họ và tên…) trong tệp '${this.job.sourceName}': hãy dùng tệp mẫu (tải ở /templates/${this.def.code}.xlsx) và giữ nguyên dòng tiêu đề`,
      );
  }

  private skipSheetWithoutHeader(): void {
    if (this.sheet !== undefined && !this.header) this.summary.sheets.push({ name: this.sheet, headerRow: null, note: NO_HEADER_NOTE });
  }

  /** Takes the row as the sheet's header when it is one (a sheet without Mã hồ sơ gets its codes assigned: issue 16 item 8). */
  private readHeader(src: SourceRow): void {
    this.header = matchHeader(src.cells, this.def);
    if (!this.header) return;
    this.summary.sheets.push({ name: src.sheet, headerRow: src.row, note: null });
    for (const u of this.header.unknown) if (!this.summary.ignoredColumns.includes(u)) this.summary.ignoredColumns.push(u);
  }

  private dataRow(src: SourceRow, row: RosterRow, header: HeaderMatch): SheetRow {
    const ordinal = ++this.ordinal;
    if (!row.externalId && (this.assignIds || !row.columnOf.has('externalId'))) {
      // The same file gives the same codes: importing it again stays idempotent.
      row.externalId = `${this.def.code}-${this.job.sourceSha256.slice(0, 8)}-${ordinal}`;
      row.problems = row.problems.filter((p) => !p.message.startsWith('Mã hồ sơ:'));
    }
    const cells = src.cells;
    const externalId = row.externalId;
    const order = cellOrder(header, this.columns);
    const templateCells = () => order.map((i) => (i === EXTERNAL_ID ? externalId : i < 0 ? '' : (cells[i] ?? '')));
    return { ordinal, source: src, row, templateCells };
  }
}

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
  return createHash('sha256')
    .update(JSON.stringify([row.externalId, row.fields, row.unit, row.status]))
    .digest()
    .subarray(0, 16);
}

/** Where a row is in the file, for the duplicate-code message ("dòng 12 (trang DS)"). */
export const rowPlace = (s: SourceRow): string => (s.sheet ? `dòng ${s.row} (trang ${s.sheet})` : `dòng ${s.row}`);
