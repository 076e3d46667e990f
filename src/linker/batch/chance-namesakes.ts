import type { LinkName } from '../../common/identity/identity-compare.js';
import type { Records } from './snapshot.js';

/** Made-up entries tried for `namesakesByChance` (enough for a share to ±0.5 %). */
const CHANCE_SAMPLE = 20_000;

/**
 * How often a made-up entry has namesakes in the register by chance: names as rosters write them,
 * each with another record's birth year (chosen by a fixed hash, so the run is repeatable), looked
 * up by full name and year as a record is. Smoothed ((k + 1) / (n + 2)).
 */
export function namesakesByChance(recs: Records, namesakes: (name: LinkName, year: number) => number[] | undefined): number {
  let tried = 0;
  let hits = 0;
  const sample = Math.min(recs.n, CHANCE_SAMPLE);
  for (let k = 0; k < sample && recs.n > 1; k++) {
    const i = Math.floor((k * recs.n) / sample);
    // Another record, chosen by a hash of k: any fixed stride would line names and years up.
    const j = (i + 1 + (scramble(k) % (recs.n - 1))) % recs.n;
    const year = recs.birth[j]?.year;
    if (!year) continue;
    tried++;
    if (namesakes(recs.name[i], year)) hits++;
  }
  return (hits + 1) / (tried + 2);
}

/** A 32-bit integer hash (murmur3's finalizer): repeatable, and without the patterns of a stride. */
function scramble(k: number): number {
  let h = Math.imul(k ^ (k >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
