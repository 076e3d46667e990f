import { admissionAge, ageLimits, allOf } from '../../membership/organization/eligibility-rules.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';

/** Công đoàn: wage earners aged 18+, in one base union (CĐCS) at a time. */
export const CD: OrganizationDefinition = {
  code: 'CD',
  abbreviation: 'CĐ',
  name: 'Công đoàn Việt Nam',
  memberTerm: 'đoàn viên công đoàn',
  branchTerm: 'tổ công đoàn',
  branchSigner: ['TỔ TRƯỞNG'],
  duesTerm: 'đoàn phí công đoàn',
  hasIndividualMembers: true,
  workplaceMembership: true,
  profileFields: [
    { key: 'employer', label: 'Đơn vị công tác', type: 'TEXT' },
    { key: 'baseUnion', label: 'Công đoàn cơ sở', type: 'TEXT' },
  ],
  eligiblePopulation: { known: false, why: 'CSDL dân cư không cho biết ai là người lao động hưởng lương' },
  inactivityMonths: 12,
  checkEligibility: allOf(admissionAge({ min: 18 }), ageLimits({ min: 18 })),
};
