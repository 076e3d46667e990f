import type { PartialDate } from '../../common/dates/partial-date.js';
import type { IdNumberIssue } from '../../common/identity/id-number.js';

/** The flags a record's own data raises (nothing to do with the person's membership): corrected by editing the record. */
export const RECORD_DATA_FLAG_CODES = ['NO_IDENTITY', 'INVALID_ID', 'ID_MISMATCH'] as const;
export type RecordDataFlagCode = (typeof RECORD_DATA_FLAG_CODES)[number];

export interface RecordDataFacts {
  hasIdNumber: boolean;
  birth: PartialDate | null;
  hasPhone: boolean;
  idMalformed: boolean;
  idIssues: IdNumberIssue[];
}

export interface RecordDataFlag {
  code: RecordDataFlagCode;
  severity: 'WARNING';
  message: string;
  evidence: Record<string, unknown>;
}

/**
 * A record's data flags (pure), one rule for the link run (`linker/model/phantom.ts`) and the writes
 * that flag at once (the form, an import): nothing that tells who the person is, an ID number that
 * cannot be (its province or century), an ID number whose digits say another sex or birth year.
 */
export function recordDataFlags(f: RecordDataFacts): RecordDataFlag[] {
  const flags: RecordDataFlag[] = [];
  const add = (code: RecordDataFlagCode, message: string, evidence: Record<string, unknown> = {}) =>
    flags.push({ code, severity: 'WARNING', message, evidence });
  const fullBirth = !!f.birth && f.birth.precision === 'DAY' && !(f.birth.month === 1 && f.birth.day === 1);
  if (!f.hasIdNumber && !fullBirth && !f.hasPhone)
    add('NO_IDENTITY', 'Không có số định danh, ngày sinh đầy đủ hay số điện thoại để xác định người này');
  if (f.idMalformed || f.idIssues.includes('UNKNOWN_PROVINCE') || f.idIssues.includes('IMPOSSIBLE_CENTURY'))
    add('INVALID_ID', 'Số định danh không hợp lệ (mã tỉnh hoặc thế kỷ không có)', { issues: f.idIssues });
  const mismatch = idMismatchMessage(f.idIssues, f.birth);
  if (mismatch) add('ID_MISMATCH', mismatch, { issues: f.idIssues });
  return flags;
}

/** Which of the record's fields its ID number's digits contradict, in words, and what to check; null when none. */
function idMismatchMessage(issues: IdNumberIssue[], birth: PartialDate | null): string | null {
  const sex = issues.includes('SEX_MISMATCH');
  const year = issues.includes('BIRTH_YEAR_MISMATCH') ? `năm sinh${birth ? ` ${birth.year}` : ''}` : null;
  if (sex && year) return `Giới tính và ${year} trong hồ sơ đều trái với số định danh: có thể là số định danh của người khác`;
  if (sex) return 'Giới tính trong hồ sơ (hoặc chữ đệm Thị/Văn của tên) trái với số định danh: kiểm tra lại giới tính hoặc số định danh';
  if (year)
    return `${year[0].toUpperCase()}${year.slice(1)} trong hồ sơ trái với năm sinh trong số định danh: kiểm tra lại ngày sinh hoặc số định danh`;
  return null;
}
