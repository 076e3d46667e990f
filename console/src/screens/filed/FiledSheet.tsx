import { Alert, Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { vnToday } from '../../format.ts';
import { T } from '../../text.ts';

// What a filed sheet has around its table (a roster, a báo cáo tăng, giảm): the issuer and the Quốc
// hiệu at the top, the place and date and the signatures at the foot, on A4 landscape.

/**
 * The page as filed: A4 landscape, the browser's own print dialog (to a printer or to PDF), nothing
 * of the console around it; the table's header repeats on every page and a row never splits.
 */
export const FILED_CSS = `
@page { size: A4 landscape; margin: 12mm 12mm 14mm; }
.roster-sheet { font-family: "Times New Roman", Times, serif; color: #000; background: #fff; font-size: 13px; }
.roster-sheet .sheet-top { display: flex; justify-content: space-between; gap: 16px; align-items: flex-start; }
.roster-sheet .sheet-issuer, .roster-sheet .sheet-nation { text-align: center; max-width: 50%; line-height: 1.4; }
.roster-sheet .sheet-nation strong { display: block; }
.roster-sheet .sheet-nation .motto { font-weight: 700; text-decoration: underline; }
.roster-sheet h1 { text-align: center; font-size: 18px; font-weight: 700; margin: 14px 0 2px; }
.roster-sheet .sheet-sub { text-align: center; font-style: italic; margin: 0 0 10px; }
.roster-sheet .sheet-scroll { overflow-x: auto; }
.roster-sheet table { border-collapse: collapse; width: 100%; }
.roster-sheet th, .roster-sheet td { border: 1px solid #000; padding: 3px 6px; vertical-align: top; }
.roster-sheet th { font-weight: 700; text-align: center; }
.roster-sheet td.stt { text-align: center; width: 3em; }
.roster-sheet td.num { text-align: right; }
.roster-sheet tr.total th, .roster-sheet tr.total td { font-weight: 700; }
.roster-sheet tr.section th { text-align: left; font-weight: 700; background: #f2f2f2; }
@media print { .roster-sheet tr.section { break-after: avoid; page-break-after: avoid; } }
.roster-sheet .sheet-note { font-size: 12px; font-style: italic; margin: 8px 0 0; }
.roster-sheet thead { display: table-header-group; }
.roster-sheet tr { break-inside: avoid; page-break-inside: avoid; }
.roster-sheet .sheet-date { text-align: right; font-style: italic; margin: 12px 0 4px; }
.roster-sheet .sheet-sign { display: flex; justify-content: space-around; text-align: center; break-inside: avoid; page-break-inside: avoid; }
.roster-sheet .sheet-sign > div { min-height: 28mm; }
.roster-sheet .sheet-sign .sheet-recipients { text-align: left; font-size: 12px; }
.roster-sheet .sheet-number { margin-top: 2px; }
.roster-sheet .scroll-hint { display: none; font-size: 12px; font-style: italic; margin: 0 0 4px; }
@media screen and (max-width: 575px) {
  .roster-sheet .scroll-hint { display: block; }
  .roster-sheet th.unit, .roster-sheet td.unit { position: sticky; left: 0; background: #fff; min-width: 9em; z-index: 1; }
}
@media print {
  .ant-layout-header, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; background: #fff !important; min-height: 0 !important; }
  .roster-sheet .sheet-scroll { overflow: visible; }
}
`;

/** Today in Vietnam (format.ts's one rule), in the parts a place-and-date line writes. */
export function vnTodayParts(): { day: string; month: string; year: string } {
  const [year, month, day] = vnToday().split('-');
  return { day, month, year };
}

/** The issuer (organization, unit or commune) at the top left, the Quốc hiệu and tiêu ngữ at the top right. */
export function SheetHead({
  organization,
  unitName,
  communeName,
  numbered = false,
}: {
  organization: string;
  unitName: string | null;
  communeName: string | null;
  /** A report: the line for its number under the issuer. */
  numbered?: boolean;
}) {
  return (
    <div className="sheet-top">
      <div className="sheet-issuer">
        <div>{organization}</div>
        <div>
          <strong>{(unitName ?? communeName ?? '').toUpperCase()}</strong>
        </div>
        {unitName && communeName && <div>{communeName}</div>}
        <div aria-hidden="true">———</div>
        {numbered && <div className="sheet-number">{T.outputs.number}</div>}
      </div>
      <div className="sheet-nation">
        <strong>{T.outputs.nation}</strong>
        <strong className="motto">{T.outputs.motto}</strong>
      </div>
    </div>
  );
}

/**
 * The place and date, then (a report) its recipients, and the signatures of the compiler and of the
 * Ban Chấp hành's head — or, a branch's sheet, of whoever its organization says signs it (`branchSigner`).
 */
export function SheetFoot({
  communeName,
  headTitle,
  branchSigner,
  recipients,
}: {
  communeName: string | null;
  headTitle: string;
  branchSigner?: string[];
  /** A report's "Nơi nhận" lines (a list has none). */
  recipients?: readonly string[];
}) {
  const [authority, title] = branchSigner
    ? branchSigner.length > 1
      ? branchSigner
      : [null, branchSigner[0]]
    : [T.outputs.board, headTitle];
  return (
    <>
      <p className="sheet-date">{T.outputs.placeDate(communeName, vnTodayParts())}</p>
      <div className="sheet-sign">
        {recipients && (
          <div className="sheet-recipients">
            <strong>
              <em>{T.outputs.recipients}</em>
            </strong>
            {recipients.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        )}
        <div>
          <strong>{T.outputs.maker}</strong>
          <div>
            <em>{T.outputs.signHint}</em>
          </div>
        </div>
        <div>
          {authority && <strong>{authority}</strong>}
          <div>
            <strong>{title}</strong>
          </div>
          <div>
            <em>{T.outputs.stampHint}</em>
          </div>
        </div>
      </div>
    </>
  );
}

/** Above the sheet, never printed: what she chooses first (`children`), "In", back to her roster, the hint; then why it cannot be shown. */
export function PrintBar({ ready, error, children }: { ready: boolean; error: string | null; children?: ReactNode }) {
  return (
    <>
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        {children}
        <Button type="primary" disabled={!ready || !!error} onClick={() => window.print()}>
          {T.outputs.printNow}
        </Button>
        <Button href="#/danh-sach">{T.outputs.back}</Button>
        <Typography.Text type="secondary">{T.outputs.printHint}</Typography.Text>
      </Space>
      {error && <Alert className="no-print" type="error" showIcon role="alert" title={error} />}
    </>
  );
}
