import type { PartialDate } from '../../common/dates/partial-date.js';
import type { Sex } from '../../common/identity/id-number.js';
import type { MemberStatus } from '../status/member-status.js';

/** The kinds of value an organization's own profile field holds. */
export type ProfileFieldType = 'TEXT' | 'BOOLEAN' | 'YEAR' | 'DATE';

export interface ProfileFieldDefinition {
  /** API key (camelCase English). */
  key: string;
  /** The Vietnamese label, also the import column header. */
  label: string;
  type: ProfileFieldType;
  /** Other headers rosters give the column (folded: accents, case and spaces aside). */
  aliases?: string[];
}

export type ProfileValue = string | number | boolean;
export type Profile = Record<string, ProfileValue>;

/** What eligibility rules look at; all pure data. */
export interface EligibilityFacts {
  birth: PartialDate | null;
  sex: Sex | null;
  /** Admission, if known, with its precision: `2005`, `2005-03` or `2005-03-15` (a stored `yyyy-mm-dd` reads as a day). */
  joinDate: string | null;
  status: MemberStatus;
  profile: Profile;
}

export type EligibilityCode = 'INELIGIBLE_AGE' | 'INELIGIBLE_SEX' | 'AGED_OUT' | 'INELIGIBLE_SERVICE';

export interface EligibilityIssue {
  code: EligibilityCode;
  /** WARNING: to act on (e.g. trưởng thành due); VIOLATION: against the organization's rules. */
  severity: 'WARNING' | 'VIOLATION';
  message: string;
  /** About the day of admission (joined too young), not about the member now. */
  atAdmission?: boolean;
}

/**
 * The people of the population register an organization could reach (age on the day counted,
 * sex), or why the register cannot say (it knows no occupation, service or farm).
 */
export type EligiblePopulation =
  { known: true; label: string; sex?: Sex; minAge?: number; maxAge?: number } | { known: false; why: string };

/**
 * What differs between organizations. The core knows this shape and nothing of any one
 * organization; each `src/organizations/<code>/` folder exports one of these.
 */
export interface OrganizationDefinition {
  code: string;
  /** How its name is shortened in tables and charts, as people write it (CĐ, ĐTN); none: its code (HPN, HND). */
  abbreviation?: string;
  name: string;
  /** đoàn viên / hội viên / đoàn viên công đoàn. */
  memberTerm: string;
  /** Its branch and its dues as its members say them (chi đoàn, đoàn phí); none: a Hội's `chi hội`, `hội phí`. */
  branchTerm?: string;
  duesTerm?: string;
  /** MTTQ's members are organizations: it keeps units but no individual records. */
  hasIndividualMembers: boolean;
  /** Organization-specific profile fields (besides `position`, which every organization has). */
  profileFields: ProfileFieldDefinition[];
  /** The profile field that is its own name for Ngày vào (Đoàn: `Ngày vào Đoàn`): given without a Ngày vào, it is the join date too. */
  joinDateField?: string;
  /** Who the population register says could join: the denominator of tỷ lệ tập hợp. */
  eligiblePopulation: EligiblePopulation;
  /** Months without activity or dues after which a record counts as inactive. */
  inactivityMonths: number;
  /**
   * The age after which a member leaves by trưởng thành (Đoàn: 30): only then is `Đã trưởng thành`
   * (MATURED) one of the organization's statuses. None: it has no upper age (Hội Nông dân, Hội Người cao tuổi…).
   */
  maturesAfter?: number;
  /** Its head's title above the signature of a filed roster (Đoàn: `BÍ THƯ`); none: `CHỦ TỊCH`, as a Hội and Công đoàn say. */
  headTitle?: string;
  /**
   * Who signs a branch's roster (Đoàn: its committee's `BÍ THƯ`, as a chi đoàn has one; Công đoàn: `TỔ TRƯỞNG`);
   * none: the branch's head alone, `CHI HỘI TRƯỞNG`.
   */
  branchSigner?: string[];
  /** Membership goes with the job (Công đoàn): a member who left it or retired leaves; a roster's `nghỉ việc` says so. */
  workplaceMembership?: boolean;
  /** Rule check against the organization's charter, on a day (ISO). */
  checkEligibility(facts: EligibilityFacts, onDay: string): EligibilityIssue[];
}

/** Every organization has `Chức vụ` (position): officers are exempt from some age limits. */
export const POSITION_FIELD: ProfileFieldDefinition = { key: 'position', label: 'Chức vụ', type: 'TEXT' };

/** The words the console speaks to an organization's secretariat: its members, its branches, its dues. */
export interface OrganizationTerms {
  member: string;
  branch: string;
  dues: string;
}

export const termsOf = (def: OrganizationDefinition): OrganizationTerms => ({
  member: def.memberTerm,
  branch: def.branchTerm ?? 'chi hội',
  dues: def.duesTerm ?? 'hội phí',
});
