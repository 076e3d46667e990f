import { hiddenCharacter, parseCode, parseFreeText } from './text-rules.js';

describe('text rules', () => {
  it.each([
    ['Kinh\u007f', 'U+007F (DEL)'],
    ['Kinh\u0085', 'U+0085 (xuống dòng NEL)'],
    ['Kinh\u2028Tày', 'U+2028 (ngắt dòng Unicode)'],
    ['Ki\u200bnh', 'U+200B (khoảng trắng độ rộng 0)'],
    ['\u202eanhK', 'U+202E (đảo chiều chữ)'],
    ['Kinh\u2066', 'U+2066 (đảo chiều chữ)'],
    ['\ufeffKinh', 'U+FEFF'],
    ['Ki\u00adnh', 'U+00AD (gạch nối ẩn)'],
    ['Kinh\u0000', 'U+0000 (ký tự điều khiển)'],
  ])('names the hidden character of %j', (value, named) => {
    expect(hiddenCharacter(value)).toContain(named);
  });

  it.each(['Kinh', 'Ê Đê', 'Kinh\tTày', 'dòng 1\r\ndòng 2', 'Hoà\u00a0Bình'])('sees nothing hidden in %j', (value) => {
    expect(hiddenCharacter(value)).toBeNull();
  });

  it('refuses over-long free text before reading it, and normalizes the rest', () => {
    expect(parseFreeText('x'.repeat(100_000), { max: 60 })).toEqual({ ok: false, reason: 'dài 100000 ký tự, tối đa 60: hãy rút ngắn' });
    expect(parseFreeText('x'.repeat(61), { max: 60 })).toEqual({ ok: false, reason: 'dài 61 ký tự, tối đa 60: hãy rút ngắn' });
    expect(parseFreeText('  Chủ tịch   hội  ', { max: 60 })).toEqual({ ok: true, value: 'Chủ tịch hội' });
  });

  it('refuses look-alike letters where only Vietnamese letters belong', () => {
    const r = parseFreeText('Kinh Tаy', { max: 60, latinOnly: true }); // Cyrillic а
    expect(r).toEqual({
      ok: false,
      reason: expect.stringContaining("chữ 'а' (U+0430, chữ Kirin) không phải chữ cái tiếng Việt") as string,
    });
    expect(parseFreeText('Kinh Tаy', { max: 60 }).ok).toBe(true);
  });

  it.each([
    ['HPN-0001', true],
    ['hs_2024.15', true],
    ['HS/2024/001', true],
    ['=HYPERLINK("http://x")', false],
    ['+cmd', false],
    ['-2+3', false],
    ['@SUM(1)', false],
    ['HS 01', false],
    ['HS-0Ι', false], // Greek capital iota
    ['HS\u200b01', false],
    ['HỒSƠ1', false],
    ['x'.repeat(65), false],
  ])('reads Mã hồ sơ %j: accepted %s', (value, accepted) => {
    expect(parseCode(value, { max: 64, slash: true }).ok).toBe(accepted);
  });

  it('says which characters a code may hold', () => {
    expect(parseCode('=1+2', { max: 32 })).toEqual({
      ok: false,
      reason: "'=1+2' không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số và các dấu - _ ., bắt đầu bằng chữ hoặc số",
    });
    expect(parseCode('A/B', { max: 32 }).ok).toBe(false);
    expect(parseCode('HS\u202e01', { max: 32 })).toEqual({
      ok: false,
      reason: expect.stringContaining("'HS<U+202E>01' có ký tự ẩn U+202E") as string,
    });
  });
});
