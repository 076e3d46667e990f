/**
 * A pure function of a string, remembered for the strings it has seen: rosters repeat their words
 * (family names, syllables, statuses, communes) hundreds of thousands of times. Bounded: when full
 * it forgets everything at once (cheaper than keeping an order, and a roster's words come back).
 */
export function rememberText<T>(fn: (s: string) => T, max = 50_000): (s: string) => T {
  const seen = new Map<string, T>();
  return (s: string): T => {
    let v = seen.get(s);
    if (v === undefined) {
      if (seen.size >= max) seen.clear();
      v = fn(s);
      seen.set(s, v);
    }
    return v;
  };
}
