/**
 * The best a linker can do on a seed. Records that show the linker the same fields (name, birth
 * date and its precision, sex, ID number, phone, commune, ethnicity) cannot be told apart, so an
 * oracle that knows the truth but must treat such records alike puts each group of them with the
 * person most of them belong to; every other record keeps its true person. The oracle's pairwise
 * scores are the seed's ceiling: a goal above it cannot be met by any method.
 */
export interface Atom {
  /** The true person (or a label of its own for a record with none). */
  truth: string;
  /** What the record shows, as one string. */
  shows: string;
}

/** For each record, the cluster the oracle gives it. */
export function oracleLabels(atoms: Atom[]): string[] {
  const byShows = new Map<string, Map<string, number>>();
  for (const a of atoms) {
    let persons = byShows.get(a.shows);
    if (!persons) byShows.set(a.shows, (persons = new Map<string, number>()));
    persons.set(a.truth, (persons.get(a.truth) ?? 0) + 1);
  }
  const majority = new Map<string, string>();
  for (const [shows, persons] of byShows) {
    let best = '';
    let most = 0;
    for (const [p, n] of persons) if (n > most || (n === most && p < best)) [best, most] = [p, n];
    majority.set(shows, best);
  }
  return atoms.map((a) => majority.get(a.shows)!);
}
