import { vietnamTime } from '../../common/dates/vietnam-time.js';
import { formatVnDay } from '../../common/dates/vn-day.js';
import type { ReportDocument } from './report-document.js';

/** The wording the workbook and the PDF share. */
export const REPORT_HEADING = 'BÁO CÁO RÀ SOÁT, ĐỐI CHIẾU ĐOÀN VIÊN, HỘI VIÊN';
export const NO_PREVIOUS = 'Chưa có báo cáo kỳ trước để so sánh.';
export const UNKNOWN_COMMUNE = 'Chưa rõ xã';
export const documentTitle = (d: ReportDocument): string => `Báo cáo rà soát ${d.periodLabel} — ${d.areaLabel}`;
/** The day the figures are as of, and why they are provisional (if they are). */
export const asOfNote = (d: ReportDocument): string =>
  `Số liệu đến hết ngày ${formatVnDay(d.asOfDay)}${d.provisional ? ` (tạm tính: ${d.provisional})` : ''}`;
/** When it was computed, as a person in Vietnam reads the time. */
export const computedNote = (d: ReportDocument): string => `Lập lúc ${vietnamTime(d.computedAt)} (giờ Việt Nam).`;
