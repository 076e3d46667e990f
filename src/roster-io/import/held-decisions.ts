// A held row settled by the secretary (issue 17, item 3): she read the preview's candidates and said
// which record the row is, or that it is someone else. Pure: the matches of a batch, her decisions.
import { maskWrittenPhone } from '../../common/identity/phone.js';
import { holdShared } from '../../membership/member-record/listed-person/known-member-rules.js';
import type { KnownMatch } from './known-members.js';
import type { HeldDecision } from './import.types.js';
import type { RosterRow } from './roster-row.js';

type Held = Extract<KnownMatch, { kind: 'HOLD' }>;

/**
 * What the plan keeps of a held row (nothing of it is written): its name, its candidates' codes, and
 * what her file says that tells a namesake apart — the birth date as written, the unit, the phone masked.
 */
export function heldValues(row: RosterRow, m: Held): Record<string, unknown> {
  const f = row.fields;
  const said = { birthDate: f.birthDate ?? null, unit: row.unit, phone: f.phone ? maskWrittenPhone(f.phone) : null };
  return { full_name: f.fullName ?? null, candidates: m.candidates.map((c) => c.externalId), said };
}

/** Where a row is in her file (a decision names the row there: ordinals move when a mapping changes). */
export const placeKey = (sheet: string | null, row: number): string => `${sheet ?? ''}|${row}`;

/** Her decisions by place, the later of two for one row kept (one she took back: none). */
export function decisionsByPlace(decisions: HeldDecision[] | null | undefined): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const d of decisions ?? []) {
    if (d.forget) out.delete(placeKey(d.sheet, d.row));
    else out.set(placeKey(d.sheet, d.row), d.code);
  }
  return out;
}

/** A held row as `settleHeld` reads it: where it is (`placeKey`) and its line number in her file. */
export interface HeldPlace {
  ordinal: number;
  place: string;
  row: number;
}

/**
 * Each held row she decided: the candidate she named (only one the row was held for: the records may
 * have changed since she looked), or a new record (code null). A record she gave two rows is given to
 * neither: both are held again with all their candidates, and told why, so that she chooses again.
 */
export function settleHeld(matches: Map<number, KnownMatch>, rows: HeldPlace[], decisions: Map<string, string | null>): void {
  if (!decisions.size) return;
  const decided = new Map<number, { held: Held; row: number }>();
  for (const { ordinal, place, row } of rows) {
    const m = matches.get(ordinal);
    if (m?.kind !== 'HOLD' || !decisions.has(place)) continue;
    const code = decisions.get(place);
    if (code === null) {
      matches.delete(ordinal);
      continue;
    }
    const chosen = m.candidates.find((c) => c.externalId === code);
    if (!chosen) continue;
    matches.set(ordinal, { kind: 'RECORD', ...chosen, how: 'DECIDED' });
    decided.set(ordinal, { held: m, row });
  }
  holdTwice(matches, decided, new Map(rows.map((r) => [r.ordinal, r.row])));
  holdShared(matches);
}

/** A record she gave to several rows (or one the file's own line is): each of her rows held again as it was, with why. */
function holdTwice(matches: Map<number, KnownMatch>, decided: Map<number, { held: Held; row: number }>, rowOf: Map<number, number>): void {
  const byRecord = new Map<string, number[]>();
  for (const [ordinal, m] of matches) if (m.kind === 'RECORD') byRecord.set(m.externalId, [...(byRecord.get(m.externalId) ?? []), ordinal]);
  for (const [code, ordinals] of byRecord) {
    const hers = ordinals.filter((o) => decided.has(o));
    if (ordinals.length < 2 || !hers.length) continue;
    const lines = (os: number[]) => os.map((o) => rowOf.get(o) ?? '?').join(', ');
    const others = ordinals.filter((o) => !decided.has(o));
    // A row matched without her (its own evidence) is named as such: she did not choose it.
    const matched = others.length ? `; dòng ${lines(others)} đã tự khớp với hồ sơ này` : '';
    const reason = `bạn đã chọn hồ sơ '${code}' cho dòng ${lines(hers)}${matched}: một hồ sơ chỉ ứng với một dòng — chọn lại`;
    for (const o of hers) matches.set(o, { ...decided.get(o)!.held, reason });
  }
}
