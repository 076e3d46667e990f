// A held row settled by the secretary (issue 17, item 3): she read the preview's candidates and said
// which record the row is, or that it is someone else. Pure: the matches of a batch, her decisions.
import { holdShared } from './known-member-rules.js';
import type { KnownMatch } from './known-members.js';
import type { HeldDecision } from './import.types.js';

/** Where a row is in her file (a decision names the row there: ordinals move when a mapping changes). */
export const placeKey = (sheet: string | null, row: number): string => `${sheet ?? ''}|${row}`;

/** Her decisions by place, the later of two for one row kept. */
export function decisionsByPlace(decisions: HeldDecision[] | null | undefined): Map<string, string | null> {
  return new Map((decisions ?? []).map((d) => [placeKey(d.sheet, d.row), d.code]));
}

/**
 * Each held row she decided: the candidate she named (only one the row was held for: the records may
 * have changed since she looked), or a new record (code null). Two rows then taken for one record are
 * held again, both: one of them is someone else.
 */
export function settleHeld(
  matches: Map<number, KnownMatch>,
  rows: { ordinal: number; place: string }[],
  decisions: Map<string, string | null>,
): void {
  if (!decisions.size) return;
  for (const { ordinal, place } of rows) {
    const m = matches.get(ordinal);
    if (m?.kind !== 'HOLD' || !decisions.has(place)) continue;
    const code = decisions.get(place);
    if (code === null) {
      matches.delete(ordinal);
      continue;
    }
    const chosen = m.candidates.find((c) => c.externalId === code);
    if (chosen) matches.set(ordinal, { kind: 'RECORD', ...chosen, how: 'DECIDED' });
  }
  holdShared(matches);
}
