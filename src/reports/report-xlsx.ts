import ExcelJS from 'exceljs';
import { formatRate } from './report-figures.js';
import { vietnamTime } from '../common/dates/vietnam-time.js';
import { formatVnDay } from '../common/dates/vn-day.js';
import { reasonLabel, type ReportDocument } from './report-document.js';

type Cell = string | number | null;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF9AA7B8' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, bottom: thin, left: thin, right: thin };

/**
 * A sheet ready to print: A4, fit to one page wide, its header row repeated on every page, frozen
 * under the header, with a title block above. Written row by row (a province's phantoms are tens
 * of thousands of rows).
 */
function sheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  title: string[],
  columns: { header: string; width: number; number?: boolean }[],
  rows: Cell[][],
  landscape = false,
): void {
  const headerRow = title.length + 2;
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${name}&RTrang &P/&N` },
    views: [{ state: 'frozen', ySplit: headerRow }],
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  title.forEach((t, i) => {
    const r = ws.addRow([t]);
    r.getCell(1).font = i === 0 ? { bold: true, size: 14 } : { italic: true, size: 10 };
    r.commit();
  });
  ws.addRow([]).commit();
  const h = ws.addRow(columns.map((c) => c.header));
  // Room for headers wrapped on three lines ("Đối tượng trong CSDL dân cư").
  h.height = 42;
  h.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = BORDER;
  });
  h.commit();
  for (const values of rows) {
    const r = ws.addRow(values);
    values.forEach((v, i) => {
      const cell = r.getCell(i + 1);
      cell.border = BORDER;
      if (columns[i]?.number && typeof v === 'number') cell.numFmt = '#,##0';
    });
    r.commit();
  }
  ws.commit();
}

/** The report as a workbook: summary, by organization, by commune, the overlap matrix, and (for who may see names) the suspected phantoms. */
export async function writeReportXlsx(d: ReportDocument, out: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Liên Thông';
  wb.title = `Báo cáo rà soát ${d.periodLabel} — ${d.scopeLabel}`;
  const heading = [
    `BÁO CÁO RÀ SOÁT, ĐỐI CHIẾU ĐOÀN VIÊN, HỘI VIÊN — ${d.periodLabel.toUpperCase()}`,
    `Phạm vi: ${d.scopeLabel}. Số liệu đến hết ngày ${formatVnDay(d.asOfDay)}${d.provisional ? ` (tạm tính: ${d.provisional})` : ''}. Lập lúc ${vietnamTime(d.computedAt)} (giờ Việt Nam).`,
  ];
  const orgName = new Map(d.data.organizations.map((o) => [o.code, o.name]));

  sheet(
    wb,
    'Tổng hợp',
    [...heading, d.previous ? `So với kỳ trước: ${d.previous.period}` : 'Chưa có báo cáo kỳ trước để so sánh.'],
    [
      { header: 'Chỉ tiêu', width: 46 },
      { header: 'Kỳ này', width: 14, number: true },
      { header: 'Kỳ trước', width: 14, number: true },
      { header: 'Tăng (+) / giảm (−)', width: 16, number: true },
    ],
    [
      ...d.changes.map((c) => [c.label, c.current, c.previous, c.change]),
      ['Số người ở đúng 1 tổ chức', d.data.peopleByOrgCount.one, null, null],
      ['Số người ở 2 tổ chức', d.data.peopleByOrgCount.two, null, null],
      ['Số người ở từ 3 tổ chức', d.data.peopleByOrgCount.threeOrMore, null, null],
      ...Object.entries(d.data.phantomsByReason).map(([r, n]) => [`Nghi ảo — ${reasonLabel(r)}`, n, null, null]),
    ],
  );

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
      { header: 'Chỉ ở tổ chức này', width: 11, number: true },
      { header: 'Ở 2 tổ chức', width: 11, number: true },
      { header: 'Ở từ 3 tổ chức', width: 11, number: true },
      { header: 'Nghi ảo', width: 10, number: true },
      { header: 'Chưa có số định danh', width: 12, number: true },
      { header: 'Kết nạp trong kỳ', width: 11, number: true },
      { header: 'Thôi sinh hoạt trong kỳ', width: 11, number: true },
      { header: 'Đối tượng trong CSDL dân cư', width: 14, number: true },
      { header: 'Tỷ lệ tập hợp', width: 11 },
      { header: 'Ghi chú', width: 40 },
    ],
    d.data.organizations.map((o) => [
      o.code,
      o.name,
      o.memberships,
      o.people,
      o.duplicateRecords,
      o.peopleByOrgCount.one,
      o.peopleByOrgCount.two,
      o.peopleByOrgCount.threeOrMore,
      o.suspectedPhantoms,
      o.withoutIdNumber,
      o.joiners,
      o.leavers,
      o.reach.known ? o.reach.eligible : null,
      o.reach.known ? formatRate(o.reach.rate) : 'n/a',
      o.reach.known ? `${o.reach.label}; ${o.reach.reached} người ở ${o.reach.communes} xã có CSDL dân cư` : o.reach.why,
    ]),
    true,
  );

  sheet(
    wb,
    'Theo xã',
    heading,
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
      { header: 'Đối tượng (CSDL dân cư)', width: 13, number: true },
      { header: 'Tỷ lệ tập hợp', width: 11 },
    ],
    d.rows.map((r) => [
      r.communeCode ?? '',
      r.communeName ?? 'Chưa rõ xã',
      r.organizationCode,
      r.memberships,
      r.people,
      r.duplicateRecords,
      r.suspectedPhantoms,
      r.withoutIdNumber,
      r.joiners,
      r.leavers,
      r.eligible,
      r.eligible === null ? 'n/a' : formatRate(r.rate),
    ]),
    true,
  );

  const codes = d.data.organizations.map((o) => o.code);
  const both = (a: string, b: string) => {
    const [x, y] = a <= b ? [a, b] : [b, a];
    return d.data.overlap.find((m) => m.a === x && m.b === y)?.people ?? 0;
  };
  sheet(
    wb,
    'Trùng giữa tổ chức',
    [...heading, 'Số người cùng là thành viên của hai tổ chức (đường chéo: số người của tổ chức).'],
    [{ header: 'Tổ chức', width: 34 }, ...codes.map((c) => ({ header: c, width: 11, number: true }))],
    codes.map((a) => [`${a} — ${orgName.get(a) ?? a}`, ...codes.map((b) => both(a, b))]),
    codes.length > 6,
  );

  if (d.phantoms)
    sheet(
      wb,
      'Nghi ảo',
      [...heading, 'Hồ sơ nghi ảo và lý do, để rà soát. Không ghi số định danh.'],
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
      d.phantoms.map((p, i) => [
        i + 1,
        p.organizationCode,
        p.externalId,
        p.fullName,
        p.birthYear,
        p.communeName ?? '',
        p.unitName ?? '',
        p.reasons.map(reasonLabel).join('; '),
      ]),
      true,
    );
  await wb.commit();
}
