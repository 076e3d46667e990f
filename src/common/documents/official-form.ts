import { todayInVietnam } from '../dates/partial-date.js';

/** The fixed lines of a Vietnamese official document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the Quốc hiệu and tiêu ngữ. */
export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * "<Địa danh>, ngày 05 tháng 02 năm 2026" of an instant in Vietnam: days below 10 and the months
 * 1 and 2 with a leading zero, as Nghị định 30 writes them (so that none can be added by hand).
 */
export function placeAndDate(place: string, at: Date | string): string {
  const [y, m, dd] = todayInVietnam(new Date(at)).split('-').map(Number);
  const two = (v: number) => String(v).padStart(2, '0');
  return `${place}, ngày ${two(dd)} tháng ${m <= 2 ? two(m) : String(m)} năm ${y}`;
}
