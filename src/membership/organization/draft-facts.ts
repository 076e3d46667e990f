import { ANY_PRECISION, formatPartialDate, parsePartialDate } from '../../common/dates/partial-date.js';
import type { Sex } from '../../common/identity/id-number.js';
import { MemberStatus } from '../status/member-status.js';
import { POSITION_FIELD, type EligibilityFacts, type OrganizationDefinition, type Profile } from './organization-definition.js';
import { parseProfileValue } from './profile-fields.js';

/** A member not yet saved, as far as the form is filled. */
export interface DraftMember {
  organization: string;
  birthDate?: string | null;
  sex?: Sex | null;
  joinDate?: string | null;
  profile?: { key: string; value: string | null }[] | null;
}

/**
 * What the organization's rules read of a form before it is saved: what does not read yet counts as
 * absent; her Chức vụ counts (an officer may stay past the age limit), and the organization's own
 * Ngày vào (Ngày vào Đoàn) stands for the join date when that is empty, as when the record is saved.
 */
export function draftFacts(def: OrganizationDefinition, input: DraftMember): EligibilityFacts {
  const read = (s: unknown) => {
    const d = typeof s === 'string' && s ? parsePartialDate(s, ANY_PRECISION) : null;
    return d?.ok ? d.value : null;
  };
  const profile: Profile = {};
  for (const field of [POSITION_FIELD, ...def.profileFields]) {
    const typed = input.profile?.find((e) => e.key === field.key)?.value;
    const value = typed ? parseProfileValue(field, typed) : null;
    if (value?.ok && value.value !== null) profile[field.key] = value.value;
  }
  const join = read(input.joinDate) ?? read(def.joinDateField ? profile[def.joinDateField] : null);
  return {
    birth: read(input.birthDate),
    sex: input.sex ?? null,
    status: MemberStatus.ACTIVE,
    profile,
    joinDate: join ? formatPartialDate(join) : null,
  };
}
