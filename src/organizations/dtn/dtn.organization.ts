import { admissionAge, agedOut, ageLimits, allOf } from '../../membership/organization/eligibility-rules.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';

/**
 * Đoàn TNCS Hồ Chí Minh: admitted at 16–30; past 30 a member goes through trưởng thành (a warning
 * until done); 35 is the limit, except for Đoàn officers (per `Chức vụ`).
 */
/** Trưởng thành after 30: the status `Đã trưởng thành` and the AGED_OUT warning share it. */
const MATURES_AFTER = 30;

export const DTN: OrganizationDefinition = {
  code: 'DTN',
  abbreviation: 'ĐTN',
  name: 'Đoàn TNCS Hồ Chí Minh',
  memberTerm: 'đoàn viên',
  branchTerm: 'chi đoàn',
  duesTerm: 'đoàn phí',
  hasIndividualMembers: true,
  profileFields: [
    { key: 'youthUnionJoinDate', label: 'Ngày vào Đoàn', type: 'DATE' },
    { key: 'memberCardNumber', label: 'Số thẻ đoàn viên', type: 'TEXT' },
  ],
  joinDateField: 'youthUnionJoinDate',
  eligiblePopulation: { known: true, label: 'thanh niên 16–30 tuổi', minAge: 16, maxAge: 30 },
  inactivityMonths: 12,
  maturesAfter: MATURES_AFTER,
  headTitle: 'BÍ THƯ',
  branchSigner: ['TM. BAN CHẤP HÀNH', 'BÍ THƯ'],
  checkEligibility: allOf(
    admissionAge({
      min: 16,
      max: 30,
      admissionDate: (f) => (typeof f.profile.youthUnionJoinDate === 'string' ? f.profile.youthUnionJoinDate : null),
    }),
    // Now under 16: admitted younger than the charter allows, whatever her join date says (or when none is known).
    ageLimits({ min: 16, max: 35, officersExemptFromMax: true }),
    agedOut({ after: MATURES_AFTER, exemptOfficers: true }),
  ),
};
