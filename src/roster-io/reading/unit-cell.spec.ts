import { readUnitCell, sectionBranch, titleBranch, unitNameKey, unitPlaceKey } from './unit-cell.js';

describe('a unit cell (Mã đơn vị, Chi hội…): a code or a name', () => {
  it.each([
    ['CHI-01', 'CHI-01', true],
    ['HPN.BD_1', 'HPN.BD_1', true],
    ['Chi hội 3', 'Chi hội 3', false],
    ['Chi đoàn thôn Bản Phủ', 'Chi đoàn thôn Bản Phủ', false],
    ['chi hoi khu pho 1', 'chi hoi khu pho 1', false],
    ['Tổ 5 - Khu 2 (cũ)', 'Tổ 5 - Khu 2 (cũ)', false],
    ['3A', '3A', true],
  ])('%s is read as %s (code-like: %s)', (text, value, codeLike) => {
    expect(readUnitCell(text, 'Mã đơn vị')).toEqual({ value, codeLike });
  });

  it.each([
    ["+cmd|' /C calc'!A0", "Mã đơn vị: '+cmd|' /C calc'!A0' không hợp lệ: không phải mã đơn vị"],
    ['=HYPERLINK("x")', `Mã đơn vị: '=HYPERLINK("x")' không hợp lệ`],
    ['@SUM(1)', "Mã đơn vị: '@SUM(1)' không hợp lệ"],
    ['CHI 01!', "Mã đơn vị: 'CHI 01!' không hợp lệ"],
    ['Chi hội\u200b3', 'Mã đơn vị: có ký tự ẩn U+200B'],
  ])('%s is refused', (text, message) => {
    const read = readUnitCell(text, 'Mã đơn vị');
    expect(read.value).toBeNull();
    expect(read.problem).toContain(message);
  });

  it('compares names without accents, tone placement, case or spaces', () => {
    expect(unitNameKey('CHI HỘI  KHU PHỐ 1')).toBe(unitNameKey('chi hoi khu pho 1'));
    expect(unitNameKey('Chi hội Thuỷ Lợi')).toBe(unitNameKey('Chi hội Thủy Lợi'));
  });
});

describe('the place a branch is named for', () => {
  it.each([
    ['Chi hội Nông dân bản Na Sang', 'bannasang', 'nasang'],
    ['Bản Na Sang', 'bannasang', 'nasang'],
    ['Na Sang', 'nasang', 'nasang'],
    ['CHI HOI NONG DAN BAN NA SANG', 'bannasang', 'nasang'],
    ['Chi đoàn thôn Bản Phủ', 'thonbanphu', 'phu'],
    ['Tà Lèng', 'taleng', 'taleng'],
    ['Chi hội Phụ nữ tổ dân phố Tân Thanh', 'todanphotanthanh', 'tanthanh'],
    ['Chi hội Khu phố 2', 'khupho2', null],
    ['Khu phố 2', 'khupho2', null],
    ['Chi hội CCB thôn Hòa Bình', 'thonhoabinh', 'hoabinh'],
    ['Hòa Bình', 'hoabinh', 'hoabinh'],
  ])('reads "%s" as %s, then %s', (name, unit, place) => {
    expect(unitPlaceKey(name, 'unit')).toBe(unit);
    expect(unitPlaceKey(name, 'place')).toBe(place);
  });

  it('reads a numbered branch by the bản it is for', () => {
    expect(unitPlaceKey('Chi hội 1 (Bản Co Mận)', 'unit')).toBe(unitPlaceKey('Chi hội bản Co Mận', 'unit'));
    expect(unitPlaceKey('CHI HỘI 2 - BẢN PÁ KHOANG', 'place')).toBe('pakhoang');
    expect(unitPlaceKey('Chi hội 3 thôn 5', 'unit')).toBe('thon5');
  });

  it('gives nothing for a number alone, which does not say which unit it is', () => {
    expect(unitPlaceKey('Chi hội 3', 'unit')).toBeNull();
    expect(unitPlaceKey('Thôn 3', 'place')).toBeNull();
    expect(unitPlaceKey('Thôn 3', 'unit')).toBe('thon3');
  });
});

describe('titleBranch: the branch a roster title names', () => {
  it.each([
    ['DANH SÁCH HỘI VIÊN CHI HỘI THÔN NÀ SANG', 'Chi hội thôn Nà Sang'],
    ['Danh sách hội viên Chi hội Khu phố 2, phường Ba Đình', 'Chi hội Khu phố 2'],
    ['DANH SÁCH ĐOÀN VIÊN CHI ĐOÀN BẢN CO MỊ NĂM 2026', 'Chi đoàn bản Co Mị'],
    ['Chi hội Nông dân bản Na Sang xã Thanh Nưa (kèm theo báo cáo số 12)', 'Chi hội Nông dân bản Na Sang'],
    ['DANH SÁCH HỘI VIÊN CHI HỘI NÔNG DÂN THÔN 3 NĂM 2026', 'Chi hội Nông dân thôn 3'],
    ['DANH SÁCH HỘI VIÊN CHI HỘI PHỐ HUẾ', 'Chi hội phố Huế'],
    ['DANH SÁCH HỘI VIÊN CHI HỘI 2 XÃ QUÀI NƯA NĂM 2026', 'Chi hội 2'],
    ['Danh sách đoàn viên Chi đoàn bản Nậm Khẩu Hu năm 2026', 'Chi đoàn bản Nậm Khẩu Hu'],
    ['DANH SÁCH HỘI VIÊN CHI HỘI CCB THÔN HÒA BÌNH', 'Chi hội CCB thôn Hòa Bình'],
  ])('%s → %s', (line, branch) => expect(titleBranch(line)).toBe(branch));

  it.each([
    ['DANH SÁCH HỘI VIÊN HỘI LHPN XÃ THANH NƯA'],
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['Chi hội'],
    ['DANH SÁCH HỘI VIÊN CHI HỘI PHỤ NỮ PHƯỜNG BA ĐÌNH'],
    ['Ngày 12 tháng 3 năm 2026'],
    ['CHI HỘI TRƯỞNG'],
    ['Chi hội phó'],
  ])('names no branch: %s', (line) => expect(titleBranch(line)).toBeNull());
});

describe('sectionBranch: a heading among the members names the branch of those under it', () => {
  it.each([
    ['I. CHI HỘI BẢN HUA THANH', 'Chi hội bản Hua Thanh'],
    ['II - Chi hội bản Pa Cò', 'Chi hội bản Pa Cò'],
    ['I CHI ĐOÀN THÔN 3', 'Chi đoàn thôn 3'],
    ['CHI HỘI KHU PHỐ 2', 'Chi hội khu phố 2'],
    ['III. BẢN NA SANG', 'Bản Na Sang'],
    ['B) Thôn Đông', 'Thôn Đông'],
    ['Phần I: TỔ DÂN PHỐ 5', 'Tổ dân phố 5'],
    // Numbered, as secretaries number their chi hội, the bản after it or not.
    ['Chi hội 1', 'Chi hội 1'],
    ['Chi hội 1 (Bản Co Mận)', 'Chi hội 1 (Bản Co Mận)'],
    ['Chi hội 3: Bản Nậm Khẩu Hu', 'Chi hội 3: Bản Nậm Khẩu Hu'],
    ['CHI HỘI 2 - BẢN PÁ KHOANG', 'Chi hội 2 - Bản Pá Khoang'],
    ['Chi đoàn số 4', 'Chi đoàn số 4'],
  ])('%s → %s', (line, branch) => expect(sectionBranch(line)).toBe(branch));

  it.each([
    // A hamlet without a section's number may be a member's name or an address.
    ['Bản Na Sang'],
    ['CHI HỘI TRƯỞNG'],
    ['Tổng cộng: 25 hội viên'],
    ['I. DANH SÁCH HỘI VIÊN'],
    ['Lò Thị Ban'],
  ])('names no branch: %s', (line) => expect(sectionBranch(line)).toBeNull());
});
