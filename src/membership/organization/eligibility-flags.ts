import type { EligibilityFacts, OrganizationDefinition } from './organization-definition.js';

/** The flags an organization's rules raise on a member record; the linker's run and the writes that flag at once share them. */
export const ELIGIBILITY_FLAG_CODES = ['INELIGIBLE_AGE', 'INELIGIBLE_SEX', 'AGED_OUT'] as const;
export type EligibilityFlagCode = (typeof ELIGIBILITY_FLAG_CODES)[number];

export interface EligibilityFlag {
  code: EligibilityFlagCode;
  /** PHANTOM: out of the rules for good (a suspected phantom alone); WARNING: a record to check. */
  severity: 'PHANTOM' | 'WARNING';
  message: string;
}

/**
 * A record's eligibility flags on `today` (pure). Ages are counted by the calendar year at the
 * organizations' yearly review: a member who reaches the minimum age before the year is out is a
 * record to watch, not one who should not be there; too young on the day of admission is a record
 * to correct, not a member who should not be there now.
 */
export function eligibilityFlags(def: OrganizationDefinition, facts: EligibilityFacts, today: string): EligibilityFlag[] {
  const issues = def.checkEligibility(facts, today);
  if (!issues.length) return [];
  const yearEnd = `${today.slice(0, 4)}-12-31`;
  // (Read again at the year's end only when today's reading finds a breach: the common case reads once.)
  const breachAtYearEnd = (code: string) => def.checkEligibility(facts, yearEnd).some((x) => x.code === code && !x.atAdmission);
  const flags: EligibilityFlag[] = [];
  // One flag per code (a record has one row of each): a second reason joins the first, and a phantom's severity wins.
  const add = (code: EligibilityFlagCode, severity: EligibilityFlag['severity'], message: string) => {
    const same = flags.find((f) => f.code === code);
    if (!same) flags.push({ code, severity, message });
    else {
      same.message = `${same.message}; ${message}`;
      if (severity === 'PHANTOM') same.severity = 'PHANTOM';
    }
  };
  for (const issue of issues) {
    if (issue.code === 'INELIGIBLE_AGE' || issue.code === 'INELIGIBLE_SEX')
      add(issue.code, issue.atAdmission || !breachAtYearEnd(issue.code) ? 'WARNING' : 'PHANTOM', issue.message);
    else if (issue.code === 'AGED_OUT') add('AGED_OUT', 'WARNING', issue.message);
  }
  return flags;
}
