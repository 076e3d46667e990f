import { parseEndDate } from './end-date.js';

describe('parseEndDate', () => {
  const joinedInJune2010 = { joinDate: '2010-06-01', joinDatePrecision: 'MONTH' as const };

  it.each([
    ['01/03/2024', {}, '2024-03-01'],
    ['2024-03-15', {}, '2024-03-15'],
    ['20/06/2010', joinedInJune2010, '2010-06-20'],
    ['01/06/2010', joinedInJune2010, '2010-06-01'],
    ['05/05/2000', { joinDate: null, joinDatePrecision: null }, '2000-05-05'],
  ])('takes %s as the day %s', (typed, record, stored) => {
    expect(parseEndDate(typed, record)).toEqual({ ok: true, value: stored });
  });

  it.each([
    ['3/2024', {}, "Ngày kết thúc '3/2024' thiếu ngày: nhập đủ ngày/tháng/năm, ví dụ 01/03/2024"],
    ['2024-11', {}, "Ngày kết thúc '2024-11' thiếu ngày: nhập đủ ngày/tháng/năm, ví dụ 01/11/2024"],
    ['2024', {}, "Ngày kết thúc '2024' thiếu ngày và tháng: nhập đủ ngày/tháng/năm, ví dụ 01/01/2024"],
    [
      '31/05/2010',
      joinedInJune2010,
      'Ngày kết thúc 31/05/2010 trước ngày vào tổ chức 06/2010: kiểm tra lại ngày kết thúc (hoặc sửa ngày vào trong hồ sơ)',
    ],
    [
      '14/06/2010',
      { joinDate: '2010-06-15', joinDatePrecision: 'DAY' as const },
      'Ngày kết thúc 14/06/2010 trước ngày vào tổ chức 15/06/2010: kiểm tra lại ngày kết thúc (hoặc sửa ngày vào trong hồ sơ)',
    ],
  ])('refuses %s', (typed, record, message) => {
    expect(parseEndDate(typed, record)).toEqual({ ok: false, reason: message });
  });

  it('refuses a day to come, saying today', () => {
    expect(parseEndDate('15/12/2026', {}, '2026-12-05')).toEqual({
      ok: false,
      reason: 'Ngày kết thúc 15/12/2026 ở tương lai (hôm nay 05/12/2026): chỉ ghi kết thúc sinh hoạt khi việc đã xảy ra',
    });
    expect(parseEndDate('05/12/2026', {}, '2026-12-05')).toEqual({ ok: true, value: '2026-12-05' });
  });

  it.each(['', 'hôm qua', '31/02/2024', '13/2024'])('refuses %j as no date, saying so', (typed) => {
    const r = parseEndDate(typed, {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^Ngày kết thúc/);
  });
});
