import { loadAdminUnitsData } from './admin-units-data.js';
import { CommuneDirectory, normalizeCommuneCode } from './commune-directory.js';

const data = loadAdminUnitsData();
const successors = new Map<string, string[]>();
for (const s of data.successors) successors.set(s.legacyCode, [...(successors.get(s.legacyCode) ?? []), s.communeCode]);
const legacy = data.legacyCommunes.map((l) => ({ ...l, successorCodes: successors.get(l.code) ?? [] }));
const provinceSuccessors = new Map(data.legacyProvinces.map((p) => [p.code, p.successorCodes]));
const directory = (home: string | null = null) => new CommuneDirectory(data.communes, legacy, provinceSuccessors, home);
const currentCodes = new Set(data.communes.map((c) => c.code));

describe('the shipped administrative units', () => {
  it('has 34 provinces, 3,321 communes, 63 old provinces, 10,047 old communes and 460 splits', () => {
    expect(data.provinces).toHaveLength(34);
    expect(data.communes).toHaveLength(3321);
    expect(data.legacyProvinces).toHaveLength(63);
    expect(data.legacyCommunes).toHaveLength(10047);
    expect(legacy.filter((l) => l.successorCodes.length > 1)).toHaveLength(460);
  });
});

describe('CommuneDirectory.resolve', () => {
  const d = directory();
  // A code that is only old (not a current code) and went whole to one new commune.
  const merged = legacy.find((l) => !currentCodes.has(l.code) && l.successorCodes.length === 1)!;
  // A code that is current *and* an old code naming another commune.
  const reused = legacy.find((l) => {
    const c = data.communes.find((x) => x.code === l.code);
    return c && c.name !== l.name && l.successorCodes.length === 1;
  })!;
  const split = legacy.find((l) => !currentCodes.has(l.code) && l.successorCodes.length > 1)!;

  it('reads a current code as current', () => {
    const r = d.resolve({ code: '00004' });
    expect(r).toMatchObject({ kind: 'CURRENT', commune: { code: '00004', name: 'Phường Ba Đình' } });
  });

  it('reads a code that is not current as old and maps it', () => {
    const r = d.resolve({ code: merged.code });
    expect(r.kind).toBe('LEGACY');
    expect(r.commune?.code).toBe(merged.successorCodes[0]);
    expect(r.legacy?.name).toBe(merged.name);
  });

  it('lets the old name beside a reused code settle the disagreement', () => {
    expect(d.resolve({ code: reused.code }).kind).toBe('CURRENT');
    const r = d.resolve({ code: reused.code, name: reused.name });
    expect(r.kind).toBe('LEGACY');
    expect(r.commune?.code).toBe(reused.successorCodes[0]);
  });

  it('keeps a split old commune unresolved, listing its successors', () => {
    const r = d.resolve({ code: split.code });
    expect(r.kind).toBe('LEGACY_SPLIT');
    expect(r.commune).toBeNull();
    expect(r.candidates.map((c) => c.code).sort()).toEqual([...split.successorCodes].sort());
  });

  it('lets a successor name settle a split commune', () => {
    const target = data.communes.find((c) => c.code === split.successorCodes[1])!;
    expect(d.resolve({ code: split.code, name: target.name }).commune?.code).toBe(target.code);
  });

  it('reads a code whose zeros a spreadsheet dropped', () => {
    expect(normalizeCommuneCode('4')).toBe('00004');
    expect(normalizeCommuneCode('abc')).toBeNull();
    expect(d.resolve({ code: '4' }).commune?.code).toBe('00004');
  });

  it('says when a code is nowhere', () => {
    expect(d.resolve({ code: '99999' }).kind).toBe('NOT_FOUND');
  });
});

describe('CommuneDirectory: names', () => {
  it.each([
    ['with prefix and accents', 'Phường Ba Đình', '00004'],
    ['without accents', 'phuong ba dinh', '00004'],
    ['without prefix', 'Ba Đình', '00004'],
    ['upper case', 'BA ĐÌNH', '00004'],
    ['a typo', 'Ba Dinnh', '00004'],
  ])('finds a current commune %s', (_why, name, code) => {
    expect(directory('01').resolve({ name }).commune?.code).toBe(code);
  });

  it('finds a name within PROVINCE first, where it is ambiguous nationwide', () => {
    // A current commune name used in several provinces.
    const counts = new Map<string, typeof data.communes>();
    for (const c of data.communes) counts.set(c.name, [...(counts.get(c.name) ?? []), c]);
    const [name, list] = [...counts].find(([, l]) => l.length > 1)!;
    expect(directory(null).resolve({ name }).kind).toBe('AMBIGUOUS');
    const home = list[0];
    expect(directory(home.provinceCode).resolve({ name }).commune?.code).toBe(home.code);
  });

  it('tells tone placement apart from a different name (Hòa = Hoà)', () => {
    const hoa = data.communes.find((c) => /Hòa/.test(c.name))!;
    const newStyle = hoa.name.replace('Hòa', 'Hoà');
    expect(directory(hoa.provinceCode).resolve({ name: newStyle }).commune?.code).toBe(hoa.code);
  });

  it('searches names for a search box, current communes of old names included', () => {
    const hits = directory('01').search('ba dinh');
    expect(hits[0].commune.code).toBe('00004');
  });

  it('offers a near name of the home province before a nearer one elsewhere', () => {
    // Điện Biên (11): "muong phang" is Mường Phăng; then Mường Ảng, its own, before Mường Thàng of Phú Thọ.
    const names = directory('11')
      .search('muong phang', 10)
      .map((h) => `${h.commune.name}/${h.commune.provinceCode}`);
    expect(names[0]).toBe('Xã Mường Phăng/11');
    const firstElsewhere = names.findIndex((n) => !n.endsWith('/11'));
    expect(names.indexOf('Xã Mường Ảng/11')).toBeLessThan(firstElsewhere);
    expect(names.indexOf('Phường Mường Thanh/11')).toBeLessThan(firstElsewhere);
  });

  it('searches within one province when asked, however many matches the country has', () => {
    // "Tân" starts hundreds of commune names nationwide; Tây Ninh (80) has many of them.
    const inProvince = data.communes.filter((c) => c.provinceCode === '80' && /Tân/.test(c.name));
    const hits = directory().search('Tân', 500, '80');
    expect(hits.length).toBeGreaterThanOrEqual(inProvince.length);
    expect(hits.every((h) => h.commune.provinceCode === '80')).toBe(true);
  });
});

describe('CommuneDirectory on hostile input', () => {
  it('answers a pasted paragraph at once instead of fuzzy-matching it', () => {
    const d = directory('01');
    const long = 'phuong ba dinh '.repeat(7000);
    const started = Date.now();
    expect(d.search(long, 10)).toEqual([]);
    expect(d.resolve({ name: long }).kind).toBe('NOT_FOUND');
    expect(d.resolve({ code: '00004', name: long }).commune?.code).toBe('00004');
    expect(Date.now() - started).toBeLessThan(200);
  });
});
