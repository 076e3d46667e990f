import type { EligibilityRule } from '../../membership/organization/eligibility-rules.js';
import { allOf } from '../../membership/organization/eligibility-rules.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';

/** Military service must make sense: enlisted before discharged, not before the age of 15. */
const militaryService: EligibilityRule = (facts) => {
  const { enlistmentYear, dischargeYear } = facts.profile;
  if (typeof enlistmentYear === 'number' && typeof dischargeYear === 'number' && dischargeYear < enlistmentYear)
    return [
      { code: 'INELIGIBLE_SERVICE', severity: 'VIOLATION', message: `Năm xuất ngũ ${dischargeYear} trước năm nhập ngũ ${enlistmentYear}` },
    ];
  if (typeof enlistmentYear === 'number' && facts.birth && enlistmentYear - facts.birth.year < 15)
    return [
      {
        code: 'INELIGIBLE_SERVICE',
        severity: 'VIOLATION',
        message: `Năm nhập ngũ ${enlistmentYear} khi mới ${enlistmentYear - facts.birth.year} tuổi`,
      },
    ];
  return [];
};

/** Hội Cựu chiến binh: people with military service; no age limit. */
export const CCB: OrganizationDefinition = {
  code: 'CCB',
  name: 'Hội Cựu chiến binh Việt Nam',
  memberTerm: 'hội viên',
  hasIndividualMembers: true,
  profileFields: [
    // A roster's "Ngày nhập ngũ" (02/1970, a date): its year is kept.
    { key: 'enlistmentYear', label: 'Năm nhập ngũ', type: 'YEAR', aliases: ['ngay nhap ngu', 'thang nam nhap ngu', 'nhap ngu'] },
    {
      key: 'dischargeYear',
      label: 'Năm xuất ngũ',
      type: 'YEAR',
      aliases: ['ngay xuat ngu', 'thang nam xuat ngu', 'xuat ngu', 'phuc vien'],
    },
  ],
  eligiblePopulation: { known: false, why: 'CSDL dân cư không cho biết ai đã phục vụ trong quân đội' },
  inactivityMonths: 12,
  checkEligibility: allOf(militaryService),
};
