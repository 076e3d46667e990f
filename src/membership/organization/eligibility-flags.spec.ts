import { MemberStatus } from '../status/member-status.js';
import { eligibilityFlags } from './eligibility-flags.js';
import type { EligibilityFacts, OrganizationDefinition } from './organization-definition.js';
import { admissionAge, ageLimits, allOf } from './eligibility-rules.js';

const facts = (birth: string, joinDate: string | null): EligibilityFacts => ({
  birth: { year: Number(birth.slice(0, 4)), month: Number(birth.slice(5, 7)), day: Number(birth.slice(8, 10)), precision: 'DAY' },
  sex: 'MALE',
  joinDate,
  status: MemberStatus.ACTIVE,
  profile: {},
});
const union = { checkEligibility: allOf(admissionAge({ min: 18 }), ageLimits({ max: 60 })) } as unknown as OrganizationDefinition;

describe('eligibility flags (what a write raises at once, as the link run does)', () => {
  it('gives a record one flag per code: joined too young and over the age now are one INELIGIBLE_AGE, a phantom', () => {
    const flags = eligibilityFlags(union, facts('1950-03-01', '1966-05-01'), '2026-12-05');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ code: 'INELIGIBLE_AGE', severity: 'PHANTOM' });
    expect(flags[0].message).toMatch(/Kết nạp .* dưới 18; Đã 76 tuổi, quá độ tuổi tối đa 60/);
  });

  it('keeps joining too young a warning when nothing is wrong now', () => {
    expect(eligibilityFlags(union, facts('1980-03-01', '1996-05-01'), '2026-12-05')).toEqual([
      { code: 'INELIGIBLE_AGE', severity: 'WARNING', message: expect.stringContaining('dưới 18') as unknown },
    ]);
  });
});
