import { ageLimits, allOf } from '../../membership/organization/eligibility-rules.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';

/** Hội Nông dân: adult farmers (18+, see DOMAIN.md "check"). */
export const HND: OrganizationDefinition = {
  code: 'HND',
  name: 'Hội Nông dân Việt Nam',
  memberTerm: 'hội viên',
  hasIndividualMembers: true,
  profileFields: [],
  eligiblePopulation: { known: false, why: 'CSDL dân cư không cho biết ai làm nông nghiệp' },
  inactivityMonths: 12,
  checkEligibility: allOf(ageLimits({ min: 18 })),
};
