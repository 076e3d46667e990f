import { compareBirth, linkDate } from '../../common/identity/identity-compare.js';
import { explain, fieldEvidence, percentText, probabilityInWords } from './evidence.js';

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
    expect(e.map((x) => x.label)).toEqual(['Số định danh', 'Ngày sinh', 'Họ tên', 'Giới tính']);
    expect(e[0]).toEqual({
      field: 'id',
      label: 'Số định danh',
      level: 'SAME',
      sentence: 'cùng số định danh — bằng chứng rất mạnh là cùng một người',
      bar: 1,
    });
    expect(e[2].sentence).toBe('cùng họ tên (412 hồ sơ có tên này) — bằng chứng yếu là cùng một người');
    expect(e[1].sentence).toBe('năm sinh lệch một năm — bằng chứng yếu là hai người khác nhau');
    expect(e[1].bar).toBeCloseTo(-1.4 / 16, 2);
    expect(e[3].sentence).toBe('cùng giới tính — gần như không nói lên điều gì');
  });

  // A name 93 records share is no strong evidence to the officer choosing among them; a rare one is.
  it.each([
    [8.2, 93, 'bằng chứng yếu'],
    [11.5, 12, 'bằng chứng mạnh'],
    [12.1, 1, 'bằng chứng rất mạnh'],
    [8.2, undefined, 'bằng chứng mạnh'],
  ])('words a name agreement of %p bits shared by %p records as "%s"', (weight, frequency, word) => {
    const [e] = fieldEvidence([{ field: 'name', level: 'SAME', weight, ...(frequency ? { frequency } : {}) }]);
    expect(e.sentence).toContain(`— ${word} là cùng một người`);
  });

  // The word, the bar and the order follow one measure: a name 93 records share is weaker than a shared phone.
  it('draws and orders a common name as weakly as it words it', () => {
    const e = fieldEvidence([
      { field: 'name', level: 'SAME', weight: 8.2, frequency: 93 },
      { field: 'phone', level: 'SAME', weight: 4 },
    ]);
    expect(e.map((x) => x.field)).toEqual(['phone', 'name']);
    expect(e[1].bar).toBeCloseTo((8.2 - Math.log2(93)) / 16, 2);
    expect(e[1].bar).toBeLessThan(e[0].bar);
    expect(
      explain(
        {
          weight: 12.2,
          contributions: [
            { field: 'name', level: 'SAME', weight: 8.2, frequency: 93 },
            { field: 'phone', level: 'SAME', weight: 4 },
          ],
        },
        'cần xem xét',
      ),
    ).toMatch(/^Cùng số điện thoại.*; cùng họ tên/);
  });

  const birth = (iso: string, precision = 'DAY') => linkDate(iso, precision);
  it.each([
    [birth('1982-01-01'), birth('1982-01-01'), 'cùng năm sinh (cả hai ghi 01/01, chỉ rõ năm)'],
    [birth('1982-01-01'), birth('1982-06-14'), 'cùng năm sinh (một bên ghi 01/01, bên kia đủ ngày)'],
    [birth('1982-01-01', 'YEAR'), birth('1982-06-14'), 'cùng năm sinh (một bên chỉ có năm)'],
    [birth('1982-01-01', 'YEAR'), birth('1982-01-01', 'YEAR'), 'cùng năm sinh (cả hai chỉ có năm)'],
  ])('words a same year by what each side holds (%#)', (a, b, words) => {
    const level = compareBirth(a, b) as string;
    const [e] = fieldEvidence([{ field: 'birth', level, weight: 3 }], [a, b]);
    expect(e.sentence).toBe(`${words} — bằng chứng vừa là cùng một người`);
    expect(explain({ weight: 3, contributions: [{ field: 'birth', level, weight: 3 }] }, 'cần xem xét', [a, b])).toContain(words.slice(1));
  });
});
