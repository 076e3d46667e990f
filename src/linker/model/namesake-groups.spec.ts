import { BirthLevel, CommuneLevel, IdLevel, NameLevel, SimpleLevel } from '../../common/identity/identity-compare.js';
import { cluster } from './clustering.js';
import type { Comparison } from './model.js';
import { linkDate } from '../../common/identity/identity-compare.js';
import { bucketOf, DatePair, datePairOf, NAMESAKE_MIN_NUMBERED, namesakeShape, NamesakeRates, numbered } from './namesake-groups.js';
import { regroupPersons, type GroupedRecord } from '../review/regroup.js';
import { LinkDecision } from '../link.entities.js';

const namesakes: Comparison = {
  name: NameLevel.SAME,
  birth: BirthLevel.SAME_YEAR,
  sex: SimpleLevel.SAME,
  id: IdLevel.MISSING,
  phone: SimpleLevel.MISSING,
  commune: CommuneLevel.SAME,
  organization: SimpleLevel.DIFFERENT,
};

describe('namesakes nothing tells apart', () => {
  it('are two organizations’ records of one name, year-only dates, one commune, no phone on one side and no differing sex', () => {
    expect(namesakeShape(namesakes, DatePair.BOTH_VAGUE)).toBe(true);
    expect(namesakeShape(namesakes, null)).toBe(false); // two full dates say more
    expect(namesakeShape({ ...namesakes, organization: SimpleLevel.SAME }, DatePair.BOTH_VAGUE)).toBe(false);
    expect(namesakeShape({ ...namesakes, commune: CommuneLevel.NEAR }, DatePair.BOTH_VAGUE)).toBe(false);
    expect(namesakeShape({ ...namesakes, phone: SimpleLevel.DIFFERENT }, DatePair.BOTH_VAGUE)).toBe(false);
    expect(namesakeShape({ ...namesakes, sex: SimpleLevel.DIFFERENT }, DatePair.BOTH_VAGUE)).toBe(false);
    expect(namesakeShape({ ...namesakes, name: NameLevel.TYPO }, DatePair.BOTH_VAGUE)).toBe(false);
  });

  it('are measured on the pairs whose two numbers say whether they are one person', () => {
    expect(numbered({ ...namesakes, id: IdLevel.SAME })).toBe('SAME');
    expect(numbered({ ...namesakes, id: IdLevel.ONE_SLIP })).toBe('SAME');
    expect(numbered({ ...namesakes, id: IdLevel.DIFFERENT })).toBe('TWO');
    expect(numbered(namesakes)).toBeNull();
    expect(numbered({ ...namesakes, id: IdLevel.SAME_CMND })).toBeNull();
  });

  it('are joined in a bucket only when its numbered pairs were one person more often than not, and were enough to say', () => {
    const rates = new NamesakeRates();
    for (let i = 0; i < NAMESAKE_MIN_NUMBERED - 1; i++) rates.count(2, true);
    expect(rates.rate(2)).toBeNull();
    expect(rates.joins(2)).toBe(false);
    rates.count(2, false);
    expect(rates.rate(2)).toBeCloseTo((NAMESAKE_MIN_NUMBERED - 1) / NAMESAKE_MIN_NUMBERED);
    expect(rates.joins(2)).toBe(true);
    for (let i = 0; i < 2 * NAMESAKE_MIN_NUMBERED; i++) rates.count(3, i % 3 === 0);
    expect(rates.joins(3)).toBe(false);
    expect(rates.summary()[3]).toEqual({
      residents: '3',
      oneToOne: true,
      dates: 'BOTH_VAGUE',
      numbered: 2 * NAMESAKE_MIN_NUMBERED,
      same: (2 * NAMESAKE_MIN_NUMBERED) / 3,
    });
  });

  it('are counted apart when an organization lists the name and year more than once there, four residents or more as one', () => {
    expect(bucketOf(2, true)).not.toBe(bucketOf(2, false));
    expect(bucketOf(7, true)).toBe(bucketOf(4, true));
    const rates = new NamesakeRates();
    rates.count(bucketOf(9, false), true);
    expect(rates.summary()[bucketOf(4, false)]).toEqual({ residents: '4+', oneToOne: false, dates: 'BOTH_VAGUE', numbered: 1, same: 1 });
  });

  it('are counted apart by how the dates say the year: both vague, a year alone or the 01/01 placeholder against a full date', () => {
    const year = linkDate('1951-01-01', 'YEAR');
    const placeholder = linkDate('1951-01-01', 'DAY');
    const day = linkDate('1951-05-10', 'DAY');
    expect(datePairOf(year, placeholder)).toBe(DatePair.BOTH_VAGUE);
    expect(datePairOf(day, year)).toBe(DatePair.YEAR_AND_DAY);
    expect(datePairOf(placeholder, day)).toBe(DatePair.PLACEHOLDER_AND_DAY);
    expect(datePairOf(day, linkDate('1951-07-02', 'DAY'))).toBeNull();
    expect(datePairOf(day, null)).toBeNull();
    // A rate for each: one to one with one resident, a year against a full date, is not the placeholder's.
    const [y, p] = [bucketOf(1, true, DatePair.YEAR_AND_DAY), bucketOf(1, true, DatePair.PLACEHOLDER_AND_DAY)];
    expect(new Set([y, p, bucketOf(1, true)]).size).toBe(3);
    const rates = new NamesakeRates();
    for (let i = 0; i < NAMESAKE_MIN_NUMBERED; i++) {
      rates.count(y, i % 4 !== 0);
      rates.count(p, i % 10 === 0);
    }
    expect(rates.joins(y)).toBe(true);
    expect(rates.joins(p)).toBe(false);
    expect(rates.summary()[p]).toMatchObject({ residents: '1', oneToOne: true, dates: 'PLACEHOLDER_AND_DAY', numbered: 30, same: 3 });
  });

  it('are joined after every other link, and never two records of one organization in one person', () => {
    // 0 HPN, 1 HND, 2 HPN, 3 DTN. A strong link joins 2 and 3; weak links 0—1, 1—2, 0—3.
    const org = ['HPN', 'HND', 'HPN', 'DTN'];
    const r = cluster(4, [{ a: 2, b: 3, weight: 20 }], () => null, new Set(), new Map(), undefined, {
      edges: [
        { a: 0, b: 1, weight: 5 },
        { a: 1, b: 2, weight: 4 },
        { a: 0, b: 3, weight: 3 },
      ],
      orgOf: (i) => org[i],
    });
    expect(r.root[0]).toBe(r.root[1]);
    expect(r.root[2]).toBe(r.root[3]);
    // 1—2 would put HPN twice (0 and 2); 0—3 too.
    expect(r.root[1]).not.toBe(r.root[2]);
    expect(r.refused).toEqual([]);
  });

  it('still respect two numbers and a person’s rejection', () => {
    const ids = ['A', 'B', null];
    const org = ['HPN', 'HND', 'CCB'];
    const r = cluster(
      3,
      [],
      (i) => ids[i],
      new Set(),
      new Map([
        [0, [2]],
        [2, [0]],
      ]),
      undefined,
      {
        edges: [
          { a: 0, b: 1, weight: 5 },
          { a: 0, b: 2, weight: 5 },
        ],
        orgOf: (i) => org[i],
      },
    );
    expect(new Set(r.root).size).toBe(3);
  });

  it('stay joined when a decision regroups their person, and a rejection of the pair splits them', () => {
    const recs: GroupedRecord[] = [
      { id: 'a', org: 'HPN', status: 'ACTIVE', cccd: null, person: 'p' },
      { id: 'b', org: 'HND', status: 'ACTIVE', cccd: null, person: 'p' },
      { id: 'c', org: 'HPN', status: 'ACTIVE', cccd: null, person: 'q' },
    ];
    const links = [
      { a: 'a', b: 'b', weight: 8, decision: LinkDecision.NAMESAKE },
      { a: 'b', b: 'c', weight: 8, decision: LinkDecision.NAMESAKE },
    ];
    const kept = regroupPersons(recs, links, [], []);
    expect(kept.personIds[0]).toBe(kept.personIds[1]);
    expect(kept.personIds[2]).not.toBe(kept.personIds[1]);
    const split = regroupPersons(recs, links, [], [{ a: 'a', b: 'b' }]);
    expect(split.personIds[0]).not.toBe(split.personIds[1]);
    expect(split.personIds[1]).toBe(split.personIds[2]);
  });
});
