import { linkDate, linkName } from '../../common/identity/identity-compare.js';
import { startingM, typicalU, type Model } from '../model/model.js';
import { frequencies, namesakeCounter } from './namesakes.js';
import { JOIN_AT, JOIN_STRICT_AT, matchRegister, RegisterMatch, SAME_ID_MATCH_WEIGHT } from './register-bridge.js';
import { candidatesOf, FAR_NAMESAKES_ONE_BY_ONE, indexResidents } from './register-candidates.js';
import type { Records, Residents } from './snapshot.js';

/** A person as a roster or the register lists them: name, birth date (`yyyy` for a year alone), sex, commune, ID hash. */
type Row = [name: string, birth: string, sex: string, commune: string, id?: string];

const date = (b: string) => (b.length === 4 ? linkDate(`${b}-01-01`, 'YEAR') : linkDate(b, 'DAY'));

function records(rows: Row[]): Records {
  const col = <T>(f: (r: Row, i: number) => T) => rows.map(f);
  return {
    n: rows.length,
    id: col((_, i) => `rec-${i}`),
    org: col(() => 'HND'),
    status: col(() => 'ACTIVE'),
    name: col((r) => linkName(r[0])),
    birth: col((r) => date(r[1])),
    sex: col((r) => r[2]),
    idHash: col((r) => r[4] ?? null),
    idKind: col((r) => (r[4] ? 'CCCD' : null)),
    phone: col(() => null),
    commune: col((r) => ({ code: r[3], candidates: [] })),
    previousPerson: col(() => null),
    birthPrecision: col((r) => (r[1].length === 4 ? 'YEAR' : 'DAY')),
    unit: col(() => null),
    joinDate: col(() => null),
    joinDayUnknown: col(() => false),
    lastActivity: col(() => null),
    lastDues: col(() => null),
    profile: col(() => ({})),
    idIssues: col(() => []),
  };
}

function residents(rows: Row[]): Residents {
  const recs = records(rows);
  return {
    n: rows.length,
    alive: rows.map(() => true),
    deathDate: rows.map(() => null),
    communes: new Set(rows.map((r) => r[3])),
    id: rows.map((_, i) => `res-${i}`),
    name: recs.name,
    birth: recs.birth,
    sex: recs.sex,
    idHash: recs.idHash,
    idKind: recs.idKind,
    commune: recs.commune,
  };
}

const model: Model = { lambda: 0.5, m: startingM(), u: typicalU() };

/**
 * A register of one Điện Biên commune and its neighbour: many people with ID numbers (they teach
 * the register model), Thái namesakes with the 01/01 placeholder, and one Kinh woman.
 */
function register(): Row[] {
  const rows: Row[] = [];
  const given = ['Xuân', 'Ín', 'Ơn', 'Lả', 'Pánh', 'Ương', 'Thành', 'Chung', 'Bích', 'Hoan'];
  for (let k = 0; k < 200; k++)
    rows.push([`Cà Văn ${given[k % 10]}`, `${1950 + (k % 50)}-0${1 + (k % 9)}-1${k % 10}`, 'MALE', '03253', `id-${k}`]);
  rows.push(['Lò Thị Hoa', '1965', 'FEMALE', '03253', 'hoa-1']); // 200
  rows.push(['Lò Thị Hoa', '1965', 'FEMALE', '03253', 'hoa-2']); // 201: her namesake, same year, same commune
  rows.push(['Trần Thị Quyên', '1977-02-17', 'FEMALE', '03253', 'quyen']); // 202
  rows.push(['Quàng Văn Chung', '1990-04-26', 'MALE', '03244', 'chung']); // 203
  return rows;
}

/**
 * The roster: the same people's records with the ID numbers they were listed with — as rosters
 * write them, one in eight with a slip in the given name, one in ten with the year alone — then the cases.
 */
function roster(cases: Row[]): Row[] {
  const slip = (name: string) => name.slice(0, -2) + name.slice(-1) + name.slice(-2, -1);
  const listed = register()
    .slice(0, 200)
    .map(([name, birth, ...rest], k): Row => [k % 8 === 0 ? slip(name) : name, k % 10 === 5 ? birth.slice(0, 4) : birth, ...rest]);
  return [...listed, ...cases];
}

describe('the register as the hub', () => {
  const res = residents(register());
  const run = (cases: Row[]) => {
    const recs = records(roster(cases));
    return { bridge: matchRegister(recs, res, model, frequencies(recs)), at: (k: number) => 200 + k };
  };

  it('joins a record by its ID number, as certain', () => {
    const { bridge } = run([]);
    expect(bridge.resident[17]).toBe(17);
    expect(bridge.weight[17]).toBe(SAME_ID_MATCH_WEIGHT);
  });

  it.each<[string, Row, number]>([
    ['no ID, the same name, day and commune', ['Trần Thị Quyên', '1977-02-17', 'FEMALE', '03253'], 202],
    ['a one-letter slip in the given name', ['Trần Thị Quên', '1977-02-17', 'FEMALE', '03253'], 202],
    ['Thị dropped', ['Trần Quyên', '1977-02-17', 'FEMALE', '03253'], 202],
    ['written without marks', ['Tran Thi Quyen', '1977-02-17', 'FEMALE', '03253'], 202],
    ['a year alone on the roster', ['Trần Thị Quyên', '1977', 'FEMALE', '03253'], 202],
    ['moved to the neighbouring commune', ['Quàng Văn Chung', '1990-04-26', 'MALE', '03253'], 203],
  ])('joins its single best entry: %s', (_, row, resident) => {
    const { bridge, at } = run([row]);
    expect(bridge.resident[at(0)]).toBe(resident);
    expect(bridge.verified[at(0)]).toBe(true);
    expect(bridge.weight[at(0)]).toBeGreaterThan(Math.log2(JOIN_AT / (1 - JOIN_AT)));
  });

  it.each<[string, Row]>([
    ['a Thái namesake with the 01/01 placeholder: two residents fit equally', ['Lò Thị Hoa', '1965-01-01', 'FEMALE', '03253']],
    ['another birth date known to the day', ['Trần Thị Quyên', '1979-08-03', 'FEMALE', '03253']],
    ['the name alone, in a commune far away', ['Trần Thị Quyên', '1977', 'FEMALE', '03385']],
    ['another ID number under the same name and date', ['Trần Thị Quyên', '1977-02-17', 'FEMALE', '03253', 'other']],
  ])('leaves a record out when it is not clearly one resident: %s', (_, row) => {
    const { bridge, at } = run([row]);
    expect(bridge.resident[at(0)]).toBe(-1);
    expect(bridge.verified[at(0)]).toBe(false);
  });

  // Records without a number that read alike share one search (register-alike.ts): one that differs in one field must not.
  it('finds each record its own resident when two records differ in one field only', () => {
    const pairs: [Row, Row][] = [
      [
        ['Lường Văn Ín', '1980-05-06', 'MALE', '03253', 'in-a'],
        ['Lường Văn Ín', '1980-07-08', 'MALE', '03253', 'in-b'],
      ],
      [
        ['Cầm Ngọc Anh', '1992-03-04', 'MALE', '03253', 'anh-a'],
        ['Cầm Ngọc Anh', '1992-03-04', 'FEMALE', '03253', 'anh-b'],
      ],
      [
        ['Lò Văn Hặc', '1970-02-03', 'MALE', '03253', 'hac-a'],
        ['Lò Văn Hặc', '1970-02-03', 'MALE', '03385', 'hac-b'],
      ],
    ];
    const reg = [...register(), ...pairs.flat()];
    const withNames = residents(reg);
    const cases = pairs.flatMap(([a, b]): Row[] => [a.slice(0, 4) as Row, b.slice(0, 4) as Row, a.slice(0, 4) as Row]);
    const recs = records(roster(cases));
    const bridge = matchRegister(recs, withNames, model, frequencies(recs));
    pairs.forEach((_, k) => {
      const [a, b] = [204 + 2 * k, 205 + 2 * k];
      expect([bridge.resident[200 + 3 * k], bridge.resident[201 + 3 * k], bridge.resident[202 + 3 * k]]).toEqual([a, b, a]);
    });
  });

  it('weighs another listing of an organization that already lists her by number as a pair within one organization', () => {
    const recs = records(
      roster([
        ['Trần Thị Quyên', '1977-02-17', 'FEMALE', '03253', 'quyen'], // Hội Nông dân lists her by her number…
        ['Trần Thị Quyên', '1977', 'FEMALE', '03253'], // …and again without it (a second listing, or a name made up)
        ['Trần Thị Quyên', '1977', 'FEMALE', '03253'], // Hội Người cao tuổi, without a number
      ]),
    );
    recs.org[202] = 'NCT';
    const bridge = matchRegister(recs, res, model, frequencies(recs));
    expect(bridge.resident[200]).toBe(202);
    expect(bridge.resident[202]).toBe(202);
    expect(bridge.weight[202]).toBeLessThan(SAME_ID_MATCH_WEIGHT);
    expect(bridge.resident[201] === -1 || bridge.weight[201] < bridge.weight[202] - 1).toBe(true);
  });

  it.each<[string, string | null, boolean]>([
    ['no phone on the second listing: the register decides', null, true],
    ['the same phone as her numbered listing', '0912345678', true],
    ['another phone than her numbered listing: a namesake of her branch', '0987654321', false],
  ])('weighs a second listing of her organization with the phones of both: %s', (_, phone, joins) => {
    const recs = records(
      roster([
        ['Trần Thị Quyên', '1977-02-17', 'FEMALE', '03253', 'quyen'], // Hội Nông dân lists her by her number, with her phone…
        ['Trần Thị Quyên', '1977-02-17', 'FEMALE', '03253'], // …and a second record without it
      ]),
    );
    recs.phone[200] = '0912345678';
    recs.phone[201] = phone;
    // As EM learns it on rosters: one person's two listings almost never carry two different phones.
    const trained: Model = { ...model, m: { ...model.m, phone: { SAME: 0.995, DIFFERENT: 0.005 } } };
    const bridge = matchRegister(recs, res, trained, frequencies(recs));
    expect(bridge.resident[200]).toBe(202);
    expect(bridge.resident[201]).toBe(joins ? 202 : -1);
  });

  it('tells the phantom checks what the register says of a record it did not join', () => {
    const { bridge, at } = run([
      ['Lò Thị Hoa', '1965', 'FEMALE', '03253'],
      ['Lường Thị Nọi', '1988-03-02', 'FEMALE', '03253'],
      ['Lường Thị Nọi', '1988-03-02', 'FEMALE', '01234'],
    ]);
    expect(bridge.match[at(0)]).toBe(RegisterMatch.AMBIGUOUS);
    expect(bridge.match[at(1)]).toBe(RegisterMatch.NO_MATCH);
    expect(bridge.match[at(2)]).toBe(RegisterMatch.NOT_COVERED);
  });
});

describe('an upland member listed in the neighbouring commune under the 01/01 placeholder', () => {
  // The register knows one Quàng Văn Thắng born in 1947 next door (03244), and maybe one far away (03385).
  const thang: Row = ['Quàng Văn Thắng', '1947-01-01', 'MALE', '03244', 'thang'];
  const far: Row = ['Quàng Văn Thắng', '1947-01-01', 'MALE', '03385', 'far'];
  const weightAt = (p: number) => Math.log2(p / (1 - p));

  it('joins the resident next door: more likely than not him, short of the strict bar', () => {
    const res = residents([...register(), thang, far]);
    const recs = records(roster([['Quàng Văn Thắng', '1947-01-01', 'MALE', '03253']]));
    const bridge = matchRegister(recs, res, model, frequencies(recs));
    expect(bridge.resident[200]).toBe(204);
    expect(bridge.weight[200]).toBeGreaterThanOrEqual(weightAt(JOIN_AT));
    expect(bridge.weight[200]).toBeLessThan(weightAt(JOIN_STRICT_AT));
  });

  it('joins one of two listings of one organization that only the model joins to him; both when the organizations differ', () => {
    const res = residents([...register(), thang, far]);
    const twice = (second: string) => {
      const recs = records(
        roster([
          ['Quàng Văn Thắng', '1947-01-01', 'MALE', '03253'],
          ['Quàng Văn Thắng', '1947', 'MALE', '03253'],
        ]),
      );
      recs.org[201] = second;
      const bridge = matchRegister(recs, res, model, frequencies(recs));
      return [bridge.resident[200], bridge.resident[201]];
    };
    expect(twice('HND')).toEqual([204, -1]);
    expect(twice('NCT')).toEqual([204, 204]);
  });

  it('holds a second listing of an organization that lists him by number to the strict bar', () => {
    const res = residents([...register(), thang]);
    // Hội Nông dân lists him by his number; a record one mark off next door, in HND and in NCT.
    const recs = records(
      roster([thang, ['Quàng Văn Thăng', '1947-01-01', 'MALE', '03253'], ['Quàng Văn Thăng', '1947-01-01', 'MALE', '03253']]),
    );
    recs.org[202] = 'NCT';
    const bridge = matchRegister(recs, res, model, frequencies(recs));
    expect(bridge.resident[200]).toBe(204);
    expect(bridge.resident[201]).toBe(-1);
    expect(bridge.resident[202]).toBe(204);
  });
});

describe('how often a made-up name has namesakes in the register by chance', () => {
  it('is the share of roster names that, with another record’s birth year, the register lists', () => {
    // The register's 200 Cà Văn men, born 1950–1999: a roster of their names matches by chance when
    // another record's year is one the register lists for that name.
    const res = residents(register());
    const common = matchRegister(records(roster([])), res, model, frequencies(records(roster([]))));
    expect(common.namesakesByChance).toBeGreaterThan(0.05);
    expect(common.namesakesByChance).toBeLessThan(0.5);
    // Names the register does not know at all: almost never.
    const strangers = records(
      Array.from({ length: 200 }, (_, k): Row => [`Hà Thị Lạ ${k}`, `${1950 + (k % 50)}-03-03`, 'FEMALE', '03253']),
    );
    expect(matchRegister(strangers, res, model, frequencies(strangers)).namesakesByChance).toBeLessThan(0.01);
    // Everyone of one name and year: always.
    const same = records(Array.from({ length: 200 }, (): Row => ['Lò Thị Hoa', '1965', 'FEMALE', '03253']));
    expect(matchRegister(same, res, model, frequencies(same)).namesakesByChance).toBeGreaterThan(0.98);
  });
});

describe('namesakes the register knows, commune by commune', () => {
  // "Lò Văn Thắng" born 1964: one resident in each of two communes; records with their own numbers in a third.
  const res = residents([
    ['Lò Văn Thắng', '1964-01-01', 'MALE', '03358', 'r1'],
    ['Lò Văn Thắng', '1964-01-01', 'MALE', '03316', 'r2'],
    ['Lò Văn Thắng', '1964-02-07', 'MALE', '03164', 'r3'],
  ]);
  const recs = records([
    ['Lò Văn Thắng', '1964', 'MALE', '03200', 'n1'],
    ['Lò Văn Thắng', '1964', 'MALE', '03200', 'n2'],
    ['Lò Văn Thắng', '1964', 'MALE', '03200', 'n2'],
  ]);
  const namesakes = namesakeCounter(recs, res);
  const key = linkName('Lò Văn Thắng').key;

  it('counts the people of a name and year in the pair’s communes, or in the province', () => {
    expect(namesakes.count(key, '1964')).toBe(3);
    expect(namesakes.count(key, '1964', ['03358'])).toBe(1);
    expect(namesakes.count(key, '1964', ['03358', '03316'])).toBe(2);
    expect(namesakes.count(key, '1964', ['03358', '03358'])).toBe(1);
    expect(namesakes.count(key, '1964', ['03385'])).toBe(0);
    // Two different 12-digit numbers in the rosters are two people, where the register lists none.
    expect(namesakes.count(key, '1964', ['03200'])).toBe(2);
    expect(namesakes.count(key, '1965', ['03358'])).toBe(0);
  });

  it('says whether the register covers a pair’s communes', () => {
    expect(namesakes.covers(['03358', '03316'])).toBe(true);
    expect(namesakes.covers(['03358', '03200'])).toBe(false);
    expect(namesakes.covers([])).toBe(false);
  });
});

describe('the residents a record is weighed against', () => {
  // Lò Văn Ương, born 1960, in the record's commune (03253), and `far` namesakes in a commune far away (03385).
  const withNamesakes = (far: number, org = 'HND') => {
    const rows: Row[] = [['Lò Văn Ương', '1960-01-01', 'MALE', '03253', 'near']];
    for (let k = 0; k < far; k++) rows.push(['Lò Văn Ương', '1960-01-01', 'MALE', '03385', `far-${k}`]);
    rows.push(['Lò Văn Ương', '1961-01-01', 'MALE', '03385', 'a-year-off-far']);
    rows.push(['Lò Văn Ương', '1961-01-01', 'MALE', '03253', 'a-year-off-here']);
    const res = residents(rows);
    const recs = records([['Lò Văn Ương', '1960-01-01', 'MALE', '03253']]);
    recs.org[0] = org;
    return candidatesOf(recs, 0, indexResidents(res), res);
  };

  it('weighs a few namesakes far away one by one (a member who moved is still found)', () => {
    const found = withNamesakes(FAR_NAMESAKES_ONE_BY_ONE - 1);
    expect(found.far).toBe(0);
    expect(found.residents).toHaveLength(FAR_NAMESAKES_ONE_BY_ONE + 1);
  });

  it('weighs many namesakes far away as one, and looks for the year off only nearby', () => {
    const found = withNamesakes(12);
    expect(found.residents.sort()).toEqual([0, 14]);
    expect(found.far).toBe(12);
    expect(found.farOne).toBeGreaterThan(0);
  });

  it('takes, of the family in the year and commune, only the residents one slip from the given name', () => {
    const res = residents([
      ['Lò Văn Ươnh', '1960-01-01', 'MALE', '03253', 'slip'],
      ['Lò Văn Thành', '1960-01-01', 'MALE', '03253', 'another'],
      ['Lò Thị Ín', '1960-01-01', 'FEMALE', '03253', 'another-too'],
    ]);
    const recs = records([['Lò Văn Ương', '1960-01-01', 'MALE', '03253']]);
    expect(candidatesOf(recs, 0, indexResidents(res), res).residents).toEqual([0]);
  });

  it('looks province-wide for a union member, who may live far from the workplace', () => {
    const found = withNamesakes(12, 'CD');
    expect(found.far).toBe(0);
    expect(found.residents).toHaveLength(15);
  });
});
