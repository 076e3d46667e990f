// The files an import writes besides the database: the roster with its codes (`--assign-ids`), the
// rejected rows, the records a whole roster lacks (`--full`). Their default names beside the input
// are made in one place, `common/files/side-files.ts` (the register's import uses them too).
import type { DataSource } from 'typeorm';
import { scopeWhere, type RecordScope } from '../../access/record-scope.js';
import { writeCsvFile, type RowWriter } from '../../common/files/csv.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../../membership/status/member-status.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { formatOfName, openRosterWriter } from '../export/roster-writer.js';
import { templateColumns } from '../roster-columns.js';
import { maskWarning } from './import-notes.js';
import type { ImportSummary } from './import.types.js';
import type { OpenedRowError } from './rejected-rows.service.js';
import type { SheetRow } from './sheet-reader.js';

/**
 * The roster with the codes written back, in the template's columns, streamed as the rows are read:
 * opened at the first row whose code is assigned (`--assign-ids`, or a sheet without a Mã hồ sơ
 * column), so a file that has its codes leaves none.
 */
/** The result file's last column: the warnings of the row's cells (masked), the record kept. */
const WARNINGS = 'Cảnh báo';

export class ResultFile {
  private writer: RowWriter | null = null;

  constructor(
    private readonly out: string | null,
    private readonly def: OrganizationDefinition,
    private readonly asked: boolean,
  ) {}

  async row(read: SheetRow, summary: Pick<ImportSummary, 'resultFile'>): Promise<void> {
    if (!this.writer && this.out && (this.asked || !read.row.columnOf.has('externalId'))) {
      this.writer = await openRosterWriter(this.out, formatOfName(this.out), [...templateColumns(this.def).map((c) => c.header), WARNINGS]);
      summary.resultFile = this.out;
    }
    await this.writer?.row([...read.templateCells(), read.row.warnings.map((w) => maskWarning(w.message)).join('; ')]);
  }

  async close(): Promise<void> {
    await this.writer?.close();
  }
}

/**
 * The error file: the rejected rows in the template's columns, with where they were and what is
 * wrong — an .xlsx with text columns when its name says so (a workbook's import), else UTF-8 CSV
 * (with BOM, for Excel). Fixed and imported again, its extra columns are ignored.
 */
export async function writeErrorFile(out: string, def: OrganizationDefinition, errors: OpenedRowError[]): Promise<void> {
  const writer = await openRosterWriter(out, formatOfName(out), [
    ...templateColumns(def).map((c) => c.header),
    'Dòng trong tệp gốc',
    'Lỗi',
  ]);
  for (const e of errors) await writer.row([...e.cells, e.sheet ? `${e.sheet}!${e.rowNumber}` : String(e.rowNumber), e.message]);
  await writer.close();
}

/** Records of the organization (within the scope) whose Mã hồ sơ the file did not list. */
export async function missingCodes(db: DataSource, org: string, scope: RecordScope, seen: Map<string, string>): Promise<string[]> {
  const where = ['r.organization_code = $1', 'r.erased_at IS NULL'];
  const params: unknown[] = [org];
  scopeWhere(scope, where, params);
  const rows = await db.query<{ external_id: string }[]>(
    `SELECT r.external_id FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE ${where.join(' AND ')} ORDER BY r.external_id`,
    params,
  );
  return rows.map((r) => r.external_id).filter((c) => !seen.has(c));
}

/** The records a `--full` import did not find in the file (codes from `missingCodes`), for the secretariat to end or keep. */
export async function writeMissingFile(db: DataSource, org: string, codes: string[], out: string): Promise<void> {
  const rows = await db.query<{ external_id: string; full_name: string; unit: string | null; status: MemberStatus }[]>(
    `SELECT r.external_id, r.full_name, u.code AS unit, r.status FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.organization_code = $1 AND r.external_id = ANY($2) ORDER BY r.given_key, r.name_folded`,
    [org, codes],
  );
  await writeCsvFile(
    out,
    ['Mã hồ sơ', 'Họ và tên', 'Mã đơn vị', 'Trạng thái'],
    rows.map((r) => [r.external_id, r.full_name, r.unit ?? '', MEMBER_STATUS_INFO[r.status].label]),
  );
}
