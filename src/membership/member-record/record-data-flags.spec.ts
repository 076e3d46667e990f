import type { IdNumberIssue } from '../../common/identity/id-number.js';
import { recordDataFlags } from './record-data-flags.js';

const birth = { year: 1938, month: 5, day: 2, precision: 'DAY' as const };
const mismatch = (issues: IdNumberIssue[]) =>
  recordDataFlags({ hasIdNumber: true, birth, hasPhone: true, idMalformed: false, idIssues: issues }).find((f) => f.code === 'ID_MISMATCH')
    ?.message;

describe('an ID number whose digits contradict the record', () => {
  it.each([
    [['BIRTH_YEAR_MISMATCH'], 'Năm sinh 1938 trong hồ sơ trái với năm sinh trong số định danh: kiểm tra lại ngày sinh hoặc số định danh'],
    [
      ['SEX_MISMATCH'],
      'Giới tính trong hồ sơ (hoặc chữ đệm Thị/Văn của tên) trái với số định danh: kiểm tra lại giới tính hoặc số định danh',
    ],
    [
      ['SEX_MISMATCH', 'BIRTH_YEAR_MISMATCH'],
      'Giới tính và năm sinh 1938 trong hồ sơ đều trái với số định danh: có thể là số định danh của người khác',
    ],
  ] as [IdNumberIssue[], string][])('says which field (%j)', (issues, message) => expect(mismatch(issues)).toBe(message));

  it('raises nothing when the digits agree', () => expect(mismatch([])).toBeUndefined());
});
