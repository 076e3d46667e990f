import { noteFacts } from './note-facts.js';

const today = '2026-12-01';

describe('noteFacts: suggestions from a Ghi chú cell', () => {
  it.each([
    ['đã mất tháng 8/2026', [{ kind: 'DIED', when: { year: 2026, month: 8, precision: 'MONTH' } }]],
    ['Từ trần ngày 3/5/2026', [{ kind: 'DIED', when: { year: 2026, month: 5, day: 3, precision: 'DAY' } }]],
    ['đã qua đời', [{ kind: 'DIED' }]],
    ['Mất năm 2025', [{ kind: 'DIED', when: { year: 2025, precision: 'YEAR' } }]],
    ['da mat 2024 (khong dau)', [{ kind: 'DIED', when: { year: 2024, precision: 'YEAR' } }]],
    ['Đã chuyển đi Lai Châu T6/2026', [{ kind: 'MOVED_AWAY', detail: 'Lai Châu', when: { year: 2026, month: 6, precision: 'MONTH' } }]],
    ['chuyển sinh hoạt về xã Mường Phăng', [{ kind: 'MOVED_AWAY', detail: 'xã Mường Phăng' }]],
    // A school's chi đoàn: the student gone to another school.
    ['Chuyển trường tháng 9/2026', [{ kind: 'MOVED_AWAY', when: { year: 2026, month: 9, precision: 'MONTH' } }]],
    [
      'Đã chuyển khẩu đến TP Hồ Chí Minh năm 2024',
      [{ kind: 'MOVED_AWAY', detail: 'TP Hồ Chí Minh', when: { year: 2024, precision: 'YEAR' } }],
    ],
    ['đi lấy chồng xa', [{ kind: 'MOVED_AWAY' }]],
    ['Đã lấy chồng ở xã khác', [{ kind: 'MOVED_AWAY', detail: 'xã khác' }]],
    ['theo chồng về Sơn La', [{ kind: 'MOVED_AWAY', detail: 'Sơn La' }]],
    ['Đi làm ăn xa', [{ kind: 'AWAY' }]],
    ['di lam an xa (khong dau)', [{ kind: 'AWAY' }]],
    ['làm ăn ở Hà Nội', [{ kind: 'AWAY', detail: 'Hà Nội' }]],
    ['tạm vắng từ T3/2025', [{ kind: 'AWAY', when: { year: 2025, month: 3, precision: 'MONTH' } }]],
    ['Đi XKLĐ Hàn Quốc', [{ kind: 'AWAY', detail: 'Hàn Quốc' }]],
    ['xuất khẩu lao động Nhật Bản 2024', [{ kind: 'AWAY', detail: 'Nhật Bản', when: { year: 2024, precision: 'YEAR' } }]],
    ['đi làm công nhân Bắc Ninh', [{ kind: 'AWAY', detail: 'Bắc Ninh' }]],
    ['nhập ngũ 2025', [{ kind: 'AWAY', when: { year: 2025, precision: 'YEAR' } }]],
    ['Bỏ sinh hoạt', [{ kind: 'INACTIVE' }]],
    ['lâu không sinh hoạt', [{ kind: 'INACTIVE' }]],
    ['Không đóng hội phí 2 năm', [{ kind: 'INACTIVE' }]],
    ['CMND cũ', [{ kind: 'OLD_ID_CARD' }]],
    ['số CMND cũ, chưa làm CCCD', [{ kind: 'OLD_ID_CARD' }]],
    ['cùng là hội viên Hội ND', [{ kind: 'ALSO_MEMBER', detail: 'Hội ND' }]],
    ['Đồng thời là hội viên Hội CCB xã', [{ kind: 'ALSO_MEMBER', detail: 'Hội CCB xã' }]],
    ['sinh hoạt cả Đoàn thanh niên', [{ kind: 'ALSO_MEMBER', detail: 'Đoàn thanh niên' }]],
    ['sinh hoạt cả chi hội Co Mận', [{ kind: 'ALSO_MEMBER', detail: 'chi hội Co Mận' }]],
    ['đồng thời sinh hoạt ở Hội ND', [{ kind: 'ALSO_MEMBER', detail: 'Hội ND' }]],
    ['cũng sinh hoạt tại Hội CCB xã', [{ kind: 'ALSO_MEMBER', detail: 'Hội CCB xã' }]],
    ['sinh hoat ca Doan thanh nien', [{ kind: 'ALSO_MEMBER', detail: 'Doan thanh nien' }]],
    ['sinh hoạt ở chi hội bản Co Mận', []],
    ['chuyển sinh hoạt về Hội ND xã', [{ kind: 'MOVED_AWAY' }]],
    // Someone who has just come is no one who left.
    ['Mới chuyển về TDP 1', []],
    ['moi chuyen den thang 10', []],
    [
      'CMND cũ; cùng là hội viên Hội ND',
      [
        { kind: 'OLD_ID_CARD', evidence: 'CMND cũ; cùng là hội viên Hội ND' },
        { kind: 'ALSO_MEMBER', detail: 'Hội ND' },
      ],
    ],
  ])('%s', (note, expected) => {
    const facts = noteFacts(note, today);
    expect(facts).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(facts[i]).toMatchObject(e));
    facts.forEach((f) => expect(f.evidence).toBe(note.trim()));
  });

  // Where membership goes with the job (a union's roster): leaving it, or retiring, is leaving.
  it.each([
    ['nghỉ việc 03/2026', [{ kind: 'LEFT_WORK', when: { year: 2026, month: 3, precision: 'MONTH' } }]],
    ['Đã thôi việc', [{ kind: 'LEFT_WORK' }]],
    ['nghỉ hưu', [{ kind: 'LEFT_WORK' }]],
    ['Về hưu từ 01/07/2026', [{ kind: 'LEFT_WORK', when: { year: 2026, month: 7, day: 1, precision: 'DAY' } }]],
    ['nghi viec (khong dau)', [{ kind: 'LEFT_WORK' }]],
    ['chấm dứt hợp đồng lao động T10/2026', [{ kind: 'LEFT_WORK', when: { year: 2026, month: 10, precision: 'MONTH' } }]],
    ['chuyển công tác', [{ kind: 'MOVED_AWAY' }]],
    ['nghỉ thai sản', []],
    ['nghỉ ốm dài ngày', []],
    ['nghỉ việc tạm thời', []],
  ])('in a union: %s', (note, expected) => {
    const facts = noteFacts(note, today, true);
    expect(facts).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(facts[i]).toMatchObject(e));
  });

  it('reads no leaving of a job where membership does not go with it (a veteran "Đại tá nghỉ hưu")', () => {
    expect(noteFacts('Đại tá nghỉ hưu', today)).toEqual([]);
    expect(noteFacts('nghỉ việc 03/2026', today)).toEqual([]);
  });

  it('keeps the note as written as the evidence', () => {
    expect(noteFacts('  Đã chuyển đi  Lai Châu ', today)[0].evidence).toBe('Đã chuyển đi Lai Châu');
  });

  it.each([
    'mất liên lạc từ 2024',
    'đã mất liên lạc từ 2024',
    'đã mất sức lao động',
    'đã mất tích',
    'Ủy viên Mặt trận',
    'Mat tran To quoc',
    'mắt kém',
    'mat kem (khong dau)',
    'mổ mắt năm 2020',
    'chuyển đến từ xã Thanh Nưa năm 2020',
    'đã lấy chồng',
    'đi làm ruộng',
    'làm ăn khá',
    'Có đi sinh hoạt',
    'sinh hoạt đều',
    'Chi hội trưởng',
    'hộ nghèo',
    '',
  ])('%s: no fact', (note) => {
    expect(noteFacts(note, today)).toEqual([]);
  });
});
