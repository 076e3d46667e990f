import type { ReportForm } from '../../config/report-form.js';
import type { ReportDocument } from './report-document.js';
import { DOCUMENT_KIND, documentNumber, documentSubject, MOTTO, NATIONAL_TITLE, placeAndDate, RECIPIENTS_LABEL } from './wording.js';

/** Text of the form and how it is set. */
export interface FormCell {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/**
 * A row of the official form in a workbook (Nghị định 30/2020/NĐ-CP, as the PDF's in pdf-form.ts):
 * what goes in the left block (the issuing body, "Nơi nhận"), in the right one (the Quốc hiệu, the
 * signature), or across the page (the document's kind and subject).
 */
export interface FormLine {
  left?: FormCell;
  right?: FormCell;
  across?: FormCell;
}

/** The top of the first sheet: issuing body and number | Quốc hiệu, tiêu ngữ, place and date; then "BÁO CÁO" and its subject. */
export function formTop(d: ReportDocument, form: ReportForm): FormLine[] {
  const left: FormCell[] = [
    ...(form.parentBody ? [{ text: form.parentBody.toUpperCase() }] : []),
    { text: form.issuingBody.toUpperCase(), bold: true },
    { text: documentNumber(form.symbol) },
  ];
  const right: FormCell[] = [
    { text: NATIONAL_TITLE, bold: true },
    { text: MOTTO, bold: true },
    { text: placeAndDate(form.place, d.computedAt), italic: true },
  ];
  const subject = documentSubject(d).split('\n');
  return [
    ...Array.from({ length: Math.max(left.length, right.length) }, (_, i) => ({ left: left[i], right: right[i] })),
    {},
    { across: { text: DOCUMENT_KIND, bold: true } },
    ...subject.map((text) => ({ across: { text, bold: true } })),
  ];
}

/** The end of the first sheet: "Nơi nhận" and its lines | the signer's authority and title, room to sign and seal, her name. */
export function formFoot(form: ReportForm): FormLine[] {
  const left: FormCell[] = [{ text: RECIPIENTS_LABEL, bold: true, italic: true }, ...form.recipients.map((r) => ({ text: `- ${r}` }))];
  const right: FormCell[] = [
    ...[form.signer.authority, form.signer.title].filter(Boolean).map((t) => ({ text: t.toUpperCase(), bold: true })),
    { text: '' },
    { text: '' },
    { text: '' },
    { text: form.signer.name, bold: true },
  ];
  return [{}, ...Array.from({ length: Math.max(left.length, right.length) }, (_, i) => ({ left: left[i], right: right[i] }))];
}
