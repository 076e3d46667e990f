import { nameLikeness, readNameCell } from './name-cell.js';

describe('readNameCell', () => {
  it.each([
    ['a plain name', 'Nguyễn Thị Lan', { value: 'Nguyễn Thị Lan' }],
    ['a note in brackets', 'Nguyễn Thị Lan (Chi hội trưởng)', { value: 'Nguyễn Thị Lan', note: 'Chi hội trưởng' }],
    ['a note in square brackets', 'Lò Thị Xuân [CHT]', { value: 'Lò Thị Xuân', note: 'CHT' }],
    ['double spaces', 'Lò  Văn   Pâng', { value: 'Lò Văn Pâng' }],
    ['ALL CAPS', 'NGUYỄN THỊ HÒA', { value: 'Nguyễn Thị Hòa' }],
    ['ALL CAPS, new tone placement', 'QUÀNG THỊ THUỶ', { value: 'Quàng Thị Thủy' }],
    ['a Jarai name', "H'HEN NIÊ", { value: "H'Hen Niê" }],
  ])('%s', (_why, cell, expected) => {
    expect(readNameCell(cell)).toEqual(expected);
  });

  it.each([
    ['empty', '', 'không được để trống'],
    ['a totals row', 'Tổng cộng: 15 hội viên', 'có chữ số'],
    ['a signature title', 'NGƯỜI LẬP BIỂU', 'chức danh'],
    ['a number', 15, 'có chữ số'],
    ['a heading with an abbreviation', 'HỘI LHPN XÃ', "'LHPN' là chữ viết tắt"],
  ])('refuses %s', (_why, cell, said) => {
    const r = readNameCell(cell);
    expect(r.value).toBeNull();
    expect(r.problem).toContain(said);
  });

  it.each([
    ['Vũ  Thị Tm', 'Vũ Thị Tm', 'Tm'],
    ['Quang Van Phng', 'Quang Van Phng', 'Phng'],
  ])('keeps %s, a name with one syllable typed without its vowel, with a warning', (cell, name, typo) => {
    const r = readNameCell(cell);
    expect(r.value).toBe(name);
    expect(r.warning).toContain(`tiếng '${typo}' không có nguyên âm`);
  });
});

describe('nameLikeness: by structure and letters', () => {
  it.each([
    'Nguyễn Thị Lan',
    'Lò Văn Pâng',
    'Giàng A Páo',
    'Y Moan Ênuôl',
    "H'Hen Niê",
    'Đoàn Văn Hậu',
    'Phó Đức Phương',
    'Bàn Văn Sáng',
    'Ban Van Sang',
    'NGUYỄN THỊ HOA',
    'Nguyễn Thị Lan (Chi hội trưởng)',
    'Nguyen Van Nghieng',
  ])('%s is a name', (text) => {
    expect(nameLikeness(text)).toEqual({ nameLike: true });
  });

  it.each([
    ['Tổng cộng: 15 hội viên', 'có chữ số'],
    ['TM. BAN CHẤP HÀNH', "có dấu '.'"],
    ['T/M BAN CHẤP HÀNH', "có dấu '/'"],
    ['NGƯỜI LẬP BIỂU', "('người lập')"],
    ['CHỦ TỊCH', "('chủ tịch')"],
    ['PHÓ CHỦ TỊCH', "('phó chủ tịch')"],
    ['NGUOI LAP BIEU', "('nguoi lap')"],
    ['DANH SÁCH HỘI VIÊN', "('danh sách')"],
    ['HỘI LHPN XÃ THANH NƯA', "'LHPN' là chữ viết tắt"],
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'có 8 chữ'],
    ['Độc lập - Tự do - Hạnh phúc', 'có 8 chữ'],
    ['Chi hội bản Na Sang', "('chi hội')"],
    ['Cộng', 'chỉ có một chữ'],
    ['Lan', 'chỉ có một chữ'],
    ['Nguyen Strongwood', "'strongwood' không phải một tiếng"],
    ['', 'ô trống'],
  ])('%s is not', (text, why) => {
    const r = nameLikeness(text);
    expect(r.nameLike).toBe(false);
    if (!r.nameLike) expect(r.why).toContain(why);
  });
});
