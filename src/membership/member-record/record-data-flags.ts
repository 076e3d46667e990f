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
  if (f.idIssues.includes('SEX_MISMATCH') || f.idIssues.includes('BIRTH_YEAR_MISMATCH'))
    add('ID_MISMATCH', 'Giới tính (hoặc chữ đệm Thị/Văn của tên) hoặc năm sinh trái với số định danh', { issues: f.idIssues });
  return flags;
}
