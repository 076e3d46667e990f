import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFDocument from 'pdfkit';
import { vietnamTime } from '../../common/dates/vietnam-time.js';
import { COMMUNE_PEOPLE_NOTE, FIGURE_LABELS } from '../figures/figure-wording.js';
import { formatReach, NO_RATE, overlapPeople, reasonLabel, totalNote } from '../figures/report-figures.js';
import type { ReportForm } from '../../config/report-form.js';
import * as charts from '../charts/report-charts.js';
import { chart, COLORS, heading, INK, MUTED, n, PAGE, table, type Doc } from './pdf-drawing.js';
import { formHeader, formSignature, registerFormFonts } from './pdf-form.js';
import { abbreviationOf, type ReportDocument } from './report-document.js';
import { spansOrganizations } from '../counting/commune-people.js';
import { asOfNote, computedNote, documentTitle, NO_PREVIOUS, periodName, reviewNote, UNKNOWN_COMMUNE } from './wording.js';

/** DejaVu Sans (from the npm package, so a fresh machine has it): every Vietnamese letter and tone mark. */
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(fontDir, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');

/**
 * The printable report on the deployment's official form: key figures and what changed, the charts,
 * every commune, the table by organization, then who receives and who signs it.
 */
export async function writeReportPdf(d: ReportDocument, out: string, form: ReportForm): Promise<void> {
  const Pdf = createRequire(import.meta.url)('pdfkit') as typeof PDFDocument; // loaded when a PDF is first written
  const doc = new Pdf({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: { Title: documentTitle(d), Author: 'Liên Thông', Subject: 'Báo cáo rà soát, đối chiếu' },
  });
  const done = new Promise<void>((resolve, reject) => {
    const stream = fs.createWriteStream(out);
    stream.on('finish', resolve).on('error', reject);
    doc.pipe(stream);
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  registerFormFonts(doc);

  formHeader(doc, d, form);
  cover(doc, d);
  keyFigures(doc, d);
  organizationsChart(doc, d);
  doc.addPage();
  overlapAndReasons(doc, d);
  doc.addPage();
  communesTable(doc, d);
  doc.addPage();
  trendAndOrganizations(doc, d);
  formSignature(doc, form);
  pageNumbers(doc, d);
  doc.end();
  await done;
}

/** Under the title: as of when, from which linker run, computed when. */
function cover(doc: Doc, d: ReportDocument): void {
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(
      `${asOfNote(d)}; số người theo lần liên kết ${
        d.data.linkRun ? `lúc ${vietnamTime(d.data.linkRun.finishedAt)}` : '(chưa chạy liên kết: mỗi hồ sơ tính là một người)'
      }. ${computedNote(d)}${reviewNote(d)}`,
      { align: 'center' },
    );
  doc.moveDown(1.2);
}

/** The totals now, before and the change; under them how a figure is derived, in the dashboard's words. */
function keyFigures(doc: Doc, d: ReportDocument): void {
  heading(doc, 'Số liệu chính', d.previous ? `So với ${periodName(d.previous.period)}.` : NO_PREVIOUS);
  const totals = d.changes.filter((c) => !c.key.includes('.'));
  table(
    doc,
    ['Chỉ tiêu', 'Kỳ này', 'Kỳ trước', 'Tăng/giảm'],
    totals.map((c) => [c.label, c.current, c.previous, c.change]),
    [260, 80, 80, 91],
  );
  // People by how many organizations each is in: the dashboard's buckets, now and before.
  table(
    doc,
    ['Số người theo số tổ chức tham gia', 'Kỳ này', 'Kỳ trước', 'Tăng/giảm'],
    d.split.map((c) => [c.label, c.current, c.previous, c.change]),
    [260, 80, 80, 91],
  );
  for (const c of totals) {
    const note = totalNote(c.key);
    if (note)
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(MUTED)
        .text(`${c.label}: ${note}`, PAGE.margin, doc.y, { width: PAGE.width - 2 * PAGE.margin });
  }
  doc.moveDown(0.6);
}

function organizationsChart(doc: Doc, d: ReportDocument): void {
  chart(doc, charts.organizationsChart(d.data.organizations.map((o) => ({ ...o, code: abbreviationOf(d, o.code) }))));
}

/** The overlap between organizations, then the suspected phantoms by reason. */
function overlapAndReasons(doc: Doc, d: ReportDocument): void {
  const codes = d.data.organizations.map((o) => o.code);
  const shown = codes.map((c) => abbreviationOf(d, c));
  chart(
    doc,
    charts.overlapHeatmap(
      codes.map((c) => abbreviationOf(d, c)),
      (a, b) => overlapPeople(d.data.overlap, codes[shown.indexOf(a)], codes[shown.indexOf(b)]),
    ),
  );
  const reasons = Object.entries(d.data.phantomsByReason).map(([r, records]) => ({ label: reasonLabel(r), records }));
  const def = charts.phantomReasonsChart(reasons);
  if (reasons.length) chart(doc, def);
  else {
    heading(doc, def.title, def.note);
    doc.font('regular').fontSize(9).fillColor(INK).text('Không có hồ sơ nghi ảo.').moveDown();
  }
}

/**
 * A commune's people of each organization, summed: a person in two organizations there counts twice. Not the
 * dashboard's "Số người (sau liên kết)" (each person once), so not its name.
 */
const PEOPLE_SUMMED = 'Cộng số người từng tổ chức';

type CommuneLine = { code: string; label: string; memberships: number; people: number; phantoms: number };

/** A report computed before each commune's people were kept: its rows summed, a person in two organizations there twice. */
function summedCommunes(d: ReportDocument): CommuneLine[] {
  const byCommune = new Map<string, CommuneLine>();
  for (const r of d.rows) {
    const k = r.communeCode ?? '';
    const c = byCommune.get(k) ?? { code: k, label: r.communeName ?? UNKNOWN_COMMUNE, memberships: 0, people: 0, phantoms: 0 };
    c.memberships += r.memberships;
    c.people += r.people;
    c.phantoms += r.suspectedPhantoms;
    byCommune.set(k, c);
  }
  return [...byCommune.values()];
}

const mostFirst = (a: CommuneLine, b: CommuneLine) => b.memberships - a.memberships || a.code.localeCompare(b.code);

/**
 * Every commune (not a top slice), most memberships first: each person once in a commune, and those in two
 * organizations or more there (the note under the heading says so). Short headings: the note says what Số người is.
 */
function communesTable(doc: Doc, d: ReportDocument): void {
  if (!d.data.peopleByCommune) return summedCommunesTable(doc, d);
  const all = d.data.peopleByCommune.map((c) => ({
    code: c.code ?? '',
    label: c.name ?? UNKNOWN_COMMUNE,
    memberships: c.memberships,
    people: c.people,
    several: c.peopleInSeveralOrgs,
    phantoms: c.suspectedPhantoms,
  }));
  all.sort(mostFirst);
  heading(doc, 'Số lượt và số người theo xã', `Đủ ${n(all.length)} xã, phường, nhiều hồ sơ nhất trước. ${COMMUNE_PEOPLE_NOTE}`);
  // In one organization's (or unit's) report nobody is in two there: no column of zeros.
  if (!spansOrganizations(d.area))
    return table(
      doc,
      ['Xã, phường', 'Mã xã', 'Số lượt', 'Số người', FIGURE_LABELS.suspectedPhantoms],
      all.map((c) => [c.label, c.code || '—', c.memberships, c.people, c.phantoms]),
      [150, 40, 56, 70, 90],
      { column: 2, width: 100, color: COLORS.memberships },
    );
  table(
    doc,
    ['Xã, phường', 'Mã xã', 'Số lượt', 'Số người', 'Ở từ 2 tổ chức', FIGURE_LABELS.suspectedPhantoms],
    all.map((c) => [c.label, c.code || '—', c.memberships, c.people, c.several, c.phantoms]),
    [132, 40, 46, 58, 84, 76],
    { column: 2, width: 70, color: COLORS.memberships },
  );
}

/** An older report's communes, people summed over organizations, and said so. */
function summedCommunesTable(doc: Doc, d: ReportDocument): void {
  const all = summedCommunes(d).sort(mostFirst);
  heading(
    doc,
    'Số lượt và số người theo xã',
    `Đủ ${n(all.length)} xã, phường, nhiều hồ sơ nhất trước. "${PEOPLE_SUMMED}": số người của mỗi tổ chức trong xã cộng lại, một người ở hai tổ chức tính hai lần (báo cáo lập trước khi có số người theo xã) — nên lớn hơn "${FIGURE_LABELS.people}" của xã trên màn hình Tổng quan, nơi mỗi người chỉ tính một lần.`,
  );
  table(
    doc,
    ['Xã, phường', 'Mã xã', FIGURE_LABELS.memberships, PEOPLE_SUMMED, FIGURE_LABELS.suspectedPhantoms],
    all.map((c) => [c.label, c.code || '—', c.memberships, c.people, c.phantoms]),
    [116, 38, 48, 150, 72],
    { column: 2, width: 87, color: COLORS.memberships },
  );
}

/** The trend across periods, then the table by organization with each one's reach explained. */
function trendAndOrganizations(doc: Doc, d: ReportDocument): void {
  chart(doc, charts.trendChart(d.trend.map((t) => ({ period: periodName(t.period), ...t.totals }))));
  heading(doc, 'Theo tổ chức');
  const orgs = d.data.organizations;
  table(
    doc,
    // "Đã rà soát": the phantoms struck off in the period (figure-wording.ts STRUCK; "—": not kept in an older report).
    ['Tổ chức', 'Số lượt', 'Số người', 'Trùng', 'Nghi ảo', 'Kết nạp', 'Thôi SH', 'Đã rà soát', 'Tỷ lệ tập hợp'],
    orgs.map((o) => [
      abbreviationOf(d, o.code),
      o.memberships,
      o.people,
      o.duplicateRecords,
      o.suspectedPhantoms,
      o.joiners,
      o.leavers,
      o.struck ?? '—',
      formatReach(o.reach),
    ]),
    [58, 52, 52, 44, 50, 50, 50, 70, 85],
  );
  for (const o of orgs)
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        `${abbreviationOf(d, o.code)} — ${o.name}: ${
          o.reach.known
            ? `tỷ lệ tập hợp trên ${n(o.reach.eligible)} ${o.reach.label} ở ${o.reach.communes} xã có CSDL dân cư (${n(o.reach.reached)} người).`
            : `tỷ lệ tập hợp ${NO_RATE} — ${o.reach.why}.`
        }`,
      );
}

/** "Liên Thông — period, area — trang i/N" at the foot of every page. */
function pageNumbers(doc: Doc, d: ReportDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin would otherwise open a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(`Liên Thông — ${d.periodLabel}, ${d.areaLabel} — trang ${i + 1}/${range.count}`, PAGE.margin, PAGE.height - PAGE.margin + 10, {
        width: PAGE.width - 2 * PAGE.margin,
        align: 'center',
        lineBreak: false,
      });
  }
}
