import { BirthLevel, CommuneLevel, IdLevel, NameLevel, SimpleLevel } from '../../common/identity/identity-compare.js';
import { percentText } from './evidence.js';
import { probabilityOf, score, startingM, typicalU, type Comparison, type Model } from './model.js';
import {
  batchDecision,
  calibratedProbability,
  DEFAULT_LINK_OPTIONS,
  hasStrongEvidence,
  linkDecision,
  reviewDespiteHigh,
  strictAuto,
  weightAtLeast,
  type Namesakes,
} from './pair-decision.js';

/**
 * The verdicts of the two paths on the same comparisons, on the calibrated probability: data entry
 * (`possibleDuplicates` applies `linkDecision` alone) and the batch run (`batchDecision`, which
 * knows the province's namesakes). They differ only where namesakes are known.
 */

const T = DEFAULT_LINK_OPTIONS;

/** Weights whose calibrated probability falls in each band of the thresholds. */
const HIGH = weightAtLeast(strictAuto(T)) + 0.5; // at or above the bar of a pair without strong evidence
const AUTO = (weightAtLeast(T.auto) + weightAtLeast(strictAuto(T))) / 2; // between `auto` and that bar
const MID = (weightAtLeast(T.review) + weightAtLeast(T.auto)) / 2; // between the two thresholds
const LOW = weightAtLeast(T.review) - 0.5; // below the review threshold

/** Same name, same full birth date, same commune, same sex, other organizations; nothing else known. */
const pair = (over: Partial<Comparison> = {}): Comparison => ({
  name: NameLevel.SAME,
  birth: BirthLevel.SAME_DAY,
  sex: SimpleLevel.SAME,
  id: IdLevel.MISSING,
  phone: SimpleLevel.MISSING,
  commune: CommuneLevel.SAME,
  organization: SimpleLevel.DIFFERENT,
  ...over,
});

/** What the batch knows of the pair's name: nobody else; others born the same day (so also that year); others born that year. */
const NONE: Namesakes = { onBirthDate: () => 1, inBirthYear: () => 1, registerCovers: () => false };
const ON_DATE: Namesakes = { onBirthDate: () => 2, inBirthYear: () => 2, registerCovers: () => false };
const IN_YEAR: Namesakes = { onBirthDate: () => 1, inBirthYear: () => 3, registerCovers: () => false };

const entry = (c: Comparison, w: number) => linkDecision(c, w, T) ?? 'NONE';
const batch = (c: Comparison, w: number, n: Namesakes) => batchDecision(c, w, T, n) ?? 'NONE';

// [pair, comparison, weight, data entry, batch: no namesakes, batch: namesakes on the date, batch: namesakes in the year]
const TABLE: [string, Comparison, number, string, string, string, string][] = [
  ['same name, day and commune', pair(), AUTO, 'AUTO', 'AUTO', 'NONE', 'AUTO'],
  ['same name and commune, day and month swapped', pair({ birth: BirthLevel.SWAPPED }), AUTO, 'AUTO', 'AUTO', 'NONE', 'AUTO'],
  ['same name, day and commune, between the thresholds', pair(), MID, 'REVIEW', 'REVIEW', 'NONE', 'REVIEW'],
  ['same name, day and commune, below the review threshold', pair(), LOW, 'NONE', 'NONE', 'NONE', 'NONE'],
  ['same name and day, other commune', pair({ commune: CommuneLevel.DIFFERENT }), AUTO, 'REVIEW', 'REVIEW', 'NONE', 'NONE'],
  [
    'same name and day, other commune, above the higher bar',
    pair({ commune: CommuneLevel.DIFFERENT }),
    HIGH,
    'AUTO',
    'AUTO',
    'NONE',
    'NONE',
  ],
  ['same name, year and commune', pair({ birth: BirthLevel.SAME_YEAR }), AUTO, 'REVIEW', 'REVIEW', 'NONE', 'NONE'],
  ['same name, year and commune, above the higher bar', pair({ birth: BirthLevel.SAME_YEAR }), HIGH, 'AUTO', 'AUTO', 'NONE', 'NONE'],
  ['name one letter off, same day and commune', pair({ name: NameLevel.TYPO }), AUTO, 'REVIEW', 'REVIEW', 'NONE', 'NONE'],
  ['same name, day and commune, phone', pair({ phone: SimpleLevel.SAME }), AUTO, 'AUTO', 'AUTO', 'AUTO', 'AUTO'],
  ['same number', pair({ id: IdLevel.SAME, birth: BirthLevel.SAME_YEAR }), AUTO, 'AUTO', 'AUTO', 'AUTO', 'AUTO'],
  ['number with one slip', pair({ id: IdLevel.ONE_SLIP }), AUTO, 'AUTO', 'AUTO', 'AUTO', 'AUTO'],
  ['same number, between the thresholds', pair({ id: IdLevel.SAME }), MID, 'REVIEW', 'REVIEW', 'REVIEW', 'REVIEW'],
  ['different numbers, same name, day and commune', pair({ id: IdLevel.DIFFERENT }), HIGH, 'REVIEW', 'REVIEW', 'NONE', 'REVIEW'],
  ['different names, same number', pair({ name: NameLevel.DIFFERENT, id: IdLevel.SAME }), AUTO, 'AUTO', 'AUTO', 'AUTO', 'AUTO'],
  [
    'different names, same phone',
    pair({ name: NameLevel.DIFFERENT, phone: SimpleLevel.SAME }),
    HIGH,
    'REVIEW',
    'REVIEW',
    'REVIEW',
    'REVIEW',
  ],
  [
    'same 9-digit CMND, name and year',
    pair({ id: IdLevel.SAME_CMND, birth: BirthLevel.SAME_YEAR }),
    AUTO,
    'REVIEW',
    'REVIEW',
    'NONE',
    'NONE',
  ],
];

describe('the link decision at data entry and in the batch run', () => {
  it('has weights in each band of the calibrated thresholds', () => {
    expect(calibratedProbability(HIGH)).toBeGreaterThanOrEqual(strictAuto(T));
    expect(calibratedProbability(AUTO)).toBeGreaterThanOrEqual(T.auto);
    expect(calibratedProbability(AUTO)).toBeLessThan(strictAuto(T));
    expect(calibratedProbability(MID)).toBeGreaterThanOrEqual(T.review);
    expect(calibratedProbability(MID)).toBeLessThan(T.auto);
    expect(calibratedProbability(LOW)).toBeLessThan(T.review);
    expect(T.review).toBeLessThan(T.auto);
    expect(strictAuto(T)).toBeGreaterThan(T.auto);
  });

  it.each(TABLE)('%s', (_, c, w, atEntry, none, onDate, inYear) => {
    expect([entry(c, w), batch(c, w, NONE), batch(c, w, ON_DATE), batch(c, w, IN_YEAR)]).toEqual([atEntry, none, onDate, inYear]);
  });

  it('agrees with data entry when no namesakes are known, and differs on exactly these pairs when they are', () => {
    for (const [, c, w] of TABLE) expect(batch(c, w, NONE)).toBe(entry(c, w));
    const differ = TABLE.filter(([, c, w]) => [ON_DATE, IN_YEAR].some((n) => batch(c, w, n) !== entry(c, w))).map((r) => r[0]);
    expect(differ).toEqual([
      'same name, day and commune',
      'same name and commune, day and month swapped',
      'same name, day and commune, between the thresholds',
      'same name and day, other commune',
      'same name and day, other commune, above the higher bar',
      'same name, year and commune',
      'same name, year and commune, above the higher bar',
      'name one letter off, same day and commune',
      'different numbers, same name, day and commune',
      'same 9-digit CMND, name and year',
    ]);
  });

  it('acts on the calibrated probability, not on the model’s over-confident one', () => {
    // Below the review threshold once calibrated, though the model calls it near certain.
    expect(probabilityOf(LOW)).toBeGreaterThan(0.9999);
    expect(linkDecision(pair({ id: IdLevel.SAME }), LOW, T)).toBeNull();
    // Between the thresholds once calibrated: reviewed, not linked, whatever the model says.
    expect(probabilityOf(MID)).toBeGreaterThan(0.9999);
    expect(linkDecision(pair({ id: IdLevel.SAME }), MID, T)).toBe('REVIEW');
  });

  it('asks for namesakes on the date only when both records carry that full date, in the year only without strong evidence', () => {
    const asked: string[] = [];
    const spy: Namesakes = {
      onBirthDate: () => (asked.push('date'), 1),
      inBirthYear: () => (asked.push('year'), 1),
      registerCovers: () => false,
    };
    batchDecision(pair({ birth: BirthLevel.SAME_YEAR, id: IdLevel.SAME }), AUTO, T, spy);
    expect(asked).toEqual([]);
    batchDecision(pair({ birth: BirthLevel.SAME_YEAR }), AUTO, T, spy);
    expect(asked).toEqual(['year']);
    asked.length = 0;
    batchDecision(pair(), AUTO, T, spy);
    expect(asked).toEqual(['date']);
  });

  it('links one name and year that the register, covering the commune, knows nobody else to bear there', () => {
    // "Quàng Văn Hoan", 01/01/1980 (a placeholder: read as the year), twice in one commune.
    const placeholder = pair({ birth: BirthLevel.SAME_YEAR });
    const covered = (inYear: number): Namesakes => ({ onBirthDate: () => 1, inBirthYear: () => inYear, registerCovers: () => true });
    expect(batch(placeholder, AUTO, covered(1))).toBe('AUTO');
    expect(batch(placeholder, AUTO, covered(0))).toBe('AUTO');
    // Without the register's word the same pair needs the higher bar…
    expect(batch(placeholder, AUTO, NONE)).toBe('REVIEW');
    // …with two namesakes there it is not even reviewed; a neighbouring or another commune is for a person to judge.
    expect(batch(placeholder, HIGH, covered(2))).toBe('NONE');
    expect(batch(pair({ birth: BirthLevel.SAME_YEAR, commune: CommuneLevel.NEAR }), AUTO, covered(1))).toBe('REVIEW');
    expect(batch(pair({ birth: BirthLevel.SAME_YEAR, commune: CommuneLevel.DIFFERENT }), AUTO, covered(1))).toBe('REVIEW');
    // A near name or another year is not that name in that year; the data-entry check has no register to ask.
    expect(batch(pair({ birth: BirthLevel.SAME_YEAR, name: NameLevel.TYPO }), AUTO, covered(1))).toBe('REVIEW');
    expect(batch(pair({ birth: BirthLevel.NEAR_YEAR }), AUTO, covered(1))).toBe('REVIEW');
    expect(entry(placeholder, AUTO)).toBe('REVIEW');
  });

  it('takes a shared birth date as no evidence of one person', () => {
    expect(hasStrongEvidence(pair())).toBe(true);
    expect(hasStrongEvidence(pair(), true)).toBe(false);
    expect(hasStrongEvidence(pair({ phone: SimpleLevel.SAME }), true)).toBe(true);
  });
});

describe('a common name alone', () => {
  /** The model a province starts from (before any run): what the check at data entry uses then. */
  const model: Model = { lambda: 0.2, m: startingM(), u: typicalU() };
  /** "Nguyễn Văn Hùng": 1,200 of 100,000 records bear it. */
  const common = { total: 100_000, name: () => 1_200, birth: () => 1 };
  const alone = pair({ birth: BirthLevel.MISSING, commune: CommuneLevel.MISSING, sex: SimpleLevel.MISSING });

  it('is neither linked nor sent to review, and never reads 100%', () => {
    const s = score(model, alone, { nameKey: 'nguyen van hung', birthKey: null }, common);
    expect(linkDecision(alone, s.weight, T)).toBeNull();
    expect(calibratedProbability(s.weight)).toBeLessThan(0.01);
    expect(percentText(calibratedProbability(s.weight))).not.toMatch(/100|99/);
  });

  it('with the same year and commune too, stays short of a link', () => {
    const c = pair({ birth: BirthLevel.SAME_YEAR });
    const s = score(model, c, { nameKey: 'nguyen van hung', birthKey: null }, common);
    expect(linkDecision(c, s.weight, T)).not.toBe('AUTO');
  });

  it('however strong the weight, the calibrated probability stays below 1', () => {
    expect(calibratedProbability(1e6)).toBeLessThan(1);
    expect(probabilityOf(1e6)).toBe(1);
  });
});

describe('why a pair with a high probability waits for a person, in words that agree with its table', () => {
  const says = (levels: Record<string, string>) => reviewDespiteHigh(Object.entries(levels).map(([field, level]) => ({ field, level })));
  it.each<[string, Record<string, string>, RegExp]>([
    [
      'two names, one phone and one full date (Nguyễn Minh Thu / Nguyễn Tuh)',
      { name: 'DIFFERENT', phone: 'SAME', birth: 'SAME_DAY' },
      /họ tên hai hồ sơ khác nhau/,
    ],
    ['two numbers', { name: 'SAME', id: 'DIFFERENT' }, /hai số định danh khác nhau/],
    [
      'one name and one year, nothing else',
      { name: 'SAME', birth: 'SAME_YEAR', commune: 'SAME' },
      /không có số định danh, số điện thoại hay ngày sinh đầy đủ trùng nhau/,
    ],
    ['one phone, under the run’s bar', { name: 'SAME', phone: 'SAME' }, /chưa đến ngưỡng tự động/],
    [
      'one name, one full date, one commune, namesakes of that date known',
      { name: 'SAME', birth: 'SAME_DAY', commune: 'SAME' },
      /có người khác cùng họ tên và ngày sinh này/,
    ],
    [
      'one name, one full date, two neighbouring communes',
      { name: 'SAME', birth: 'SAME_DAY', commune: 'NEAR' },
      /ngoài ngày sinh đầy đủ trùng nhau không có số định danh hay số điện thoại trùng, ở hai xã lân cận/,
    ],
  ])('%s', (_, levels, expected) => {
    expect(says(levels)).toMatch(expected);
    // Never "nothing agrees" beside a phone, a number or a full date that agree.
    if (levels.phone === 'SAME' || levels.birth === 'SAME_DAY')
      expect(says(levels)).not.toMatch(/không có số định danh, số điện thoại hay ngày sinh/);
  });
});
