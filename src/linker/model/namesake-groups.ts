import { BirthLevel, CommuneLevel, IdLevel, NameLevel, SimpleLevel, type LinkDate } from '../../common/identity/identity-compare.js';
import type { Comparison } from './model.js';

/**
 * Namesakes nothing tells apart (pure). In upland communes two organizations often list a member
 * under the same name, the 01/01 placeholder (or a year alone) on one side or both and the same commune, with no number
 * or phone on one side, while the register knows several residents of that name and year there.
 * The batch decision keeps such a pair out of every link (`batchDecision`: namesakes are known), so
 * each of those members is counted as a person of her own, and the province's persons run 5 %
 * over the truth (BENCHMARKS.md, "Namesakes nothing tells apart").
 *
 * How often such a pair is one person the run measures itself, on the pairs of the same shape where
 * both records carry a 12-digit number (is it the same number?), by bucket: how many residents of the
 * name and year the register lists in the commune, and whether each of the two organizations lists
 * that name and year there once ("one to one") or more often (then most of the pairs across are two
 * people: 0.41 against 0.76 with two residents on seed 104). Where the numbered pairs of a bucket were
 * one person more often than not, its unnumbered pairs are joined — last, after every other link,
 * and never two records of one organization in one person (each organization lists a member once:
 * two of its records are two of the namesakes). A run whose numbered pairs are too few joins none.
 */

/** A count of residents at or above this is one bucket ("four or more"). */
export const NAMESAKE_BUCKETS = 4;
/** The numbered pairs a bucket needs before its rate is trusted. */
export const NAMESAKE_MIN_NUMBERED = 30;
/** Joined when the numbered pairs of the bucket were one person at least this often. */
export const NAMESAKE_JOIN_RATE = 0.5;

/**
 * How the two birth dates say the year: both a year alone or 01/01; one a full date, the other a
 * year alone; one a full date, the other the 01/01 placeholder. Each is measured apart: whether a
 * full date against a vague one is the same person differs by how the vague one was written (on
 * tuning seed 104, a year alone ~0.75 of the time, a placeholder almost never), and a province may
 * differ again.
 */
export enum DatePair {
  BOTH_VAGUE = 0,
  YEAR_AND_DAY = 1,
  PLACEHOLDER_AND_DAY = 2,
}

/** The dates' pair, or null when both are full dates (they say more than a year) or one is missing. */
export function datePairOf(a: LinkDate | null, b: LinkDate | null): DatePair | null {
  if (!a || !b || (!a.yearOnly && !b.yearOnly)) return null;
  if (a.yearOnly && b.yearOnly) return DatePair.BOTH_VAGUE;
  return (a.yearOnly ? a : b).placeholder ? DatePair.PLACEHOLDER_AND_DAY : DatePair.YEAR_AND_DAY;
}

/**
 * The shape: the same name, birth year (at least one date the year alone or 01/01), commune, no
 * phone on one side, sexes that do not differ, two organizations. Whether the numbers decide is asked apart.
 */
export function namesakeShape(c: Comparison, dates: DatePair | null): boolean {
  return (
    dates !== null &&
    c.name === NameLevel.SAME &&
    (c.birth === BirthLevel.SAME_YEAR || c.birth === BirthLevel.PLACEHOLDER) &&
    c.commune === CommuneLevel.SAME &&
    c.organization === SimpleLevel.DIFFERENT &&
    c.phone === SimpleLevel.MISSING &&
    c.sex !== SimpleLevel.DIFFERENT
  );
}

/** What the numbers say of a pair of that shape: the same person, two people, or nothing (one side has none). */
export function numbered(c: Comparison): 'SAME' | 'TWO' | null {
  if (c.id === IdLevel.SAME || c.id === IdLevel.ONE_SLIP) return 'SAME';
  return c.id === IdLevel.DIFFERENT ? 'TWO' : null;
}

/**
 * The bucket of a pair: the register's residents of its name and year in its commune (four or more
 * as one), whether each organization lists the name and year there once, and its dates.
 */
const PER_DATES = 2 * (NAMESAKE_BUCKETS + 1);
export const bucketOf = (residents: number, oneToOne: boolean, dates: DatePair = DatePair.BOTH_VAGUE) =>
  dates * PER_DATES + Math.min(residents, NAMESAKE_BUCKETS) + (oneToOne ? 0 : NAMESAKE_BUCKETS + 1);
const BUCKETS = 3 * PER_DATES;

/** The numbered pairs of each bucket: how many, and how many were one person. */
export class NamesakeRates {
  private readonly pairs = new Array<number>(BUCKETS).fill(0);
  private readonly same = new Array<number>(BUCKETS).fill(0);

  count(bucket: number, isSame: boolean): void {
    this.pairs[bucket]++;
    if (isSame) this.same[bucket]++;
  }

  /** The share of numbered pairs that were one person, or null when they are too few to say. */
  rate(bucket: number): number | null {
    return this.pairs[bucket] >= NAMESAKE_MIN_NUMBERED ? this.same[bucket] / this.pairs[bucket] : null;
  }

  /** Whether the unnumbered pairs of this bucket are joined. */
  joins(bucket: number): boolean {
    const r = this.rate(bucket);
    return r !== null && r >= NAMESAKE_JOIN_RATE;
  }

  /** Each bucket as the run's summary prints it. */
  summary(): NamesakeBucket[] {
    return this.pairs.map((n, b) => {
      const k = b % (NAMESAKE_BUCKETS + 1);
      return {
        residents: k === NAMESAKE_BUCKETS ? `${k}+` : String(k),
        oneToOne: b % PER_DATES <= NAMESAKE_BUCKETS,
        dates: DatePair[Math.floor(b / PER_DATES)] as keyof typeof DatePair,
        numbered: n,
        same: this.same[b],
      };
    });
  }
}

/** A bucket in the run's summary: the register's residents of the name, one to one or not, the dates, its numbered pairs. */
export interface NamesakeBucket {
  residents: string;
  oneToOne: boolean;
  dates: keyof typeof DatePair;
  numbered: number;
  same: number;
}

/**
 * Whether an organization's namesakes (one name, year and commune) that the model did not link are
 * two of its members — so that a third record of another organization must not join them
 * (`OwnLinks`, `clustering.ts`) — or mostly one member listed twice. Measured, as the buckets are,
 * on the run's own numbered pairs of that shape: where most were two people (tuning seed 104: most
 * wrong pairs within one organization were such namesakes joined through a third record), the rule
 * applies; where most were one person (held-out seed 2981 at 20,000: each of the 21 links the rule
 * refused was right), or they are too few to say, it does not.
 */
export class OwnListingRate {
  numbered = 0;
  same = 0;

  count(isSame: boolean): void {
    this.numbered++;
    if (isSame) this.same++;
  }

  /** Namesakes of one organization are two people more often than not, by at least the numbered pairs a bucket needs. */
  applies(): boolean {
    return this.numbered >= NAMESAKE_MIN_NUMBERED && this.same / this.numbered < NAMESAKE_JOIN_RATE;
  }
}

/** The shape of one organization's namesakes: one name, one year (or date), one commune, one organization. */
export function ownListingShape(c: Comparison): boolean {
  return (
    c.organization === SimpleLevel.SAME &&
    c.name === NameLevel.SAME &&
    (c.birth === BirthLevel.SAME_YEAR || c.birth === BirthLevel.PLACEHOLDER || c.birth === BirthLevel.SAME_DAY) &&
    c.commune === CommuneLevel.SAME
  );
}
