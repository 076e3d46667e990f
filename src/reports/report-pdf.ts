import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatRate } from './report-figures.js';
import { vietnamTime } from '../common/dates/vietnam-time.js';
import { formatVnDay } from '../common/dates/vn-day.js';
import { reasonLabel, type ReportDocument } from './report-document.js';

/** DejaVu Sans (from the npm package, so a fresh machine has it): every Vietnamese letter and tone mark. */
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(fontDir, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');

const PAGE = { width: 595.28, height: 841.89, margin: 42 };
const INK = '#1f2933';
const MUTED = '#52606d';
const GRID = '#d9e2ec';
const COLORS = { memberships: '#2f6fb3', people: '#f0a030', phantoms: '#c0392b' };

const n = (v: number) => v.toLocaleString('vi-VN');
type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string, note?: string) {
  doc
    .font('bold')
    .fontSize(13)
    .fillColor(INK)
    .text(text, PAGE.margin, doc.y, { width: PAGE.width - 2 * PAGE.margin });
  if (note) doc.font('regular').fontSize(8.5).fillColor(MUTED).text(note);
  doc.moveDown(0.6);
}

/** Room for `h` points on this page, or a new page. */
function room(doc: Doc, h: number) {
  if (doc.y + h > PAGE.height - PAGE.margin - 20) doc.addPage();
}

/** A plain table; columns after the first are right-aligned numbers. */
function table(doc: Doc, header: string[], rows: (string | number | null)[][], widths: number[]) {
  const x0 = PAGE.margin;
  const line = (cells: (string | number | null)[], bold: boolean) => {
    room(doc, 16);
    const y = doc.y;
    let x = x0;
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(8.5)
      .fillColor(INK);
    cells.forEach((c, i) => {
      const text = c === null ? '—' : typeof c === 'number' ? n(c) : c;
      doc.text(text, x + 3, y + 3, { width: widths[i] - 6, align: i === 0 ? 'left' : 'right', lineBreak: false, ellipsis: true });
      x += widths[i];
    });
    doc
      .moveTo(x0, y + 15)
      .lineTo(x, y + 15)
      .strokeColor(GRID)
      .lineWidth(0.6)
      .stroke();
    doc.x = x0;
    doc.y = y + 16;
  };
  line(header, true);
  for (const r of rows) line(r, false);
  doc.moveDown(0.8);
}

/** Horizontal bars, one group per label (several series side by side), with a legend. */
function barChart(doc: Doc, labels: string[], series: { name: string; color: string; values: number[] }[], labelWidth = 150) {
  const barH = 9;
  const groupH = series.length * barH + 6;
  const height = labels.length * groupH + 24;
  room(doc, height);
  const x0 = PAGE.margin + labelWidth;
  const width = PAGE.width - PAGE.margin - x0 - 50;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  let y = doc.y;
  let lx = PAGE.margin;
  for (const s of series) {
    doc.rect(lx, y, 8, 8).fill(s.color);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(INK)
      .text(s.name, lx + 11, y, { lineBreak: false });
    lx += 20 + doc.widthOfString(s.name);
  }
  y += 16;
  labels.forEach((label, i) => {
    const gy = y + i * groupH;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(INK)
      .text(label, PAGE.margin, gy + (groupH - 6) / 2 - 4, {
        width: labelWidth - 6,
        lineBreak: false,
        ellipsis: true,
      });
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const w = (v / max) * width;
      doc.rect(x0, gy + k * barH, Math.max(0.5, w), barH - 2).fill(s.color);
      doc
        .fontSize(7)
        .fillColor(MUTED)
        .text(n(v), x0 + w + 3, gy + k * barH, { lineBreak: false });
    });
  });
  doc
    .moveTo(x0, y - 2)
    .lineTo(x0, y + labels.length * groupH)
    .strokeColor(MUTED)
    .lineWidth(0.6)
    .stroke();
  doc.x = PAGE.margin;
  doc.y = y + labels.length * groupH + 10;
}

/** The organization × organization matrix as shaded squares with the number of people in both. */
function overlapChart(doc: Doc, codes: string[], people: (a: string, b: string) => number) {
  const cell = Math.min(56, (PAGE.width - 2 * PAGE.margin - 60) / Math.max(1, codes.length));
  room(doc, cell * (codes.length + 1) + 20);
  const x0 = PAGE.margin + 60;
  const y0 = doc.y;
  const max = Math.max(1, ...codes.flatMap((a) => codes.filter((b) => b !== a).map((b) => people(a, b))));
  codes.forEach((c, i) => {
    doc.font('bold').fontSize(8).fillColor(INK);
    doc.text(c, x0 + i * cell, y0, { width: cell, align: 'center', lineBreak: false });
    doc.text(c, PAGE.margin, y0 + 14 + i * cell + cell / 2 - 5, { width: 56, lineBreak: false });
  });
  codes.forEach((a, i) =>
    codes.forEach((b, j) => {
      const v = people(a, b);
      const x = x0 + j * cell;
      const y = y0 + 14 + i * cell;
      const shade = a === b ? 0 : v / max;
      const color = a === b ? '#eef2f7' : mix('#ffffff', '#2f6fb3', shade);
      doc.rect(x + 1, y + 1, cell - 2, cell - 2).fill(color);
      doc
        .font(a === b ? 'bold' : 'regular')
        .fontSize(8)
        .fillColor(shade > 0.55 ? '#ffffff' : INK)
        .text(n(v), x, y + cell / 2 - 5, { width: cell, align: 'center', lineBreak: false });
    }),
  );
  doc.x = PAGE.margin;
  doc.y = y0 + 14 + codes.length * cell + 8;
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text('Ô chéo: số người của tổ chức; ô khác: số người cùng ở hai tổ chức (đậm hơn: nhiều hơn).');
  doc.moveDown(0.8);
}

/** Lines across periods (memberships, people, suspected phantoms), each point labelled. */
function trendChart(doc: Doc, d: ReportDocument) {
  const h = 170;
  room(doc, h + 40);
  const x0 = PAGE.margin + 40;
  const width = PAGE.width - PAGE.margin - x0 - 20;
  const y0 = doc.y + 14;
  const points = d.trend;
  const series = [
    { name: 'Số lượt', color: COLORS.memberships, v: points.map((p) => p.totals.memberships) },
    { name: 'Số người', color: COLORS.people, v: points.map((p) => p.totals.people) },
    { name: 'Nghi ảo', color: COLORS.phantoms, v: points.map((p) => p.totals.suspectedPhantoms) },
  ];
  const max = Math.max(1, ...series.flatMap((s) => s.v));
  let lx = PAGE.margin;
  for (const s of series) {
    doc.rect(lx, doc.y, 8, 8).fill(s.color);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(INK)
      .text(s.name, lx + 11, doc.y, { lineBreak: false });
    lx += 20 + doc.widthOfString(s.name);
  }
  for (let k = 0; k <= 4; k++) {
    const y = y0 + h - (k / 4) * h;
    doc
      .moveTo(x0, y)
      .lineTo(x0 + width, y)
      .strokeColor(GRID)
      .lineWidth(0.5)
      .stroke();
    doc
      .fontSize(7)
      .fillColor(MUTED)
      .text(n(Math.round((max * k) / 4)), PAGE.margin - 8, y - 4, { width: 44, align: 'right', lineBreak: false });
  }
  const xAt = (i: number) => (points.length === 1 ? x0 + width / 2 : x0 + (i / (points.length - 1)) * width);
  const yAt = (v: number) => y0 + h - (v / max) * h;
  for (const s of series) {
    s.v.forEach((v, i) => (i === 0 ? doc.moveTo(xAt(i), yAt(v)) : doc.lineTo(xAt(i), yAt(v))));
    if (points.length > 1) doc.strokeColor(s.color).lineWidth(1.6).stroke();
    s.v.forEach((v, i) => doc.circle(xAt(i), yAt(v), 2.5).fill(s.color));
  }
  points.forEach((p, i) =>
    doc
      .fontSize(7.5)
      .fillColor(INK)
      .text(p.period, xAt(i) - 30, y0 + h + 4, { width: 60, align: 'center', lineBreak: false }),
  );
  doc.x = PAGE.margin;
  doc.y = y0 + h + 22;
}

function mix(from: string, to: string, t: number): string {
  const c = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2]
    .map((i) =>
      Math.round(c(from, i) + (c(to, i) - c(from, i)) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The printable report: key figures and what changed, then the charts, then the table by organization. */
export async function writeReportPdf(d: ReportDocument, out: string): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: { Title: `Báo cáo rà soát ${d.periodLabel} — ${d.scopeLabel}`, Author: 'Liên Thông', Subject: 'Báo cáo rà soát, đối chiếu' },
  });
  const done = new Promise<void>((resolve, reject) => {
    const stream = fs.createWriteStream(out);
    stream.on('finish', resolve).on('error', reject);
    doc.pipe(stream);
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);

  doc.font('bold').fontSize(15).fillColor(INK).text('BÁO CÁO RÀ SOÁT, ĐỐI CHIẾU ĐOÀN VIÊN, HỘI VIÊN', { align: 'center' });
  doc.font('regular').fontSize(11).text(`${d.periodLabel} — ${d.scopeLabel}`, { align: 'center' });
  doc
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(
      `Số liệu đến hết ngày ${formatVnDay(d.asOfDay)}${d.provisional ? ` (tạm tính: ${d.provisional})` : ''}; số người theo lần liên kết ${
        d.data.linkRun ? `lúc ${vietnamTime(d.data.linkRun.finishedAt)}` : '(chưa chạy liên kết: mỗi hồ sơ tính là một người)'
      }. Lập lúc ${vietnamTime(d.computedAt)} (giờ Việt Nam).`,
      { align: 'center' },
    );
  doc.moveDown(1.2);

  heading(doc, 'Số liệu chính', d.previous ? `So với ${d.previous.period}.` : 'Chưa có báo cáo kỳ trước để so sánh.');
  table(
    doc,
    ['Chỉ tiêu', 'Kỳ này', 'Kỳ trước', 'Tăng/giảm'],
    d.changes.filter((c) => !c.key.includes('.')).map((c) => [c.label, c.current, c.previous, c.change]),
    [260, 80, 80, 91],
  );

  const orgs = d.data.organizations;
  heading(doc, 'Số lượt và số người theo tổ chức', 'Số lượt: hồ sơ đang sinh hoạt; số người: người thật sau khi liên kết hồ sơ.');
  barChart(
    doc,
    orgs.map((o) => o.code),
    [
      { name: 'Số lượt', color: COLORS.memberships, values: orgs.map((o) => o.memberships) },
      { name: 'Số người', color: COLORS.people, values: orgs.map((o) => o.people) },
    ],
    60,
  );

  doc.addPage();
  heading(doc, 'Trùng giữa các tổ chức', 'Một người có thể là thành viên của nhiều tổ chức.');
  const both = (a: string, b: string) => {
    const [x, y] = a <= b ? [a, b] : [b, a];
    return d.data.overlap.find((m) => m.a === x && m.b === y)?.people ?? 0;
  };
  overlapChart(
    doc,
    orgs.map((o) => o.code),
    both,
  );
  const reasons = Object.entries(d.data.phantomsByReason).sort((a, b) => b[1] - a[1]);
  heading(doc, 'Hồ sơ nghi ảo theo lý do', 'Một hồ sơ có thể có nhiều lý do.');
  if (reasons.length)
    barChart(
      doc,
      reasons.map(([r]) => reasonLabel(r)),
      [{ name: 'Hồ sơ nghi ảo', color: COLORS.phantoms, values: reasons.map(([, v]) => v) }],
      170,
    );
  else doc.font('regular').fontSize(9).fillColor(INK).text('Không có hồ sơ nghi ảo.').moveDown();

  doc.addPage();
  const byCommune = new Map<string, { label: string; memberships: number; people: number }>();
  for (const r of d.rows) {
    const k = r.communeCode ?? '';
    const c = byCommune.get(k) ?? { label: r.communeName ?? 'Chưa rõ xã', memberships: 0, people: 0 };
    c.memberships += r.memberships;
    c.people += r.people;
    byCommune.set(k, c);
  }
  const top = [...byCommune.values()].sort((a, b) => b.memberships - a.memberships).slice(0, 25);
  heading(
    doc,
    'Số lượt và số người theo xã',
    `${top.length < byCommune.size ? `${top.length} xã nhiều hồ sơ nhất trong ${byCommune.size}; ` : ''}số người cộng theo từng tổ chức (một người ở hai tổ chức tính hai lần).`,
  );
  barChart(
    doc,
    top.map((c) => c.label),
    [
      { name: 'Số lượt', color: COLORS.memberships, values: top.map((c) => c.memberships) },
      { name: 'Số người', color: COLORS.people, values: top.map((c) => c.people) },
    ],
  );

  doc.addPage();
  heading(doc, 'Xu hướng qua các kỳ', d.trend.length > 1 ? undefined : 'Mới có một kỳ: các kỳ sau sẽ nối thành đường.');
  trendChart(doc, d);
  heading(doc, 'Theo tổ chức');
  table(
    doc,
    ['Tổ chức', 'Số lượt', 'Số người', 'Trùng', 'Nghi ảo', 'Kết nạp', 'Thôi SH', 'Tỷ lệ tập hợp'],
    orgs.map((o) => [
      o.code,
      o.memberships,
      o.people,
      o.duplicateRecords,
      o.suspectedPhantoms,
      o.joiners,
      o.leavers,
      o.reach.known ? formatRate(o.reach.rate) : 'n/a',
    ]),
    [70, 62, 62, 52, 58, 55, 55, 97],
  );
  for (const o of orgs)
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        `${o.code} — ${o.name}: ${
          o.reach.known
            ? `tỷ lệ tập hợp trên ${n(o.reach.eligible)} ${o.reach.label} ở ${o.reach.communes} xã có CSDL dân cư (${n(o.reach.reached)} người).`
            : `tỷ lệ tập hợp n/a — ${o.reach.why}.`
        }`,
      );

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin would otherwise open a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(`Liên Thông — ${d.periodLabel}, ${d.scopeLabel} — trang ${i + 1}/${range.count}`, PAGE.margin, PAGE.height - PAGE.margin + 10, {
        width: PAGE.width - 2 * PAGE.margin,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  await done;
}
