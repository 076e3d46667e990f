import { ageLimits, allOf, sexOnly } from '../../membership/organization/eligibility-rules.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';

/** Hội Liên hiệp Phụ nữ: women aged 18+; men only as honorary members (hội viên danh dự). */
export const HPN: OrganizationDefinition = {
  code: 'HPN',
  name: 'Hội Liên hiệp Phụ nữ Việt Nam',
  memberTerm: 'hội viên',
  hasIndividualMembers: true,
  profileFields: [{ key: 'honorary', label: 'Hội viên danh dự', type: 'BOOLEAN' }],
  eligiblePopulation: { known: true, label: 'phụ nữ từ 18 tuổi', sex: 'FEMALE', minAge: 18 },
  inactivityMonths: 12,
  checkEligibility: allOf(
    ageLimits({ min: 18 }),
    sexOnly('FEMALE', {
      exceptWhen: (p) => p.honorary === true,
      except: 'trừ hội viên danh dự: nếu đúng vậy, ghi "Có" ở cột Hội viên danh dự hoặc trên hồ sơ',
    }),
  ),
};
