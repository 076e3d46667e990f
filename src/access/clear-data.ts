import { DomainError } from '../common/errors/domain-error.js';
import { ROSTER_WRITERS } from './access.decorators.js';
import type { Principal } from './principal.js';
import { writeScope, type RecordScope } from './record-scope.js';

/**
 * The one rule for taking clear personal data out of the application — a person's whole data
 * (`exportPersonalData`), a roster with the full CCCD numbers (`POST /exports/<ORG>/cccd.xlsx`): the
 * roster writers (an organization's secretariat, an administrator), within what they may change,
 * for a written reason that the audit log keeps. One number read on screen (`revealIdNumber`) is
 * lighter: any people reader within what it may read, for a reason too.
 */
export const CLEAR_DATA_TAKERS = ROSTER_WRITERS;

/** The records a caller may take clear data of: those it may change (its own organization, or unit subtree). */
export function clearDataScope(caller: Principal): RecordScope {
  return writeScope(caller);
}

export const MIN_REASON = 10;

/** The reason, trimmed; refused (with what to write) when shorter than MIN_REASON characters. */
export function requireReason(reason: string | null | undefined, what: string): string {
  const r = (reason ?? '').trim();
  if (r.length < MIN_REASON)
    throw DomainError.invalidInput([
      {
        field: 'reason',
        value: reason ?? null,
        message: `Lý do: cần ghi rõ lý do ${what} (ít nhất ${MIN_REASON} ký tự, ví dụ "đối chiếu hồ sơ gốc theo đơn ngày 5/11")`,
      },
    ]);
  return r;
}
