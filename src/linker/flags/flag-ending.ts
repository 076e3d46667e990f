import { happenedOf } from '../../membership/status/happened.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import { ENDING, endsOnConfirm } from '../../membership/status/flag-endings.js';

/** How a confirmed flag ends the membership, and whether it does: one rule, in membership/status/flag-endings.ts. */
export { ENDING, endsOnConfirm };

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
