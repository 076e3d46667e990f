import { happenedOf } from './happened.js';
import { MemberStatus } from './member-status.js';

/**
 * How a confirmed flag ends the membership when she does not say (a data flag has none: the record
 * is corrected instead), by the flag's code (linker/model/phantom.ts `FlagCode`). Here, below the
 * linker, because ending a membership from her page settles the same warnings (member-record's
 * ending-flags.ts `confirmFlagsOfEndings`) as confirming them in Cảnh báo (linker/flags).
 */
export const ENDING: Readonly<Record<string, MemberStatus | undefined>> = {
  DECEASED: MemberStatus.DECEASED,
  INACTIVE: MemberStatus.STRUCK_OFF,
  INELIGIBLE_AGE: MemberStatus.STRUCK_OFF,
  INELIGIBLE_SEX: MemberStatus.STRUCK_OFF,
  NOT_IN_REGISTER: MemberStatus.STRUCK_OFF,
  BULK_ENTRY: MemberStatus.STRUCK_OFF,
  DUPLICATE_IN_ORG: MemberStatus.STRUCK_OFF,
  // What happened to her (happened.ts): a move away ends as a transfer.
  MOVED_AWAY: happenedOf('MOVED_AWAY')!,
  LEFT_WORK: happenedOf('LEFT_WORK')!,
};

/**
 * Whether confirming a flag ends the membership: a data flag is settled by correcting the record; so
 * is an age that is a WARNING (too young on the day of admission, or of age before the year is out):
 * a date to check, not a member who should not be there now.
 */
export const endsOnConfirm = (code: string, severity: string): boolean =>
  !!ENDING[code] && !(code === 'INELIGIBLE_AGE' && severity === 'WARNING');
