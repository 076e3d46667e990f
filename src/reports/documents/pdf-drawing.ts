import { CHART_COLORS, type BarChartDef, type ChartDef, type HeatmapDef, type LineChartDef } from '../charts/report-charts.js';

/** The drawing the PDF is made of: A4 in points, a heading, a table, and the charts charts/report-charts.ts defines. */

export const PAGE = { width: 595.28, height: 841.89, margin: 42 };
export const INK = '#1f2933';
export const MUTED = '#52606d';
const GRID = '#d9e2ec';
export const COLORS = CHART_COLORS;

/** A number as written in Vietnam (1.234). */
export const n = (v: number) => v.toLocaleString('vi-VN');
export type Doc = PDFKit.PDFDocument;

export function heading(doc: Doc, text: string, note?: string) {
  doc
    .font('bold')
    .fontSize(13)
    .fillColor(INK)
    .text(text, PAGE.margin, doc.y, { width: PAGE.width - 2 * PAGE.margin });
  if (note) doc.font('regular').fontSize(8.5).fillColor(MUTED).text(note);
  doc.moveDown(0.6);
}

/** Room for `h` points on this page, or a new page. */
export function room(doc: Doc, h: number) {
  if (doc.y + h > PAGE.height - PAGE.margin - 20) doc.addPage();
}

/** A cell's text cut to its width with "…" (pdfkit would wrap it onto the row below). */
export function fitted(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * A plain table; columns after the first are right-aligned numbers; a text too long for its cell is cut with "…". Its header again at the top of
 * each page it runs onto; with `bar`, a last column of bars for that column's numbers.
 */
export function table(
  doc: Doc,
  header: string[],
  rows: (string | number | null)[][],
  widths: number[],
  bar?: { column: number; width: number; color: string },
) {
  const x0 = PAGE.margin;
  const max = bar ? Math.max(1, ...rows.map((r) => Number(r[bar.column] ?? 0))) : 1;
  const line = (cells: (string | number | null)[], bold: boolean) => {
    const page = doc.bufferedPageRange().count;
    room(doc, 16);
    if (!bold && doc.bufferedPageRange().count > page) line(header, true);
    const y = doc.y;
    let x = x0;
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(8.5)
      .fillColor(INK);
    cells.forEach((c, i) => {
      const text = c === null ? '—' : typeof c === 'number' ? n(c) : c;
      doc.text(fitted(doc, text, widths[i] - 6), x + 3, y + 3, {
        width: widths[i] - 6,
        align: i === 0 ? 'left' : 'right',
        lineBreak: false,
      });
      x += widths[i];
    });
    if (bar && !bold) doc.rect(x + 4, y + 4, Math.max(0.5, (Number(cells[bar.column] ?? 0) / max) * (bar.width - 8)), 8).fill(bar.color);
    if (bar) x += bar.width;
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

/** A chart of the report as charts/report-charts.ts defines it: its title and note, then the drawing. */
export function chart(doc: Doc, def: ChartDef): void {
  heading(doc, def.title, def.note);
  if (def.kind === 'bar') barChart(doc, def);
  else if (def.kind === 'heatmap') overlapChart(doc, def);
  else trendChart(doc, def);
}

/** Horizontal bars, one group per label (several series side by side), with a legend. */
export function barChart(doc: Doc, def: BarChartDef) {
  const { categories: labels, series, labelWidth } = def;
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
export function overlapChart(doc: Doc, def: HeatmapDef) {
  const codes = def.codes;
  const people = (a: string, b: string) => def.values[codes.indexOf(a)][codes.indexOf(b)];
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
  doc.font('regular').fontSize(8).fillColor(MUTED).text(def.legend);
  doc.moveDown(0.8);
}

/** Lines across periods (memberships, people, suspected phantoms), each point labelled. */
export function trendChart(doc: Doc, def: LineChartDef) {
  const points = def.categories;
  const h = 170;
  room(doc, h + 40);
  const x0 = PAGE.margin + 40;
  const width = PAGE.width - PAGE.margin - x0 - 20;
  const y0 = doc.y + 14;
  const series = def.series.map((s) => ({ ...s, v: s.values }));
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
      .text(p, xAt(i) - 30, y0 + h + 4, { width: 60, align: 'center', lineBreak: false }),
  );
  doc.x = PAGE.margin;
  doc.y = y0 + h + 22;
}

/** The colour a fraction `t` of the way from one to the other. */
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
