// `lienthong import FILE --org X`: a roster into an organization; rejected rows go to an error file.
import type { Command } from 'commander';
import { SIDE_FILES, sideFile } from '../../common/files/side-files.js';
import type { Principal } from '../../access/principal.js';
import { RosterImportService } from '../../roster-io/import/roster-import.service.js';
import { cliCaller, log, progressLine, withServices, writeLines } from '../kit/cli-kit.js';
import { int } from '../kit/cli-options.js';

interface ImportOptions {
  org: string;
  createUnits?: boolean;
  errors?: string;
  sheet?: string;
  batchSize: number;
  assignIds?: boolean;
  result?: string;
  full?: boolean;
}

type ImportSummary = Awaited<ReturnType<RosterImportService['import']>>;

/** Rejected rows shown on standard error; the rest are in the error file. */
const ERRORS_SHOWN = 20;

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('import a roster (.csv or .xlsx) into an organization; bad rows go to an error file')
    .argument('<FILE>', 'the roster file')
    .requiredOption('--org <CODE>', 'the organization (e.g. DTN)')
    .option('--create-units', 'create unknown Mã đơn vị as branches under the base unit of the row’s commune')
    .option(
      '--errors <FILE>',
      `where to write the rejected rows (default: <name>.${SIDE_FILES.errors}.csv, or .xlsx for a workbook, beside the input)`,
    )
    .option('--sheet <NAME>', 'read only this sheet of an .xlsx (default: every sheet)')
    .option('--batch-size <n>', 'rows per transaction', int('--batch-size'), 1000)
    .option('--assign-ids', 'give rows without a Mã hồ sơ a code, and write the roster with the codes back')
    .option(
      '--result <FILE>',
      `when codes are assigned (--assign-ids, or a file without Mã hồ sơ): where to write your rows with their codes and outcomes (default: <name>.${SIDE_FILES.result}.csv, or .xlsx for a workbook, beside the input)`,
    )
    .option('--full', `the file is the whole roster: list the records it does not contain (<name>.${SIDE_FILES.missing}.csv)`)
    .action(importRoster);
}

/** Imports, then says what happened: notes and rejected rows on standard error, the counts and files on standard output. */
async function importRoster(file: string, o: ImportOptions): Promise<void> {
  await withServices(async (app) => {
    const importer = app.get(RosterImportService);
    const progress = progressLine();
    const cli = cliCaller();
    const s = await importer.import(
      file,
      {
        organization: o.org.toUpperCase(),
        createUnits: o.createUnits,
        sheet: o.sheet,
        batchSize: Math.max(1, o.batchSize),
        assignIds: o.assignIds,
        resultFile: o.result,
        full: o.full,
      },
      cli,
      (p) => progress(`${p.rowsRead} dòng: ${p.created} mới, ${p.updated} cập nhật, ${p.unchanged} không đổi, ${p.rejected} lỗi`),
    );
    progress(null);
    logNotes(s);
    const out = [
      `dòng\t${s.rowsRead}`,
      `tạo mới\t${s.created}`,
      `cập nhật\t${s.updated}`,
      `không đổi\t${s.unchanged}`,
      `lỗi\t${s.rejected}`,
    ];
    if (s.rejected) out.push(`tệp lỗi\t${await writeRejected(importer, s, o.errors ?? sideFile(file, 'errors', s.format), cli)}`);
    if (s.resultFile) out.push(`tệp có mã\t${s.resultFile}`);
    if (s.warned) log(`${s.warned} dòng có cảnh báo (ô để trống, điều kiện hội viên): xem importWarnings trên hồ sơ`);
    if (s.created && !s.linked)
      log(`${s.created} hồ sơ mới: chạy \`lienthong link\` để liên kết (lần nhập trên 1.000 hồ sơ mới chờ một lần liên kết cả đợt)`);
    if (s.missing) {
      out.push(`không có trong tệp\t${s.missing.length}`);
      if (s.missing.length) {
        const missingFile = sideFile(file, 'missing');
        await importer.writeMissingFile(o.org.toUpperCase(), s.missing, missingFile);
        out.push(`tệp thiếu\t${missingFile}`);
      }
    }
    writeLines(out);
  });
}

function logNotes(s: ImportSummary): void {
  if (s.resumed) log(`tiếp tục lần nhập tệp này đã dừng giữa chừng (việc nhập ${s.jobId})`);
  for (const sh of s.sheets) if (sh.note) log(`trang tính ${sh.name ?? ''}: ${sh.note}`);
  if (s.ignoredColumns.length) log(`bỏ qua các cột không có trong mẫu: ${s.ignoredColumns.join(', ')}`);
  // Each line that is no member (title, totals, date, signature), as HTTP's skippedRows: `dòng 20: bỏ qua: dòng tổng cộng (…)`.
  for (const r of s.skippedRows) log(`${r.place}: ${r.reason}`);
}

/** Writes the error file and shows its first rows; returns the file's path. */
async function writeRejected(importer: RosterImportService, s: ImportSummary, errorsFile: string, cli: Principal): Promise<string> {
  await importer.writeErrorFile(s.jobId, errorsFile, cli);
  for (const e of await importer.rowErrors(s.jobId, cli, ERRORS_SHOWN))
    log(`${e.sheet ? `${e.sheet} ` : ''}dòng ${e.rowNumber}${e.columnName ? `, cột ${e.columnName}` : ''}: ${e.message}`);
  if (s.rejected > ERRORS_SHOWN) log(`… và ${s.rejected - ERRORS_SHOWN} dòng lỗi khác`);
  return errorsFile;
}
