import type { LinkDate } from '../../common/identity/identity-compare.js';

/**
 * Deaths found through the register for a record without an ID number (pure): the register's
 * residents of the record's name and birth year are its namesakes, and the other fields — sex, the
 * day of birth where both know it, today's commune (old codes already mapped) — settle which of
 * them the record is. A death is certain only when the namesakes the record can be are all dead
 * and the commune (or the full birth date) singles them out; otherwise it is a weaker signal.
 */

/** One register entry, as the death check reads it. */
export interface RegisterEntry {
  alive: boolean;
  deathDate: string | null;
  birth: LinkDate | null;
  sex: string | null;
  /** Today's commune, or the candidates of an old commune split across several. */
  communes: string[];
}

/** What the record says that can tell namesakes apart. */
export interface RecordForDeath {
  birth: LinkDate | null;
  sex: string | null;
  communes: string[];
}

/** What the register says of the record's death when no ID number decides it. */
export type DeathEvidence =
  /** The dead entry (or entries, all dead) singled out by the other fields. */
  | { kind: 'SETTLED'; deathDate: string | null; namesakes: number; by: DeathSettledBy }
  /** Namesakes the record could be, some of them dead: a signal weighed with the others, not a certainty. */
  | { kind: 'UNSETTLED'; dead: number; alive: number };

/** What singled the dead entry out: the same commune, the same full birth date elsewhere, or another record of the same person. */
export type DeathSettledBy = 'COMMUNE' | 'BIRTH_DATE' | 'PERSON';

/** Whether a register entry can be the person of the record: nothing they both know differs. */
export function couldBe(rec: RecordForDeath, entry: RegisterEntry): boolean {
  if (rec.sex && entry.sex && rec.sex !== entry.sex) return false;
  const a = rec.birth;
  const b = entry.birth;
  if (!a || !b) return true;
  if (a.year !== b.year) return false;
  // A year alone or the 01/01 placeholder fits any day of that year; two full dates must agree (or be swapped).
  if (a.yearOnly || b.yearOnly) return true;
  return (a.month === b.month && a.day === b.day) || (a.month === b.day && a.day === b.month);
}

const sameDay = (a: LinkDate | null, b: LinkDate | null) =>
  !!a && !!b && !a.yearOnly && !b.yearOnly && a.month === b.month && a.day === b.day;
const sharesCommune = (rec: RecordForDeath, e: RegisterEntry) => rec.communes.some((c) => e.communes.includes(c));

/**
 * The death evidence of a record from its namesakes in the register (same folded name and birth
 * year), or null when none it could be is dead. Closest first: in the record's commune to the day,
 * in its commune, then anywhere in the extract (a member listed where the register does not know
 * they moved).
 */
export function deathThroughNamesakes(rec: RecordForDeath, namesakes: RegisterEntry[]): DeathEvidence | null {
  const fits = namesakes.filter((e) => couldBe(rec, e));
  const tiers: [RegisterEntry[], DeathSettledBy | null][] = [
    [fits.filter((e) => sharesCommune(rec, e) && sameDay(rec.birth, e.birth)), 'COMMUNE'],
    [fits.filter((e) => sharesCommune(rec, e)), 'COMMUNE'],
    [fits, null],
  ];
  const [closest, by] = tiers.find(([t]) => t.length) ?? [[], null];
  const dead = closest.filter((e) => !e.alive);
  if (!dead.length) return null;
  if (dead.length < closest.length) return { kind: 'UNSETTLED', dead: dead.length, alive: closest.length - dead.length };
  // Elsewhere, only one entry with the same full birth date settles it; a year alone there stays a signal.
  const settledBy = by ?? (closest.length === 1 && sameDay(rec.birth, closest[0].birth) ? 'BIRTH_DATE' : null);
  if (!settledBy) return { kind: 'UNSETTLED', dead: dead.length, alive: 0 };
  const deathDate =
    dead
      .map((e) => e.deathDate)
      .filter((d): d is string => !!d)
      .sort()
      .at(-1) ?? null;
  return { kind: 'SETTLED', deathDate, namesakes: fits.length, by: settledBy };
}
