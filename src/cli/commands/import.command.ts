// `lienthong import FILE --org X`: a roster into an organization; rejected rows go to an error file.
import path from 'node:path';
import type { Command } from 'commander';
import { rosterFileKind } from '../../common/files/roster-file-kind.js';
import { SIDE_FILES, sideFile } from '../../common/files/side-files.js';
import type { Principal } from '../../access/principal.js';
import type { ImportPreview } from '../../roster-io/import/import-preview.js';
import { RosterImportService } from '../../roster-io/import/roster-import.service.js';
import { PreviewDiscards } from '../../roster-io/import/preview-discard.js';
import { INELIGIBLE_REASON_HINT } from '../../roster-io/import/import-jobs.js';
import { OrganizationsService } from '../../membership/organization/organizations.service.js';
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
  dryRun?: boolean;
  acceptIneligible?: string;
}

type ImportSummary = Awaited<ReturnType<RosterImportService['import']>>;

/** Rejected rows shown on standard error; the rest are in the error file. */
const ERRORS_SHOWN = 20;

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('nhập danh sách hội viên (.csv hoặc .xlsx) vào một tổ chức; dòng lỗi được ghi ra tệp lỗi')
    .argument('<FILE>', 'tệp danh sách')
    .requiredOption('--org <CODE>', 'mã tổ chức (ví dụ DTN)')
    .option('--create-units', 'tạo các Mã đơn vị chưa có thành chi hội, dưới đơn vị cơ sở của xã ghi ở dòng đó')
    .option(
      '--errors <FILE>',
      `nơi ghi các dòng lỗi (mặc định: <tên>.${SIDE_FILES.errors}.csv, hoặc .xlsx nếu tệp nhập là .xlsx, cạnh tệp nhập)`,
    )
    .option('--sheet <NAME>', 'chỉ đọc trang tính này của tệp .xlsx (mặc định: mọi trang tính)')
    .option(
      '--batch-size <n>',
      'số dòng ghi trong mỗi giao dịch, mỗi giao dịch ghi một phần của kế hoạch nhập',
      int('--batch-size'),
      10_000,
    )
    .option('--assign-ids', 'cấp mã cho các dòng chưa có Mã hồ sơ, rồi ghi lại danh sách kèm mã')
    .option(
      '--result <FILE>',
      `khi có cấp mã (--assign-ids, hoặc tệp không có cột Mã hồ sơ): nơi ghi các dòng của tệp kèm mã và kết quả từng dòng (mặc định: <tên>.${SIDE_FILES.result}.csv, hoặc .xlsx nếu tệp nhập là .xlsx, cạnh tệp nhập)`,
    )
    .option('--full', `tệp là toàn bộ danh sách: liệt kê các hồ sơ không có trong tệp (<tên>.${SIDE_FILES.missing}.csv)`)
    .option('--dry-run', 'chạy thử: chỉ in việc lượt nhập sẽ làm (số dòng theo từng kết quả và vài dòng đầu của mỗi loại), không ghi gì')
    .option(
      '--accept-ineligible <REASON>',
      'vẫn nhập khi phần lớn các dòng không đúng điều kiện của tổ chức (có phải danh sách của tổ chức khác?): lý do được lưu cùng lượt nhập',
    )
    .action(importRoster);
}

/** Imports, then says what happened: notes and rejected rows on standard error, the counts and files on standard output. */
async function importRoster(file: string, o: ImportOptions): Promise<void> {
  // A file that is plainly not a roster (missing, empty, PDF, Word, image, .xls, a broken workbook) is
  // refused at once, with the import's own message, before the database and the services are opened.
  await rosterFileKind(file, path.basename(file), o.sheet ?? null);
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
        preview: o.dryRun,
        acceptIneligible: o.acceptIneligible ?? null,
      },
      cli,
      (p) => progress(`${p.rowsRead} dòng: ${p.created} mới, ${p.updated} cập nhật, ${p.unchanged} không đổi, ${p.rejected} lỗi`),
    );
    progress(null);
    logNotes(s);
    if (s.status !== 'DONE') return await waiting(importer, app.get(PreviewDiscards), s, o, cli);
    const out = [
      `lượt nhập\t${s.jobId}`,
      `dòng\t${s.rowsRead}`,
      `tạo mới\t${s.created}`,
      `cập nhật\t${s.updated}`,
      `không đổi\t${s.unchanged}`,
      `chờ quyết định\t${s.held}`,
      `lỗi\t${s.rejected}`,
    ];
    if (s.held) log(heldNote(s, (await app.get(OrganizationsService).get(o.org.toUpperCase())).memberTerm));
    if (s.rejected) out.push(`tệp lỗi\t${await writeRejected(importer, s, o.errors ?? sideFile(file, 'errors', s.format), cli)}`);
    if (s.resultFile) out.push(`tệp có mã\t${s.resultFile}`);
    if (s.warned) await logWarnings(importer, s, cli);
    const { plan } = await importer.job(s.jobId, cli);
    if (plan?.withoutUnit) log(withoutUnitNote(plan.withoutUnit, plan.mapping, !!o.createUnits));
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
    // Nothing imported (every row refused or held): exit 1, as for any work that could not be done.
    if (!s.created && !s.updated && !s.unchanged && (s.rejected || s.held))
      throw new Error(s.rejected ? 'không nhập được dòng nào: xem tệp lỗi' : 'không nhập được dòng nào: mọi dòng chờ quyết định');
  });
}

/** Held rows: not written; how she settles each in the result file (a listed member's code, or a new code for someone else). */
const heldNote = (s: ImportSummary, term: string) =>
  `${s.held} dòng chờ quyết định (có thể là ${term} đã có, chưa đủ căn cứ): chưa ghi; xem cột Kết quả và Lý do ${s.resultFile ? `trong ${s.resultFile}` : 'trong tệp kết quả'}; ở cột Mã hồ sơ của dòng đó, điền mã của hồ sơ đã có nếu là một người, hoặc một mã mới chưa dùng nếu là người khác (thêm số CCCD, số điện thoại cũng giúp phân biệt), rồi nhập lại`;

/** Warned rows listed after an import (all of them are in the result file, when there is one). */
const WARNED_ROWS_SHOWN = 50;
const WARNED_PAGE = 2000;

/** The rows imported with a warning (a cell left empty, an eligibility doubt): the first of them, and where to see all. */
async function logWarnings(importer: RosterImportService, s: ImportSummary, cli: Principal): Promise<void> {
  const where = s.resultFile ? `cột Cảnh báo trong ${s.resultFile}` : 'dưới đây';
  log(`${s.warned} dòng có cảnh báo (ô để trống, điều kiện hội viên), đã nhập: xem ${where}`);
  // Read page by page, as far as the rows shown (a large file is never loaded whole).
  const rows: ImportPreview['rows'] = [];
  for (let after = 0; rows.length < WARNED_ROWS_SHOWN && after < s.rowsRead; after += WARNED_PAGE)
    rows.push(...(await importer.preview(s.jobId, cli, WARNED_PAGE, after)).rows.filter((r) => r.warnings));
  logWarnedRows(rows, s.warned);
}

/** The first rows with a warning, each with its warnings, and how many more: after an import, and in a dry run's plan. */
function logWarnedRows(rows: ImportPreview['rows'], warned: number): void {
  for (const r of rows.slice(0, WARNED_ROWS_SHOWN))
    log(`cảnh báo: ${r.sheet ? `${r.sheet} ` : ''}dòng ${r.row}${r.code ? ` ${r.code}` : ''}: ${r.warnings}`);
  if (warned > WARNED_ROWS_SHOWN) log(`… và ${warned - WARNED_ROWS_SHOWN} dòng có cảnh báo khác`);
}

/** A membership her file ends or takes back, as the plan row says it (no personal data): ` — Đang sinh hoạt → Đã mất`. */
const statusEdit = (r: ImportPreview['rows'][number]): string => {
  const e = r.edits.find((x) => x.field === 'status');
  return e ? ` — ${e.before ?? '…'} → ${e.after ?? '…'}` : '';
};

/** A row's reason without the fate its line already names ("chờ quyết định: chờ quyết định: …" read twice). */
const unlabelled = (reason: string, label: string): string => (reason.startsWith(`${label}: `) ? reason.slice(label.length + 2) : reason);

/** Rows of each fate shown by `--dry-run`. */
const PLAN_ROWS_SHOWN = 5;

/**
 * A file that waits: a dry run prints the plan (its counts and the first rows of each fate) and ends
 * well; a file whose rows mostly break the organization's rules says why and how to go on (exit 1),
 * without counts that would read as done.
 */
async function waiting(
  importer: RosterImportService,
  discards: PreviewDiscards,
  s: ImportSummary,
  o: ImportOptions,
  cli: Principal,
): Promise<void> {
  if (!o.dryRun)
    throw new Error(
      `${s.waiting ?? 'tệp chờ xác nhận'}: chưa ghi gì (lượt nhập ${s.jobId}); nhập với --accept-ineligible "lý do" nếu đúng là danh sách của tổ chức này — ${INELIGIBLE_REASON_HINT}`,
    );
  const counts = s.planned ?? {};
  writeLines([`lượt nhập\t${s.jobId}`, ...Object.entries(counts).map(([fate, n]) => `${FATE_LABEL[fate] ?? fate}\t${n}`)]);
  const preview = await importer.preview(s.jobId, cli, 1_000_000);
  for (const fate of Object.keys(FATE_LABEL)) {
    const rows = preview.rows.filter((r) => r.fate === fate).slice(0, PLAN_ROWS_SHOWN);
    for (const r of rows)
      log(
        `${FATE_LABEL[fate]}: ${r.sheet ? `${r.sheet} ` : ''}dòng ${r.row}${r.code ? ` ${r.code}` : ''}${r.changedLabels.length ? ` (${r.changedLabels.join(', ')})` : ''}${statusEdit(r)}${r.reason ? `: ${unlabelled(r.reason, FATE_LABEL[fate])}` : ''}`,
      );
  }
  if (preview.warned) {
    log(
      `${preview.warned} dòng sẽ ghi kèm cảnh báo (ô không đọc được sẽ để trống, số 0 đầu bị mất được thêm lại, điều kiện hội viên): sửa trong tệp trước khi nhập, nếu cần`,
    );
    logWarnedRows(
      preview.rows.filter((r) => r.warnings),
      preview.warned,
    );
  }
  if (preview.withoutUnit) log(withoutUnitNote(preview.withoutUnit, preview.mapping, !!o.createUnits));
  // Nothing to confirm from the command line: the plan is dropped, and the copy of her file (names, ID numbers) it kept with it.
  await discards.discard(s.jobId, cli);
  log('chạy thử: chưa ghi gì vào hồ sơ');
  if (s.waiting) log(`${s.waiting}: khi nhập thật, cần --accept-ineligible "lý do" — ${INELIGIBLE_REASON_HINT}`);
}

/** Rows that land in no chi hội: why, by whether her file has a column for it, and what she can do. */
function withoutUnitNote(rows: number, mapping: { field: string }[], createUnits: boolean): string {
  if (!mapping.some((m) => m.field === 'unit'))
    return `${rows} dòng chưa có chi hội/đơn vị: thêm cột Mã đơn vị hoặc Chi hội (tên), hoặc chuyển họ vào đơn vị sau khi nhập`;
  const create = createUnits ? '' : 'nhập với --create-units để tạo các chi hội có tên trong tệp mà chưa có; ';
  return `${rows} dòng chưa xếp được vào chi hội/đơn vị (ô chi hội để trống, hoặc tên chi hội chưa có hay chưa tạo được: xem cảnh báo của từng dòng): ${create}điền hoặc sửa tên chi hội, hoặc chuyển họ vào đơn vị sau khi nhập`;
}

const FATE_LABEL: Record<string, string> = {
  CREATED: 'tạo mới',
  UPDATED: 'cập nhật',
  UNCHANGED: 'không đổi',
  HELD: 'chờ quyết định',
  REFUSED: 'lỗi',
  SKIPPED: 'bỏ qua',
};

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
