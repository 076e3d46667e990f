import { MemberStatus, parseStatusLabel } from './member-status.js';

describe('a Trạng thái label as secretaries write it', () => {
  it.each([
    ['Đang sinh hoạt', MemberStatus.ACTIVE],
    ['còn sinh hoạt', MemberStatus.ACTIVE],
    ['', MemberStatus.ACTIVE],
    ['Đã thôi sinh hoạt', MemberStatus.LEFT],
    ['Thoi sinh hoat', MemberStatus.LEFT],
    ['Xin ra', MemberStatus.LEFT],
    ['Đã chuyển đi', MemberStatus.TRANSFERRED],
    ['Chuyển sinh hoạt', MemberStatus.TRANSFERRED],
    ['Tạm ngừng sinh hoạt', MemberStatus.SUSPENDED],
    ['Đã từ trần', MemberStatus.DECEASED],
    ['  MẤT ', MemberStatus.DECEASED],
    ['Xoá tên', MemberStatus.STRUCK_OFF],
    ['Trưởng thành đoàn', MemberStatus.MATURED],
    ['EXPELLED', MemberStatus.EXPELLED],
  ])('reads %j as %s', (label, status) => expect(parseStatusLabel(label)).toBe(status));

  it('reads nothing from a label it does not know (the import then warns, naming the labels it takes)', () => {
    expect(parseStatusLabel('Đoàn viên ưu tú')).toBeNull();
    expect(parseStatusLabel('Sinh hoạt')).toBeNull();
  });
});
