import type { Sex } from '../../common/identity/id-number.js';
import { ageLimits, allOf, sexOnly } from './eligibility-rules.js';
import type { OrganizationDefinition } from './organization-definition.js';

/** The rules of an association added as data (Chữ thập đỏ, Khuyến học…): no code, no migration. */
export interface AssociationRules {
  minAge?: number;
  maxAge?: number;
  sex?: Sex;
  inactivityMonths?: number;
}

export const DEFAULT_INACTIVITY_MONTHS = 12;

export function associationDefinition(row: {
  code: string;
  name: string;
  memberTerm: string;
  rules: AssociationRules;
}): OrganizationDefinition {
  const { minAge, maxAge, sex, inactivityMonths } = row.rules;
  const rules = [ageLimits({ min: minAge, max: maxAge })];
  if (sex) rules.push(sexOnly(sex));
  return {
    code: row.code,
    name: row.name,
    memberTerm: row.memberTerm,
    hasIndividualMembers: true,
    profileFields: [],
    // An age or sex limit says who may join, not who belongs to the association's public.
    eligiblePopulation: { known: false, why: 'CSDL dân cư không cho biết ai thuộc đối tượng của hội' },
    inactivityMonths: inactivityMonths ?? DEFAULT_INACTIVITY_MONTHS,
    checkEligibility: allOf(...rules),
  };
}
