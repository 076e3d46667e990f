import { canonicalText, foldText, titleCaseName } from './vietnamese-text.js';

describe('canonicalText: one spelling for the same words', () => {
  it.each([
    ['new tone placement hoà → hòa', 'Hoà', 'Hòa'],
    ['thuỷ → thủy', 'Nguyễn Thị Thuỷ', 'Nguyễn Thị Thủy'],
    ['khoẻ → khỏe', 'khoẻ', 'khỏe'],
    ['closed syllable keeps tone on the last vowel', 'Hoàng', 'Hoàng'],
    ['uy + final consonant', 'Huỳnh', 'Huỳnh'],
    ['marked vowel takes the tone (Tuấn)', 'Tuấn', 'Tuấn'],
    ['ươ takes it on ơ (Trường)', 'Trường', 'Trường'],
    ['qu onset (Quý)', 'Quý', 'Quý'],
    ['gi onset (Giàng)', 'Giàng', 'Giàng'],
    ['three vowels (ngoái)', 'ngoái', 'ngoái'],
    ['NFD input becomes NFC', 'Nguye\u0302\u0303n', 'Nguyễn'],
    ['stray and non-breaking spaces', '  Lê\u00a0 Văn   Tám ', 'Lê Văn Tám'],
  ])('%s', (_why, input, expected) => {
    expect(canonicalText(input)).toBe(expected);
    expect(canonicalText(input).normalize('NFC')).toBe(canonicalText(input));
  });
});

describe('foldText: search and blocking key', () => {
  it.each([
    ['Đặng Thị Hoà', 'dang thi hoa'],
    ['ĐẶNG THỊ HÒA', 'dang thi hoa'],
    ['Nguyen Van A', 'nguyen van a'],
    ["H'Hen Niê", 'h hen nie'],
    ['Phường Văn Miếu - Quốc Tử Giám', 'phuong van mieu quoc tu giam'],
  ])('%s → %s', (input, expected) => expect(foldText(input)).toBe(expected));

  it('merges Hùng and Hưng, which is why it only finds and never decides', () => {
    expect(foldText('Hùng')).toBe(foldText('Hưng'));
    expect(canonicalText('Hùng')).not.toBe(canonicalText('Hưng'));
  });
});

describe('titleCaseName', () => {
  it.each([
    ['NGUYỄN VĂN AN', 'Nguyễn Văn An'],
    ['lò văn pọm', 'Lò Văn Pọm'],
    ["h'hen niê", "H'Hen Niê"],
    ['trần thị thuỷ', 'Trần Thị Thủy'],
  ])('%s → %s', (input, expected) => expect(titleCaseName(input)).toBe(expected));
});

describe('word by word, remembered: the same keys as the whole text read at once', () => {
  // The definitions as they read a whole text in one pass (before they went word by word).
  const foldWhole = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const canonicalWhole = (s: string) =>
    s
      .normalize('NFC')
      .replace(/[\s\u00a0]+/g, ' ')
      .trim()
      .replace(/[\p{L}\p{M}]+/gu, (w) => canonicalText(w));
  const titleWhole = (s: string) =>
    canonicalWhole(s)
      .toLowerCase()
      .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
  const pieces = [
    'Nguyễn',
    'NGUYỄN',
    'thuỷ',
    'Đặng',
    "H'Hen",
    'Y-Moan',
    'Lò',
    'A',
    '',
    ' ',
    '  ',
    '\u00a0',
    '\t',
    '-',
    "'",
    '.',
    ',',
    '(Chi hội trưởng)',
    'ĐĂK',
    'Nguye\u0302\u0303n',
    '\u0301',
    'x2',
    'Ê Đê',
  ];

  it('on texts made of names, marks, spaces and punctuation in every order', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + (i % 7) }, () => pieces[next()]).join(i % 3 ? ' ' : '');
      expect([foldText(text), titleCaseName(text), canonicalText(text)]).toEqual([foldWhole(text), titleWhole(text), canonicalWhole(text)]);
      // Asked again (now remembered): the same answer.
      expect([foldText(text), titleCaseName(text), canonicalText(text)]).toEqual([foldWhole(text), titleWhole(text), canonicalWhole(text)]);
    }
  });
});
