import { MemberStatus } from '../../membership/status/member-status.js';
import { LinkDecision } from '../link.entities.js';
import { BirthLevel, CommuneLevel, IdLevel, NameLevel, SimpleLevel } from '../../common/identity/identity-compare.js';
import { calibrate, weightFor } from './calibration.js';
import { CALIBRATION } from './calibration-table.js';
import type { Comparison } from './model.js';

/**
 * The link decision: what a scored pair becomes — linked, sent to review, or neither. One module
 * for the batch run (`batch/score-pairs.ts`) and the check at data entry
 * (`incremental/duplicate-check.service.ts`), both on the **calibrated** probability (issue 18
 * item 4: `calibration.ts`, fitted on the tuning seeds): the model's own is over-confident at the
 * top, so a threshold on it says nothing of how often the pairs above it are one person. The batch
 * knows the namesakes of the whole province (`batchDecision`), data entry does not (`linkDecision`
 * alone); `pair-decision.spec.ts` pins both.
 */

/**
 * The thresholds both paths use unless a run is given others, on the calibrated probability, chosen
 * on the tuning seeds (BENCHMARKS.md, "Thresholds on the calibrated probability"): a pair with strong
 * evidence links from 0.8 — every such pair from 0.5 up was one person there —, one without links
 * only from `WITHOUT_STRONG_EVIDENCE`. Below 0.2 a pair is not even reviewed: between 0.2 and 0.5 the
 * pairs were few (21 on four seeds of 20,000 persons) and most were one person; below, hardly any.
 */
export const DEFAULT_LINK_OPTIONS = { auto: 0.8, review: 0.2, maxBlock: 60 };

/**
 * The bar of a pair without strong evidence (a near name, a shared year, a neighbouring commune):
 * on the tuning seeds such pairs were one person 99.1% of the time between 0.9 and 0.95 (one
 * namesake in 110), and every time above 0.95 (780 pairs).
 */
export const WITHOUT_STRONG_EVIDENCE = 0.95;

/** The two thresholds of a decision (calibrated probabilities, review < auto). */
export interface Thresholds {
  auto: number;
  review: number;
}

/** Statuses whose records are linked (a membership that has ended is history, not a person counted). */
export const LINKED_STATUSES = [MemberStatus.ACTIVE, MemberStatus.TEMPORARY, MemberStatus.SUSPENDED];

/** Each decision in words, for the explanation of a stored pair. */
export const VERDICTS: Record<LinkDecision, string> = {
  AUTO: 'đã liên kết tự động thành một người',
  REVIEW: 'cần cán bộ xem xét',
  BRIDGE: 'liên kết qua CSDL dân cư',
  REFUSED: 'không liên kết vì một người không thể có hai số định danh',
  APART:
    'không liên kết: người này đã có một hồ sơ khác của cùng tổ chức mà hai hồ sơ ấy không giống nhau đủ để là một (mỗi tổ chức ghi một hội viên một lần)',
  NAMESAKE:
    'gộp thành một người vì cùng họ tên, năm sinh và xã mà không có gì khác để phân biệt: trong lần chạy này, các cặp như vậy có số định danh phần lớn là cùng một người — cán bộ có thể tách nếu sai',
};

/**
 * Why a pair waits for a person although its probability is high: the words that keep "gần như
 * chắc chắn" and "cần cán bộ xem xét" from contradicting each other on one screen.
 */
export const REVIEW_DESPITE_HIGH =
  'cần cán bộ xem xét: khả năng cao, nhưng hai hồ sơ không có số định danh, số điện thoại hay ngày sinh đầy đủ trùng nhau (người trùng tên, năm sinh cũng giống nhau như vậy), hoặc có một điểm mâu thuẫn';

/**
 * Why this pair waits although its probability is high, by what `linkDecision` saw in it (its
 * contributions' levels): two numbers, two names — never "nothing agrees" beside a shared phone.
 */
export function reviewDespiteHigh(contributions: { field: string; level: string }[]): string {
  const level = (field: string) => contributions.find((c) => c.field === field)?.level;
  const held = contradiction({ name: level('name') as NameLevel, id: level('id') as IdLevel });
  if (held === 'ID') return 'cần cán bộ xem xét: khả năng cao, nhưng hai số định danh khác nhau — một người không có hai số';
  if (held === 'NAME')
    return 'cần cán bộ xem xét: khả năng cao, nhưng họ tên hai hồ sơ khác nhau (gõ sai, hay hai người dùng chung số điện thoại, ngày sinh?) — xem kỹ họ tên';
  if (level('phone') === SimpleLevel.SAME || level('id') === IdLevel.SAME || level('id') === IdLevel.ONE_SLIP)
    return 'cần cán bộ xem xét: khả năng cao, nhưng chưa đến ngưỡng tự động liên kết của lần chạy này';
  // One name, one full date, one commune: strong, unless others bear that name and date (the register's namesakes).
  const sameDate = level('birth') === BirthLevel.SAME_DAY || level('birth') === BirthLevel.SWAPPED;
  if (level('name') === NameLevel.SAME && sameDate && level('commune') === CommuneLevel.SAME)
    return 'cần cán bộ xem xét: khả năng cao, nhưng có người khác cùng họ tên và ngày sinh này (CSDL dân cư) — cần thêm số định danh hoặc số điện thoại';
  // The same full date in two communes: what agrees is said as such, not "no full date agrees".
  if (sameDate) {
    const where =
      level('commune') === CommuneLevel.NEAR
        ? ', ở hai xã lân cận'
        : level('commune') === CommuneLevel.DIFFERENT
          ? ', ở hai xã khác nhau'
          : '';
    return `cần cán bộ xem xét: khả năng cao, nhưng ngoài ngày sinh đầy đủ trùng nhau không có số định danh hay số điện thoại trùng${where} — cần thêm số định danh hoặc số điện thoại`;
  }
  return REVIEW_DESPITE_HIGH;
}

/**
 * What a pair of this weight means: how often pairs of this weight were one person on the tuning
 * seeds (never 1). What the decision acts on and what people read.
 */
export function calibratedProbability(weight: number): number {
  return calibrate(CALIBRATION, weight);
}

/** The least weight whose calibrated probability reaches `p`: a threshold for a run that weighs millions of pairs. */
export function weightAtLeast(p: number): number {
  return weightFor(CALIBRATION, p);
}

/**
 * What a scored pair becomes: below the review threshold (calibrated) nothing — it is not even
 * kept; at or above the automatic one linked, unless a contradiction a person must see stands in
 * the way — two 12-digit numbers that differ in two places or more, or two different names without
 * the same number; otherwise, to review. Without strong evidence (`hasStrongEvidence`) a pair
 * links only at `strictAuto`, the higher bar: a near name or a shared year is what namesakes have.
 */
export function linkDecision(
  c: Comparison,
  weight: number,
  t: Thresholds,
  dateShared = false,
  strong = hasStrongEvidence(c, dateShared),
): LinkDecision.AUTO | LinkDecision.REVIEW | null {
  const p = calibratedProbability(weight);
  if (p < t.review) return null;
  const bar = strong ? t.auto : strictAuto(t);
  return p >= bar && !contradiction(c) ? LinkDecision.AUTO : LinkDecision.REVIEW;
}

/** What keeps a pair from linking however likely it is: two 12-digit numbers, or two names without one number. */
export function contradiction(c: Pick<Comparison, 'name' | 'id'>): 'ID' | 'NAME' | null {
  if (c.id === IdLevel.DIFFERENT) return 'ID';
  if (c.name === NameLevel.DIFFERENT && c.id !== IdLevel.SAME) return 'NAME';
  return null;
}

/** The bar of a pair without strong evidence: `WITHOUT_STRONG_EVIDENCE`, or `auto` if a run asks for more. */
export function strictAuto(t: Thresholds): number {
  return Math.max(t.auto, WITHOUT_STRONG_EVIDENCE);
}

/**
 * What namesakes do not share: a number, a phone — or the same name with the same full birth
 * date in the same commune (unless the register knows two people with that name and date). A
 * name one letter off, or born the same day in another commune, is for a person to judge: in a
 * province of a million, thousands of different people share a birth date and a near name.
 */
export function hasStrongEvidence(c: Comparison, dateShared = false): boolean {
  return (
    c.id === IdLevel.SAME ||
    c.id === IdLevel.ONE_SLIP ||
    c.phone === SimpleLevel.SAME ||
    (!dateShared &&
      c.name === NameLevel.SAME &&
      c.commune === CommuneLevel.SAME &&
      (c.birth === BirthLevel.SAME_DAY || c.birth === BirthLevel.SWAPPED))
  );
}

/**
 * How many different people are known to bear the pair's name (`batch/namesakes.ts`), asked only
 * when the decision needs it.
 */
export interface Namesakes {
  /** …born on the pair's birth date (asked only when both records carry that full date). */
  onBirthDate(): number;
  /** …born in the pair's birth year (in the pair's communes when it agrees on one). */
  inBirthYear(): number;
  /** Whether the register covers the pair's commune, so that its namesakes there are all known. */
  registerCovers(): boolean;
}

/**
 * One name, one birth year and one commune, and nobody else of that name and year in the commune
 * as far as a register covering it knows (`namesakesInYear` ≤ 1): the commune's only bearer of the
 * name, which is what a shared number says of a pair elsewhere. Placeholder 01/01 and year-only
 * dates — the upland communes' usual — are read as the year.
 */
export function uniqueInCommune(c: Comparison, namesakesInYear: number, registerCovers: boolean): boolean {
  return (
    c.name === NameLevel.SAME &&
    c.commune === CommuneLevel.SAME &&
    c.organization === SimpleLevel.DIFFERENT &&
    (c.birth === BirthLevel.SAME_YEAR || c.birth === BirthLevel.PLACEHOLDER || c.birth === BirthLevel.SAME_DAY) &&
    namesakesInYear <= 1 &&
    registerCovers
  );
}

/**
 * The batch run's decision: `linkDecision`, where a birth date that namesakes share is no
 * evidence of one person, a name and year the register knows no one else to bear in the commune
 * is (`uniqueInCommune`), and a pair without strong evidence is dropped (null: not even reviewed)
 * when namesakes of that name and year are known. Name, year and commune alone are what namesakes
 * share.
 */
export function batchDecision(
  c: Comparison,
  weight: number,
  t: Thresholds,
  namesakes: Namesakes,
): LinkDecision.AUTO | LinkDecision.REVIEW | null {
  const dateShared = (c.birth === BirthLevel.SAME_DAY || c.birth === BirthLevel.SWAPPED) && namesakes.onBirthDate() > 1;
  if (hasStrongEvidence(c, dateShared)) return linkDecision(c, weight, t, dateShared, true);
  const inYear = namesakes.inBirthYear();
  if (uniqueInCommune(c, inYear, c.commune === CommuneLevel.SAME && namesakes.registerCovers()))
    return linkDecision(c, weight, t, dateShared, true);
  return inYear > 1 ? null : linkDecision(c, weight, t, dateShared, false);
}
