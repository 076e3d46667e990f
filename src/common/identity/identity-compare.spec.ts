import {
  BirthLevel,
  compareBirth,
  compareCommunes,
  compareIds,
  compareNames,
  IdLevel,
  linkDate,
  linkName,
  CommuneLevel,
  NameLevel,
  oneDigitSlip,
  oneWordLonger,
  shorterGiven,
  oneSlip,
  SimpleLevel,
} from './identity-compare.js';
import { parsePersonName } from './person-name.js';
import { assignPersonIds, cluster, newPersonId, slipKey } from '../../linker/model/clustering.js';
import { explain, fieldEvidence } from '../../linker/model/evidence.js';
import {
  estimateM,
  estimateU,
  expectationMaximization,
  PatternTable,
  patternWeight,
  score,
  startingM,
  typicalU,
  type Comparison,
  type Model,
} from '../../linker/model/model.js';

describe('names as the linker compares them', () => {
  it.each([
    ['Nguyễn Thị Hòa', 'Nguyễn Thị Hoà', NameLevel.SAME], // old tone placement
    ['Nguyễn Thị Hòa', 'Nguyễn Thị Hòa'.normalize('NFD'), NameLevel.SAME], // NFD text
    ['NGUYỄN  THỊ HÒA', ' nguyễn thị hòa ', NameLevel.SAME], // case and spacing
    ['Nguyen Thi Hoa', 'Nguyễn Thị Hòa', NameLevel.SAME], // typed without marks
    ['Hoàng Văn Nam', 'Huỳnh Văn Nam', NameLevel.SAME], // North and South
    ['Vũ Thị Lan', 'Võ Thị Lan', NameLevel.SAME],
    ['Đặng Thị Mai', 'Đặng Mai', NameLevel.SAME], // a dropped Thị
    ['Trần Văn Hùng', 'Trần Văn Hưng', NameLevel.MARKS_DIFFER], // two names
    ['Lê Quang Minh', 'Lê Minh', NameLevel.MIDDLE_DIFFERS],
    ['Lê Quang Minh', 'Lê Đức Minh', NameLevel.MIDDLE_DIFFERS],
    ['Phạm Văn Tuấn', 'Phạm Văn Tuán', NameLevel.MARKS_DIFFER], // both marked, other marks
    ['Phạm Văn Tuấn', 'Phạm Văn Tuấnn', NameLevel.TYPO],
    ['Phạm Văn Tuấn', 'Phạm Văn Tấun', NameLevel.TYPO],
    ['Phạm Văn Tuấn', 'Phạm Văn Dũng', NameLevel.DIFFERENT],
  ])('%s / %s → %s', (a, b, level) => {
    expect(compareNames(linkName(a), linkName(b))).toBe(level);
  });

  it('keeps the family name out of the marks check and unifies its variants in the key', () => {
    expect(linkName('Huỳnh Thị Thu Thủy')).toEqual({
      family: 'hoang',
      middle: 'thu',
      given: 'thuy',
      key: 'hoang thu thuy',
      marked: 'thị thu thủy',
    });
    expect(linkName('Thủy')).toMatchObject({ family: '', given: 'thuy', key: 'thuy' });
  });

  // Blocking reads the stored family_key: the linker must unify family names the same way.
  it.each(['Huỳnh Văn Nam', 'Hoàng Văn Nam', 'Võ Thị Lan', 'Vũ Thị Lan', 'HUỲNH thị thu thủy', 'Nguyễn Văn An'])(
    'gives %s the family name that is stored as its family key',
    (name) => {
      const parsed = parsePersonName(name);
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(linkName(name).family).toBe(parsed.value.familyKey);
    },
  );

  it.each([
    ['tuan', 'tuna', true],
    ['tuan', 'tun', true],
    ['tuan', 'tuanh', true],
    ['tuan', 'tuan', false],
    ['tuan', 'nuat', false],
    ['an', 'anh', true],
    ['a', 'b', false],
  ])('one slip between %s and %s: %s', (a, b, yes) => expect(oneSlip(a, b)).toBe(yes));

  it.each([
    ['Lường Thị Thu', 'Lường Thị Thu Trang', true],
    ['Nguyễn Thị Thu Trang', 'Nguyen Thu', true],
    ['Nguyễn Thu Trang', 'Nguyễn Thị Thu', true],
    ['Lường Thị Thu', 'Lường Thị Thu', false],
    ['Lường Thị Thu', 'Lò Thị Thu Trang', false],
    ['Lường Văn', 'Lường Văn Thu', true],
    ['Tòng Thị', 'Tòng Thị Ánh', true],
    ['Huỳnh Thị Mai', 'Hoàng Thị Mai Anh', true],
    ['Lường Thị Hoa', 'Lường Thị Thu Trang', false],
    ['Thu', 'Lường Thu', false],
  ])('%s and %s: one a last word longer: %s', (a, b, yes) => {
    expect(oneWordLonger(a, b)).toBe(yes);
    expect(oneWordLonger(b, a)).toBe(yes);
  });

  it('reads the given name of a name without its last word (a record named Tòng Thị lacks its given name)', () => {
    expect(shorterGiven('luong thi thu trang')).toBe('thu');
    expect(shorterGiven('tong thi anh')).toBe('thi');
    expect(shorterGiven('lo trang')).toBeNull();
  });
});

describe('birth dates with their precision', () => {
  const d = (iso: string, p = 'DAY') => linkDate(iso, p);
  it.each([
    [d('1980-03-12'), d('1980-03-12'), BirthLevel.SAME_DAY],
    [d('1980-03-12'), d('1980-12-03'), BirthLevel.SWAPPED],
    [d('1980-03-12'), d('1980-01-01', 'YEAR'), BirthLevel.SAME_YEAR],
    [d('1980-01-01'), d('1980-01-01'), BirthLevel.SAME_YEAR], // the 01/01 placeholder is a year
    [d('1980-01-01'), d('1980-01-01', 'YEAR'), BirthLevel.SAME_YEAR],
    // A full date against the placeholder: a level of its own, its weight learnt from the run's records.
    [d('1980-03-12'), d('1980-01-01'), BirthLevel.PLACEHOLDER],
    [d('1980-01-01'), d('1980-07-21'), BirthLevel.PLACEHOLDER],
    [d('1980-03-12'), d('1980-07-21'), BirthLevel.DAY_DIFFERS],
    [d('1980-03-12'), d('1981-03-12'), BirthLevel.NEAR_YEAR],
    [d('1980-03-12'), d('1975-03-12'), BirthLevel.DIFFERENT],
    [d('1980-03-12'), null, BirthLevel.MISSING],
  ])('%j / %j → %s', (a, b, level) => expect(compareBirth(a, b)).toBe(level));
});

describe('ID numbers, phones, communes', () => {
  const cccd = (hash: string) => ({ hash, kind: 'CCCD' });
  it('tells a typing slip of one 12-digit number from another number', () => {
    expect(compareIds(cccd('h1'), cccd('h1'), () => null)).toBe(IdLevel.SAME);
    expect(compareIds(cccd('h1'), cccd('h2'), () => ['011080012345', '011080012346'])).toBe(IdLevel.ONE_SLIP);
    expect(compareIds(cccd('h1'), cccd('h2'), () => ['011080012345', '011080012354'])).toBe(IdLevel.ONE_SLIP); // swapped neighbours
    expect(compareIds(cccd('h1'), cccd('h2'), () => ['011080012345', '011080099345'])).toBe(IdLevel.DIFFERENT);
    expect(compareIds(cccd('h1'), { hash: null, kind: null }, () => null)).toBe(IdLevel.MISSING);
    // A CMND is weak: equal counts a little, different says nothing (numbers were reissued).
    expect(compareIds({ hash: 'c', kind: 'CMND' }, { hash: 'c', kind: 'CMND' }, () => null)).toBe(IdLevel.SAME_CMND);
    expect(compareIds({ hash: 'c', kind: 'CMND' }, { hash: 'd', kind: 'CMND' }, () => null)).toBe(IdLevel.MISSING);
    expect(compareIds({ hash: 'c', kind: 'CMND' }, cccd('h1'), () => null)).toBe(IdLevel.MISSING);
    expect(oneDigitSlip('123', '1234')).toBe(false);
  });

  it('reads an old commune split across new ones as agreeing with any of them', () => {
    expect(compareCommunes({ code: '00004', candidates: [] }, { code: null, candidates: ['00008', '00004'] })).toBe(CommuneLevel.SAME);
    expect(compareCommunes({ code: '00004', candidates: [] }, { code: '00097', candidates: [] })).toBe(CommuneLevel.DIFFERENT);
    expect(compareCommunes({ code: null, candidates: [] }, { code: '00008', candidates: [] })).toBe(CommuneLevel.MISSING);
  });

  // Điện Biên: today's codes, a few places apart in the official numbering or across the province.
  it.each([
    ['03253', '03253', CommuneLevel.SAME],
    ['03253', '03244', CommuneLevel.NEAR], // the neighbour a member moved to
    ['03160', '03158', CommuneLevel.NEAR],
    ['03385', '03382', CommuneLevel.NEAR],
    ['03151', '03127', CommuneLevel.DIFFERENT], // 24 apart: another old district
    ['03151', '03385', CommuneLevel.DIFFERENT],
  ])('communes %s / %s → %s', (a, b, level) => {
    expect(compareCommunes({ code: a, candidates: [] }, { code: b, candidates: [] })).toBe(level);
    expect(compareCommunes({ code: b, candidates: [] }, { code: a, candidates: [] })).toBe(level);
  });

  it('reads an old commune split in two as near a neighbour of either part', () => {
    expect(compareCommunes({ code: null, candidates: ['03151', '03385'] }, { code: '03382', candidates: [] })).toBe(CommuneLevel.NEAR);
  });
});

describe('the model', () => {
  const base: Comparison = {
    name: NameLevel.SAME,
    birth: BirthLevel.SAME_DAY,
    sex: SimpleLevel.SAME,
    id: IdLevel.MISSING,
    phone: SimpleLevel.MISSING,
    commune: CommuneLevel.SAME,
    organization: SimpleLevel.DIFFERENT,
  };
  const u = estimateU([
    { c: { ...base, name: NameLevel.DIFFERENT, birth: BirthLevel.DIFFERENT, commune: CommuneLevel.DIFFERENT }, n: 900 },
    { c: { ...base, name: NameLevel.DIFFERENT, birth: BirthLevel.DIFFERENT, sex: SimpleLevel.DIFFERENT }, n: 100 },
  ]);
  const model: Model = { lambda: 0.1, m: startingM(), u };
  /** u with the province's ID numbers: two random records almost never share one. */
  const uFull = { ...u, id: { SAME: 0.0001, ONE_SLIP: 0.0001, DIFFERENT: 0.9997, SAME_CMND: 0.0001 } };
  const freq = (name: number, birth: number) => ({ total: 100_000, name: () => name, birth: () => birth });

  it('counts two different 12-digit numbers strongly against (−5.6 bits with the starting model)', () => {
    // log2(m / u) = log2(0.02 / 0.99997) ≈ −5.64: a mismatch of ID numbers argues against a link.
    const prior: Model = { lambda: 0.2, m: startingM(), u: typicalU() };
    const different = { ...base, id: IdLevel.DIFFERENT };
    const s = score(prior, different, { nameKey: 'x', birthKey: null }, freq(1, 1));
    expect(s.contributions.find((c) => c.field === 'id')!.weight).toBeCloseTo(-5.64, 1);
    expect(patternWeight(prior, different).base - patternWeight(prior, base).base).toBeCloseTo(-5.64, 1);
    const id = fieldEvidence(s.contributions).find((e) => e.field === 'id')!;
    expect(id.sentence).toBe('hai số định danh khác nhau — bằng chứng mạnh là hai người khác nhau');
    expect(id.bar).toBeCloseTo(-5.64 / 16, 2);
  });

  it('counts a common name and a common birth date for less than rare ones', () => {
    const rare = score(model, base, { nameKey: 'x', birthKey: '1980-03-12' }, freq(1, 1));
    const common = score(model, base, { nameKey: 'x', birthKey: '1980-03-12' }, freq(800, 200));
    expect(rare.weight).toBeGreaterThan(common.weight);
    expect(common.contributions.find((c) => c.field === 'name')?.frequency).toBe(800);
  });

  it('counts a sex mismatch strongly against, whatever the estimate', () => {
    const s = score(model, { ...base, sex: SimpleLevel.DIFFERENT }, { nameKey: 'x', birthKey: null }, freq(1, 1));
    expect(s.contributions.find((c) => c.field === 'sex')!.weight).toBeLessThanOrEqual(-8);
  });

  it('learns m by EM from pairs that are mostly matches and mostly not', () => {
    const table = new PatternTable();
    for (let i = 0; i < 300; i++) table.add(base);
    for (let i = 0; i < 700; i++)
      table.add({ ...base, name: NameLevel.DIFFERENT, birth: BirthLevel.DIFFERENT, commune: CommuneLevel.DIFFERENT });
    expect(table.patterns.map((p) => p.n)).toEqual([300, 700]);
    const fitted = expectationMaximization(table.patterns, u);
    expect(fitted.lambda).toBeGreaterThan(0.2);
    expect(fitted.lambda).toBeLessThan(0.4);
    expect(fitted.m.name.SAME).toBeGreaterThan(0.9);
  });

  it('is not fooled by many namesakes: m is learnt on pairs anchored by an ID number, and by name and birth date', () => {
    const table = new PatternTable();
    table.add({ ...base, id: IdLevel.SAME }, 300);
    // Ten times as many namesakes in upland communes: same name, same commune, another number.
    table.add({ ...base, id: IdLevel.DIFFERENT, birth: BirthLevel.SAME_YEAR }, 3000);
    table.add({ ...base, id: IdLevel.MISSING, birth: BirthLevel.DIFFERENT, name: NameLevel.DIFFERENT }, 2000);
    const fitted = estimateM(table.patterns, uFull);
    expect(fitted.m.id.SAME).toBeGreaterThan(0.9);
    expect(fitted.m.birth.SAME_DAY).toBeGreaterThan(0.9);
    // Plain EM over all the pairs takes the namesakes for the matching class.
    expect(expectationMaximization(table.patterns, uFull).m.birth.SAME_YEAR).toBeGreaterThan(0.5);
  });

  it('learns from the records how much a 01/01 placeholder against a full date says, apart from a year written alone', () => {
    const table = new PatternTable();
    table.add({ ...base, id: IdLevel.SAME }, 300);
    // Matched by number: a year written alone against a full date often; the placeholder never.
    table.add({ ...base, id: IdLevel.SAME, birth: BirthLevel.SAME_YEAR }, 150);
    // Different numbers: the placeholder against a full date, namesakes of the upland communes.
    table.add({ ...base, id: IdLevel.DIFFERENT, birth: BirthLevel.PLACEHOLDER }, 400);
    table.add({ ...base, id: IdLevel.MISSING, birth: BirthLevel.DIFFERENT, name: NameLevel.DIFFERENT }, 2000);
    const fitted = estimateM(table.patterns, uFull);
    expect(fitted.m.birth.SAME_YEAR).toBeGreaterThan(0.2);
    expect(fitted.m.birth.PLACEHOLDER).toBeLessThan(0.05);
  });

  it('explains a decision in Vietnamese, strongest evidence first', () => {
    const s = score(model, { ...base, id: IdLevel.SAME }, { nameKey: 'x', birthKey: '1980-03-12' }, freq(3, 1));
    const text = explain(s, 'cùng một người');
    expect(text).toMatch(/cùng số định danh/i);
    expect(text).toContain('cùng họ tên (3 hồ sơ có tên này)');
    // Words, not bits: no "+15,5" for a person to decode.
    expect(text).not.toMatch(/[+-]\d/);
    const bars = fieldEvidence(s.contributions).map((e) => Math.abs(e.bar));
    expect(bars.length).toBe(s.contributions.length);
    expect(bars).toEqual([...bars].sort((x, y) => y - x));
    expect(text.indexOf('cùng số định danh')).toBeLessThan(text.indexOf('cùng giới tính'));
    expect(text).toMatch(/Xác suất cùng một người (trên )?[\d,]+%: cùng một người\.$/);
  });
});

describe('records into persons', () => {
  it('never puts two ID numbers in one person, unless the pair was a typing slip', () => {
    const ids = ['A', null, 'B', 'C'];
    // 0—1 and 1—2 would chain A and B through a record without a number.
    const r = cluster(
      4,
      [
        { a: 0, b: 1, weight: 20 },
        { a: 1, b: 2, weight: 15 },
        { a: 2, b: 3, weight: 10 },
      ],
      (i) => ids[i],
      new Set([slipKey('B', 'C')]),
    );
    expect(r.root[0]).toBe(r.root[1]);
    expect(r.root[2]).not.toBe(r.root[1]);
    expect(r.root[2]).toBe(r.root[3]);
    expect(r.refused).toEqual([{ a: 1, b: 2, weight: 15 }]);
  });

  it('never puts two register entries in one person: each record joins its own, a link between them is refused', () => {
    // 0 and 1 joined resident 7, 2 joined resident 9; 3 has none. 1—2 would make 7 and 9 one person.
    const resident = [7, 7, 9, -1];
    const r = cluster(
      4,
      [
        { a: 0, b: 1, weight: 30 },
        { a: 1, b: 2, weight: 25 },
        { a: 2, b: 3, weight: 10 },
      ],
      () => null,
      new Set(),
      new Map(),
      (i) => resident[i],
    );
    expect(r.root[0]).toBe(r.root[1]);
    expect(r.root[2]).not.toBe(r.root[1]);
    expect(r.root[3]).toBe(r.root[2]);
    expect(r.refused).toEqual([{ a: 1, b: 2, weight: 25 }]);
  });

  it('keeps a person id when records are added, and derives new ones from the first record', () => {
    const ids = ['r1', 'r2', 'r3'];
    const first = assignPersonIds(ids, Int32Array.from([0, 0, 2]), () => null);
    expect(first[0]).toBe(first[1]);
    expect(first[0]).toBe(newPersonId('r1'));
    expect(first[2]).toBe(newPersonId('r3'));
    // r0 (a new record, first in order) joins r1's person: the person keeps its id.
    const again = assignPersonIds(['r0', ...ids], Int32Array.from([0, 0, 0, 3]), (i) => [null, ...first][i]);
    expect(again[0]).toBe(first[0]);
    expect(again[3]).toBe(first[2]);
    expect(newPersonId('r1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
