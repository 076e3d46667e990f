import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { matchHeader } from '../roster-columns.js';
import { sexOfMembers } from './prepare-row.js';
import { readRosterRow } from './roster-row.js';

const org = (code: string) => BUILT_IN_ORGANIZATIONS.find((o) => o.code === code)!;
const rowOf = (code: string, headers: string[], cells: string[]) =>
  readRosterRow({ cells }, matchHeader(headers, org(code))!, { today: '2026-12-01' })!;

/** A women's union leaves the sex empty: a new record takes the one sex the organization admits, unless the row says otherwise. */
describe('the sex of a row that says none', () => {
  const hpn = ['Họ và tên', 'Số CCCD', 'Hội viên danh dự'];
  it.each([
    ['HPN, no sex, no CCCD', 'HPN', hpn, ['Lò Thị Mai', '', ''], 'Nữ'],
    ['HPN, a woman’s CCCD', 'HPN', hpn, ['Lò Thị Mai', '011185012345', ''], 'Nữ'],
    ['HPN, a man’s CCCD', 'HPN', hpn, ['Lò Văn Minh', '011085012345', ''], undefined],
    ['HPN, an honorary member', 'HPN', hpn, ['Lò Văn Minh', '', 'x'], undefined],
    ['HPN, a sex given', 'HPN', ['Họ và tên', 'Giới tính'], ['Lò Văn Minh', 'Nam'], undefined],
    ['HPN, a sex that cannot be read (warned, left empty)', 'HPN', ['Họ và tên', 'Giới tính'], ['Lò Thị Mai', 'x'], undefined],
    ['HND admits both sexes', 'HND', hpn.slice(0, 2), ['Lò Thị Mai', ''], undefined],
  ] as const)('%s', (_, code, headers, cells, want) =>
    expect(sexOfMembers(rowOf(code, [...headers], [...cells]), org(code)).sex).toBe(want),
  );

  it('leaves an existing record’s sex as it is', () => {
    expect(sexOfMembers(rowOf('HPN', hpn, ['Lò Thị Mai', '', '']), org('HPN'), {} as MemberRecord)).toEqual({});
  });
});
