import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { NO_RATE, ORG_COUNT_BUCKETS, overlapPeople, reasonLabel, totalNote } from '../figures/report-figures.js';
import { abbreviationOf, type ReportDocument } from './report-document.js';
import { asOfNote, computedNote, documentTitle, NO_PREVIOUS, periodName, REPORT_HEADING, reviewNote, UNKNOWN_COMMUNE } from './wording.js';
import type { ReportForm } from '../../config/report-form.js';
import { formFoot, formTop } from './xlsx-form.js';
import { communePeopleSheet } from './commune-people-sheet.js';
import { sheet } from './xlsx-sheet.js';

/** Loaded when a workbook is first written, not at every start of the CLI and the server (≈ 0.4 s). */
const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** A rate as a number (shown 85,3% by the cell's format), or "không tính được" where there is none. */
const rateCell = (r: number | null): number | string => r ?? NO_RATE;

/** The report as a workbook: summary (in the official form of `REPORT_FORM_FILE`), by organization, by commune (each organization's, then each commune's people), the overlap matrix, and (for who may see names) the suspected phantoms. */
export async function writeReportXlsx(d: ReportDocument, out: string, form: ReportForm): Promise<void> {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Liên Thông';
  wb.title = documentTitle(d);
  const heading = [
    `${REPORT_HEADING} — ${d.periodLabel.toUpperCase()}`,
    `Phạm vi: ${d.areaLabel}. ${asOfNote(d)}. ${computedNote(d)}${reviewNote(d)}`,
  ];
  summarySheet(wb, d, heading, form);
  organizationsSheet(wb, d, heading);
  communesSheet(wb, d, heading);
  // Not in a report computed before each commune's people were kept.
  if (d.data.peopleByCommune) communePeopleSheet(wb, 'Số người theo xã', heading, d.data.peopleByCommune, d.area);
  overlapSheet(wb, d, heading);
  if (d.phantoms) phantomsSheet(wb, d.phantoms, heading);
  await wb.commit();
}

/** Each total now, before, the change and (where the dashboard says it) how it is derived; then people by how many organizations, and phantoms by reason. */
function summarySheet(wb: Workbook, d: ReportDocument, heading: string[], form: ReportForm): void {
  sheet(
    wb,
    'Tổng hợp',
    [...heading, d.previous ? `So với kỳ trước: ${periodName(d.previous.period)}` : NO_PREVIOUS],
    [
      { header: 'Chỉ tiêu', width: 46 },
      { header: 'Kỳ này', width: 14, number: true },
      { header: 'Kỳ trước', width: 14, number: true },
      { header: 'Tăng (+) / giảm (−)', width: 16, number: true },
      { header: 'Cách tính', width: 60 },
    ],
    [
      ...d.changes.map((c) => [c.label, c.current, c.previous, c.change, totalNote(c.key)]),
      ...d.split.map((c) => [c.label, c.current, c.previous, c.change]),
      ...d.reasons.map((c) => [c.label, c.current, c.previous, c.change]),
    ],
    // The official form around the first sheet, as the PDF's: what is printed and signed.
    { top: formTop(d, form), foot: formFoot(form) },
  );
}

function organizationsSheet(wb: Workbook, d: ReportDocument, heading: string[]): void {
  sheet(
    wb,
    'Theo tổ chức',
    heading,
    [
      { header: 'Mã', width: 8 },
      { header: 'Tổ chức', width: 34 },
      { header: 'Số lượt', width: 11, number: true },
      { header: 'Số người', width: 11, number: true },
      { header: 'Trùng trong tổ chức', width: 11, number: true },
      ...ORG_COUNT_BUCKETS.map((b) => ({ header: b.column, width: 11, number: true })),
      { header: 'Nghi ảo', width: 10, number: true },
      { header: 'Chưa có số định danh', width: 12, number: true },
      { header: 'Kết nạp trong kỳ', width: 11, number: true },
      { header: 'Thôi sinh hoạt trong kỳ', width: 11, number: true },
      { header: STRUCK_COLUMN, width: 13, number: true },
      { header: 'Đối tượng trong CSDL dân cư', width: 14, number: true },
      { header: 'Tỷ lệ tập hợp', width: 11, percent: true },
      { header: 'Ghi chú', width: 40 },
    ],
    d.data.organizations.map((o) => [
      o.code,
      o.name,
      o.memberships,
      o.people,
      o.duplicateRecords,
      ...ORG_COUNT_BUCKETS.map((b) => o.peopleByOrgCount[b.key] ?? null),
      o.suspectedPhantoms,
      o.withoutIdNumber,
      o.joiners,
      o.leavers,
      o.struck ?? null,
      o.reach.known ? o.reach.eligible : null,
      o.reach.known ? rateCell(o.reach.rate) : NO_RATE,
      o.reach.known
        ? `${o.reach.label}; ${o.reach.reached} người ở ${o.reach.communes} xã có CSDL dân cư${(o.reach.rate ?? 0) > 1 ? `; ${OVER_100}` : ''}`
        : o.reach.why,
    ]),
    { landscape: true, total: areaRow(d) },
  );
}

/** The column of the phantoms struck off in the period (blank in a report counted before they were kept). */
const STRUCK_COLUMN = 'Đã rà soát, kết thúc sinh hoạt';

/** Above 100%: more members than the register's people of that kind in those communes. */
const OVER_100 =
  'trên 100%: có thành viên sống ngoài các xã này hoặc CSDL dân cư chưa ghi đủ đối tượng; rà soát danh sách và nguồn CSDL dân cư';

/** The area's own figures under the organizations: each person once, however many organizations she is in (not a sum of the rows). */
function areaRow(d: ReportDocument): (string | number | null)[] {
  const t = d.data.totals;
  return [
    '',
    `Toàn bộ (${d.areaLabel})`,
    t.memberships,
    t.people,
    t.duplicateRecords,
    ...ORG_COUNT_BUCKETS.map((b) => d.data.peopleByOrgCount[b.key] ?? null),
    t.suspectedPhantoms,
    t.withoutIdNumber,
    t.joiners,
    t.leavers,
    t.struck ?? null,
    null,
    null,
    'Số người: mỗi người tính một lần dù ở nhiều tổ chức, nên không bằng tổng cột',
  ];
}

function communesSheet(wb: Workbook, d: ReportDocument, heading: string[]): void {
  sheet(
    wb,
    'Theo xã',
    [
      ...heading,
      // Her sum of a commune's rows is not its people: say where those are.
      d.data.peopleByCommune
        ? 'Mỗi dòng: một tổ chức trong một xã. Một người sinh hoạt ở hai tổ chức trong xã có ở cả hai dòng: số người của cả xã (mỗi người một lần) ở trang "Số người theo xã".'
        : 'Mỗi dòng: một tổ chức trong một xã. Một người sinh hoạt ở hai tổ chức trong xã có ở cả hai dòng: cộng các dòng của xã không ra số người của xã.',
    ],
    [
      { header: 'Mã xã', width: 8 },
      { header: 'Xã, phường', width: 26 },
      { header: 'Tổ chức', width: 8 },
      { header: 'Số lượt', width: 11, number: true },
      { header: 'Số người', width: 11, number: true },
      { header: 'Trùng', width: 9, number: true },
      { header: 'Nghi ảo', width: 9, number: true },
      { header: 'Chưa có số định danh', width: 12, number: true },
      { header: 'Kết nạp', width: 9, number: true },
      { header: 'Thôi sinh hoạt', width: 10, number: true },
      { header: STRUCK_COLUMN, width: 13, number: true },
      { header: 'Đối tượng (CSDL dân cư)', width: 13, number: true },
      { header: 'Tỷ lệ tập hợp', width: 11, percent: true },
    ],
    d.rows.map((r) => [
      r.communeCode ?? '',
      r.communeName ?? UNKNOWN_COMMUNE,
      abbreviationOf(d, r.organizationCode),
      r.memberships,
      r.people,
      r.duplicateRecords,
      r.suspectedPhantoms,
      r.withoutIdNumber,
      r.joiners,
      r.leavers,
      r.struck,
      r.eligible,
      r.eligible === null ? NO_RATE : rateCell(r.rate),
    ]),
    { landscape: true },
  );
}

/** The organization × organization matrix (the diagonal: each organization's own people). */
function overlapSheet(wb: Workbook, d: ReportDocument, heading: string[]): void {
  const codes = d.data.organizations.map((o) => o.code);
  const orgName = new Map(d.data.organizations.map((o) => [o.code, o.name]));
  sheet(
    wb,
    'Trùng giữa tổ chức',
    [...heading, 'Số người cùng là thành viên của hai tổ chức (đường chéo: số người của tổ chức).'],
    [{ header: 'Tổ chức', width: 34 }, ...codes.map((c) => ({ header: abbreviationOf(d, c), width: 11, number: true }))],
    codes.map((a) => [`${abbreviationOf(d, a)} — ${orgName.get(a) ?? a}`, ...codes.map((b) => overlapPeople(d.data.overlap, a, b))]),
    { landscape: codes.length > 6 },
  );
}

/** The suspected phantoms to review, for who may see names: never an ID number. */
function phantomsSheet(wb: Workbook, phantoms: NonNullable<ReportDocument['phantoms']>, heading: string[]): void {
  sheet(
    wb,
    'Nghi ảo',
    [
      ...heading,
      'Hồ sơ nghi ảo và lý do, để rà soát. Không ghi số định danh. Trang này có họ tên: chỉ gửi cho người có trách nhiệm rà soát. Để gửi báo cáo đi nơi khác, tải bản "Excel không có họ tên" ở màn hình Báo cáo (hoặc xóa trang này).',
    ],
    [
      { header: 'STT', width: 6 },
      { header: 'Tổ chức', width: 8 },
      { header: 'Mã hồ sơ', width: 14 },
      { header: 'Họ và tên', width: 26 },
      { header: 'Năm sinh', width: 9 },
      { header: 'Xã, phường', width: 22 },
      { header: 'Đơn vị', width: 22 },
      { header: 'Lý do', width: 44 },
    ],
    phantoms.map((p, i) => [
      i + 1,
      p.organizationCode,
      p.externalId,
      p.fullName,
      p.birthYear,
      p.communeName ?? '',
      p.unitName ?? '',
      p.reasons.map(reasonLabel).join('; '),
    ]),
    { landscape: true },
  );
}
