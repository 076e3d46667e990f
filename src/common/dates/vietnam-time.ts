/**
 * Times as a person in Vietnam reads them (UTC+7 all year: no daylight saving): `01/12/2026 19:03`.
 * Machine formats (JSON, the audit file) keep ISO 8601; these are for what people read.
 */
import { formatVnDay } from './vn-day.js';

const OFFSET_MS = 7 * 3_600_000;

const shifted = (at: Date | string): string => new Date(new Date(at).getTime() + OFFSET_MS).toISOString();

/** `dd/mm/yyyy` of an instant, in Vietnam. */
export function vietnamDate(at: Date | string): string {
  return formatVnDay(shifted(at));
}

/** `dd/mm/yyyy HH:mm` of an instant, in Vietnam. */
export function vietnamTime(at: Date | string): string {
  return `${vietnamDate(at)} ${shifted(at).slice(11, 16)}`;
}
