import type { MemberRecord } from './member-record.entity.js';
import { settledWarnings } from './settled-warnings.js';

const at = '2026-11-01T00:00:00.000Z';
const record = {
  phone: '0981234219',
  sex: 'MALE',
  birthDate: null,
  birthDatePrecision: null,
  idNumberHash: Buffer.from('aa', 'hex'),
  profile: { position: 'Hội viên' },
  importWarnings: [
    { column: 'SĐT', message: "Số điện thoại '981***219' thiếu số 0 ở đầu", at, field: 'phone' },
    { column: 'Ngày sinh', message: 'Ngày sinh: ngày sinh ở tương lai', at, field: 'birthDate' },
    { column: 'Số CCCD', message: 'Số CCCD có 11 chữ số', at, field: 'idNumber' },
    { column: 'Chức vụ', message: 'Chức vụ: quá dài', at, field: 'profile.position' },
    { column: 'Ghi chú', message: 'cảnh báo cũ, không rõ cột', at },
  ],
} as unknown as MemberRecord;
const left = (edit: Partial<MemberRecord>) => (settledWarnings(record, edit).importWarnings ?? record.importWarnings).map((w) => w.column);

describe('settledWarnings: an import warning leaves the record once she corrects its field', () => {
  it('settles the phone’s warning when the phone changes, and only it', () => {
    expect(left({ phone: '0981234210' })).toEqual(['Ngày sinh', 'Số CCCD', 'Chức vụ', 'Ghi chú']);
  });

  it('settles a date’s warning (and the CCCD’s its digits contradict) by the date, the CCCD’s by its hash, a profile field’s by that key', () => {
    expect(left({ birthDate: '1990-01-01', birthDatePrecision: 'YEAR' })).toEqual(['SĐT', 'Chức vụ', 'Ghi chú']);
    expect(left({ idNumberHash: Buffer.from('bb', 'hex') })).toEqual(['SĐT', 'Ngày sinh', 'Chức vụ', 'Ghi chú']);
    expect(left({ profile: { position: 'Chi hội trưởng' } })).toEqual(['SĐT', 'Ngày sinh', 'Số CCCD', 'Ghi chú']);
  });

  it('settles a CCCD’s warning when the year or the sex its digits contradict is corrected', () => {
    expect(left({ sex: 'FEMALE' })).toEqual(['SĐT', 'Ngày sinh', 'Chức vụ', 'Ghi chú']);
  });

  it('keeps every warning when a field is saved as it was (the form sends them all)', () => {
    expect(
      settledWarnings(record, { phone: '0981234219', idNumberHash: Buffer.from('aa', 'hex'), profile: { position: 'Hội viên' } }),
    ).toEqual({});
  });
});
