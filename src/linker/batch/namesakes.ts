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

/**
 * How many different people are known to bear a name with a birth date (`yyyy-mm-dd`) or in a
 * birth year (`yyyy`): residents of the register, or records with different 12-digit numbers,
 * whichever says more.
 */
export function namesakeCounter(recs: Records, res: Residents): (nameKey: string, birthKey: string) => number {
  const register = new Map<string, number>();
  const add = (k: string) => register.set(k, (register.get(k) ?? 0) + 1);
  for (let r = 0; r < res.n; r++) {
    const b = res.birth[r];
    add(`${res.name[r].key}|${b?.year ?? ''}`);
    if (b && !b.yearOnly) add(`${res.name[r].key}|${b.key}`);
  }
  const numbers = new Map<string, Set<string>>();
  const addNumber = (k: string, id: string) => {
    const set = numbers.get(k) ?? new Set<string>();
    set.add(id);
    numbers.set(k, set);
  };
  for (let i = 0; i < recs.n; i++) {
    if (recs.idKind[i] !== 'CCCD' || !recs.idHash[i]) continue;
    const b = recs.birth[i];
    addNumber(`${recs.name[i].key}|${b?.year ?? ''}`, recs.idHash[i]!);
    if (b && !b.yearOnly) addNumber(`${recs.name[i].key}|${b.key}`, recs.idHash[i]!);
  }
  return (nameKey, birthKey) => {
    const k = `${nameKey}|${birthKey}`;
    return Math.max(register.get(k) ?? 0, numbers.get(k)?.size ?? 0);
  };
}
