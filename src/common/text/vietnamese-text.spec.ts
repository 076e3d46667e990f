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
