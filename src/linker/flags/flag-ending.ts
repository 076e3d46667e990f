import { happenedOf } from '../../membership/status/happened.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import type { FlagCode } from '../model/phantom.js';

/** How a confirmed flag ends the membership when she does not say (a data flag has none: the record is corrected instead). */
export const ENDING: Partial<Record<FlagCode, MemberStatus>> = {
  DECEASED: MemberStatus.DECEASED,
  INACTIVE: MemberStatus.STRUCK_OFF,
  INELIGIBLE_AGE: MemberStatus.STRUCK_OFF,
  INELIGIBLE_SEX: MemberStatus.STRUCK_OFF,
  NOT_IN_REGISTER: MemberStatus.STRUCK_OFF,
  BULK_ENTRY: MemberStatus.STRUCK_OFF,
  DUPLICATE_IN_ORG: MemberStatus.STRUCK_OFF,
  // What happened to her (membership/status/happened.ts): a move away ends as a transfer.
  MOVED_AWAY: happenedOf('MOVED_AWAY')!,
  LEFT_WORK: happenedOf('LEFT_WORK')!,
};

/**
 * Whether confirming a flag ends the membership: a data flag is settled by correcting the record; so
 * is an age that is a WARNING (too young on the day of admission, or of age before the year is out):
 * a date to check, not a member who should not be there now.
 */
export const endsOnConfirm = (code: string, severity: string): boolean =>
  !!ENDING[code as FlagCode] && !(code === 'INELIGIBLE_AGE' && severity === 'WARNING');

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const PARTIAL_DAY = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** What the evidence says happened, and the day it dates it (null when it gives no whole day): the register's death date, a roster note's day. */
export interface EvidencedEnding {
  outcome: MemberStatus;
  date: string | null;
  /** When it happened to the precision the evidence gives (`2026`, `2026-03`, `2026-03-15`): a month alone is no day to end on. */
  when: string | null;
}

/** The flag's evidence read as an ending: a death from the register (`deathDate`) or a note (`when`), a move away from a note. */
export function evidencedEnding(code: string, evidence: Record<string, unknown> | null | undefined): EvidencedEnding | null {
  const outcome = happenedOf(code);
  if (!outcome) return null;
  const day = [evidence?.deathDate, evidence?.when].find((d): d is string => typeof d === 'string' && ISO_DAY.test(d));
  const when = [evidence?.deathDate, evidence?.when].find((d): d is string => typeof d === 'string' && PARTIAL_DAY.test(d));
  return { outcome, date: day ?? null, when: when ?? null };
}

/**
 * The day a confirmation ends the membership from: the day she gives; else the day the evidence
 * dates what happened, when she confirms it as that (a death on the register's death date); else today.
 */
export function confirmationDate(
  code: string,
  evidence: Record<string, unknown> | null | undefined,
  outcome: MemberStatus,
  given: string | null | undefined,
  today: string,
): string {
  const evidenced = evidencedEnding(code, evidence);
  return given?.trim() || (evidenced?.outcome === outcome ? evidenced.date : null) || today;
}
