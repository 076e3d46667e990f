import { MembershipEventKind, type MembershipEvent } from './membership-event.entity.js';
import type { MemberRecord } from './member-record.entity.js';
import { MemberStatus } from '../status/member-status.js';
import { personalDataCopyText } from './personal-data-copy.js';

describe('the data subject’s copy of her data', () => {
  const record = {
    organizationCode: 'HPN',
    externalId: 'PN-7',
    fullName: 'Lò Thị Ín',
    birthDate: '1968-01-01',
    birthDatePrecision: 'YEAR',
    sex: 'FEMALE',
    phone: null,
    communeCode: '03166',
    communeEnteredCode: '03156',
    ethnicity: 'Thái',
    unit: { code: 'HPN-03166-01', name: 'Chi hội bản Na Sang' },
    joinDate: '2001-05-01',
    joinDatePrecision: 'MONTH',
    status: MemberStatus.DECEASED,
    lastActivityDate: null,
    lastActivityDatePrecision: null,
    lastDuesDate: null,
    lastDuesDatePrecision: null,
    profile: { position: 'Chi hội trưởng', veteranCard: true },
    raw: { fullName: 'LÒ THỊ ÍN' },
    importWarnings: [{ column: 'Số điện thoại', message: 'thiếu số điện thoại', at: '2026-11-01' }],
    createdAt: new Date('2026-11-01T03:00:00Z'),
    updatedAt: new Date('2026-11-20T10:30:00Z'),
  } as unknown as MemberRecord;
  const ended = {
    kind: MembershipEventKind.ENDED,
    effectiveDate: '2026-08-15',
    fromStatus: MemberStatus.ACTIVE,
    toStatus: MemberStatus.DECEASED,
    reason: 'Giấy báo tử',
    recordedAt: new Date('2026-11-20T10:30:00Z'),
  } as MembershipEvent;

  const hers = {
    record,
    organizationName: 'Hội Liên hiệp Phụ nữ Việt Nam',
    duesTerm: 'hội phí',
    communeName: 'Xã Thanh Nưa',
    profileLabels: { position: 'Chức vụ', veteranCard: 'Có thẻ hội viên' },
    idNumber: '011168123456',
    idNumberAsEntered: '11168123456',
    history: [ended],
    exportedAt: new Date('2026-12-04T01:00:00Z'),
  };

  it('names every field in Vietnamese, writes dates as she does, the number in full and an empty field as such', () => {
    const text = personalDataCopyText([hers]);
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['BẢN SAO DỮ LIỆU CÁ NHÂN', 'Hệ thống Liên Thông — xuất lúc 04/12/2026 08:00 (giờ Việt Nam)']);
    for (const line of [
      'Tổ chức: Hội Liên hiệp Phụ nữ Việt Nam (HPN)',
      'Ngày sinh: 1968',
      'Giới tính: Nữ',
      'Số định danh (CCCD/CMND): 011168123456',
      'Số định danh như đã ghi khi nhập: 11168123456',
      'Số điện thoại: (không có)',
      'Xã/phường: Xã Thanh Nưa (mã 03166)',
      'Mã xã như đã ghi khi nhập: 03156',
      'Chi hội / đơn vị: Chi hội bản Na Sang (HPN-03166-01)',
      'Ngày vào: 05/2001',
      'Trạng thái: Đã mất',
      '  Chức vụ: Chi hội trưởng',
      '  Có thẻ hội viên: có',
      '  Họ và tên: LÒ THỊ ÍN',
      '  Số điện thoại: thiếu số điện thoại',
      '  15/08/2026 — Kết thúc sinh hoạt (Đang sinh hoạt → Đã mất): Giấy báo tử',
    ])
      expect(lines).toContain(line);
  });

  it('gives each of her records a part of its own, named by its organization', () => {
    const elsewhere = {
      ...hers,
      organizationName: 'Đoàn TNCS Hồ Chí Minh',
      duesTerm: 'đoàn phí',
      record: { ...record, organizationCode: 'DTN' },
      history: [],
    };
    const lines = personalDataCopyText([hers, elsewhere]).split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'BẢN SAO DỮ LIỆU CÁ NHÂN',
      'Hệ thống Liên Thông — xuất lúc 04/12/2026 08:00 (giờ Việt Nam)',
      'Người này có 2 hồ sơ trong hệ thống: mỗi hồ sơ một phần dưới đây.',
      '',
      'PHẦN 1: HỒ SƠ CỦA HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM',
    ]);
    expect(lines).toContain('PHẦN 2: HỒ SƠ CỦA ĐOÀN TNCS HỒ CHÍ MINH');
    expect(lines).toContain('Tổ chức: Đoàn TNCS Hồ Chí Minh (DTN)');
    // Each part says dues as its organization does.
    expect(lines.filter((l) => /^Đóng (hội|đoàn) phí gần nhất/.test(l)).map((l) => l.split(':')[0])).toEqual([
      'Đóng hội phí gần nhất',
      'Đóng đoàn phí gần nhất',
    ]);
  });
});
