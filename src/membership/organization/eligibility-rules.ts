import { ageOn, ANY_PRECISION, formatVnPartialDate, latestDay, parsePartialDate, toStoredDate } from '../../common/dates/partial-date.js';
import { foldText } from '../../common/text/vietnamese-text.js';
import type { Sex } from '../../common/identity/id-number.js';
import { MEMBER_STATUS_INFO } from '../status/member-status.js';
import type { EligibilityFacts, EligibilityIssue, Profile } from './organization-definition.js';

/**
 * Building blocks for eligibility rules, shared by every organization module and by
 * associations defined as data. Each returns the issues it finds; none throws.
 */
export type EligibilityRule = (facts: EligibilityFacts, onDay: string) => EligibilityIssue[];

/** A `Chức vụ` that names an office (Bí thư, Phó bí thư, Chi hội trưởng…), not plain membership. */
export function isOfficer(profile: Profile): boolean {
  const p = typeof profile.position === 'string' ? foldText(profile.position) : '';
  return p !== '' && !['doan vien', 'hoi vien', 'thanh vien', 'doan vien cong doan'].includes(p);
}

const describeAge = (a: { min: number; max: number }) => (a.min === a.max ? `${a.min}` : `${a.min}–${a.max}`);

/** Applies only while the membership has not ended. */
const whileMember =
  (rule: EligibilityRule): EligibilityRule =>
  (facts, onDay) =>
    MEMBER_STATUS_INFO[facts.status].ends ? [] : rule(facts, onDay);

/** Age limits now: `min` years old at least, `max` at most (officers exempt from max if asked). */
export function ageLimits(opts: { min?: number; max?: number; officersExemptFromMax?: boolean }): EligibilityRule {
  return whileMember((facts, onDay) => {
    if (!facts.birth) return [];
    const age = ageOn(facts.birth, onDay);
    if (opts.min !== undefined && age.max < opts.min)
      return [
        { code: 'INELIGIBLE_AGE', severity: 'VIOLATION', message: `Mới ${describeAge(age)} tuổi, dưới độ tuổi tối thiểu ${opts.min}` },
      ];
    if (opts.max !== undefined && age.min > opts.max && !(opts.officersExemptFromMax && isOfficer(facts.profile)))
      return [{ code: 'INELIGIBLE_AGE', severity: 'VIOLATION', message: `Đã ${describeAge(age)} tuổi, quá độ tuổi tối đa ${opts.max}` }];
    return [];
  });
}

/**
 * Age at admission (join date, or another date the organization keeps). A year or a month of
 * admission bounds the age by its first and last day: only an age surely out of the limits is an issue.
 */
export function admissionAge(opts: {
  min?: number;
  max?: number;
  admissionDate?: (facts: EligibilityFacts) => string | null;
}): EligibilityRule {
  return (facts) => {
    const day = opts.admissionDate?.(facts) ?? facts.joinDate;
    const admitted = day ? parsePartialDate(day, ANY_PRECISION) : null;
    if (!facts.birth || !admitted?.ok) return [];
    const a = admitted.value;
    const age = { min: ageOn(facts.birth, toStoredDate(a)).min, max: ageOn(facts.birth, latestDay(a)).max };
    // Said as a secretary writes it (26/03/2016, 03/2016, 2016): an ISO date reads as a number, and masking would take it for one.
    const when = `${{ DAY: 'ngày', MONTH: 'tháng', YEAR: 'năm' }[a.precision]} ${formatVnPartialDate(a)}`;
    if (opts.min !== undefined && age.max < opts.min)
      return [
        {
          code: 'INELIGIBLE_AGE',
          severity: 'VIOLATION',
          message: `Kết nạp ${when} khi mới ${describeAge(age)} tuổi, dưới ${opts.min}`,
          atAdmission: true,
        },
      ];
    if (opts.max !== undefined && age.min > opts.max)
      return [
        {
          code: 'INELIGIBLE_AGE',
          severity: 'VIOLATION',
          message: `Kết nạp ${when} khi đã ${describeAge(age)} tuổi, quá ${opts.max}`,
          atAdmission: true,
        },
      ];
    return [];
  };
}

/** Only one sex may be a member, unless a profile flag (e.g. honorary member, `except` naming it) says otherwise. */
export function sexOnly(sex: Sex, opts: { exceptWhen?: (profile: Profile) => boolean; except?: string } = {}): EligibilityRule {
  return whileMember((facts) => {
    if (!facts.sex || facts.sex === sex || opts.exceptWhen?.(facts.profile)) return [];
    const who = facts.sex === 'MALE' ? 'nam' : 'nữ';
    return [
      {
        code: 'INELIGIBLE_SEX',
        severity: 'VIOLATION',
        message: `Hội viên là ${who}, tổ chức chỉ kết nạp ${sex === 'MALE' ? 'nam' : 'nữ'}${opts.except ? ` (${opts.except})` : ''}`,
      },
    ];
  });
}

/** Past an age a member should have left in the normal way (Đoàn's trưởng thành): a warning. */
export function agedOut(opts: { after: number; exemptOfficers?: boolean }): EligibilityRule {
  return whileMember((facts, onDay) => {
    if (!facts.birth) return [];
    const age = ageOn(facts.birth, onDay);
    if (age.min <= opts.after || (opts.exemptOfficers && isOfficer(facts.profile))) return [];
    return [
      { code: 'AGED_OUT', severity: 'WARNING', message: `Đã ${describeAge(age)} tuổi, quá ${opts.after}: cần làm thủ tục trưởng thành` },
    ];
  });
}

/**
 * Runs several rules; an INELIGIBLE_AGE about the member now hides the milder AGED_OUT warning. One
 * about the day of admission does not: joined too young says nothing of being past the age now,
 * and a secretary who corrects the join date must still learn that he is.
 */
export function allOf(...rules: EligibilityRule[]): EligibilityRule {
  return (facts, onDay) => {
    const issues = rules.flatMap((r) => r(facts, onDay));
    return issues.some((i) => i.code === 'INELIGIBLE_AGE' && !i.atAdmission) ? issues.filter((i) => i.code !== 'AGED_OUT') : issues;
  };
}
