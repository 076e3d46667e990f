import { CommuneLevel, communesOf, type LinkDate } from '../../common/identity/identity-compare.js';
import type { Frequencies } from '../model/model.js';
import type { Records, Residents } from './snapshot.js';

/**
 * How common a name or a birth date is in the snapshot (term frequencies: a common name counts for
 * less), and how many different people are known to share one (namesakes).
 */

/** How many records share each name key and each exact birth date (for the frequency adjustment). */
export function frequencies(recs: Records): Frequencies {
  const names = new Map<string, number>();
  const births = new Map<string, number>();
  for (let i = 0; i < recs.n; i++) {
    names.set(recs.name[i].key, (names.get(recs.name[i].key) ?? 0) + 1);
    const b = recs.birth[i];
    if (b && !b.yearOnly) births.set(b.key, (births.get(b.key) ?? 0) + 1);
  }
  return { total: recs.n, name: (k) => names.get(k) ?? 1, birth: (k) => births.get(k) ?? 1 };
}

/** The keys a name and birth date are counted under: the year, and the full date when there is one. */
const nameBirthKeys = (nameKey: string, b: LinkDate | null): string[] =>
  b && !b.yearOnly ? [`${nameKey}|${b.year}`, `${nameKey}|${b.key}`] : [`${nameKey}|${b?.year ?? ''}`];

/**
 * How many different people are known to bear a name with a birth date (`yyyy-mm-dd`) or in a
 * birth year (`yyyy`): residents of the register, or records with different 12-digit numbers,
 * whichever says more — in the given communes when there are some (two listings in one commune are
 * told apart only by the namesakes who live there), else in the whole province.
 */
export interface NamesakeCounter {
  count(nameKey: string, birthKey: string, communes?: string[]): number;
  /** The register's residents alone of that name and birth key in these communes. */
  residents(nameKey: string, birthKey: string, communes: string[]): number;
  /** Whether the register covers every one of the communes. */
  covers(communes: string[]): boolean;
  /** Whether a record with a year-only date is its organization's only listing of its name and year in its commune. */
  listedOnce(record: number): boolean;
}

export function namesakeCounter(recs: Records, res: Residents): NamesakeCounter {
  const register = new Map<string, number>();
  const add = (k: string) => register.set(k, (register.get(k) ?? 0) + 1);
  for (let r = 0; r < res.n; r++) {
    for (const k of nameBirthKeys(res.name[r].key, res.birth[r])) {
      add(k);
      if (res.commune[r].code) add(`${k}|${res.commune[r].code}`);
    }
  }
  const numbers = new Map<string, Set<string>>();
  const addNumber = (k: string, id: string) => {
    const set = numbers.get(k) ?? new Set<string>();
    set.add(id);
    numbers.set(k, set);
  };
  for (let i = 0; i < recs.n; i++) {
    if (recs.idKind[i] !== 'CCCD' || !recs.idHash[i]) continue;
    for (const k of nameBirthKeys(recs.name[i].key, recs.birth[i])) {
      addNumber(k, recs.idHash[i]!);
      for (const c of communesOf(recs.commune[i])) addNumber(`${k}|${c}`, recs.idHash[i]!);
    }
  }
  const residents = (nameKey: string, birthKey: string, communes: string[]) => {
    let n = 0;
    for (const c of new Set(communes)) n += register.get(`${nameKey}|${birthKey}|${c}`) ?? 0;
    return n;
  };
  const count = (nameKey: string, birthKey: string, communes?: string[]) => {
    const k = `${nameKey}|${birthKey}`;
    if (!communes) return Math.max(register.get(k) ?? 0, numbers.get(k)?.size ?? 0);
    const ids = new Set<string>();
    for (const c of new Set(communes)) for (const id of numbers.get(`${k}|${c}`) ?? []) ids.add(id);
    return Math.max(residents(nameKey, birthKey, communes), ids.size);
  };
  const listings = yearOnlyListings(recs);
  return {
    count,
    residents,
    covers: (communes) => communes.length > 0 && communes.every((c) => res.communes.has(c)),
    listedOnce: (i) => listings.count(i) === 1,
  };
}

/**
 * The communes whose namesakes can tell a pair apart: both records' when the pair agrees on the
 * commune or its neighbour, none (the whole province) when it does not.
 */
export function pairCommunes(recs: Records, a: number, b: number, level: CommuneLevel): string[] | undefined {
  if (level !== CommuneLevel.SAME && level !== CommuneLevel.NEAR) return undefined;
  return [...communesOf(recs.commune[a]), ...communesOf(recs.commune[b])];
}

/** How many records of a record's organization bear its name and birth year in its commune (year-only dates). */
function yearOnlyListings(recs: Records): { count(record: number): number } {
  const key = (i: number) =>
    `${recs.name[i].key}|${recs.birth[i]?.year ?? ''}|${recs.commune[i].code ?? recs.commune[i].candidates.join(',')}|${recs.org[i]}`;
  const counts = new Map<string, number>();
  for (let i = 0; i < recs.n; i++) if (recs.birth[i]?.yearOnly) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return { count: (i) => counts.get(key(i)) ?? 0 };
}
