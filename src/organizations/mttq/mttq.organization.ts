import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';

/** Mặt trận Tổ quốc: the umbrella. Its members are organizations and representatives. */
export const MTTQ: OrganizationDefinition = {
  code: 'MTTQ',
  name: 'Mặt trận Tổ quốc Việt Nam',
  memberTerm: 'thành viên',
  hasIndividualMembers: false,
  profileFields: [],
  eligiblePopulation: { known: false, why: 'MTTQ không có hội viên cá nhân' },
  inactivityMonths: 12,
  checkEligibility: () => [],
};
