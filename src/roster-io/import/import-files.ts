// The files an import writes besides the database: the result file (her rows with the codes they
// got, when codes were assigned), the rejected rows (both in her own layout: her-rows.ts), the
// records a whole roster lacks (`--full`). Their default names beside the input are made in one
// place, `common/files/side-files.ts` (the register's import uses them too).
import type { DataSource } from 'typeorm';
import { writeCsvFile } from '../../common/files/csv.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../../membership/status/member-status.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { formatOfName, openRosterBook } from '../export/roster-writer.js';
import { templateColumns } from '../roster-columns.js';
import { errorSheets, resultSheets, type KeptRow, type SheetOut } from './her-rows.js';

/** Sheets as her file had them, into a workbook (one worksheet each) or a CSV (with BOM, for Excel). */
async function writeSheets(out: string, sheets: SheetOut[], delimiter: ',' | ';' = ','): Promise<void> {
  const book = await openRosterBook(out, formatOfName(out), delimiter);
  for (const sh of sheets) {
    await book.sheet(sh.name, sh.header);
    for (const r of sh.rows) await book.row(r);
  }
  await book.close();
}

/**
 * The error file: her rejected rows in her own columns, under her header, each with where it was,
 * the column, the value and what to do — an .xlsx with text columns when its name says so (a
 * workbook's import), else UTF-8 CSV. Fixed in Excel and imported again, its extra columns are ignored.
 */
export function writeErrorFile(out: string, def: OrganizationDefinition, errors: KeptRow[], delimiter?: ',' | ';'): Promise<void> {
  return writeSheets(
    out,
    errorSheets(
      errors,
      templateColumns(def).map((c) => c.header),
    ),
    delimiter,
  );
}

/**
 * The result file of an import whose codes were assigned: her rows in her columns with the Mã hồ sơ
 * each got, what became of it (đã thêm, đã cập nhật, không đổi, bỏ qua, lỗi), why, and its warnings.
 * Imported again, it is keyed by those codes.
 */
export function writeResultFile(out: string, def: OrganizationDefinition, rows: KeptRow[], delimiter?: ',' | ';'): Promise<void> {
  return writeSheets(
    out,
    resultSheets(
      rows,
      templateColumns(def).map((c) => c.header),
    ),
    delimiter,
  );
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
