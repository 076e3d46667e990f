import { ageLimits, allOf } from '../../membership/organization/eligibility-rules.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';

/** Hội Người cao tuổi: people aged 60 and over. */
export const NCT: OrganizationDefinition = {
  code: 'NCT',
  name: 'Hội Người cao tuổi Việt Nam',
  memberTerm: 'hội viên',
  hasIndividualMembers: true,
  profileFields: [],
  eligiblePopulation: { known: true, label: 'người từ 60 tuổi', minAge: 60 },
  inactivityMonths: 12,
  checkEligibility: allOf(ageLimits({ min: 60 })),
};
