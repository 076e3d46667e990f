import { BirthLevel, CommuneLevel, IdLevel, NameLevel, SimpleLevel } from '../../common/identity/identity-compare.js';
import type { Comparison } from './model.js';
import { batchDecision, DEFAULT_LINK_OPTIONS, hasStrongEvidence, linkDecision, type Namesakes } from './pair-decision.js';

/**
 * Today's verdicts of the two paths on the same comparisons: data entry (`possibleDuplicates`
 * applies `linkDecision` alone) and the batch run (`batchDecision`, which knows the province's
 * namesakes). They differ where namesakes are known; making them agree is a later change, and
 * this table is where it will show.
 */

const AUTO = DEFAULT_LINK_OPTIONS.auto;

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
const NONE: Namesakes = { onBirthDate: () => 1, inBirthYear: () => 1 };
const ON_DATE: Namesakes = { onBirthDate: () => 2, inBirthYear: () => 2 };
const IN_YEAR: Namesakes = { onBirthDate: () => 1, inBirthYear: () => 3 };

const batch = (c: Comparison, p: number, n: Namesakes) => batchDecision(c, p, AUTO, n) ?? 'DROPPED';

// [pair, comparison, probability, data entry, batch: no namesakes, batch: namesakes on the date, batch: namesakes in the year]
const TABLE: [string, Comparison, number, string, string, string, string][] = [
  ['same name, day and commune', pair(), 0.999, 'AUTO', 'AUTO', 'DROPPED', 'AUTO'],
  ['same name and commune, day and month swapped', pair({ birth: BirthLevel.SWAPPED }), 0.995, 'AUTO', 'AUTO', 'DROPPED', 'AUTO'],
  ['same name, day and commune, below the threshold', pair(), 0.98, 'REVIEW', 'REVIEW', 'DROPPED', 'REVIEW'],
  ['same name and day, other commune', pair({ commune: CommuneLevel.DIFFERENT }), 0.995, 'REVIEW', 'REVIEW', 'DROPPED', 'DROPPED'],
  ['same name, year and commune', pair({ birth: BirthLevel.SAME_YEAR }), 0.995, 'REVIEW', 'REVIEW', 'DROPPED', 'DROPPED'],
  ['name one letter off, same day and commune', pair({ name: NameLevel.TYPO }), 0.995, 'REVIEW', 'REVIEW', 'DROPPED', 'DROPPED'],
  ['same name, day and commune, phone', pair({ phone: SimpleLevel.SAME }), 0.999, 'AUTO', 'AUTO', 'AUTO', 'AUTO'],
  ['same number', pair({ id: IdLevel.SAME, birth: BirthLevel.SAME_YEAR }), 0.999, 'AUTO', 'AUTO', 'AUTO', 'AUTO'],
  ['number with one slip', pair({ id: IdLevel.ONE_SLIP }), 0.999, 'AUTO', 'AUTO', 'AUTO', 'AUTO'],
  ['same number, below the threshold', pair({ id: IdLevel.SAME }), 0.9, 'REVIEW', 'REVIEW', 'REVIEW', 'REVIEW'],
  ['different numbers, same name, day and commune', pair({ id: IdLevel.DIFFERENT }), 0.995, 'REVIEW', 'REVIEW', 'DROPPED', 'REVIEW'],
  ['different names, same number', pair({ name: NameLevel.DIFFERENT, id: IdLevel.SAME }), 0.999, 'AUTO', 'AUTO', 'AUTO', 'AUTO'],
  [
    'different names, same phone',
    pair({ name: NameLevel.DIFFERENT, phone: SimpleLevel.SAME }),
    0.999,
    'REVIEW',
    'REVIEW',
    'REVIEW',
    'REVIEW',
  ],
  [
    'same 9-digit CMND, name and year',
    pair({ id: IdLevel.SAME_CMND, birth: BirthLevel.SAME_YEAR }),
    0.999,
    'REVIEW',
    'REVIEW',
    'DROPPED',
    'DROPPED',
  ],
];

describe('the link decision at data entry and in the batch run', () => {
  it.each(TABLE)('%s', (_, c, p, entry, none, onDate, inYear) => {
    expect([linkDecision(c, p, AUTO), batch(c, p, NONE), batch(c, p, ON_DATE), batch(c, p, IN_YEAR)]).toEqual([
      entry,
      none,
      onDate,
      inYear,
    ]);
  });

  it('agrees with data entry when no namesakes are known, and differs on exactly these pairs when they are', () => {
    for (const [, c, p] of TABLE) expect(batch(c, p, NONE)).toBe(linkDecision(c, p, AUTO));
    const differ = TABLE.filter(([, c, p]) => [ON_DATE, IN_YEAR].some((n) => batch(c, p, n) !== linkDecision(c, p, AUTO))).map((r) => r[0]);
    expect(differ).toEqual([
      'same name, day and commune',
      'same name and commune, day and month swapped',
      'same name, day and commune, below the threshold',
      'same name and day, other commune',
      'same name, year and commune',
      'name one letter off, same day and commune',
      'different numbers, same name, day and commune',
      'same 9-digit CMND, name and year',
    ]);
  });

  it('asks for namesakes on the date only when both records carry that full date, in the year only without strong evidence', () => {
    const asked: string[] = [];
    const spy: Namesakes = {
      onBirthDate: () => (asked.push('date'), 1),
      inBirthYear: () => (asked.push('year'), 1),
    };
    batchDecision(pair({ birth: BirthLevel.SAME_YEAR, id: IdLevel.SAME }), 0.999, AUTO, spy);
    expect(asked).toEqual([]);
    batchDecision(pair({ birth: BirthLevel.SAME_YEAR }), 0.999, AUTO, spy);
    expect(asked).toEqual(['year']);
    asked.length = 0;
    batchDecision(pair(), 0.999, AUTO, spy);
    expect(asked).toEqual(['date']);
  });

  it('takes a shared birth date as no evidence of one person', () => {
    expect(hasStrongEvidence(pair())).toBe(true);
    expect(hasStrongEvidence(pair(), true)).toBe(false);
    expect(hasStrongEvidence(pair({ phone: SimpleLevel.SAME }), true)).toBe(true);
  });
});
