import { loadAdminUnitsData } from './admin-units-data.js';
import { CommuneDirectory } from './commune-directory.js';
import { communeFromAddress, communeReader, type ProvinceNames } from './commune-from-address.js';

const data = loadAdminUnitsData();
const successors = new Map<string, string[]>();
for (const s of data.successors) successors.set(s.legacyCode, [...(successors.get(s.legacyCode) ?? []), s.communeCode]);
const legacy = data.legacyCommunes.map((l) => ({ ...l, successorCodes: successors.get(l.code) ?? [] }));
const provinceSuccessors = new Map(data.legacyProvinces.map((p) => [p.code, p.successorCodes]));
const names: ProvinceNames = { provinces: data.provinces, legacyProvinces: data.legacyProvinces };
const dienBien = new CommuneDirectory(data.communes, legacy, provinceSuccessors, '11');
const read = (text: string, directory = dienBien) => communeFromAddress(text, directory, names);

describe('communeFromAddress (Điện Biên deployment, the shipped 2025 units)', () => {
  it.each([
    ['an old commune with its old district', 'xã Thanh Luông, huyện Điện Biên', '03328', 'Xã Thanh Luông'],
    ['the same without accents', 'Thanh Luong', '03328', 'Xã Thanh Luông'],
    ['the same, unaccented prefix', 'xa Thanh Luong, huyen Dien Bien, tinh Dien Bien', '03328', 'Xã Thanh Luông'],
    ['a village before the commune', 'Bản Co Mị, xã Thanh Luông', '03328', 'Xã Thanh Luông'],
    ['a current commune', 'Xã Thanh Nưa', '03328', undefined],
    ['a current commune with the province', 'Xã Mường Phăng, tỉnh Điện Biên', '03325', undefined],
    ['a current phường abbreviated', 'P. Điện Biên Phủ', '03127', undefined],
  ])('%s: %s', (_why, text, code, legacyName) => {
    const r = read(text);
    expect(r).toEqual({
      communeCode: code,
      ...(legacyName ? { legacyName } : {}),
      ...(text === 'Thanh Luong' ? { bare: true } : {}),
      ...(text.startsWith('Bản Co Mị') ? { local: 'Bản Co Mị' } : {}),
    });
  });

  // What tells two namesakes of one ward apart: the house, the street, the tổ dân phố, as written.
  it.each([
    ['Số 12 Trần Thái Tông, TDP 2, P. Điện Biên Phủ', 'Số 12 Trần Thái Tông, TDP 2'],
    ['Tổ 5, phường Điện Biên Phủ', 'Tổ 5'],
    ['P. Điện Biên Phủ', undefined],
  ])('keeps the place inside the commune of %s', (text, local) => {
    expect(read(text).local).toBe(local);
  });

  // "Na Sang" is a bản of Xã Quài Tở and the name of Xã Na Sang: an address with no administrative word may be a hamlet.
  it.each([
    ['a name alone', 'Na Sang', true],
    ['a hamlet alone', 'Bản Tà Lèng', true],
    ['a hamlet and a name', 'Bản Phủ, Na Sang', true],
    ['a commune said as a commune', 'xã Na Sang', false],
    ['a name and the province', 'Na Sang, Điện Biên', false],
    ['a name and a district', 'Na Sang, huyện Mường Chà', false],
  ])('says when an address names no kind of unit: %s', (_why, text, bare) => {
    expect(!!read(text).bare).toBe(bare);
  });

  it('reads an old-style address (with its city) as the old phường, and says so', () => {
    const r = read('P. Mường Thanh, TP. Điện Biên Phủ');
    expect(r.communeCode).toBe('03127'); // the old Phường Mường Thanh is now in Phường Điện Biên Phủ
    expect(r.legacyName).toBe('Phường Mường Thanh');
    expect(r.warning).toContain('địa giới cũ');
    expect(r.warning).toContain('Phường Mường Thanh hiện nay');
  });

  it('reads a name without district as the current commune, and names the old one of that name', () => {
    const r = read('Phường Mường Thanh');
    expect(r.communeCode).toBe('03334');
    expect(r.warning).toContain('nay thuộc Phường Điện Biên Phủ');
  });

  it('says when a current name was also an old commune elsewhere in the province', () => {
    const r = read('Xã Sam Mứn');
    expect(r.communeCode).toBe('03356');
    expect(r.warning).toContain('Xã Thanh An');
  });

  it.each([
    ['a commune of another province, named', 'xã Bản Hon, huyện Tam Đường, tỉnh Lai Châu', 'Tỉnh Lai Châu, ngoài Tỉnh Điện Biên'],
    ['a commune of another province, by its name alone', 'Phường Ba Đình', 'Phường Ba Đình, Thành phố Hà Nội, ngoài Tỉnh Điện Biên'],
    ['a name many provinces share', 'xã Tân Tiến', 'trùng nhiều xã/phường'],
    ['no commune at all', 'huyện Điện Biên', 'không có tên xã/phường'],
    ['a name that exists nowhere', 'xã Qqqxxzz', 'không tìm thấy'],
  ])('gives no commune for %s, showing the value', (_why, text, said) => {
    const r = read(text);
    expect(r.communeCode).toBeNull();
    expect(r.warning).toContain(said);
    expect(r.warning).toContain(`'${text}'`);
  });

  it('says when a name was read by likeness (a typo)', () => {
    const r = read('xã Thanh Luôngg');
    expect(r.communeCode).toBe('03328');
    expect(r.warning).toContain('tên gần giống');
  });

  it('gives no commune for an old commune split across several, listing them', () => {
    const names1 = new Map<string, number>();
    for (const l of legacy) names1.set(l.name, (names1.get(l.name) ?? 0) + 1);
    const current = new Set(data.communes.map((c) => c.name));
    const split = legacy.find((l) => l.successorCodes.length > 1 && names1.get(l.name) === 1 && !current.has(l.name))!;
    const home = data.communes.find((c) => c.code === split.successorCodes[0])!.provinceCode;
    const r = read(split.name, new CommuneDirectory(data.communes, legacy, provinceSuccessors, home));
    expect(r.communeCode).toBeNull();
    expect(r.warning).toContain('chia cho nhiều xã/phường mới');
    for (const code of split.successorCodes) expect(r.warning).toContain(code);
  });

  it('reads each distinct address once in an import, with the same answer', () => {
    const reader = communeReader(dienBien, names);
    const first = reader('xã Thanh Luông,  huyện Điện Biên');
    expect(first).toEqual(read('xã Thanh Luông, huyện Điện Biên'));
    expect(reader('xã Thanh Luông, huyện Điện Biên')).toBe(first);
  });
});
