import { termsOf, type OrganizationDefinition } from './organization-definition.js';
import { FLAG_OUTCOMES, MEMBER_STATUS_INFO, MemberStatus } from '../status/member-status.js';

/**
 * The statuses in one organization's words: the labels of MEMBER_STATUS_INFO, except that
 * `Đã trưởng thành` (MATURED) belongs only to an organization whose members leave by age
 * (`maturesAfter`, Đoàn). Elsewhere it is not offered, and a record ended so before reads
 * `Đã thôi sinh hoạt`: a Hội Nông dân or Hội Người cao tuổi member never "matures".
 */
const ENDED_NOT_BY_AGE = 'Đã thôi sinh hoạt';

/** Whether the organization's members can leave by trưởng thành. */
export const hasMaturity = (def: OrganizationDefinition): boolean => def.maturesAfter !== undefined;

/** Why a status is refused to an organization (MATURED where members do not leave by age), or null. */
export const statusRefusal = (def: OrganizationDefinition, status: MemberStatus): string | null =>
  status === MemberStatus.MATURED && !hasMaturity(def)
    ? `${def.name} không có trưởng thành (không giới hạn tuổi tối đa): chọn trạng thái khác`
    : null;

/** The organization's statuses, in the order a secretary thinks of them. */
export function statusesOf(def: OrganizationDefinition): MemberStatus[] {
  return (Object.keys(MEMBER_STATUS_INFO) as MemberStatus[]).filter((s) => s !== MemberStatus.MATURED || hasMaturity(def));
}

/** What a confirmed phantom flag may mean for the organization's member (no trưởng thành where there is no upper age). */
export function flagOutcomesOf(def: OrganizationDefinition): MemberStatus[] {
  const own = statusesOf(def);
  return FLAG_OUTCOMES.filter((s) => own.includes(s));
}

/** A status's `Trạng thái` label for the organization's records. */
export function statusLabel(status: MemberStatus, def: OrganizationDefinition): string {
  return status === MemberStatus.MATURED && !hasMaturity(def) ? ENDED_NOT_BY_AGE : MEMBER_STATUS_INFO[status].label;
}

/** Who signs a filed roster: `TM. BAN CHẤP HÀNH` over the head's title. */
export const BOARD_AUTHORITY = 'TM. BAN CHẤP HÀNH';
export const headTitle = (def: OrganizationDefinition): string => def.headTitle ?? 'CHỦ TỊCH';
/** Who signs a roster: a base's (or the province's) committee by its head; a branch as the organization says (a chi hội: `CHI HỘI TRƯỞNG`). */
export const rosterSigner = (def: OrganizationDefinition, branch: boolean): string[] =>
  !branch ? [BOARD_AUTHORITY, headTitle(def)] : (def.branchSigner ?? [`${termsOf(def).branch} trưởng`.toUpperCase()]);
