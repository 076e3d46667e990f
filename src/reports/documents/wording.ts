import { vietnamTime } from '../../common/dates/vietnam-time.js';
import { formatVnDay } from '../../common/dates/vn-day.js';
import { parsePeriod } from '../../common/dates/period.js';
import type { ReportDocument } from './report-document.js';

/** The wording the workbook and the PDF share. */
export const REPORT_HEADING = 'BÁO CÁO RÀ SOÁT, ĐỐI CHIẾU ĐOÀN VIÊN, HỘI VIÊN';
export const NO_PREVIOUS = 'Chưa có báo cáo kỳ trước để so sánh.';
export const UNKNOWN_COMMUNE = 'Chưa rõ xã';
/** A period as a person reads it: `Quý III/2026`, not its key `2026-Q3`. */
export const periodName = (key: string): string => parsePeriod(key).label;
export const documentTitle = (d: ReportDocument): string => `Báo cáo rà soát ${d.periodLabel} — ${d.areaLabel}`;
/** The day the figures are as of, and why they are provisional (if they are). */
export const asOfNote = (d: ReportDocument): string =>
  `Số liệu đến hết ngày ${formatVnDay(d.asOfDay)}${d.provisional ? ` (tạm tính: ${d.provisional})` : ''}`;
/**
 * The pairs still waiting for review when it was computed, as the margin of its số người (each pair
 * confirmed one person lowers it by one at most); empty when none, or for a snapshot that did not count them.
 */
export const reviewNote = (d: Pick<ReportDocument, 'data'>): string =>
  d.data.reviewPending
    ? ` Khi lập báo cáo còn ${d.data.reviewPending.toLocaleString('vi-VN')} cặp hồ sơ chờ rà soát liên kết: mỗi cặp được xác nhận là cùng một người làm số người giảm 1, nên số người có thể thấp hơn tối đa ${d.data.reviewPending.toLocaleString('vi-VN')}.`
    : '';
/** When it was computed, as a person in Vietnam reads the time. */
export const computedNote = (d: ReportDocument): string => `Lập lúc ${vietnamTime(d.computedAt)} (giờ Việt Nam).`;

/** The official form's fixed lines (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
export { MOTTO, NATIONAL_TITLE, placeAndDate } from '../../common/documents/official-form.js';
export const DOCUMENT_KIND = 'BÁO CÁO';
export const RECIPIENTS_LABEL = 'Nơi nhận:';
/** "Số: …/BC-<symbol>": the number itself is given when the document is registered (văn thư). */
export const documentNumber = (symbol: string): string => `Số: …/BC-${symbol}`;
/** The trích yếu under "BÁO CÁO": what, of which period and area. */
export const documentSubject = (d: ReportDocument): string =>
  `Kết quả rà soát, đối chiếu đoàn viên, hội viên\n${d.periodLabel} — ${d.areaLabel}`;
