import { fieldEvidence, percentText, probabilityInWords } from './evidence.js';

describe('the evidence in words', () => {
  it('never shows a pair as 100% or 0%, whatever the model says', () => {
    expect(percentText(1)).toBe('trên 99,9%');
    expect(percentText(0.99995)).toBe('trên 99,9%');
    expect(percentText(0)).toBe('dưới 0,1%');
    expect(percentText(0.873)).toBe('87,3%');
    expect(probabilityInWords(0.62)).toBe('62%: có thể là cùng một người');
    expect(probabilityInWords(0.995)).toBe('99,5%: gần như chắc chắn là cùng một người');
    expect(probabilityInWords(0.03)).toBe('3%: gần như chắc chắn là hai người khác nhau');
  });

  it('says each field’s strength and direction, with a signed bar, strongest first', () => {
    const e = fieldEvidence([
      { field: 'name', level: 'SAME', weight: 6.2, frequency: 412 },
      { field: 'birth', level: 'NEAR_YEAR', weight: -1.4 },
      { field: 'id', level: 'SAME', weight: 21 },
      { field: 'sex', level: 'SAME', weight: 0.3 },
    ]);
    expect(e.map((x) => x.label)).toEqual(['Số định danh', 'Họ tên', 'Năm sinh'.replace('Năm', 'Ngày'), 'Giới tính']);
    expect(e[0]).toEqual({
      field: 'id',
      label: 'Số định danh',
      level: 'SAME',
      sentence: 'cùng số định danh — bằng chứng rất mạnh là cùng một người',
      bar: 1,
    });
    expect(e[1].sentence).toBe('cùng họ tên (412 hồ sơ có tên này) — bằng chứng mạnh là cùng một người');
    expect(e[2].sentence).toBe('năm sinh lệch một năm — bằng chứng yếu là hai người khác nhau');
    expect(e[2].bar).toBeCloseTo(-1.4 / 16, 2);
    expect(e[3].sentence).toBe('cùng giới tính — gần như không nói lên điều gì');
  });
});
