import { titleCommune } from './title-commune.js';

describe('titleCommune: the place a roster title names, from its commune on', () => {
  it.each([
    ['HỘI NÔNG DÂN XÃ HÒA BÌNH', 'XÃ HÒA BÌNH'],
    ['DANH SÁCH HỘI VIÊN CHI HỘI BẢN NÀ SANG, XÃ THANH LUÔNG, HUYỆN ĐIỆN BIÊN NĂM 2025', 'XÃ THANH LUÔNG, HUYỆN ĐIỆN BIÊN'],
    ['Danh sách đoàn viên Chi đoàn thôn 3 - Xã Tân Lập - Huyện Đan Phượng', 'Xã Tân Lập, Huyện Đan Phượng'],
    ['BCH Hội LHPN phường Ba Đình (tính đến 30/9/2025)', 'phường Ba Đình'],
    ['UBND THỊ TRẤN MƯỜNG ẢNG', 'THỊ TRẤN MƯỜNG ẢNG'],
    ['Hội Người cao tuổi xã Nà Tấu nhiệm kỳ 2021-2026', 'xã Nà Tấu'],
    ['DANH SÁCH HỘI VIÊN XÃ NAM HÒA NĂM 2025', 'XÃ NAM HÒA'],
    ['Chi hội 2, xã Quy Hướng, quý III/2025', 'xã Quy Hướng'],
  ])('%s → %s', (line, place) => {
    expect(titleCommune(line)).toBe(place);
  });

  it.each([
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'HỘI NÔNG DÂN THỊ XÃ MƯỜNG LAY',
    'DANH SÁCH HỘI VIÊN NĂM 2025',
    'Chi hội bản Hua Thanh',
    'Xã',
  ])('names no commune: %s', (line) => {
    expect(titleCommune(line)).toBeNull();
  });
});
