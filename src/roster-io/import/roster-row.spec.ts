import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { matchHeader } from '../roster-columns.js';
import { readRosterRow } from './roster-row.js';

const dtn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'DTN')!;
const header = matchHeader(['STT', 'Họ và tên', 'Ngày sinh', 'Ngày vào Đoàn'], dtn)!;
const read = (joined: unknown) =>
  readRosterRow({ cells: ['1', 'Lò Văn Hùng', '12/03/2001', String(joined)], values: ['1', 'Lò Văn Hùng', '12/03/2001', joined] }, header, {
    today: '2026-12-01',
  })!;

/** DTN's `Ngày vào Đoàn` is a profile date: read as the membership dates are, never a reason to refuse the row. */
describe('a profile date cell (Ngày vào Đoàn)', () => {
  it.each([
    ['a year alone (number)', 2016, '2016-01-01', /chỉ ghi năm 2016/],
    ['a year alone (text)', '2016', '2016-01-01', /chỉ ghi năm 2016/],
    ['a full date', '26/03/2016', '26/03/2016', null],
  ] as const)('%s is kept', (_, cell, stored, warning) => {
    const row = read(cell);
    expect(row.problems).toEqual([]);
    expect(row.fields.profile).toEqual([{ key: 'youthUnionJoinDate', value: stored }]);
    expect(row.warnings.map((w) => w.message)).toEqual(warning ? [expect.stringMatching(warning)] : []);
  });

  it('an unreadable one is left empty with a warning, the member kept', () => {
    const row = read('31/02/2016');
    expect([row.problems, row.fields.profile]).toEqual([[], undefined]);
    expect(row.warnings).toEqual([expect.objectContaining({ column: 'Ngày vào Đoàn' })]);
  });
});
