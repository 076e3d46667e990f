import { createRequire } from 'node:module';
import path from 'node:path';
import type { ReportForm } from '../../config/report-form.js';
import { INK, PAGE, room, type Doc } from './pdf-drawing.js';
import type { ReportDocument } from './report-document.js';
import { DOCUMENT_KIND, documentNumber, documentSubject, MOTTO, NATIONAL_TITLE, placeAndDate, RECIPIENTS_LABEL } from './wording.js';

/**
 * The official form around the report (Nghị định 30/2020/NĐ-CP): the issuing body and the number at
 * the top left, the Quốc hiệu and the underlined tiêu ngữ at the top right with the place and date
 * under them; at the end, "Nơi nhận" at the left and the signature block at the right. In a serif
 * face (DejaVu Serif: every Vietnamese letter), as such documents are set.
 */

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export function registerFormFonts(doc: Doc): void {
  doc.registerFont('form', path.join(fontDir, 'DejaVuSerifCondensed.ttf'));
  doc.registerFont('form-bold', path.join(fontDir, 'DejaVuSerifCondensed-Bold.ttf'));
  doc.registerFont('form-italic', path.join(fontDir, 'DejaVuSerifCondensed-Italic.ttf'));
  doc.registerFont('form-bold-italic', path.join(fontDir, 'DejaVuSerifCondensed-BoldItalic.ttf'));
}

/** The left column (the issuing body) and the right one (Quốc hiệu), in points. */
const LEFT = { x: PAGE.margin, width: 215 };
const RIGHT = { x: PAGE.margin + 215, width: PAGE.width - 2 * PAGE.margin - 215 };
const WIDTH = PAGE.width - 2 * PAGE.margin;

/** A short rule under a line, centred in its column. */
function rule(doc: Doc, column: { x: number; width: number }, y: number, length: number): void {
  const x = column.x + (column.width - length) / 2;
  doc
    .moveTo(x, y)
    .lineTo(x + length, y)
    .strokeColor(INK)
    .lineWidth(0.7)
    .stroke();
}

/** The top of the first page, then "BÁO CÁO" and what it is about. */
export function formHeader(doc: Doc, d: ReportDocument, form: ReportForm): void {
  const top = doc.y;
  const left = { width: LEFT.width, align: 'center' as const };
  doc.fillColor(INK);
  if (form.parentBody) doc.font('form').fontSize(11).text(form.parentBody.toUpperCase(), LEFT.x, top, left);
  doc
    .font('form-bold')
    .fontSize(11)
    .text(form.issuingBody.toUpperCase(), LEFT.x, form.parentBody ? doc.y : top, left);
  rule(doc, LEFT, doc.y + 2, 60);
  doc
    .font('form')
    .fontSize(11)
    .text(documentNumber(form.symbol), LEFT.x, doc.y + 8, left);
  const leftEnd = doc.y;

  const right = { width: RIGHT.width, align: 'center' as const };
  doc.font('form-bold').fontSize(11).text(NATIONAL_TITLE, RIGHT.x, top, right);
  doc.font('form-bold').fontSize(12).text(MOTTO, RIGHT.x, doc.y, right);
  rule(doc, RIGHT, doc.y + 1, doc.widthOfString(MOTTO));
  doc
    .font('form-italic')
    .fontSize(11)
    .text(placeAndDate(form.place, d.computedAt), RIGHT.x, doc.y + 10, right);

  doc.y = Math.max(leftEnd, doc.y) + 20;
  doc.font('form-bold').fontSize(14).text(DOCUMENT_KIND, PAGE.margin, doc.y, { width: WIDTH, align: 'center' });
  doc.font('form-bold').fontSize(11.5).text(documentSubject(d), { width: WIDTH, align: 'center' });
  rule(doc, { x: PAGE.margin, width: WIDTH }, doc.y + 3, 80);
  doc.x = PAGE.margin;
  doc.moveDown(1);
}

/** The end of the report: "Nơi nhận" at the left, the signature block at the right (on one page). */
export function formSignature(doc: Doc, form: ReportForm): void {
  const signLines = [form.signer.authority, form.signer.title].filter(Boolean);
  room(doc, Math.max(40 + 13 * form.recipients.length, 60 + 15 * signLines.length + 70));
  doc.moveDown(1.5);
  const top = doc.y;
  doc.fillColor(INK).font('form-bold-italic').fontSize(11).text(RECIPIENTS_LABEL, LEFT.x, top, { width: LEFT.width });
  doc.font('form').fontSize(9.5);
  for (const r of form.recipients) doc.text(`- ${r}`, LEFT.x, doc.y, { width: LEFT.width });
  const leftEnd = doc.y;

  const right = { width: RIGHT.width, align: 'center' as const };
  doc.font('form-bold').fontSize(11);
  doc.y = top;
  for (const line of signLines) doc.text(line.toUpperCase(), RIGHT.x, doc.y, right);
  // Room for the signature and the seal.
  doc.y += 62;
  if (form.signer.name) doc.font('form-bold').fontSize(11).text(form.signer.name, RIGHT.x, doc.y, right);
  doc.x = PAGE.margin;
  doc.y = Math.max(leftEnd, doc.y) + 6;
}
